"""上报事件: the small dialog that sends on an issue found at the doorstep. It starts from the
issue's words and the household's address; the worker picks how urgent it is and who should
handle it. The report logic is `gridapp.event_report`; this is only widgets."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from gridapp import codes
from gridapp.drafts import DraftSaver
from gridapp.event_report import EventCheck, EventEntry, check_event, report_event
from gridapp.models.visit import VisitRecord
from ui.household_form import RecordDialog
from ui.i18n import code_label
from ui.worker import Runner


def _combo(parent: QWidget, name: str, table: dict[str, str], current: str, *, blank: str = "") -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    if blank:
        box.addItem(blank, "")
    for code, label in table.items():
        box.addItem(code_label(label), code)
    box.setCurrentIndex(max(0, box.findData(current)))
    # The longest unit name must not make the dialog wider than the screen: the list opens wide.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)
    box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
    return box


class EventDialog(RecordDialog):
    """Send issue `issue_index` of the saved visit draft `visit` on as an event report; on 上报 the
    report and the visit's link to it are saved together."""

    def __init__(self, runner: Runner, saver: DraftSaver, visit: VisitRecord, issue_index: int, entry: EventEntry,
                 event_id: str, at: datetime, parent: QWidget | None = None) -> None:
        super().__init__(runner, QCoreApplication.translate("EventDialog", "上报事件"), parent)
        self.saver, self.visit, self.issue_index = saver, visit, issue_index
        self.event_id, self.at = event_id, at
        issue = visit.issues[issue_index]
        kind = QLabel(code_label(codes.ISSUE_CATEGORY.get(issue.category or "", "")), self.body)
        kind.setObjectName("category")
        self.add_row("category", self.tr("事件类别"), kind)
        self.urgency = _combo(self.body, "urgency", codes.EVENT_URGENCY, entry.urgency)
        self.add_row("urgency", self.tr("紧急程度"), self.urgency)
        self.level = _combo(self.body, "level", codes.HANDLING_LEVEL, entry.level)
        self.add_row("level", self.tr("由谁处置"), self.level)
        self.target = _combo(self.body, "target_unit", codes.TARGET_UNIT, entry.target_unit,
                             blank=self.tr("（由乡镇派遣，可不选）"))
        self.add_row("target_unit", self.tr("建议去向"), self.target)
        self.location = self._line("location", self.tr("地点"), entry.location)
        self.description = self._line("description", self.tr("事件描述"), entry.description)
        self.add_note(self.tr("上报后由乡镇综治中心接收和派遣；重大紧急的事情请同时电话报告。"))
        for box in (self.urgency, self.level, self.target):
            box.currentIndexChanged.connect(self.recheck)
        self.save_button.setText(self.tr("上报"))
        self.finish_rows()
        # Room for two lines of messages under the fields, so they appear without a scroll bar.
        screen = self.screen().availableGeometry().height() if self.screen() else 10_000
        self.resize(self.width(), min(self.height() + 2 * self.fontMetrics().lineSpacing(), screen - 80))

    def entry(self) -> EventEntry:
        return EventEntry(urgency=self.urgency.currentData() or "", level=self.level.currentData() or "",
                          target_unit=self.target.currentData() or "", location=self.location.text(),
                          description=self.description.text())

    def check(self) -> EventCheck:  # type: ignore[override]
        return check_event(self.visit, self.issue_index, self.entry(), event_id=self.event_id, report_no=None,
                           at=self.at)

    def save_call(self, check: EventCheck):  # type: ignore[override]
        saver, visit, index, report = self.saver, self.visit, self.issue_index, check.record
        return lambda store: report_event(store, saver, visit, index, report)

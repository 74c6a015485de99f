"""The meeting's facts (会议): type, hamlet, number, time, place, notice and the people who convened,
chaired and recorded it; choosing the hamlet brings its roster (households and people)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit

from gridapp import codes
from gridapp.minutes_doc import Roster, hamlet_roster, next_meeting_no
from ui.meeting_fields import OptionalDate, code_combo, set_code


class MeetingFacts:
    """The minutes form's meeting section and the hamlet's roster (a part of `MeetingForm`)."""

    _people: tuple[str | None, str | None, str | None] = (None, None, None)
    _checked: set[str] = set()

    def _meeting_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("会议"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.meeting_type = code_combo(codes.MEETING_TYPE)
        self.meeting_type.setObjectName("meeting_type")
        set_code(self.meeting_type, "hamlet_micro_deliberation")
        self.hamlet = QComboBox()
        self.hamlet.setObjectName("hamlet")
        self.meeting_no_label = QLabel(self.tr("（自动编号）"))
        self.meeting_no_label.setObjectName("meeting_no")
        self.meeting_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.held_at = QDateTimeEdit()
        self.held_at.setObjectName("held_at")
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = QDateTime.currentDateTime()
        self.held_at.setDateTime(QDateTime(now.date(), QTime(now.time().hour(), 0)))
        self.location = QLineEdit()
        self.location.setObjectName("location")
        self.location.setPlaceholderText(self.tr("例如：屯文化室"))
        self.noticed_on = OptionalDate()
        self.noticed_on.setObjectName("noticed_on")
        self.notice_method = code_combo(codes.NOTICE_METHOD, blank=self.tr("通知方式"))
        notice = QHBoxLayout()
        notice.addWidget(self.noticed_on)
        notice.addWidget(self.notice_method, 1)
        self.convener, self.chair, self.recorder = (QComboBox() for _ in range(3))
        for combo, name in ((self.convener, "convener"), (self.chair, "chair"), (self.recorder, "recorder")):
            combo.setObjectName(name)
            # a long name must not widen the whole form: the combo shrinks, its list shows all
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self._row(form, self.tr("会议类型"), self.meeting_type, "meeting_type")
        self._row(form, self.tr("屯/组"), self.hamlet, "hamlet")
        self._row(form, self.tr("议事编号"), self.meeting_no_label, "meeting_no")
        self._row(form, self.tr("会议时间"), self.held_at, "held_at")
        self._row(form, self.tr("地点"), self.location, "location")
        self._row(form, self.tr("通知日期"), notice, "notice")
        for text, combo in ((self.tr("召集人"), self.convener), (self.tr("主持人"), self.chair),
                            (self.tr("记录人"), self.recorder)):
            form.addRow(QLabel(text), combo)  # one per row: three side by side overflow at large text
        form.addRow(self._error("people"))
        self.meeting_type.currentIndexChanged.connect(self._fit_basis)
        self.meeting_type.currentIndexChanged.connect(self._changed)
        self.hamlet.currentIndexChanged.connect(self._hamlet_chosen)
        self.held_at.dateTimeChanged.connect(self._changed)
        self.location.textChanged.connect(self._changed)
        self.noticed_on.dateChanged.connect(self._changed)
        self.notice_method.currentIndexChanged.connect(self._changed)
        for combo in (self.convener, self.chair, self.recorder):
            combo.currentIndexChanged.connect(self._changed)
        return box

    def _hamlets_arrived(self, hamlets: list[str]) -> None:
        self._loading = True
        current = self.hamlet.currentText() or self._want_hamlet
        self.hamlet.clear()
        self.hamlet.addItems(hamlets)
        if current and current not in hamlets:
            self.hamlet.addItem(current)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findText(current or "")))
        self._loading = False
        if self.loaded:
            self._hamlet_chosen()
    def _hamlet_chosen(self, _index: int = 0, *, keep: bool = False) -> None:
        if self._loading or not self.loaded:
            return
        hamlet = self.hamlet.currentText()
        if not keep:
            self._checked = set(self.households.checked)
            self._people = (self.convener.currentData(), self.chair.currentData(), self.recorder.currentData())
        if not hamlet:
            self._refresh()
            return
        self.runner.query(lambda store: hamlet_roster(store, hamlet), self._roster_arrived)

    def _roster_arrived(self, roster: Roster) -> None:
        if roster.hamlet != self.hamlet.currentText():
            return  # the worker picked another hamlet meanwhile
        self._loading = True
        self.roster = roster
        self.households.set_lines(roster.households, self._checked)
        for combo, chosen in zip((self.convener, self.chair, self.recorder), self._people):
            combo.clear()
            combo.addItem(self.tr("请选择"), None)
            for person in roster.people:
                combo.addItem(person.name, person.id)
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(self.tr("（名单外人员）"), chosen)
            set_code(combo, chosen)
        self.consent_pick.clear()
        for h in roster.households:
            self.consent_pick.addItem(h.head_name, h.id)
        for row in self.consent_rows:
            row.label.setText(next((h.head_name for h in roster.households if h.id == row.household_id),
                                   row.label.text()))
        self._loading = False
        new_village = roster.village_code and roster.village_code != self.village_code
        if self.base is None and (new_village or not self.meeting_no) and roster.village_code:
            village, year = roster.village_code, self.held_at.date().year()
            self.village_code = village
            self.runner.query(lambda store: next_meeting_no(store, village, year), self._number_arrived)
        self._refresh()

    def _number_arrived(self, number: str) -> None:
        if self.base is None and number.startswith(self.village_code):
            self.meeting_no = number
            self._refresh()


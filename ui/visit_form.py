"""The doorstep quick-entry form of one visit (入户走访): the household found by name, the visit's
facts, issues found, a summary; saved as a draft about a second after the last keystroke,
completed (sealed) with Ctrl+Enter, corrected with a reason once sealed, and a dispute found
turned into a mediation case. The record logic is `gridapp.visit_entry`; this is only widgets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDateEdit, QDateTimeEdit, QFormLayout, QFrame, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from gridapp import codes
from gridapp.errors import InvalidRecord, Problem
from gridapp.event_report import entry_for, reports_of_visit
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.models.visit import VisitRecord
from gridapp.states import state_label
from gridapp.visit_entry import (
    DISPUTE_CATEGORY, DISPUTE_FOUND, HouseholdChoice, VisitCheck, VisitEntry, VisitSaver, amend_visit,
    check_visit, entry_of, find_households, form_field, household_choice, new_visit, now_in_china, open_case,
)
from ui.errors import message_for
from ui.event_dialog import EventDialog
from ui.i18n import code_label, words
from ui.visit_issues import IssuesEditor
from ui.worker import Runner

AUTOSAVE_MS = 700  # a draft is saved this long after the last keystroke
SEARCH_MS = 150
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"
FIELDS = ("household", "started_at", "visit_mode", "interviewee", "purposes", "policy", "risk",
          "dispute_screening", "notice_given", "issues", "summary", "next_visit_due", "amend_reason", "form")


def _qdatetime(moment: datetime) -> QDateTime:
    """The wall-clock time in 融安 (+08:00), whatever the laptop's own time zone."""
    local = moment.astimezone(CHINA_TZ)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _pydatetime(value: QDateTime) -> datetime:
    return value.toPython().replace(second=0, microsecond=0, tzinfo=CHINA_TZ)


class VisitForm(QWidget):
    """`record_loaded(id)` after a visit is shown; `open_requested(type, id)` asks the window to
    show a record (the case a dispute opened)."""

    record_loaded = Signal(str)
    saved = Signal(str)
    open_requested = Signal(str, str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("visit_form")
        self.base: VisitRecord = new_visit()
        self.household: HouseholdChoice | None = None
        self.saver = VisitSaver(self.base.id)
        self.errors: dict[str, QLabel] = {}
        self._loading = False
        self._dirty = False
        self._amending = False
        self._choices: dict[str, str] = {}  # completer label → household id
        self._search_generation = 0
        self.event_dialog: EventDialog | None = None
        self._build()
        self._wire()
        self.new_visit()

    # ---------------------------------------------------------------- building

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"{name}_error")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.hide()
        self.errors[name] = label
        return label

    def _with_error(self, name: str, *widgets: QWidget, compact: bool = False) -> QWidget:
        """The field's widgets with its message line under them (full width, so it wraps)."""
        box = QWidget(self)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        grows = not compact and isinstance(widgets[0], (QLineEdit, QPlainTextEdit, IssuesEditor))
        for i, widget in enumerate(widgets):
            row.addWidget(widget, 1 if grows and i == 0 else 0)
        if not grows:
            row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self._error_label(name))
        return box

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("state")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state_label)

        self.household_edit = QLineEdit(self)
        self.household_edit.setObjectName("household")
        self.household_edit.setPlaceholderText(self.tr("输入户主姓名或地址，从列表中选"))
        self.household_edit.setClearButtonEnabled(True)
        self.completer_model = QStringListModel(self)
        self.completer = QCompleter(self.completer_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.household_edit.setCompleter(self.completer)
        self.open_household = QPushButton(self.tr("查看该户"), self)
        self.open_household.setObjectName("open_household")

        self.started_at = QDateTimeEdit(self)
        self.started_at.setObjectName("started_at")
        self.started_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started_at.setCalendarPopup(True)
        self.visit_mode = QComboBox(self)
        self.visit_mode.setObjectName("visit_mode")
        for code, label in codes.VISIT_MODE.items():
            self.visit_mode.addItem(code_label(label), code)
        self.interviewee = QComboBox(self)
        self.interviewee.setObjectName("interviewee")
        self.interviewee.setEditable(True)
        self.interviewee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.interviewee.setMinimumContentsLength(12)
        self.interviewee.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.interviewee.lineEdit().setPlaceholderText(self.tr("选择或输入姓名"))

        purposes = QWidget(self)
        grid = QGridLayout(purposes)
        grid.setContentsMargins(0, 0, 0, 0)
        self.purpose_boxes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(codes.VISIT_PURPOSE.items()):
            box = QCheckBox(code_label(label), purposes)
            box.setObjectName(f"purpose_{code}")
            self.purpose_boxes[code] = box
            grid.addWidget(box, i // 2, i % 2)
        self.policy = QLineEdit(self)
        self.policy.setObjectName("policy")
        self.policy.setPlaceholderText(self.tr("宣讲了哪项政策"))
        self.risk = QLineEdit(self)
        self.risk.setObjectName("risk")
        self.risk.setPlaceholderText(self.tr("重点对象近况、风险跟进情况"))

        self.screening = QComboBox(self)
        self.screening.setObjectName("dispute_screening")
        self.screening.addItem(self.tr("（未排查）"), "")
        for code, label in codes.DISPUTE_SCREENING.items():
            self.screening.addItem(code_label(label), code)
        self.to_case = QPushButton(self.tr("转调解案件"), self)
        self.to_case.setObjectName("to_case")
        self.cases_label = QLabel(self)
        self.cases_label.setObjectName("cases")
        self.cases_label.setWordWrap(True)

        self.notice = QComboBox(self)
        self.notice.setObjectName("notice_given")
        self.notice.addItem(self.tr("（请选择）"), None)
        self.notice.addItem(self.tr("已告知受访人个人信息的用途"), True)
        self.notice.addItem(self.tr("未告知"), False)

        self.issues = IssuesEditor(self)
        self.issues.setObjectName("issues")

        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("走访小结：了解到的情况、做了什么、还要跟进什么（至少10个字）"))
        lines = self.summary.fontMetrics().lineSpacing()
        self.summary.setMinimumHeight(lines * 5)

        self.has_next = QCheckBox(self.tr("约定下次走访"), self)
        self.has_next.setObjectName("has_next_visit")
        self.next_visit = QDateEdit(self)
        self.next_visit.setObjectName("next_visit_due")
        self.next_visit.setDisplayFormat("yyyy-MM-dd")
        self.next_visit.setCalendarPopup(True)

        self.photos = self._photos_box()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("走访户"), self._with_error("household", self.household_edit, self.open_household))
        form.addRow(self.tr("走访时间"), self._with_error("started_at", self.started_at))
        form.addRow(self.tr("走访方式"), self._with_error("visit_mode", self.visit_mode))
        form.addRow(self.tr("受访人"), self._with_error("interviewee", self.interviewee))
        form.addRow(self.tr("走访事由"), self._with_error("purposes", purposes))
        self.policy_row = self._with_error("policy", self.policy)
        self.risk_row = self._with_error("risk", self.risk)
        form.addRow(self.tr("政策宣讲"), self.policy_row)
        form.addRow(self.tr("风险跟进"), self.risk_row)
        screening = self._with_error("dispute_screening", self.screening, self.to_case)
        screening.layout().addWidget(self.cases_label)
        form.addRow(self.tr("排查结果"), screening)
        form.addRow(self.tr("告知情况"), self._with_error("notice_given", self.notice))
        form.addRow(self.tr("发现问题"), self._with_error("issues", self.issues))
        form.addRow(self.tr("小结"), self._with_error("summary", self.summary))
        form.addRow(self.tr("下次走访"), self._with_error("next_visit_due", self.has_next, self.next_visit,
                                                         compact=True))
        self._form = form

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addLayout(form)
        column.addWidget(self.photos)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("visit_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)

        self.amend_reason = QLineEdit(self)
        self.amend_reason.setObjectName("amend_reason")
        self.amend_reason.setPlaceholderText(self.tr("更正原因（必填），如：受访人姓名写错"))
        self.submit_amend = QPushButton(self.tr("提交更正"), self)
        self.submit_amend.setObjectName("submit_amend")
        self.cancel_amend = QPushButton(self.tr("取消更正"), self)
        self.cancel_amend.setObjectName("cancel_amend")
        self.amend_bar = QWidget(self)
        amend = QVBoxLayout(self.amend_bar)
        amend.setContentsMargins(0, 0, 0, 0)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("更正原因"), self.amend_bar))
        reason_row.addWidget(self.amend_reason, 1)
        reason_row.addWidget(self.submit_amend)
        reason_row.addWidget(self.cancel_amend)
        amend.addLayout(reason_row)
        amend.addWidget(self._error_label("amend_reason"))
        self.amend_bar.hide()

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"), self)
        self.save_button.setObjectName("save")
        self.complete_button = QPushButton(self.tr("完成 (Ctrl+Enter)"), self)
        self.complete_button.setObjectName("complete")
        self.amend_button = QPushButton(self.tr("更正"), self)
        self.amend_button.setObjectName("amend")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.amend_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self._error_label("form"))
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.amend_bar)
        layout.addLayout(buttons)

        order = [self.household_edit, self.open_household, self.started_at, self.visit_mode, self.interviewee,
                 *self.purpose_boxes.values(), self.policy, self.risk, self.screening, self.to_case, self.notice,
                 *self.issues.focus_chain(), self.summary, self.has_next, self.next_visit, self.amend_reason,
                 self.submit_amend, self.cancel_amend, self.save_button, self.complete_button, self.amend_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _photos_box(self) -> QGroupBox:
        from ui.attachments import AttachmentsPanel

        box = QGroupBox(self.tr("照片"), self)
        box.setObjectName("photos")
        column = QVBoxLayout(box)
        self.photos_note = QLabel(self.tr("先选走访户，草稿保存后即可添加照片。"), box)
        self.photos_note.setObjectName("photos_note")
        self.photos_note.setWordWrap(True)
        column.addWidget(self.photos_note)
        self.attachments = AttachmentsPanel(self.runner, "visit", None, box)
        column.addWidget(self.attachments)
        return box

    def _wire(self) -> None:
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_draft)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_MS)
        self.search_timer.timeout.connect(self._search_households)

        self.household_edit.textEdited.connect(self._household_typed)
        self.completer.activated[str].connect(self._household_picked)
        self.open_household.clicked.connect(
            lambda: self.household and self.open_requested.emit("household", self.household.id))
        self.started_at.dateTimeChanged.connect(self._changed)
        self.visit_mode.currentIndexChanged.connect(self._changed)
        self.interviewee.currentTextChanged.connect(self._changed)
        for box in self.purpose_boxes.values():
            box.toggled.connect(self._changed)
        self.policy.textChanged.connect(self._changed)
        self.risk.textChanged.connect(self._changed)
        self.screening.currentIndexChanged.connect(self._changed)
        self.notice.currentIndexChanged.connect(self._changed)
        self.issues.changed.connect(self._changed)
        self.issues.report_requested.connect(self.report_issue)
        self.summary.textChanged.connect(self._changed)
        self.has_next.toggled.connect(self._next_toggled)
        self.next_visit.dateChanged.connect(self._changed)
        self.to_case.clicked.connect(self.open_dispute_case)
        self.save_button.clicked.connect(self.save_now)
        self.complete_button.clicked.connect(self.complete)
        self.amend_button.clicked.connect(self.start_amend)
        self.submit_amend.clicked.connect(self.submit_amendment)
        self.cancel_amend.clicked.connect(self.cancel_amendment)
        self.amend_reason.returnPressed.connect(self.submit_amendment)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.complete)

    # ---------------------------------------------------------------- showing a visit

    def new_visit(self) -> None:
        """Start a blank visit (now, 入户面访); nothing is saved until a household is chosen."""
        self.flush()
        self._show(new_visit(), None, VisitEntry(started_at=now_in_china(), visit_mode="home"))

    def load(self, record_id: str) -> None:
        """Show a stored visit (read-only when sealed). Unsaved typing in the form is saved first."""
        self.flush()

        def read(store: Any) -> tuple[VisitRecord, HouseholdChoice | None, dict[str, str]]:
            record = store.get(record_id)
            hid = getattr(record, "household_id", None)
            return (record, (household_choice(store, hid) if hid and store.exists(hid) else None),
                    reports_of_visit(store, record))

        self.runner.query(read, lambda found: self._show(found[0], found[1], entry_of(found[0], found[1]), found[2]))

    def _show(self, record: VisitRecord, household: HouseholdChoice | None, entry: VisitEntry,
              report_numbers: dict[str, str] | None = None) -> None:
        """Show `record`; `report_numbers` gives the number of each event report its issues name."""
        self._loading = True
        try:
            self.autosave_timer.stop()
            self._dirty = False
            self._amending = False
            self.base = record
            self.household = household
            self.saver = VisitSaver(record.id, record.version)
            self.attachments.set_owner("visit", record.id if record.created_at else None)
            self.household_edit.setText(household.label if household else "")
            self._fill_members()
            self.started_at.setDateTime(_qdatetime(entry.started_at or now_in_china()))
            self.visit_mode.setCurrentIndex(max(0, self.visit_mode.findData(entry.visit_mode or "home")))
            self.interviewee.setCurrentText(entry.interviewee)
            for code, box in self.purpose_boxes.items():
                box.setChecked(code in entry.purposes)
            self.policy.setText(entry.policy)
            self.risk.setText(entry.risk)
            self.screening.setCurrentIndex(max(0, self.screening.findData(entry.dispute_screening)))
            self.notice.setCurrentIndex({None: 0, True: 1, False: 2}[entry.notice_given])
            self.issues.set_lines(entry.issues, report_numbers)
            self.summary.setPlainText(entry.summary)
            self.has_next.setChecked(entry.next_visit_due is not None)
            due = entry.next_visit_due
            self.next_visit.setDate(QDate(due.year, due.month, due.day) if due
                                    else self.started_at.date().addDays(30))
            self.amend_reason.clear()
            self.show_problems(())
            self.status.clear()
        finally:
            self._loading = False
        self._refresh_state()
        if self.is_stored:
            self.record_loaded.emit(record.id)

    def _fill_members(self) -> None:
        text = self.interviewee.currentText()
        self.interviewee.clear()
        for _pid, name in (self.household.members if self.household else ()):
            self.interviewee.addItem(name)
        self.interviewee.setCurrentText(text)

    @property
    def is_stored(self) -> bool:
        return bool(self.base.created_at)

    @property
    def sealed(self) -> bool:
        return bool(self.base.sealed)

    def _refresh_state(self) -> None:
        editable = not self.sealed or self._amending
        for widget in (self.household_edit, self.policy, self.risk):
            widget.setReadOnly(not editable)
        self.household_edit.setClearButtonEnabled(editable)
        self.summary.setReadOnly(not editable)
        for widget in (self.started_at, self.visit_mode, self.interviewee, self.screening, self.notice,
                       self.has_next, self.issues, *self.purpose_boxes.values()):
            widget.setEnabled(editable)
        self.next_visit.setEnabled(editable and self.has_next.isChecked())
        self.save_button.setVisible(not self.sealed)
        self.complete_button.setVisible(not self.sealed)
        self.amend_button.setVisible(self.sealed and not self._amending)
        self.amend_bar.setVisible(self._amending)
        self.open_household.setEnabled(self.household is not None)
        # A correction is a new record: the photos stay with the sealed original.
        self.attachments.set_read_only(self.sealed or self._amending)
        self.photos_note.setVisible(not self.is_stored)
        self._purposes_shown()
        self._dispute_shown()
        state = code_label(state_label("visit", self.base.state))
        if self._amending:
            self.title.setText(self.tr("更正走访记录"))
        elif not self.is_stored:
            self.title.setText(self.tr("新走访"))
        else:
            self.title.setText(self.tr("走访记录 %1").replace("%1", self.base.visit_no) if self.base.visit_no
                               else self.tr("走访草稿"))
        revision = self.tr("（第%1次更正）").replace("%1", str(self.base.revision - 1)) if self.base.revision > 1 else ""
        self.state_label.setText(state + ("，" + self.tr("已封存") if self.sealed else "") + revision)

    def _purposes_shown(self) -> None:
        self._form.setRowVisible(self.policy_row, self.purpose_boxes["policy_explanation"].isChecked())
        self._form.setRowVisible(self.risk_row, self.purpose_boxes["risk_followup"].isChecked())

    def dispute_found(self) -> bool:
        return self.screening.currentData() == DISPUTE_FOUND or any(
            line.category == DISPUTE_CATEGORY for line in self.issues.lines())

    def _dispute_shown(self) -> None:
        found = self.dispute_found()
        self.to_case.setVisible(found or bool(self.base.dispute_case_ids))
        self.to_case.setEnabled(found and not self.sealed and self.household is not None)
        count = len(self.base.dispute_case_ids)
        self.cases_label.setVisible(count > 0)
        self.cases_label.setText(self.tr("已转调解案件 %1 件").replace("%1", str(count)))

    # ---------------------------------------------------------------- household search

    def _household_typed(self, _text: str) -> None:
        if self.household is not None:
            self.household = None
            self._fill_members()
            self.open_household.setEnabled(False)
            self._changed()
        self.search_timer.start()

    def _search_households(self) -> None:
        self._search_generation += 1
        generation, text = self._search_generation, self.household_edit.text()
        self.runner.query(lambda store: find_households(store, text),
                          lambda found: self._households_found(generation, found))

    def _households_found(self, generation: int, found: list[tuple[str, str]]) -> None:
        if generation != self._search_generation:
            return
        self._choices = {label: hid for hid, label in found}
        self.completer_model.setStringList([label for _hid, label in found])
        if found and self.household_edit.hasFocus():
            self.completer.complete()

    @Slot(str)
    def _household_picked(self, label: str) -> None:
        hid = self._choices.get(label)
        if hid is not None:
            self.choose_household(hid)

    def choose_household(self, household_id: str) -> None:
        """Make `household_id` the visited household (its members become the interviewee choices)."""
        self.runner.query(lambda store: household_choice(store, household_id), self._household_arrived)

    def _household_arrived(self, household: HouseholdChoice) -> None:
        self.household = household
        self._loading = True
        self.household_edit.setText(household.label)
        self._fill_members()
        if not self.interviewee.currentText() and household.members:
            self.interviewee.setCurrentText(household.members[0][1])
        self._loading = False
        self._refresh_state()
        self._changed()

    # ---------------------------------------------------------------- values and problems

    def entry(self) -> VisitEntry:
        return VisitEntry(
            household_id=self.household.id if self.household else None,
            started_at=_pydatetime(self.started_at.dateTime()),
            visit_mode=self.visit_mode.currentData() or "", interviewee=self.interviewee.currentText(),
            purposes=tuple(code for code, box in self.purpose_boxes.items() if box.isChecked()),
            policy=self.policy.text(), risk=self.risk.text(),
            dispute_screening=self.screening.currentData() or "", notice_given=self.notice.currentData(),
            issues=self.issues.lines(), summary=self.summary.toPlainText(),
            next_visit_due=self.next_visit.date().toPython() if self.has_next.isChecked() else None,
        )

    def check(self, *, completing: bool = False) -> VisitCheck:
        return check_visit(self.base, self.entry(), self.household, completing=completing)

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        """Each problem's message next to its field; cleared where nothing is wrong."""
        by_field: dict[str, list[Problem]] = {}
        for problem in sorted(problems, key=lambda p: not p.is_error):
            name = form_field(problem.field)
            by_field.setdefault(name if name in self.errors else "form", []).append(problem)
        for name, label in self.errors.items():
            if name == "amend_reason":
                continue
            found = by_field.get(name, [])
            label.setText("\n".join(words(p.short_message) if p.is_error else self.tr("提示：") + words(p.short_message)
                                    for p in found))
            label.setStyleSheet(ERROR_STYLE if any(p.is_error for p in found) else WARNING_STYLE)
            label.setVisible(bool(found))

    def problem_text(self, name: str) -> str:
        """What is shown next to field `name` ("" when nothing)."""
        label = self.errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    # ---------------------------------------------------------------- saving

    def _next_toggled(self, on: bool) -> None:
        self.next_visit.setEnabled(on and (not self.sealed or self._amending))
        self._changed()

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._purposes_shown()
        self._dispute_shown()
        if self.sealed:
            return
        self._dirty = True
        self.status.setText(self.tr("正在输入…"))
        self.autosave_timer.start()

    @Slot()
    def save_draft(self) -> bool:
        """Save what the form shows as the draft, now; False (problems shown) when it cannot be."""
        self.autosave_timer.stop()
        if self.sealed or not self._dirty:
            return False
        check = self.check()
        self.show_problems(check.problems)
        if not check.can_save:
            self.status.setText(self.tr("有问题未改正，草稿未保存"))
            return False
        self._dirty = False
        record, saver = check.record, self.saver
        self.runner.op(lambda store: saver.save(store, record), lambda _c: self._saved(record),
                       error=lambda exc: self._save_failed(exc, record.id))
        return True

    def _saved(self, record: VisitRecord) -> None:
        if record.id != self.base.id:
            return
        if not self.is_stored:
            self.base = record.model_copy(update={"created_at": datetime.now(CHINA_TZ)})
            self.attachments.set_owner("visit", record.id)
            self._refresh_state()
        else:
            self.base = record.model_copy(update={"created_at": self.base.created_at})
        self.status.setText(self.tr("草稿已自动保存 %1").replace("%1", datetime.now().strftime("%H:%M:%S")))
        self.saved.emit(record.id)

    def _save_failed(self, exc: BaseException, record_id: str | None = None) -> None:
        if record_id is not None and record_id != self.base.id:
            self.runner.failed.emit(message_for(exc))  # a visit no longer shown: the window says it
            return
        self._dirty = not self.sealed
        if isinstance(exc, InvalidRecord):
            self.show_problems(exc.problems)
            self.status.setText(self.tr("有问题未改正，草稿未保存"))
        else:
            self.errors["form"].setText(message_for(exc))
            self.errors["form"].show()
            self.status.setText(self.tr("保存失败"))

    @Slot()
    def save_now(self) -> None:
        """Ctrl+S: save at once (even when nothing changed since the last autosave, say so)."""
        if not self._dirty and self.is_stored:
            self.status.setText(self.tr("已保存"))
            return
        self._dirty = True
        self.save_draft()

    def flush(self) -> None:
        """Save typed changes now (the window calls this before it closes)."""
        if self._dirty and not self._amending:
            self.save_draft()

    # ---------------------------------------------------------------- completing

    @Slot()
    def complete(self) -> None:
        """完成: the guard's problems next to their fields and nothing changes; if clean, save and seal."""
        if self.sealed:
            return
        self.autosave_timer.stop()
        check = self.check(completing=True)
        self.show_problems(check.problems)
        if check.errors or check.record is None:
            self.status.setText(self.tr("还有 %1 处需要填写或改正，未完成").replace("%1", str(len(check.errors))))
            return
        self._dirty = False
        record, saver = check.record, self.saver
        self.status.setText(self.tr("正在完成…"))
        self.runner.op(lambda store: saver.complete(store, record), lambda _c: self.load(record.id),
                       error=self._save_failed)

    # ---------------------------------------------------------------- correcting a sealed visit

    @Slot()
    def start_amend(self) -> None:
        if not self.sealed:
            return
        self._amending = True
        self._refresh_state()
        self.amend_reason.setFocus()

    @Slot()
    def cancel_amendment(self) -> None:
        self.load(self.base.id)

    @Slot()
    def submit_amendment(self) -> None:
        """The correction becomes a new sealed revision; the reason is required."""
        if not self._amending:
            return
        reason = self.amend_reason.text().strip()
        reason_error = self.errors["amend_reason"]
        reason_error.setVisible(len(reason) < 2)
        reason_error.setText(self.tr("请写明更正原因（至少两个字）"))
        check = self.check(completing=True)
        self.show_problems(check.problems)
        if len(reason) < 2 or check.errors or check.record is None:
            return
        original = self.base.id
        correction = check.record.model_copy(update={"id": new_id()})
        self.runner.op(lambda store: amend_visit(store, original, correction, reason),
                       lambda _c: self.load(correction.id), error=self._save_failed)

    # ---------------------------------------------------------------- issue → event report

    @Slot(int)
    def report_issue(self, index: int) -> None:
        """上报事件: send issue `index` on as an event report (a dialog); saved with the draft."""
        household = self.household
        check = self.check()
        self.show_problems(check.problems)
        if self.sealed or household is None or not check.can_save or check.record is None:
            return
        record = check.record
        if not 0 <= index < len(record.issues):
            return
        # The report saves the form as it is now, with the issue naming the report: the form's own
        # (older) text must not be saved over it afterwards.
        self.autosave_timer.stop()
        was_dirty, self._dirty = self._dirty, False
        self.event_dialog = EventDialog(self.runner, self.saver, record, index,
                                        entry_for(record, index, household.address), new_id(),
                                        datetime.now(CHINA_TZ), self)
        self.event_dialog.accepted.connect(lambda: self.load(record.id))
        self.event_dialog.rejected.connect(lambda: was_dirty and self._changed())
        self.event_dialog.open()

    # ---------------------------------------------------------------- dispute → case

    @Slot()
    def open_dispute_case(self) -> None:
        """转调解案件: register a mediation case for the dispute found, linked to this visit."""
        household = self.household
        check = self.check()
        self.show_problems(check.problems)
        if self.sealed or household is None or not check.can_save:
            return
        self.autosave_timer.stop()
        self._dirty = False
        lines = self.issues.lines()
        disputes = [i for i, line in enumerate(lines) if line.category == DISPUTE_CATEGORY]
        index = next((i for i in disputes if not lines[i].handled_on_spot), disputes[0] if disputes else None)
        record, saver, case_id = check.record, self.saver, new_id()
        visit_id = record.id

        def opened(_changes: Any) -> None:
            self.load(visit_id)
            self.open_requested.emit("case", case_id)

        self.runner.op(lambda store: open_case(store, saver, record, household, case_id, index), opened,
                       error=self._save_failed)

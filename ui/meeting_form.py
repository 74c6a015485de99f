"""The 微议事 minutes form: meeting facts, attendance by household with the quorum in a sentence,
topics with their votes and resolutions, household consents and the transfer contract when land is
involved, publicity; drafts save themselves, 定稿 seals the minutes, and they print as a PDF.

The form only gathers values: `gridapp.minutes` builds the record, checks it and says where each
problem belongs; every read and write goes through the runner.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel, QDate, QDateTime, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTime,
    QTimer, Signal,
)
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget,
)

from gridapp import codes, states
from gridapp.errors import InvalidRecord, Problem
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.minutes import (
    Attending, ConsentEntry, LandEntry, MeetingDraft, MinutesCheck, MinutesSaver, PublicityEntry, TopicEntry,
    check_draft, draft_of, finalise_problems, quorum_sentence, vote_sentence,
)
from gridapp.minutes_doc import HouseholdLine, Roster, hamlet_roster, next_meeting_no, read_minutes
from gridapp.models.deliberation import QUORUM_RULES, DeliberationMeeting
from ui.errors import message_for
from ui.i18n import code_label
from ui.worker import Runner

SAVE_DELAY_MS = 800  # a pause in typing this long saves the draft
RED, GREEN = "#b00020", "#1b5e20"
Index = QModelIndex | QPersistentModelIndex


def _combo(table: dict[str, str], *, blank: str | None = None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, label in table.items():
        box.addItem(code_label(label), code)
    return box


def _set_code(box: QComboBox, code: Any) -> None:
    index = box.findData(code)
    box.setCurrentIndex(index if index >= 0 else 0)


class OptionalDate(QDateEdit):
    """A date that may be left empty: the earliest date shows as "未填写" and reads as None."""

    EMPTY = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(self.tr("未填写"))
        self.setDate(self.EMPTY)

    def value(self) -> date | None:
        d = self.date()
        return None if d == self.EMPTY else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else self.EMPTY)


def _dump(meeting: DeliberationMeeting | None) -> dict[str, Any] | None:
    """What a save would change: the meeting without the store's metadata."""
    return None if meeting is None else meeting.model_dump(mode="json", exclude=set(meeting.META_FIELDS))


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"{name}_error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {RED};")
    label.setVisible(False)
    return label


class HouseholdChecklist(QAbstractListModel):
    """The hamlet's households, each checkable: who came to the meeting (签到)."""

    checked_changed = Signal()
    ticked = Signal()  # the worker ticked or cleared a household (not a reload)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.read_only = False
        self.lines: list[HouseholdLine] = []
        self.checked: set[str] = set()
        self.names: dict[str, str] = {}  # household id → the representative's name as signed in

    def set_lines(self, lines: tuple[HouseholdLine, ...], checked: set[str]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.checked = {h for h in checked if any(line.id == h for line in lines)}
        self.endResetModel()
        self.checked_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{line.head_name}　{line.address}" if line.address else line.head_name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if line.id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return line.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self.read_only:
            return False
        line = self.lines[index.row()]
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self.checked.add if on else self.checked.discard)(line.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked.emit()
        self.checked_changed.emit()
        return True

    def set_all(self, on: bool) -> None:
        if self.read_only:
            return
        self.checked = {line.id for line in self.lines} if on else set()
        if self.lines:
            self.dataChanged.emit(self.index(0), self.index(len(self.lines) - 1), [Qt.ItemDataRole.CheckStateRole])
        self.ticked.emit()
        self.checked_changed.emit()

    def attending(self) -> list[Attending]:
        return [Attending(line.id, line.head_person_id, line.head_name) for line in self.lines
                if line.id in self.checked]


class TopicRow(QGroupBox):
    """One topic: its title and type, its vote (present, yes, no, abstain) and its resolution."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, entry: TopicEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic_id = entry.topic_id or new_id()
        self.present_touched = entry.present is not None
        self.title_edit = QLineEdit(entry.title)
        self.title_edit.setPlaceholderText(self.tr("例如：屯内道路硬化"))
        self.kind = _combo(codes.TOPIC_TYPE, blank=self.tr("请选择"))
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(6)
        _set_code(self.kind, entry.topic_type)
        self.remove = QPushButton(self.tr("删除议题"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.voted = QCheckBox(self.tr("已表决"))
        self.voted.setChecked(entry.voted)
        self.method = _combo(codes.VOTE_METHOD)
        _set_code(self.method, entry.vote_method or "show_of_hands")
        self.present, self.yes, self.no, self.abstain = (QSpinBox() for _ in range(4))
        for box, value in ((self.present, entry.present or 0), (self.yes, entry.yes), (self.no, entry.no),
                           (self.abstain, entry.abstain)):
            box.setRange(0, 9999)
            box.setValue(value)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.resolution = QPlainTextEdit(entry.resolution)
        self.resolution.setPlaceholderText(self.tr("决议内容（表决通过或未通过都写明）"))
        self.resolution.setTabChangesFocus(True)
        self.resolution.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.resolution.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.title_error, self.vote_error, self.resolution_error = (QLabel() for _ in range(3))

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("议题")))
        head.addWidget(self.title_edit, 1)
        head.addWidget(self.remove)
        kind = QHBoxLayout()  # the type on its own line: long English names must not widen the form
        kind.addWidget(self.kind)
        kind.addStretch(1)
        votes = QGridLayout()
        method = QHBoxLayout()
        method.addWidget(self.voted)
        method.addWidget(self.method)
        method.addStretch(1)
        votes.addLayout(method, 0, 0, 1, 4)
        for n, (text, box) in enumerate(((self.tr("实到"), self.present), (self.tr("同意"), self.yes),
                                         (self.tr("反对"), self.no), (self.tr("弃权"), self.abstain))):
            row, col = 1 + n // 2, 2 * (n % 2)  # two by two: fits beside the list at the largest text
            votes.addWidget(QLabel(text), row, col)
            votes.addWidget(box, row, col + 1)
            votes.setColumnStretch(col + 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(kind)
        layout.addWidget(self.title_error)
        layout.addLayout(votes)
        layout.addWidget(self.result)
        layout.addWidget(self.vote_error)
        layout.addWidget(QLabel(self.tr("决议")))
        layout.addWidget(self.resolution)
        layout.addWidget(self.resolution_error)

        self.title_edit.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.voted.toggled.connect(self._voted_toggled)
        self.method.currentIndexChanged.connect(self.changed)
        self.present.valueChanged.connect(self._present_edited)
        for box in (self.yes, self.no, self.abstain):
            box.valueChanged.connect(self.changed)
        self.resolution.textChanged.connect(self.changed)
        self._voted_toggled(entry.voted, emit=False)

    def name(self, index: int) -> None:
        """Give the row's error labels their names for position `index` (they move when a row goes)."""
        self.setTitle(self.tr("议题 %1").replace("%1", str(index + 1)))
        for label, part in ((self.title_error, "title"), (self.vote_error, "vote"),
                            (self.resolution_error, "resolution")):
            label.setObjectName(f"topic_{index}_{part}_error")
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {RED};")
        self.result.setObjectName(f"topic_{index}_vote_result")

    def _voted_toggled(self, on: bool, *, emit: bool = True) -> None:
        for box in (self.method, self.present, self.yes, self.no, self.abstain):
            box.setEnabled(on)
        if emit:
            self.changed.emit()

    def _present_edited(self, _value: int) -> None:
        if not self._following:
            self.present_touched = True
        self.changed.emit()

    _following = False

    def follow_present(self, present: int | None) -> None:
        """Until the worker types it, a vote's 实到 follows the meeting's."""
        if self.present_touched or present is None:
            return
        self._following = True
        self.present.setValue(present)
        self._following = False

    def entry(self) -> TopicEntry:
        return TopicEntry(title=self.title_edit.text(), topic_type=self.kind.currentData(), topic_id=self.topic_id,
                          vote_method=self.method.currentData(), present=self.present.value(),
                          yes=self.yes.value(), no=self.no.value(), abstain=self.abstain.value(),
                          voted=self.voted.isChecked(), resolution=self.resolution.toPlainText())


class ConsentRow(QWidget):
    """One affected household's 户同意书: decision, signer, date, how signed, area."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, entry: ConsentEntry, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.household_id = entry.household_id
        self.label = QLabel(name)
        self.signer = QLineEdit(entry.representative_name)
        self.signer.setPlaceholderText(self.tr("签字人"))
        self.decision = _combo(codes.CONSENT_DECISION, blank=self.tr("意见"))
        _set_code(self.decision, entry.decision)
        self.signed_on = OptionalDate()
        self.signed_on.set_value(entry.signed_on)
        self.method = _combo(codes.SIGNATURE_METHOD, blank=self.tr("签字方式"))
        _set_code(self.method, entry.method)
        self.area = QLineEdit(entry.area_mu)
        self.area.setPlaceholderText(self.tr("面积（亩）"))
        remove = QPushButton(self.tr("移除"))
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.signer, 0, 1)
        grid.addWidget(self.decision, 0, 2)
        grid.addWidget(self.method, 0, 3)
        grid.addWidget(self.signed_on, 1, 1)
        grid.addWidget(self.area, 1, 2)
        grid.addWidget(remove, 1, 3)
        grid.addWidget(self.error, 2, 0, 1, 4)
        for w in (self.signer, self.area):
            w.textChanged.connect(self.changed)
        for box in (self.decision, self.method):
            box.currentIndexChanged.connect(self.changed)
        self.signed_on.dateChanged.connect(self.changed)

    def name(self, index: int) -> None:
        self.error.setObjectName(f"consent_{index}_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED};")

    def entry(self) -> ConsentEntry:
        return ConsentEntry(self.household_id, self.signer.text(), self.decision.currentData(),
                            self.signed_on.value(), self.method.currentData(), self.area.text())


class MeetingForm(QWidget):
    """Edit one meeting's minutes (a new one when `meeting_id` is None). Drafts save themselves
    after a pause; `flush()` saves at once; 定稿 seals; a sealed meeting is shown read-only."""

    saved = Signal(str)  # the meeting id, after each save
    finalised = Signal(str)

    def __init__(self, runner: Runner, meeting_id: str | None = None, parent: QWidget | None = None, *,
                 hamlet: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_form")
        self.runner = runner
        self.base: DeliberationMeeting | None = None
        self.record_id = meeting_id or new_id()
        self.saver = MinutesSaver(self.record_id)
        self.roster = Roster("", "", (), ())
        self.village_code = ""
        self.meeting_no = ""
        self.check: MinutesCheck | None = None
        self.sealed = False
        self.loaded = meeting_id is None  # False until the stored meeting arrives
        self._loading = True
        self._dirty = False
        self._saving = False
        self._again = False
        self._finalise_tried = False
        self._finalise_problems: list[Problem] = []
        self._want_hamlet = hamlet
        self._saved_dump: dict[str, Any] | None = None
        self.counts_follow_list = meeting_id is None  # 应到/实到 counted from the ticked households
        self._labels: dict[str, QLabel] = {}
        self.topic_rows: list[TopicRow] = []
        self.consent_rows: list[ConsentRow] = []

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)

        self._build()
        self._loading = False
        runner.query(lambda store: store.hamlets(), self._hamlets_arrived)
        if meeting_id is not None:
            runner.query(lambda store: store.get(meeting_id), self._meeting_arrived, error=self._load_failed)
        else:
            self._refresh()

    # ------------------------------------------------------------------ building

    def _error(self, key: str) -> QLabel:
        label = _error_label(key)
        self._labels[key] = label
        return label

    def _build(self) -> None:
        self.heading = QLabel(self.tr("新的议事记录"))
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        content = QWidget()
        self.content = content
        column = QVBoxLayout(content)
        column.addWidget(self._meeting_group())
        column.addWidget(self._attendance_group())
        column.addWidget(self._topics_group())
        column.addWidget(self._discussion_group())
        column.addWidget(self._land_group())
        column.addWidget(self._publicity_group())
        column.addWidget(self._attachments_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("meeting_scroll")
        scroll.setWidgetResizable(True)
        # Read-only choices keep the text colour: a sealed record must be easy to read, not greyed out.
        content.setStyleSheet("QComboBox:disabled, QCheckBox:disabled { color: palette(text); }")
        scroll.setWidget(content)
        self.scroll = scroll

        self.status = QLabel()
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        self.form_error = self._error("form")
        self.finalise_button = QPushButton(self.tr("定稿"))
        self.finalise_button.setObjectName("finalise")
        self.finalise_button.setToolTip(self.tr("检查并封存会议记录；定稿后不能再修改"))
        self.finalise_button.clicked.connect(self.finalise)
        self.print_button = QPushButton(self.tr("打印会议记录"))
        self.print_button.setObjectName("print_minutes")
        self.print_button.clicked.connect(self._print_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.finalise_button)
        bar.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(bar)

    def _row(self, form: QFormLayout, label: str, field: QWidget | QHBoxLayout, key: str) -> None:
        form.addRow(label, field)
        form.addRow("", self._error(key))

    def _meeting_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("会议"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.meeting_type = _combo(codes.MEETING_TYPE)
        self.meeting_type.setObjectName("meeting_type")
        _set_code(self.meeting_type, "hamlet_micro_deliberation")
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
        self.notice_method = _combo(codes.NOTICE_METHOD, blank=self.tr("通知方式"))
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

    def _attendance_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("到会情况（签到）"))
        self.basis = _combo(codes.QUORUM_BASIS)
        self.basis.setObjectName("quorum_basis")
        _set_code(self.basis, "household_reps")
        self.household_search = QLineEdit()
        self.household_search.setObjectName("household_search")
        self.household_search.setPlaceholderText(self.tr("按户主姓名或地址查找"))
        self.household_search.setClearButtonEnabled(True)
        self.households = HouseholdChecklist(self)
        self.household_proxy = QSortFilterProxyModel(self)
        self.household_proxy.setSourceModel(self.households)
        self.household_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.household_list = QListView()
        self.household_list.setObjectName("households")
        self.household_list.setModel(self.household_proxy)
        self.household_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        all_on, all_off = QPushButton(self.tr("全部到会")), QPushButton(self.tr("全部清除"))
        all_on.clicked.connect(lambda: self.households.set_all(True))
        all_off.clicked.connect(lambda: self.households.set_all(False))
        self.eligible, self.present = QSpinBox(), QSpinBox()
        self.eligible.setObjectName("eligible_count")
        self.present.setObjectName("present_count")
        for spin in (self.eligible, self.present):
            spin.setRange(0, 9999)
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorum_sentence")
        self.quorum_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("参会口径")))
        top.addWidget(self.basis)
        top.addWidget(self.household_search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(all_on)
        buttons.addWidget(all_off)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("应到")))
        buttons.addWidget(self.eligible)
        buttons.addWidget(QLabel(self.tr("实到")))
        buttons.addWidget(self.present)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.household_list)
        layout.addLayout(buttons)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self._error("quorum"))
        self.basis.currentIndexChanged.connect(self._changed)
        self.household_search.textChanged.connect(self.household_proxy.setFilterFixedString)
        self.households.checked_changed.connect(self._changed)
        self.households.ticked.connect(self._ticked)
        self.eligible.valueChanged.connect(self._changed)
        self.present.valueChanged.connect(self._changed)
        return box

    def _topics_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("议题与表决"))
        self.topics_column = QVBoxLayout()
        add = QPushButton(self.tr("添加议题"))
        add.setObjectName("add_topic")
        add.clicked.connect(lambda: self.add_topic(TopicEntry(present=None)))
        self.add_topic_button = add
        layout = QVBoxLayout(box)
        layout.addLayout(self.topics_column)
        layout.addWidget(self._error("topics"))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _discussion_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("讨论情况"))
        self.discussion = QPlainTextEdit()
        self.discussion.setObjectName("discussion_summary")
        self.discussion.setTabChangesFocus(True)
        self.discussion.setPlaceholderText(self.tr("与会人员的主要意见"))
        self.discussion.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        layout = QVBoxLayout(box)
        layout.addWidget(self.discussion)
        layout.addWidget(self._error("discussion_summary"))
        self.discussion.textChanged.connect(self._changed)
        return box

    def _land_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("涉及承包地：户同意书与流转合同"))
        box.setObjectName("land_group")
        note = QLabel(self.tr("每一户是否流转由本户自己签字决定，多数表决不能代替本户同意。"))
        note.setWordWrap(True)
        self.consent_pick = QComboBox()
        self.consent_pick.setObjectName("consent_pick")
        add = QPushButton(self.tr("添加这一户"))
        add.setObjectName("add_consent")
        add.clicked.connect(self._add_consent_clicked)
        self.add_consent_button = add
        pick = QHBoxLayout()
        pick.addWidget(self.consent_pick, 1)
        pick.addWidget(add)
        self.consents_column = QVBoxLayout()
        self.transferee = QLineEdit()
        self.transferee.setObjectName("transferee")
        self.term_start, self.term_end = OptionalDate(), OptionalDate()
        self.use = QLineEdit()
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("元/亩/年"))
        term = QHBoxLayout()
        term.addWidget(self.term_start)
        term.addWidget(QLabel(self.tr("至")))
        term.addWidget(self.term_end)
        term.addStretch(1)
        contract = QFormLayout()
        contract.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        contract.addRow(self.tr("受让方"), self.transferee)
        contract.addRow(self.tr("流转期限"), term)
        contract.addRow(self.tr("用途"), self.use)
        contract.addRow(self.tr("流转价格"), self.price)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        layout.addLayout(pick)
        layout.addLayout(self.consents_column)
        layout.addWidget(self._error("consents"))
        layout.addWidget(QLabel(self.tr("流转合同（只列入签字同意的户）")))
        layout.addLayout(contract)
        layout.addWidget(self._error("land"))
        for edit in (self.transferee, self.use, self.price):
            edit.textChanged.connect(self._changed)
        for d in (self.term_start, self.term_end):
            d.dateChanged.connect(self._changed)
        self.land_group = box
        box.setVisible(False)
        return box

    def _publicity_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("公示"))
        grid = QGridLayout(box)
        self.publicity_rows: list[tuple[str, OptionalDate, QLineEdit, QSpinBox]] = []
        for row, kind in enumerate(codes.PUBLICITY_KIND):
            posted, place, days = OptionalDate(), QLineEdit(), QSpinBox()
            posted.setObjectName(f"publicity_{kind}_date")
            place.setPlaceholderText(self.tr("公示地点"))
            days.setRange(0, 365)
            days.setSpecialValueText(self.tr("天数"))
            days.setSuffix(self.tr(" 天"))
            grid.addWidget(QLabel(code_label(codes.PUBLICITY_KIND[kind])), row, 0)
            grid.addWidget(posted, row, 1)
            grid.addWidget(place, row, 2)
            grid.addWidget(days, row, 3)
            grid.setColumnStretch(2, 1)
            posted.dateChanged.connect(self._changed)
            place.textChanged.connect(self._changed)
            days.valueChanged.connect(self._changed)
            self.publicity_rows.append((kind, posted, place, days))
        grid.addWidget(self._error("publicity"), len(codes.PUBLICITY_KIND), 0, 1, 4)
        return box

    def _attachments_group(self) -> QGroupBox:
        """The scans of the signed paper (minutes, sign-in sheet, consents): printed from the draft,
        signed, scanned and attached here, then 定稿 seals minutes and scans together."""
        from ui.attachments import AttachmentsPanel

        box = QGroupBox(self.tr("签字纸件的扫描件"))
        box.setObjectName("attachments_box")
        layout = QVBoxLayout(box)
        note = QLabel(self.tr("先打印会议记录，签字后扫描或拍照附在这里，再定稿；定稿后附件随会议记录一起封存。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.attachments = AttachmentsPanel(self.runner, "meeting", self.record_id, box)
        layout.addWidget(self.attachments)
        return box

    # ------------------------------------------------------------------ rows

    def add_topic(self, entry: TopicEntry) -> TopicRow:
        row = TopicRow(entry, self)
        if entry.present is None:
            row.follow_present(self.present.value())
        row.changed.connect(self._changed)
        row.remove_requested.connect(self._remove_topic)
        self.topic_rows.append(row)
        self.topics_column.addWidget(row)
        self._rename_rows()
        self._changed()
        return row

    def _remove_topic(self, row: TopicRow) -> None:
        self.topic_rows.remove(row)
        row.deleteLater()
        self._rename_rows()
        self._changed()

    def add_consent(self, entry: ConsentEntry) -> ConsentRow:
        name = next((h.head_name for h in self.roster.households if h.id == entry.household_id), self.tr("（本屯以外的户）"))
        row = ConsentRow(entry, name, self)
        row.changed.connect(self._changed)
        row.remove_requested.connect(self._remove_consent)
        self.consent_rows.append(row)
        self.consents_column.addWidget(row)
        self._rename_rows()
        self._changed()
        return row

    def _add_consent_clicked(self) -> None:
        household = self.consent_pick.currentData()
        if household and household not in {r.household_id for r in self.consent_rows}:
            head = next((h.head_name for h in self.roster.households if h.id == household), "")
            self.add_consent(ConsentEntry(household, head))

    def _remove_consent(self, row: ConsentRow) -> None:
        self.consent_rows.remove(row)
        row.deleteLater()
        self._rename_rows()
        self._changed()

    def _rename_rows(self) -> None:
        for i, row in enumerate(self.topic_rows):
            row.name(i)
        for i, consent in enumerate(self.consent_rows):
            consent.name(i)

    # ------------------------------------------------------------------ data in

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

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    def _meeting_arrived(self, meeting: DeliberationMeeting) -> None:
        self.base = meeting
        self.saver = MinutesSaver(meeting.id, meeting.version)
        self.loaded = True
        self._saved_dump = _dump(meeting)
        d = draft_of(meeting)
        # A meeting recorded without a sign-in list keeps its typed counts until households are ticked.
        self.counts_follow_list = bool(d.attending)
        self._fill(d)
        self.sealed = meeting.sealed or states.is_sealed_state("meeting", meeting.state)
        self._show_state()
        self._hamlet_chosen(keep=True)

    def _fill(self, d: MeetingDraft) -> None:
        self._loading = True
        self.village_code, self.meeting_no = d.village_code, d.meeting_no
        _set_code(self.meeting_type, d.meeting_type)
        if d.hamlet and self.hamlet.findText(d.hamlet) < 0:
            self.hamlet.addItem(d.hamlet)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findText(d.hamlet)))
        if d.held_at:
            h = d.held_at.astimezone(CHINA_TZ)
            self.held_at.setDateTime(QDateTime(QDate(h.year, h.month, h.day), QTime(h.hour, h.minute)))
        self.location.setText(d.location)
        self.noticed_on.set_value(d.noticed_on)
        _set_code(self.notice_method, d.notice_method)
        self._people = (d.convener_id, d.chair_id, d.recorder_id)
        _set_code(self.basis, d.quorum_basis)
        if d.quorum_basis is None:  # not chosen yet: one that fits the meeting type, not an error
            self._fit_basis()
        self.eligible.setValue(d.eligible_count or 0)
        self.present.setValue(d.present_count or 0)
        self._checked = {a.household_id for a in d.attending}
        for row in list(self.topic_rows):
            self._remove_topic(row)
        for entry in d.topics:
            self.add_topic(entry)
        self.discussion.setPlainText(d.discussion_summary)
        for row in list(self.consent_rows):
            self._remove_consent(row)
        for consent in d.consents:
            self.add_consent(consent)
        land = d.land
        self.transferee.setText(land.transferee)
        self.term_start.set_value(land.term_start)
        self.term_end.set_value(land.term_end)
        self.use.setText(land.use)
        self.price.setText(land.price_per_mu_year)
        by_kind = {p.kind: p for p in d.publicity}
        for kind, posted, place, days in self.publicity_rows:
            p = by_kind.get(kind)
            posted.set_value(p.posted_on if p else None)
            place.setText(p.place if p else "")
            days.setValue((p.period_days or 0) if p else 0)
        self._loading = False

    _people: tuple[str | None, str | None, str | None] = (None, None, None)
    _checked: set[str] = set()

    def _ticked(self) -> None:
        if not self.counts_follow_list:
            self.counts_follow_list = True
            self._changed()

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
            _set_code(combo, chosen)
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

    # ------------------------------------------------------------------ values out

    def draft(self) -> MeetingDraft:
        """The meeting as the form now shows it."""
        qdt = self.held_at.dateTime()
        d, t = qdt.date(), qdt.time()
        return MeetingDraft(
            village_code=self.village_code, meeting_no=self.meeting_no, meeting_type=self.meeting_type.currentData(),
            hamlet=self.hamlet.currentText(), convener_id=self.convener.currentData(),
            chair_id=self.chair.currentData(), recorder_id=self.recorder.currentData(),
            noticed_on=self.noticed_on.value(), notice_method=self.notice_method.currentData(),
            held_at=datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ),
            location=self.location.text(), quorum_basis=self.basis.currentData(),
            eligible_count=self.eligible.value(), present_count=self.present.value(),
            attending=self.households.attending(), topics=[row.entry() for row in self.topic_rows],
            discussion_summary=self.discussion.toPlainText(), consents=[row.entry() for row in self.consent_rows],
            land=LandEntry(self.transferee.text(), self.term_start.value(), self.term_end.value(), self.use.text(),
                           self.price.text()),
            publicity=[PublicityEntry(kind, posted.value(), place.text(), days.value() or None)
                       for kind, posted, place, days in self.publicity_rows if posted.value() or place.text().strip()],
            base=self.base, record_id=self.record_id,
        )

    # ------------------------------------------------------------------ live checks

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._refresh()
        if self.loaded and not self.sealed:
            self._dirty = True
            self.save_timer.start()

    def _refresh(self) -> None:
        by_households = self.basis.currentData() == "household_reps" and self.counts_follow_list
        for spin in (self.eligible, self.present):
            spin.setReadOnly(by_households or self.sealed)
        if by_households and self.loaded and self.households.lines:
            self._loading = True
            self.eligible.setValue(len(self.households.lines))
            self.present.setValue(len(self.households.checked))
            self._loading = False
        for row in self.topic_rows:
            row.follow_present(self.present.value())
        self.meeting_no_label.setText(self.meeting_no or self.tr("（选好屯/组后自动编号）"))
        self.land_group.setVisible(any(r.kind.currentData() in codes.LAND_TOPIC_TYPES for r in self.topic_rows)
                                   or bool(self.consent_rows))
        self.check = check = check_draft(self.draft())
        meeting = check.meeting
        if meeting is not None:
            text, ok = quorum_sentence(meeting)
            self.quorum_label.setText(text)
            self.quorum_label.setStyleSheet(f"color: {RED if ok is False else GREEN if ok else 'palette(text)'};")
        for row in self.topic_rows:
            text, ok = vote_sentence(meeting, row.entry())
            row.result.setText(text)
            colour = GREEN if ok else RED if ok is False and "未通过" not in text else "palette(text)"
            row.result.setStyleSheet(f"color: {colour};")
        problems = list(check.problems)
        if self._finalise_tried and meeting is not None and not self.sealed:
            self._finalise_problems = finalise_problems(meeting)
            problems += self._finalise_problems
        self._show_problems(check, problems)

    def _fit_basis(self, *_args: object) -> None:
        """A quorum basis the meeting type allows (户代表 where it may), unless one already fits."""
        allowed = QUORUM_RULES.get(self.meeting_type.currentData() or "", {})
        if allowed and self.basis.currentData() not in allowed:
            _set_code(self.basis, "household_reps" if "household_reps" in allowed else next(iter(allowed)))

    def _show_problems(self, check: MinutesCheck, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for p in sorted(problems, key=lambda p: not p.is_error):
            text = p.message if p.is_error else self.tr("提示：") + p.message
            texts = by_field.setdefault(check.form_field(p.field), [])
            if text not in texts:
                texts.append(text)
        labels = dict(self._labels)
        for row in self.topic_rows:
            for label in (row.title_error, row.vote_error, row.resolution_error):
                labels[label.objectName().removesuffix("_error")] = label
        for consent in self.consent_rows:
            labels[consent.error.objectName().removesuffix("_error")] = consent.error
        unplaced = [t for key, texts in by_field.items() if key not in labels for t in texts]
        for key, label in labels.items():
            texts = by_field.get(key, []) + (unplaced if key == "form" else [])
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        for row in self.topic_rows:  # a wrong count is said once, in red, under the vote
            row.result.setVisible(not row.vote_error.text())
        errors = sum(1 for p in check.problems if p.is_error)
        if self.sealed:
            return
        if check.meeting is None or errors:
            self.status.setText(self.tr("有 %n 处错误，改正前草稿不会保存", "", max(errors, 1)))
            self.status.setStyleSheet(f"color: {RED};")
        elif self.status.styleSheet() == f"color: {RED};" or not self.status.text():
            self.status.setText(self.tr("草稿会自动保存"))
            self.status.setStyleSheet("")

    # ------------------------------------------------------------------ saving

    def save_now(self) -> None:
        """Save the draft if it changed and is valid (the pause timer calls this)."""
        self.save_timer.stop()
        check = self.check
        if self.sealed or check is None or not check.can_save or _dump(check.meeting) == self._saved_dump:
            return
        if self._saving:
            self._again = True
            return
        self._saving, self._dirty = True, False
        meeting, saver = check.meeting, self.saver
        assert meeting is not None
        self.runner.op(lambda store: saver.save(store, meeting), lambda _c: self._saved(meeting),
                       error=self._save_failed)

    def flush(self) -> None:
        """Save what is typed now (the window closes, another meeting opens)."""
        self.save_now()

    def _saved(self, meeting: DeliberationMeeting) -> None:
        self._saving = False
        self._saved_dump = _dump(meeting)
        meeting_id = meeting.id
        now = datetime.now(CHINA_TZ)
        self.status.setText(self.tr("草稿已自动保存（%1）").replace("%1", f"{now:%H:%M}"))
        self.status.setStyleSheet(f"color: {GREEN};")
        self.saved.emit(meeting_id)
        if self._again:
            self._again = False
            self.save_now()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving, self._dirty = False, True
        if isinstance(exc, InvalidRecord) and self.check is not None:
            self._show_problems(self.check, exc.problems)
        self.status.setText(self.tr("草稿没有保存：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")

    # ------------------------------------------------------------------ 定稿

    def finalise(self) -> None:
        """Check what the sealed minutes need; show each problem next to its field, or seal."""
        self._finalise_tried = True
        self._refresh()
        check = self.check
        if self.sealed or check is None or check.meeting is None:
            return
        errors = [p for p in check.problems if p.is_error] + [p for p in self._finalise_problems if p.is_error]
        if errors:
            self.status.setText(self.tr("还有 %1 处需要改正或补全，不能定稿").replace("%1", str(len(errors))))
            self.status.setStyleSheet(f"color: {RED};")
            shown = [label for label in self.content.findChildren(QLabel)
                     if label.objectName().endswith("_error") and not label.isHidden()]
            if shown:  # the first message, in reading order, comes into view
                first = min(shown, key=lambda label: label.mapTo(self.content, label.rect().topLeft()).y())
                self.scroll.ensureWidgetVisible(first)
            return
        self.save_timer.stop()
        meeting, saver = check.meeting, self.saver
        self._dirty = False
        self.finalise_button.setEnabled(False)
        self.runner.op(lambda store: saver.finalise(store, meeting), lambda _c: self._finalised(meeting.id),
                       error=self._finalise_failed)

    def _finalised(self, meeting_id: str) -> None:
        self.finalised.emit(meeting_id)
        self.runner.query(lambda store: store.get(meeting_id), self._meeting_arrived)

    def _finalise_failed(self, exc: BaseException) -> None:
        self.finalise_button.setEnabled(True)
        if isinstance(exc, InvalidRecord) and self.check is not None:
            self._show_problems(self.check, exc.problems)
        self.status.setText(self.tr("没有定稿：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")

    def _show_state(self) -> None:
        m = self.base
        if m is None:
            return
        label = code_label(states.state_label("meeting", m.state))
        untitled = self.tr("议事记录")
        self.heading.setText(f"{m.meeting_no or untitled}　{label}")
        if self.sealed:
            self._read_only()
            self.status.setText(self.tr("已定稿封存，不能再修改；如有错误，请做更正。"))
            self.status.setStyleSheet("")

    def _read_only(self) -> None:
        self.save_timer.stop()
        self.households.read_only = True
        for edit in self.content.findChildren(QLineEdit) + self.content.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for spin in self.content.findChildren(QSpinBox) + self.content.findChildren(QDateEdit):
            spin.setReadOnly(True)
        self.held_at.setReadOnly(True)
        for w in self.content.findChildren(QComboBox) + self.content.findChildren(QCheckBox):
            w.setEnabled(False)
        for button in self.content.findChildren(QPushButton):
            button.setVisible(False)
        self.household_search.setReadOnly(False)  # finding a household still helps when reading
        self.finalise_button.setVisible(False)

    # ------------------------------------------------------------------ printing

    def _print_clicked(self) -> None:
        untitled = self.tr("议事记录")
        name = f"{self.meeting_no or untitled}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存会议记录"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.print_to(path)

    def print_to(self, path: str) -> None:
        """Save what is typed, then write the stored minutes to `path` as a PDF."""
        from ui.minutes_pdf import write_minutes_pdf

        self.flush()
        meeting_id = self.record_id

        def written(doc: Any) -> None:
            try:
                write_minutes_pdf(doc, path)
            except OSError as exc:
                self.status.setText(message_for(exc))
                return
            self.status.setText(self.tr("会议记录已保存为 %1").replace("%1", path))

        self.runner.query(lambda store: read_minutes(store, meeting_id), written)

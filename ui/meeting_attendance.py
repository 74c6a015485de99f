"""Attendance (到会情况/签到): the hamlet's households ticked as they sign in, the quorum basis, the
应到/实到 counts and the quorum in one sentence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QSpinBox, QVBoxLayout

from gridapp import codes
from gridapp.minutes import Attending
from gridapp.minutes_doc import HouseholdLine
from ui.meeting_fields import code_combo, set_code

Index = QModelIndex | QPersistentModelIndex


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


class Attendance:
    """The minutes form's attendance section (a part of `MeetingForm`)."""

    def _attendance_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("到会情况（签到）"))
        self.basis = code_combo(codes.QUORUM_BASIS)
        self.basis.setObjectName("quorum_basis")
        set_code(self.basis, "household_reps")
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
        counts = QHBoxLayout()  # a line of its own: beside the buttons it widens the form at large text
        counts.addWidget(QLabel(self.tr("应到")))
        counts.addWidget(self.eligible)
        counts.addWidget(QLabel(self.tr("实到")))
        counts.addWidget(self.present)
        counts.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.household_list)
        layout.addLayout(buttons)
        layout.addLayout(counts)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self._error("quorum"))
        self.basis.currentIndexChanged.connect(self._changed)
        self.household_search.textChanged.connect(self.household_proxy.setFilterFixedString)
        self.households.checked_changed.connect(self._changed)
        self.households.ticked.connect(self._ticked)
        self.eligible.valueChanged.connect(self._changed)
        self.present.valueChanged.connect(self._changed)
        return box

    def _ticked(self) -> None:
        if not self.counts_follow_list:
            self.counts_follow_list = True
            self._changed()

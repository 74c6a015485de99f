"""Household consents and the land transfer (户同意书与流转合同): each affected household signs for
itself; the contract lists only the households that signed their agreement."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from gridapp import codes
from gridapp.minutes import ConsentEntry
from ui.meeting_fields import RED, OptionalDate, code_combo, set_code


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
        self.decision = code_combo(codes.CONSENT_DECISION, blank=self.tr("意见"))
        set_code(self.decision, entry.decision)
        self.signed_on = OptionalDate()
        self.signed_on.set_value(entry.signed_on)
        self.method = code_combo(codes.SIGNATURE_METHOD, blank=self.tr("签字方式"))
        set_code(self.method, entry.method)
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


class ConsentsAndLand:
    """The minutes form's consents and transfer-contract section (a part of `MeetingForm`)."""

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
        contract_title = QLabel(self.tr("流转合同（只列入签字同意的户）"))
        contract_title.setWordWrap(True)
        layout.addWidget(contract_title)
        layout.addLayout(contract)
        layout.addWidget(self._error("land"))
        for edit in (self.transferee, self.use, self.price):
            edit.textChanged.connect(self._changed)
        for d in (self.term_start, self.term_end):
            d.dateChanged.connect(self._changed)
        self.land_group = box
        box.setVisible(False)
        return box

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


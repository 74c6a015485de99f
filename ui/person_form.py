"""The 添加成员 / 编辑成员 dialog: name, ID number (hidden until revealed or retyped), relation to the
head, sex, birth date, ethnicity, phone and special-population tags. A valid ID number fills sex
and birth date; the household's rules (exactly one 户主) show under 与户主关系."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gridapp import codes
from gridapp.household_edit import (
    FormCheck, PersonCheck, PersonForm, check_person, new_person, person_form, save_member,
)
from gridapp.household_view import reveal_id_number
from gridapp.models.household import Household
from gridapp.models.person import Person
from gridapp.privacy import mask_id_number
from ui.household_form import RecordDialog, choose, code_combo, fill_from_id_number, tag_boxes
from ui.worker import Runner


class PersonDialog(RecordDialog):
    """`person` None adds a new member to `household`; else edits them (their relation is read
    from the household). `may_unmask` False (a grid worker's or mediator's role) hides 显示."""

    def __init__(self, runner: Runner, household: Household, person: Person | None = None,
                 parent: QWidget | None = None, *, may_unmask: bool = True) -> None:
        adding = person is None
        title = (QCoreApplication.translate("PersonDialog", "添加成员") if adding
                 else QCoreApplication.translate("PersonDialog", "编辑成员"))
        super().__init__(runner, title, parent)
        self.household = household
        self.person = person if person is not None else new_person(household)
        relation = next((m.relation_to_head for m in household.members if m.person_id == self.person.id), "")
        if adding and not household.members:
            relation = codes.HEAD_RELATION  # the first member of a household is its head
        form = PersonForm(relation=relation) if adding else person_form(self.person, relation)
        self.id_hidden = form.id_number is None and bool(self.person.id_number)
        self._auto: tuple[str, str] = ("", "")  # the sex and birth date last filled from the number
        self.id_note: QLabel | None = None

        self.full_name = self._line("full_name", self.tr("姓名"), form.full_name)
        id_row = QHBoxLayout()
        self.id_number = QLineEdit(form.id_number or "", self.body)
        self.id_number.setObjectName("id_number")
        id_row.addWidget(self.id_number, 1)
        self.reveal_button = QPushButton(self.tr("显示"), self.body)
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setToolTip(self.tr("显示完整号码（会记入操作日志）"))
        self.reveal_button.clicked.connect(self.reveal)
        id_row.addWidget(self.reveal_button)
        self.reveal_button.setVisible(self.id_hidden and may_unmask)
        self.add_row("id_number", self.tr("身份证号码"), id_row)
        if self.id_hidden:
            self.id_number.setPlaceholderText(mask_id_number(self.person.id_number))
            self.id_note = self.add_note(
                self.tr("已登记的号码只显示前6位和后4位；不改就留空，要改请点“显示”或直接输入新号码。") if may_unmask
                else self.tr("已登记的号码只显示前6位和后4位；不改就留空，要改请直接输入新的完整号码。"))
        else:
            self.id_number.setPlaceholderText(self.tr("18位，最后一位可以是X"))
        self.legacy = self._line("id_number_legacy", self.tr("旧15位号码"), form.id_number_legacy)
        self.legacy.setPlaceholderText(self.tr("只有旧的15位证件时填写"))

        self.relation = code_combo(codes.RELATION_TO_HEAD, self.tr("请选择"), self.body)
        self.relation.setObjectName("relation")
        choose(self.relation, form.relation)
        self.add_row("relation", self.tr("与户主关系"), self.relation)
        self.sex = code_combo(codes.SEX, self.tr("未填写"), self.body)
        self.sex.setObjectName("sex")
        choose(self.sex, form.sex)
        self.add_row("sex", self.tr("性别"), self.sex)
        self.birth_date = self._line("birth_date", self.tr("出生日期"), form.birth_date)
        self.birth_date.setPlaceholderText(self.tr("例如 1980-05-01"))
        self.ethnicity = code_combo(codes.ETHNICITY, self.tr("未填写"), self.body)
        self.ethnicity.setObjectName("ethnicity")
        choose(self.ethnicity, form.ethnicity)
        self.add_row("ethnicity", self.tr("民族"), self.ethnicity)
        self.phone = self._line("phone", self.tr("联系电话"), form.phone)
        self.phone.setPlaceholderText(self.tr("手机11位，或固话带区号，如 0772-8123456"))
        tags, self.tag_boxes = tag_boxes(codes.SPECIAL_TAG, "tag", 2, self.body)
        for code, box in self.tag_boxes.items():
            box.setChecked(code in form.special_tags)
            box.toggled.connect(self.recheck)
        self.add_row("special_tags", self.tr("特殊人群"), tags)

        self.id_number.textChanged.connect(self._id_typed)
        for combo in (self.relation, self.sex, self.ethnicity):
            combo.currentIndexChanged.connect(self.recheck)
        self.finish_rows()
        if adding:  # a blank form opens without messages; they appear as the worker types
            self.show_problems({})

    # ------------------------------------------------------------------ the ID number

    def reveal(self) -> None:
        """Show the stored number in the field (audited), to correct it."""
        self.reveal_button.setEnabled(False)
        self.runner.query(lambda store: reveal_id_number(store, self.person.id), self._revealed)

    def _revealed(self, number: str) -> None:
        self.id_number.setText(number)  # `_id_typed` hides the button and the note

    def _id_typed(self, text: str) -> None:
        if text.strip() and self.id_hidden:  # a new number replaces the hidden one
            self.id_hidden = False
            self.reveal_button.hide()
            if self.id_note is not None:
                self.id_note.hide()
        self._auto = fill_from_id_number(text, self.sex, self.birth_date, self._auto) or self._auto
        self.recheck()

    # ------------------------------------------------------------------ checking and saving

    def form(self) -> PersonForm:
        hidden = self.id_hidden and not self.id_number.text().strip()
        return PersonForm(
            full_name=self.full_name.text(), id_number=None if hidden else self.id_number.text(),
            id_number_legacy=self.legacy.text(), relation=self.relation.currentData() or "",
            sex=self.sex.currentData() or "", birth_date=self.birth_date.text(),
            ethnicity=self.ethnicity.currentData() or "", phone=self.phone.text(),
            special_tags=tuple(c for c, b in self.tag_boxes.items() if b.isChecked()),
        )

    def check(self) -> FormCheck:
        return check_person(self.person, self.household, self.form())

    def save_call(self, check: FormCheck):
        assert isinstance(check, PersonCheck)
        return lambda store: save_member(store, check)

"""The 新建户 dialog: where the household lives (屯/组 of the laptop's villages, address, 户号, 户类别)
and its 户主 (name, ID number checked as it is typed, sex, birth date, ethnicity, phone), saved
together in one transaction. A valid ID number fills sex and birth date, and one already registered
on this laptop is named under the field before anyone is entered twice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from gridapp import codes
from gridapp.errors import Problem
from gridapp.household_edit import PersonForm
from gridapp.ids import new_id
from gridapp.idnumber import check_id_number
from gridapp.membership import NewHouseholdCheck, NewHouseholdForm, Place, check_new_household, save_new_household
from gridapp.wording import say
from ui.household_form import RecordDialog, code_combo, fill_from_id_number, tag_boxes
from ui.worker import Runner


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 6, 0, 0)
    return label


class NewHouseholdDialog(RecordDialog):
    """A new household of one of `places` (the first, or `hamlet` when given, is chosen) and its head.
    `household_id` and `person_id` are fixed when it opens; after saving, `household_id` is the new one."""

    def __init__(self, runner: Runner, places: list[Place], hamlet: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, QCoreApplication.translate("NewHouseholdDialog", "新建户"), parent)
        self.places = places
        self.household_id, self.person_id = new_id(), new_id()
        self._auto: tuple[str, str] = ("", "")  # the sex and birth date last filled from the number
        self._prefix = ""  # the address start last filled from the 屯/组
        self.known: dict[str, list[str]] = {}  # ID number → names of people already registered with it
        villages = {p.village_code for p in places}

        self.grid.addWidget(_heading(self.tr("户主"), self.body), self._row, 0, 1, 2)
        self._row += 1
        self.full_name = self._line("full_name", self.tr("姓名"), "")
        self.id_number = self._line("id_number", self.tr("身份证号码"), "")
        self.id_number.setPlaceholderText(self.tr("18位，最后一位可以是X"))
        self.sex = code_combo(codes.SEX, self.tr("未填写"), self.body)
        self.sex.setObjectName("sex")
        self.add_row("sex", self.tr("性别"), self.sex)
        self.birth_date = self._line("birth_date", self.tr("出生日期"), "")
        self.birth_date.setPlaceholderText(self.tr("例如 1980-05-01"))
        self.ethnicity = code_combo(codes.ETHNICITY, self.tr("未填写"), self.body)
        self.ethnicity.setObjectName("ethnicity")
        self.add_row("ethnicity", self.tr("民族"), self.ethnicity)
        self.phone = self._line("phone", self.tr("联系电话"), "")
        self.phone.setPlaceholderText(self.tr("手机11位，或固话带区号，如 0772-8123456"))
        self.add_note(self.tr("户主的电话也记作这户的联系电话。其他成员保存后在户页面用“添加成员”登记。"))

        self.grid.addWidget(_heading(self.tr("住址"), self.body), self._row, 0, 1, 2)
        self._row += 1
        self.hamlet = QComboBox(self.body)
        self.hamlet.setObjectName("hamlet")
        for place in places:
            self.hamlet.addItem(place.hamlet if len(villages) == 1 else f"{place.village} {place.hamlet}", place)
        chosen = next((i for i, p in enumerate(places) if p.hamlet == hamlet), 0)
        self.hamlet.setCurrentIndex(chosen)
        self.add_row("hamlet", self.tr("屯/组"), self.hamlet)
        self.address = self._line("address_detail", self.tr("详细地址"), "")
        self.address.setPlaceholderText(self.tr("村、屯和门牌号，如 泉头村下岭尾屯12号"))
        self.book_no = self._line("hukou_book_no", self.tr("户号"), "")
        self.book_no.setPlaceholderText(self.tr("户口簿上的户号，没有可不填"))
        tags, self.tag_boxes = tag_boxes(codes.HOUSEHOLD_TAG, "htag", 2, self.body)
        for box in self.tag_boxes.values():
            box.toggled.connect(self.recheck)
        self.add_row("household_tags", self.tr("户类别"), tags)

        self.save_button.setText(self.tr("建户"))

        self.hamlet.currentIndexChanged.connect(self._place_chosen)
        self.id_number.textChanged.connect(self._id_typed)
        for combo in (self.sex, self.ethnicity):
            combo.currentIndexChanged.connect(self.recheck)
        self._place_chosen()
        self.finish_rows()
        # A blank form opens without messages (建户 stays off until it is complete); they appear
        # as soon as the worker starts typing.
        self.show_problems({})
        self.full_name.setFocus()

    # ------------------------------------------------------------------ typing helpers

    def _place_chosen(self, *_args) -> None:
        """The address starts as the village's addresses do; what the user typed is kept."""
        place = self.hamlet.currentData()
        if place is not None and self.address.text().strip() in ("", self._prefix):
            self._prefix = place.address_prefix
            self.address.setText(self._prefix)
        self.recheck()

    def _id_typed(self, text: str) -> None:
        derived = fill_from_id_number(text, self.sex, self.birth_date, self._auto)
        if derived is not None:
            self._auto = derived
            number = check_id_number(text).normalized
            if number not in self.known:
                self.runner.query(lambda store: store.names_of(store.find_by_id_number(number)),
                                  lambda names: self._known_arrived(number, names))
        self.recheck()

    def _known_arrived(self, number: str, names: dict[str, str]) -> None:
        self.known[number] = sorted(n or self.tr("（未登记姓名）") for n in names.values())
        self.recheck()

    # ------------------------------------------------------------------ checking and saving

    def form(self) -> NewHouseholdForm:
        return NewHouseholdForm(
            place=self.hamlet.currentData(), address_detail=self.address.text(), hukou_book_no=self.book_no.text(),
            household_tags=tuple(c for c, b in self.tag_boxes.items() if b.isChecked()),
            head=PersonForm(full_name=self.full_name.text(), id_number=self.id_number.text(),
                            relation=codes.HEAD_RELATION, sex=self.sex.currentData() or "",
                            birth_date=self.birth_date.text(), ethnicity=self.ethnicity.currentData() or "",
                            phone=self.phone.text()),
        )

    def check(self) -> NewHouseholdCheck:
        check = check_new_household(self.form(), household_id=self.household_id, person_id=self.person_id)
        names = self.known.get(check_id_number(self.id_number.text()).normalized)
        if names:  # registered already: most likely they should be added to a household, not entered again
            warning = Problem("id_number", "id_number.registered", say(
                "已有人登记了这个号码（{names}），请先搜索此人，不要重复登记", names="、".join(names)), "warning")
            check = NewHouseholdCheck(check.record, (*check.problems, warning), check.household)
        return check

    def save_call(self, check):
        assert isinstance(check, NewHouseholdCheck)
        return lambda store: save_new_household(store, check)

"""The 移出成员 dialog: why the member leaves the household (迁出, 死亡, 其他原因 with words), and, for the
户主, who heads the household from now on. Confirming ends the membership in one transaction; the
person's own record is kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from gridapp import codes
from gridapp.membership import REMOVAL_REASON, RemovalCheck, RemovalForm, check_removal, remove_member
from gridapp.models.household import Household
from gridapp.models.person import Person
from ui.household_form import RecordDialog, code_combo
from ui.i18n import code_label
from ui.worker import Runner


class RemoveMemberDialog(RecordDialog):
    """Remove `person` from `household`; `names` gives the other members' names (person id → name)."""

    def __init__(self, runner: Runner, household: Household, person: Person, names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, QCoreApplication.translate("RemoveMemberDialog", "移出成员"), parent)
        self.household = household
        self.person = person
        relation = next((m.relation_to_head for m in household.members if m.person_id == person.id), "")
        self.is_head = household.head_person_id == person.id or relation == codes.HEAD_RELATION
        who = person.full_name or self.tr("（未登记姓名）")
        if relation:
            who += self.tr("（%1）").replace("%1", code_label(codes.RELATION_TO_HEAD.get(relation, relation)))
        intro = QLabel(self.tr("把%1移出这一户。此人的个人信息和走访、纠纷记录都会保留，只是不再算作本户成员。")
                       .replace("%1", who), self.body)
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.grid.addWidget(intro, self._row, 0, 1, 2)
        self._row += 1

        self.reason = code_combo(REMOVAL_REASON, self.tr("请选择"), self.body)
        self.reason.setObjectName("reason")
        self.add_row("reason", self.tr("移出原因"), self.reason)
        self.note = self._line("note", self.tr("说明"), "")
        self.note.setPlaceholderText(self.tr("如 迁往柳州市落户、2026年11月病故"))
        self.new_head: QComboBox | None = None
        if self.is_head:
            self.new_head = QComboBox(self.body)
            self.new_head.setObjectName("new_head")
            self.new_head.addItem(self.tr("请选择"), "")
            for member in household.members:
                if member.person_id != person.id:
                    label = code_label(codes.RELATION_TO_HEAD.get(member.relation_to_head, ""))
                    name = names.get(member.person_id) or self.tr("（未登记姓名）")
                    self.new_head.addItem(f"{name}（{label}）" if label else name, member.person_id)
            self.new_head.currentIndexChanged.connect(self.recheck)
            self.add_row("new_head", self.tr("新户主"), self.new_head)
            self.add_note(self.tr("此人是户主。选定新户主后，请在“编辑户信息”里核对其他成员与新户主的关系。"))
        self.reason.currentIndexChanged.connect(self.recheck)
        self.save_button.setText(self.tr("确认移出"))
        self.save_button.setDefault(False)  # Enter in the note does not remove anyone by accident
        self.save_button.setAutoDefault(False)
        self.finish_rows()
        # It opens without asking for what has not been chosen yet; only a reason it cannot be done
        # at all (the head is the only member) is said at once.
        if self.last_check is not None:
            self.show_problems({name: [p for p in found if p.code == "new_head.none"]
                                for name, found in self.last_check.by_field().items()})
        # Room for the messages that appear under the fields as they are chosen: a short form, no scrolling.
        room = self.screen().availableGeometry().height() - 80 if self.screen() else self.height()
        self.resize(self.width(), min(self.height() + 3 * self.fontMetrics().lineSpacing(), room))

    def form(self) -> RemovalForm:
        return RemovalForm(reason=self.reason.currentData() or "", note=self.note.text(),
                           new_head=self.new_head.currentData() or "" if self.new_head is not None else "")

    def check(self) -> RemovalCheck:
        return check_removal(self.household, self.person, self.form())

    def save_call(self, check):
        assert isinstance(check, RemovalCheck)
        return lambda store: remove_member(store, check)

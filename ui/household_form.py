"""The 编辑户信息 dialog (address, 屯/组, 户号, phone, 户类别, each member's relation to the head), and
the form grid both record dialogs use: a label, the field, and under it the field's message
(objectName "<field>_error"), red for what blocks saving, brown for 待补全."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLayout, QLineEdit, QScrollArea,
    QVBoxLayout, QWidget,
)

from gridapp import codes
from gridapp.errors import InvalidRecord, problems_by_field
from gridapp.household_edit import FormCheck, HouseholdForm, check_household, derived_from_id, form_field, household_form
from gridapp.models.household import Household
from ui.errors import message_for
from ui.i18n import code_label  # noqa: F401 - households.py imports it from here too
from ui.i18n import words
from ui.worker import Runner

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #7a4f00;"


def code_combo(table: dict[str, str], blank: str, parent: QWidget) -> QComboBox:
    """A choice of codes shown by label; the first entry (`blank`, code "") means "not filled in"."""
    combo = QComboBox(parent)
    combo.addItem(blank, "")
    for code, label in table.items():
        combo.addItem(code_label(label), code)
    # As wide as a middling label, not the longest one (an English relation at 特大 pushed the
    # dialog past the screen); the open list is as wide as it needs.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    return combo


def choose(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code or "")
    combo.setCurrentIndex(max(index, 0))


def fill_from_id_number(text: str, sex: QComboBox, birth_date: QLineEdit,
                        filled: tuple[str, str]) -> tuple[str, str] | None:
    """A valid ID number fills sex and birth date, unless the user typed something else there than
    what the number last filled (`filled`). Returns what it filled now, None for no valid number."""
    derived = derived_from_id(text)
    if derived is None:
        return None
    if sex.currentData() in ("", filled[0]):
        choose(sex, derived[0])
    if birth_date.text().strip() in ("", filled[1]):
        birth_date.setText(derived[1])
    return derived


def tag_boxes(table: dict[str, str], prefix: str, columns: int,
              parent: QWidget) -> tuple[QGridLayout, dict[str, QCheckBox]]:
    """Check boxes "<prefix>_<code>" for a code table, `columns` to a row — fewer when that many
    would not fit beside the labels on this screen (long English labels at the largest text size)."""
    grid = QGridLayout()
    boxes: dict[str, QCheckBox] = {}
    for code, label in table.items():
        box = QCheckBox(code_label(label), parent)
        box.setObjectName(f"{prefix}_{code}")
        boxes[code] = box
    screen = parent.screen()
    if screen is not None and boxes:
        widest = max(box.sizeHint().width() for box in boxes.values()) + grid.horizontalSpacing() + 8
        room = (screen.availableGeometry().width() - 80) * 0.6  # the label column takes the rest
        columns = max(1, min(columns, int(room // widest)))
    for i, box in enumerate(boxes.values()):
        grid.addWidget(box, i // columns, i % columns)
    return grid, boxes


class RecordDialog(QDialog):
    """A scrolling form with 保存/取消. Subclasses add rows with `add_row`, give `check()` and
    `save_call()`; every change re-checks, messages appear under their fields, errors disable 保存."""

    def __init__(self, runner: Runner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.setModal(True)
        self.errors: dict[str, QLabel] = {}
        self._row = 0
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)

        self.form_error = QLabel(self)
        self.form_error.setObjectName("form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.last_check: FormCheck | None = None
        self.saving = False

    def _line(self, name: str, label: str, text: str) -> QLineEdit:
        """A text row that rechecks the form as the user types."""
        edit = QLineEdit(text, self.body)
        edit.setObjectName(name)
        edit.textChanged.connect(self.recheck)
        self.add_row(name, label, edit)
        return edit

    def add_row(self, name: str, label: str, field: QWidget | QLayout) -> QLabel:
        """One labelled field and its message label "<name>_error" below it."""
        caption = QLabel(label, self.body)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(caption, self._row, 0)
        if isinstance(field, QLayout):
            self.grid.addLayout(field, self._row, 1)
        else:
            self.grid.addWidget(field, self._row, 1)
            caption.setBuddy(field)
        error = QLabel(self.body)
        error.setObjectName(f"{name}_error")
        error.setWordWrap(True)
        error.hide()
        self.grid.addWidget(error, self._row + 1, 1)
        self.errors[name] = error
        self._row += 2
        return error

    def add_note(self, text: str) -> QLabel:
        note = QLabel(text, self.body)
        note.setWordWrap(True)
        note.setEnabled(False)  # drawn in the disabled (grey) colour: a hint, not a field
        self.grid.addWidget(note, self._row, 1)
        self._row += 1
        return note

    def finish_rows(self) -> None:
        self.grid.setRowStretch(self._row, 1)
        screen = self.screen().availableGeometry() if self.screen() else None
        want = self.body.sizeHint()
        if screen is not None:
            self.resize(min(want.width() + 60, screen.width() - 40),
                        min(want.height() + self.buttons.sizeHint().height() + 60, screen.height() - 80))
        self.recheck()

    # ------------------------------------------------------------------ checking and saving

    def check(self) -> FormCheck:
        raise NotImplementedError

    def save_call(self, check: FormCheck):  # -> Callable[[Store], Changes]
        raise NotImplementedError

    def recheck(self) -> FormCheck:
        check = self.check()
        self.last_check = check
        self.show_problems(check.by_field())
        self.save_button.setEnabled(check.can_save and not self.saving)
        return check

    def show_problems(self, by_field: dict[str, list]) -> None:
        shown = set()
        for name, label in self.errors.items():
            found = by_field.get(name, [])
            shown.add(name)
            if not found:
                label.clear()
                label.hide()
                continue
            blocking = any(p.is_error for p in found)
            lines = [words(p.short_message) if p.is_error else self._hint(p) + words(p.short_message) for p in found]
            label.setText("\n".join(lines))
            label.setStyleSheet(ERROR_STYLE if blocking else WARNING_STYLE)
            label.show()
        rest = [p for name, found in by_field.items() if name not in shown for p in found if p.is_error]
        self.form_error.setText("\n".join(words(p.message) for p in rest))
        self.form_error.setVisible(bool(rest))

    def _hint(self, problem) -> str:
        """A warning's lead: something still to fill in (待补全), or something to look at (请注意)."""
        return self.tr("待补全：") if problem.code.endswith(".required") else self.tr("请注意：")

    def save(self) -> None:
        check = self.recheck()
        if not check.can_save or self.saving:
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.runner.op(self.save_call(check), lambda _changes: self.accept(), error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        if isinstance(exc, InvalidRecord):  # under the fields this form's own check shows them
            self.show_problems(problems_by_field(exc.problems, getattr(self.last_check, "form_field", form_field)))
        else:
            self.form_error.setText(message_for(exc))
            self.form_error.show()
        self.save_button.setEnabled(True)


class HouseholdDialog(RecordDialog):
    """Edit one household. `names` gives each member's name (person id → name) for the relation rows."""

    def __init__(self, runner: Runner, household: Household, names: dict[str, str], hamlets: Iterable[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, QCoreApplication.translate("HouseholdDialog", "编辑户信息"), parent)
        self.household = household
        form = household_form(household)

        self.hamlet = QComboBox(self.body)
        self.hamlet.setObjectName("hamlet")
        self.hamlet.setEditable(True)
        self.hamlet.addItems(sorted(set(hamlets) | ({form.hamlet} if form.hamlet else set())))
        self.hamlet.setCurrentText(form.hamlet)
        self.add_row("hamlet", self.tr("屯/组"), self.hamlet)
        self.address = self._line("address_detail", self.tr("详细地址"), form.address_detail)
        self.book_no = self._line("hukou_book_no", self.tr("户号"), form.hukou_book_no)
        self.phone = self._line("phone", self.tr("联系电话"), form.phone)
        self.phone.setPlaceholderText(self.tr("手机11位，或固话带区号，如 0772-8123456"))
        tags, self.tag_boxes = tag_boxes(codes.HOUSEHOLD_TAG, "htag", 2, self.body)
        for code, box in self.tag_boxes.items():
            box.setChecked(code in form.household_tags)
            box.toggled.connect(self.recheck)
        self.add_row("household_tags", self.tr("户类别"), tags)

        members = QGridLayout()
        self.relations: dict[str, QComboBox] = {}
        for i, (pid, relation) in enumerate(form.relations.items()):
            name = QLabel(names.get(pid) or self.tr("（未找到）"), self.body)
            combo = code_combo(codes.RELATION_TO_HEAD, self.tr("请选择"), self.body)
            combo.setObjectName(f"relation_{pid}")
            choose(combo, relation)
            combo.currentIndexChanged.connect(self.recheck)
            name.setBuddy(combo)
            members.addWidget(name, i, 0)
            members.addWidget(combo, i, 1)
            self.relations[pid] = combo
        members.setColumnStretch(2, 1)
        if not self.relations:
            members.addWidget(QLabel(self.tr("还没有成员，请在户页面用“添加成员”登记。"), self.body), 0, 0)
        self.add_row("members", self.tr("成员与户主关系"), members)
        self.hamlet.currentTextChanged.connect(self.recheck)
        self.finish_rows()

    def form(self) -> HouseholdForm:
        return HouseholdForm(
            hamlet=self.hamlet.currentText(), address_detail=self.address.text(), hukou_book_no=self.book_no.text(),
            phone=self.phone.text(), household_tags=tuple(c for c, b in self.tag_boxes.items() if b.isChecked()),
            relations={pid: combo.currentData() for pid, combo in self.relations.items()},
        )

    def check(self) -> FormCheck:
        return check_household(self.household, self.form())

    def save_call(self, check: FormCheck):
        record = check.record
        return lambda store: store.save(record)

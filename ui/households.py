"""The 住户 page: households filtered by 屯/组, category and days since the last visit, and the
page of one household — its members (ID numbers masked, 显示 audited), visits and disputes —
with 编辑户信息, 添加成员, and 编辑 and 移出 for each member; 新建户 (Ctrl+N) registers a household
with its 户主 and shows it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSpinBox, QVBoxLayout, QWidget,
)

from gridapp import codes
from gridapp.household_view import (
    MINOR_HIDDEN, HouseholdView, LinkedLine, MemberLine, household_view, reveal_id_number,
)
from gridapp.listing import ListFilter
from gridapp.membership import places
from gridapp.store import Changes
from ui.household_form import HouseholdDialog, code_label
from ui.list_page import ListPage
from ui.new_household import NewHouseholdDialog
from ui.person_form import PersonDialog
from ui.remove_member import RemoveMemberDialog
from ui.table_model import code_labels
from ui.worker import Runner

DEFAULT_DAYS = 90


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _wrapping(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class LinkRow(QFrame):
    """A visit or case line: click it (or Tab to it and press Enter) to open that record."""

    activated = Signal(str)

    def __init__(self, line: LinkedLine, parent: QWidget) -> None:
        super().__init__(parent)
        self.record_id = line.id
        self.setObjectName(f"link_{line.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        head = _bold(QLabel(f"{line.day}　{code_labels(line.about)}　{code_label(line.state)}".strip(), self))
        head.setWordWrap(True)
        layout.addWidget(head)
        if line.text:
            text = QLabel(QCoreApplication.translate("columns", line.text) if line.text == MINOR_HIDDEN
                          else line.text, self)
            text.setWordWrap(True)
            layout.addWidget(text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.record_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.record_id)
            return
        super().keyPressEvent(event)


class MemberCard(QFrame):
    """One member: name, relation, sex and age; ID number masked with 显示; phone; tags; 编辑."""

    reveal_requested = Signal(str)
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, member: MemberLine, parent: QWidget, *, may_unmask: bool = True) -> None:
        super().__init__(parent)
        self.person_id = member.person_id
        self.setObjectName(f"member_{member.person_id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setColumnStretch(1, 1)

        facts = [code_label(member.relation), code_label(member.sex)]
        if member.age is not None:
            facts.append(self.tr("%n 岁", "", member.age))
        name = _bold(QLabel(member.name, self))
        name.setObjectName("name")
        grid.addWidget(name, 0, 0)
        about = _wrapping("　".join(f for f in facts if f), self, "facts")
        grid.addWidget(about, 0, 1)
        self.edit_button = QPushButton(self.tr("编辑"), self)
        self.edit_button.setObjectName("edit_member")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.person_id))
        self.remove_button = QPushButton(self.tr("移出"), self)
        self.remove_button.setObjectName("remove_member")
        self.remove_button.setToolTip(self.tr("迁出、死亡等：此人不再是本户成员，个人记录保留"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.person_id))

        grid.addWidget(QLabel(self.tr("身份证号"), self), 1, 0)
        self.id_label = _wrapping(member.id_number_masked or self.tr("未登记"), self, "id_number")
        grid.addWidget(self.id_label, 1, 1)
        self.reveal_button = QPushButton(self.tr("显示"), self)
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setToolTip(self.tr("显示完整号码（会记入操作日志）"))
        self.reveal_button.setVisible(bool(member.id_number_masked) and may_unmask)
        self.reveal_button.clicked.connect(self._reveal)
        grid.addWidget(self.reveal_button, 1, 2)

        row = 2
        if member.phone_masked:
            grid.addWidget(QLabel(self.tr("电话"), self), row, 0)
            grid.addWidget(_wrapping(member.phone_masked, self, "phone"), row, 1, 1, 2)
            row += 1
        if member.tags:
            grid.addWidget(QLabel(self.tr("特殊人群"), self), row, 0)
            grid.addWidget(_wrapping("、".join(code_label(t) for t in member.tags), self, "tags"), row, 1, 1, 2)
            row += 1
        # The card's own buttons on a row of their own, so the card stays narrow at 特大.
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, row, 0, 1, 3)

    def _reveal(self) -> None:
        self.reveal_button.setEnabled(False)
        self.reveal_requested.emit(self.person_id)

    def show_number(self, number: str) -> None:
        self.id_label.setText(number)
        self.reveal_button.hide()


class HouseholdDetail(QScrollArea):
    """The page of one household (built from a `HouseholdView`)."""

    open_requested = Signal(str, str)
    edit_household = Signal()
    add_member = Signal()
    edit_member = Signal(str)
    remove_member = Signal(str)
    reveal_requested = Signal(str)

    def __init__(self, view: HouseholdView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("household_detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view = view
        self.cards: dict[str, MemberCard] = {}
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.setWidget(body)
        if view is None:
            hint = _wrapping(self.tr("在左侧列表中选一户，这里显示户主、成员、走访记录和相关纠纷。"), body, "hint")
            hint.setEnabled(False)
            layout.addWidget(hint)
            layout.addStretch(1)
            return

        title = _bold(_wrapping(self.tr("户主：%1").replace("%1", view.head_name or self.tr("（未登记）")),
                                body, "detail_title"))
        layout.addWidget(title)
        facts = QFormLayout()
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, label, value in (
            ("hamlet", self.tr("屯/组"), view.hamlet),
            ("address", self.tr("详细地址"), view.address),
            ("hukou_book_no", self.tr("户号"), view.hukou_book_no),
            ("household_tags", self.tr("户类别"), "、".join(code_label(t) for t in view.tags)),
            ("household_phone", self.tr("联系电话"), "、".join(view.phones_masked)),
        ):
            if value:
                facts.addRow(label, _wrapping(value, body, name))
        layout.addLayout(facts)
        buttons = QHBoxLayout()
        edit = QPushButton(self.tr("编辑户信息"), body)
        edit.setObjectName("edit_household")
        edit.clicked.connect(self.edit_household)
        add = QPushButton(self.tr("添加成员"), body)
        add.setObjectName("add_member")
        add.clicked.connect(self.add_member)
        buttons.addWidget(edit)
        buttons.addWidget(add)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addWidget(self._heading(self.tr("成员（%n 人）", "", len(view.members)), body))
        for member in view.members:
            card = MemberCard(member, body, may_unmask=view.may_unmask)
            card.reveal_requested.connect(self.reveal_requested)
            card.edit_requested.connect(self.edit_member)
            card.remove_requested.connect(self.remove_member)
            self.cards[member.person_id] = card
            layout.addWidget(card)
        if not view.members:
            layout.addWidget(_wrapping(self.tr("还没有登记成员。"), body))

        layout.addWidget(self._heading(self.tr("走访记录（%n 次）", "", len(view.visits)), body))
        self._links(layout, body, "visit", view.visits, self.tr("还没有走访记录。"))
        layout.addWidget(self._heading(self.tr("相关纠纷（%n 件）", "", len(view.cases)), body))
        self._links(layout, body, "case", view.cases, self.tr("没有相关纠纷。"))
        if view.events:  # each line opens the visit that sent the report
            layout.addWidget(self._heading(self.tr("上报事件（%n 件）", "", len(view.events)), body))
            self._links(layout, body, "visit", view.events, "")
        layout.addStretch(1)

    def _heading(self, text: str, parent: QWidget) -> QLabel:
        label = _bold(QLabel(text, parent))
        label.setContentsMargins(0, 8, 0, 0)
        return label

    def _links(self, layout: QVBoxLayout, parent: QWidget, record_type: str, lines: tuple[LinkedLine, ...],
               empty: str) -> None:
        for line in lines:
            row = LinkRow(line, parent)
            row.activated.connect(lambda rid, t=record_type: self.open_requested.emit(t, rid))
            layout.addWidget(row)
        if not lines:
            layout.addWidget(_wrapping(empty, parent))


class HouseholdsPage(ListPage):
    """Households, their filters and the household's page on the right."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "household", parent)
        self.hamlet = QComboBox(self)
        self.hamlet.setObjectName("hamlet_filter")
        self.hamlet.addItem(self.tr("全部自然屯/组"), None)
        self.tag = QComboBox(self)
        self.tag.setObjectName("tag_filter")
        self.tag.addItem(self.tr("全部类别"), None)
        for code, label in codes.HOUSEHOLD_TAG.items():
            self.tag.addItem(code_label(label), code)
        self.tag.insertSeparator(self.tag.count())
        for code, label in codes.SPECIAL_TAG.items():  # a household where someone holds the tag
            self.tag.addItem(self.tr("有%1").replace("%1", code_label(label)), code)
        for combo, letters in ((self.hamlet, 9), (self.tag, 9)):
            # As wide as a short choice, so the row fits at 17 pt; the open list shows the long ones in full.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        self.not_visited = QCheckBox(self.tr("未走访超过"), self)
        self.not_visited.setObjectName("not_visited")
        self.days = QSpinBox(self)
        self.days.setObjectName("not_visited_days")
        self.days.setRange(1, 3650)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setEnabled(False)
        # Four filters and 新建户 do not fit one row beside the search at 特大: the filters get their own.
        self.more_filters.addWidget(self.hamlet)
        self.more_filters.addWidget(self.tag)
        self.more_filters.addWidget(self.not_visited)
        self.more_filters.addWidget(self.days)
        self.more_filters.addStretch(1)
        self.filters.addStretch(1)
        self.new_button = QPushButton(self.tr("新建户 (Ctrl+N)"), self)
        self.new_button.setObjectName("new_household")
        self.new_button.clicked.connect(self.new_household)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_household)
        self.filters.addWidget(self.new_button)

        self.hamlet.currentIndexChanged.connect(self.apply_filter)
        self.tag.currentIndexChanged.connect(self.apply_filter)
        self.not_visited.toggled.connect(self.days.setEnabled)
        self.not_visited.toggled.connect(self.apply_filter)
        self.days.valueChanged.connect(lambda _days: self.not_visited.isChecked() and self.apply_filter())

        self.shown_id: str | None = None
        self._sized = False
        self.dialog: HouseholdDialog | PersonDialog | NewHouseholdDialog | RemoveMemberDialog | None = None
        self._select_when_listed: str | None = None  # a new household: selected once the list holds it
        self.set_detail(self._detail(None))
        runner.changes_applied.connect(self._changes_applied)
        self.model.loaded.connect(self._listed)
        self._load_hamlets()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._sized:  # the household's page needs room: a little under half the width
            self._sized = True
            total = max(self.splitter.width(), 1)
            self.splitter.setSizes([total * 11 // 20, total * 9 // 20])
        super().showEvent(event)

    # ------------------------------------------------------------------ the list

    def current_filter(self) -> ListFilter:
        return ListFilter(
            text=self.search.text(), hamlet=self.hamlet.currentData(), household_tag=self.tag.currentData(),
            not_visited_days=self.days.value() if self.not_visited.isChecked() else None,
        )

    def _load_hamlets(self) -> None:
        self.runner.query(lambda store: store.hamlets(), self._hamlets_arrived)

    def _hamlets_arrived(self, hamlets: list[str]) -> None:
        chosen = self.hamlet.currentData()
        self.hamlet.blockSignals(True)
        while self.hamlet.count() > 1:
            self.hamlet.removeItem(1)
        for name in hamlets:
            self.hamlet.addItem(name, name)
        self.hamlet.setCurrentIndex(max(self.hamlet.findData(chosen), 0) if chosen else 0)
        self.hamlet.view().setMinimumWidth(self.hamlet.view().sizeHintForColumn(0) + 24)
        self.hamlet.blockSignals(False)
        if chosen and self.hamlet.currentData() != chosen:
            self.apply_filter()  # the chosen 屯/组 is gone: list everything

    # ------------------------------------------------------------------ the household's page

    def show_record(self, record_id: str) -> None:
        self.shown_id = record_id
        row = self.model.row_of(record_id)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectRow(row)
        self.runner.query(lambda store: household_view(store, record_id),
                          lambda view: self._view_arrived(record_id, view),
                          error=lambda exc: self._view_failed(record_id, exc))

    def _view_arrived(self, record_id: str, view: HouseholdView) -> None:
        if record_id == self.shown_id:
            self.set_detail(self._detail(view))

    def _view_failed(self, record_id: str, exc: BaseException) -> None:
        if record_id == self.shown_id:  # deleted meanwhile (or never here): back to the hint
            self.shown_id = None
            self.set_detail(self._detail(None))

    def _detail(self, view: HouseholdView | None) -> HouseholdDetail:
        detail = HouseholdDetail(view, self)
        detail.open_requested.connect(self.open_requested)
        detail.reveal_requested.connect(self.reveal)
        detail.edit_household.connect(self.edit_household)
        detail.add_member.connect(lambda: self.edit_person(None))
        detail.edit_member.connect(self.edit_person)
        detail.remove_member.connect(self.remove_person)
        return detail

    def _changes_applied(self, changes: Changes) -> None:
        if changes.record_types & {"household"}:
            self._load_hamlets()
        if self.shown_id and self._touches_shown(changes):
            self.show_record(self.shown_id)

    def _touches_shown(self, changes: Changes) -> bool:
        """The shown household, one of its people, or a visit or case (which may be theirs) changed."""
        view = getattr(self.detail, "view", None)
        mine = {self.shown_id} | ({m.person_id for m in view.members} if view is not None else set())
        return bool(changes.record_ids & mine) or bool(changes.record_types & {"visit", "case"})

    def reveal(self, person_id: str) -> None:
        """Show one member's full ID number; the store audits it as an `unmask`."""
        def shown(number: str) -> None:
            card = getattr(self.detail, "cards", {}).get(person_id)
            if card is not None:
                card.show_number(number)

        self.runner.query(lambda store: reveal_id_number(store, person_id), shown)

    # ------------------------------------------------------------------ editing

    def edit_household(self) -> None:
        record_id = self.shown_id
        view = getattr(self.detail, "view", None)
        if record_id is None or view is None:
            return
        names = {m.person_id: m.name for m in view.members}

        def loaded(found) -> None:
            household, hamlets = found
            self._open(HouseholdDialog(self.runner, household, names, hamlets, self))

        self.runner.query(lambda store: (store.get(record_id), store.hamlets()), loaded)

    def edit_person(self, person_id: str | None) -> None:
        record_id = self.shown_id
        if record_id is None:
            return

        def loaded(found) -> None:
            household, person = found
            view = getattr(self.detail, "view", None)
            self._open(PersonDialog(self.runner, household, person, self,
                                    may_unmask=view.may_unmask if view is not None else True))

        self.runner.query(lambda store: (store.get(record_id), store.get(person_id) if person_id else None), loaded)

    def remove_person(self, person_id: str) -> None:
        record_id = self.shown_id
        view = getattr(self.detail, "view", None)
        if record_id is None or view is None or self.dialog is not None:
            return
        names = {m.person_id: m.name for m in view.members}

        def loaded(found) -> None:
            household, person = found
            self._open(RemoveMemberDialog(self.runner, household, person, names, self))

        self.runner.query(lambda store: (store.get(record_id), store.get(person_id)), loaded)

    def new_household(self) -> None:
        """新建户: the dialog opens on the 屯/组 the list is filtered to (else the first)."""
        if self.dialog is not None:
            return
        hamlet = self.hamlet.currentData()

        def loaded(found) -> None:
            if self.dialog is not None:
                return
            if not found:
                self.runner.failed.emit(self.tr("这台电脑上还没有任何村的住户，先同步后才能新建户。"))
                return
            dialog = NewHouseholdDialog(self.runner, found, hamlet, self)
            dialog.accepted.connect(lambda: self._created(dialog.household_id))
            self._open(dialog)

        self.runner.query(places, loaded)

    def _created(self, household_id: str) -> None:
        self._select_when_listed = household_id
        self.show_record(household_id)
        self._listed()

    def _listed(self, *_args) -> None:
        wanted = self._select_when_listed
        row = self.model.row_of(wanted) if wanted else -1
        if row >= 0:
            self._select_when_listed = None
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _open(self, dialog: HouseholdDialog | PersonDialog | NewHouseholdDialog | RemoveMemberDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: HouseholdDialog | PersonDialog | NewHouseholdDialog | RemoveMemberDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

"""One sync problem in detail: what happened and why in plain words, for a conflict the fields side
by side (字段 | 我的 | 服务器的（别人的） | 原来的) with what changed highlighted, and the choices
the problem allows. The view only asks; the problems page does the work on the database thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QRadioButton, QScrollArea,
    QSizePolicy, QVBoxLayout, QWidget,
)

from gridapp import problems
from gridapp.problems import FieldRow, ProblemItem
from ui.i18n import words
from ui.status_bar import when

CHANGED_STYLE = "QFrame#cell { background: #fff4cc; border: 1px solid #e0c060; border-radius: 3px; }"
PLAIN_STYLE = "QFrame#cell { border: 1px solid palette(mid); border-radius: 3px; }"


def _label(text: str, parent: QWidget, *, name: str = "", bold: bool = False, small: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if bold or small:
        font = label.font()
        font.setBold(bold)
        if small:  # relative to the user's chosen size: support codes are meant to be small
            font.setPointSizeF(font.pointSizeF() * 0.85)
        label.setFont(font)
    if small:
        label.setStyleSheet("color: palette(placeholder-text);")
    return label


class _Cell(QFrame):
    """A value of one side; highlighted when that side changed it. A radio button picks it."""

    def __init__(self, text: str, changed: bool, choice: QRadioButton | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cell")
        self.setStyleSheet(CHANGED_STYLE if changed else PLAIN_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        if choice is not None:
            row.addWidget(choice, 0, Qt.AlignmentFlag.AlignVCenter)
        self.value = _label(text, self)
        self.value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.value, 1)


class ProblemView(QWidget):
    """`resolve_requested(problem_ids, mine_ids)`: close the conflict keeping mine for `mine_ids`;
    `close_requested(problem_ids, resolution)`: 知道了 / 放弃这条修改;
    `open_requested(type, id)`: show the record on its page."""

    resolve_requested = Signal(tuple, tuple)
    close_requested = Signal(tuple, str)
    open_requested = Signal(str, str)

    def __init__(self, item: ProblemItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.choices: dict[str, QButtonGroup] = {}  # problem id → (我的 = 1, 服务器的 = 0)
        content = QWidget(self)
        content.setObjectName("problem_content")
        layout = QVBoxLayout(content)

        layout.addWidget(_label(words(item.headline), content, name="headline", bold=True))
        layout.addWidget(_label(words(item.record_label), content, name="record"))
        layout.addWidget(_label(self.tr("发生时间：%1").replace("%1", when(item.created_at)), content, name="when"))
        layout.addWidget(_label(words(item.reason), content, name="reason"))
        for text in item.details:
            layout.addWidget(_label(f"• {text}", content))
        if item.rows:
            layout.addWidget(self._table(content, item.rows, choosing=problems.CHOOSE in item.actions))
        if item.sent:
            layout.addWidget(self._sent(content, item.sent))
        support = self.tr("服务器代码：%1").replace("%1", item.code) if item.code else ""
        if item.server_message and item.server_message != item.reason:
            support += ("　" if support else "") + self.tr("服务器原话：%1").replace("%1", item.server_message)
        if support:
            layout.addWidget(_label(support, content, name="code", small=True))
        layout.addStretch(1)

        # What happened scrolls; the choices stay in sight below it.
        scroll = QScrollArea(self)
        scroll.setObjectName("problem_detail")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.error = _label("", self, name="resolve_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setVisible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.error)
        outer.addLayout(self._buttons())

    # ------------------------------------------------------------ the fields side by side

    def _table(self, parent: QWidget, rows: tuple[FieldRow, ...], *, choosing: bool) -> QWidget:
        box = QWidget(parent)
        box.setObjectName("fields")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 8, 0, 8)
        grid.setHorizontalSpacing(8)
        for column, heading in enumerate((self.tr("字段"), self.tr("我的"), self.tr("服务器的（别人的）"),
                                          self.tr("原来的"))):
            grid.addWidget(_label(heading, box, bold=True), 0, column)
        for n, row in enumerate(rows, start=1):
            mine = server = None
            if choosing:
                group = QButtonGroup(box)
                mine, server = QRadioButton(box), QRadioButton(box)
                mine.setObjectName(f"mine_{row.field}")
                server.setObjectName(f"server_{row.field}")
                mine.setToolTip(self.tr("用我的"))
                server.setToolTip(self.tr("用服务器的"))
                group.addButton(mine, 1)
                group.addButton(server, 0)
                mine.setChecked(True)  # nothing the user typed is dropped unless they say so
                self.choices[row.problem_id] = group
            title = _label(words(row.title), box, name=f"title_{row.field}", bold=True)
            grid.addWidget(title, n, 0, Qt.AlignmentFlag.AlignTop)
            for column, (text, changed, choice, side) in enumerate(
                    ((words(row.mine), row.mine_changed, mine, "mine"),
                     (words(row.server), row.server_changed, server, "server"),
                     (words(row.base), False, None, "base")), start=1):
                cell = _Cell(text, changed and row.base_known, choice, box)
                cell.value.setObjectName(f"{side}_value_{row.field}")
                grid.addWidget(cell, n, column)
        grid.setColumnStretch(0, 2)
        for column in (1, 2, 3):
            grid.setColumnStretch(column, 3)
        return box

    def _sent(self, parent: QWidget, lines: tuple[tuple[str, str], ...]) -> QWidget:
        """What the refused change held: it is kept here, so the user can enter it again."""
        box = QWidget(parent)
        box.setObjectName("sent")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 8, 0, 8)
        grid.setHorizontalSpacing(12)
        heading = self.tr("你提交的内容（保留在这里）：") if self.item.record_exists else \
            self.tr("这条记录已不在本机，你提交的内容保留在这里：")
        grid.addWidget(_label(heading, box, bold=True), 0, 0, 1, 2)
        for n, (title, value) in enumerate(lines, start=1):
            grid.addWidget(_label(self.tr("%1：").replace("%1", words(title)), box), n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_label(words(value), box, name=f"sent_{n}"), n, 1)
        grid.setColumnStretch(1, 1)
        return box

    # ------------------------------------------------------------ the choices

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        actions = self.item.actions
        if problems.CHOOSE in actions:
            self._button(row, "use_mine", self.tr("用我的"), lambda: self._resolve(everything_mine=True))
            self._button(row, "use_server", self.tr("用服务器的"), lambda: self._resolve(everything_mine=False))
            if len(self.item.rows) > 1:
                self._button(row, "use_chosen", self.tr("按每项的选择保存"), lambda: self._resolve(None))
        if problems.OPEN in actions:
            text = self.tr("打开记录，改好后重新提交") if self.item.kind == "rejected" else self.tr("打开记录")
            self._button(row, "open_record", text,
                         lambda: self.open_requested.emit(self.item.record_type, self.item.record_id))
        if problems.DISCARD in actions:
            self._button(row, "discard", self.tr("放弃这条修改…"),
                         lambda: self.close_requested.emit(self.item.problem_ids, problems.DISMISSED))
        if problems.ACKNOWLEDGE in actions:
            resolution = problems.KEPT_SERVER if self.item.kind == "conflict" else problems.DISMISSED
            self._button(row, "acknowledge", self.tr("知道了，移出列表…"),
                         lambda: self.close_requested.emit(self.item.problem_ids, resolution))
        row.addStretch(1)
        return row

    def _button(self, row: QHBoxLayout, name: str, text: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _resolve(self, everything_mine: bool | None) -> None:
        ids = self.item.problem_ids
        if everything_mine is None:
            mine = tuple(pid for pid, group in self.choices.items() if group.checkedId() == 1)
        else:
            mine = ids if everything_mine else ()
        self.set_busy(True)
        self.resolve_requested.emit(ids, mine)

    def set_busy(self, busy: bool) -> None:
        for button in self.findChildren(QPushButton):
            button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(self.tr("没有保存：%1").replace("%1", message))
        self.error.setVisible(True)

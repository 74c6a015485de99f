"""The sync problems (同步问题): the open ones on the left — what kind, which record, when — and the
chosen one on the right (`ProblemView`) with the choices it allows. Reading and resolving run on
the database thread (`gridapp.problems`); after a resolution the status bar's count is read again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel, QListWidget, QListWidgetItem, QMessageBox, QSplitter, QStackedWidget, QVBoxLayout,
    QWidget,
)

from gridapp import problems
from gridapp.problems import ProblemItem
from gridapp.store import Changes
from ui.conflict_view import ProblemView
from ui.errors import message_for
from ui.i18n import words
from ui.status_bar import when
from ui.sync_control import SyncControl
from ui.worker import Runner

KEY_ROLE = Qt.ItemDataRole.UserRole


class CloseQuestion:
    """Asks before a problem leaves the list; `ask` is what tests replace."""

    @classmethod
    def ask(cls, parent: QWidget, item: ProblemItem) -> bool:
        answer = QMessageBox.question(parent, QCoreApplication.translate("CloseQuestion", "同步问题"),
                                      cls.text(item),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def text(item: ProblemItem) -> str:
        if item.kind == "rejected" and item.record_exists:
            return QCoreApplication.translate(
                "CloseQuestion", "放弃这条修改？\n它不会再上传到服务器，这条问题也会移出列表。本机上的记录不会被删除。")
        if item.kind == "rejected":
            return QCoreApplication.translate(
                "CloseQuestion", "放弃这条修改？\n这条记录已不在本机，它的内容只保存在这条问题里；移出列表后就看不到了。")
        if item.kind == "quarantined":
            return QCoreApplication.translate(
                "CloseQuestion", "把这条移出列表？\n这条修改已交给乡镇审核，移出列表不影响审核。")
        return QCoreApplication.translate(
            "CloseQuestion", "把这条移出列表？\n记录保持服务器上的样子，你写的内容不再显示。")


class ProblemsPage(QWidget):
    """`open_requested(type, id)` asks the main window to show a problem's record."""

    open_requested = Signal(str, str)
    loaded = Signal(int)  # how many problems are shown

    def __init__(self, runner: Runner, control: SyncControl | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.control = control
        self.items: list[ProblemItem] = []
        self.view: ProblemView | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("problems_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._chosen)

        self.empty = QLabel(self.tr("没有待处理的同步问题。"), self)
        self.empty.setObjectName("no_problems")
        self.empty.setWordWrap(True)
        self.hint = QLabel(self.tr("在左边选一条，右边会说明发生了什么、可以怎么处理。"), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail = QWidget(self)  # holds the chosen problem's view (or the hint)
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(8, 0, 0, 0)
        self.detail_layout.addWidget(self.hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("problems_splitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        runner.changes_applied.connect(lambda _changes: self.reload())
        self.reload()

    # ------------------------------------------------------------ the list

    def reload(self) -> None:
        self.runner.query(problems.open_problems, self._show)

    def _show(self, items: list[ProblemItem]) -> None:
        keep = self.current_key()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            text = "\n".join((words(item.headline), words(item.record_label), when(item.created_at)))
            entry = QListWidgetItem(text, self.list)
            entry.setData(KEY_ROLE, item.key)
        self.list.blockSignals(False)
        self.stack.setCurrentWidget(self.splitter if items else self.empty)
        keys = [item.key for item in items]
        row = keys.index(keep) if keep in keys else (0 if items else -1)
        self.list.setCurrentRow(row)
        self._chosen(row)
        self.loaded.emit(len(items))

    def current_key(self) -> str | None:
        return self.view.item.key if self.view is not None else None

    def select(self, key: str) -> None:
        keys = [item.key for item in self.items]
        if key in keys:
            self.list.setCurrentRow(keys.index(key))

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            self.view = None
            self._put(self.hint)
            return
        if self.view is not None and self.view.item == self.items[row]:
            return
        view = ProblemView(self.items[row])
        view.resolve_requested.connect(self._resolve)
        view.close_requested.connect(self._close)
        view.open_requested.connect(self.open_requested)
        self.view = view
        self._put(view)

    def _put(self, widget: QWidget) -> None:
        while self.detail_layout.count():
            old = self.detail_layout.takeAt(0).widget()
            if old is not None and old is not widget:
                old.hide()
                if old is not self.hint:
                    old.deleteLater()
        self.detail_layout.addWidget(widget)
        widget.show()

    # ------------------------------------------------------------ resolving

    def _resolve(self, problem_ids: tuple[str, ...], mine: tuple[str, ...]) -> None:
        view = self.view

        def failed(exc: BaseException) -> None:
            if self.view is view and view is not None:  # the user may have chosen another meanwhile
                view.show_error(message_for(exc))

        self.runner.op(lambda store: problems.resolve_conflict(store, problem_ids, mine), self._resolved,
                       error=failed)

    def _close(self, problem_ids: tuple[str, ...], resolution: str) -> None:
        if self.view is None or not CloseQuestion.ask(self, self.view.item):
            return
        self.view.set_busy(True)
        self.runner.op(lambda store: problems.close_problems(store, problem_ids, resolution), self._resolved)

    def _resolved(self, _changes: Changes | None) -> None:
        self.reload()
        if self.control is not None:
            self.control.refresh_status()

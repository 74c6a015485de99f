"""A page that lists one record type: a search box, a row of filters, the lazy table, and a
detail pane to the right. Pages for households, visits, meetings and cases build on it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from gridapp.listing import ListFilter
from ui.table_model import RecordListModel
from ui.worker import Runner

SEARCH_DELAY_MS = 80  # typing pauses this long before the list is searched (a pinyin word arrives at once)


class ListPage(QWidget):
    """`record_chosen(id)` when the user opens a row (click, Enter); `open_requested(type, id)`
    asks the main window to show a record on its own page (a visit's household, a new case)."""

    record_chosen = Signal(str)
    open_requested = Signal(str, str)

    def __init__(self, runner: Runner, record_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.record_type = record_type
        self.model = RecordListModel(runner, record_type, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索姓名、地址或内容（Ctrl+F）"))
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")

        self.filters = QHBoxLayout()  # subclasses add their filter widgets here
        self.filters.setContentsMargins(0, 0, 0, 0)
        # A page with many filters puts them here, on a row of their own under the search.
        self.more_filters = QHBoxLayout()
        self.more_filters.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addLayout(self.filters, 4)
        top.addWidget(self.count_label)

        self.table = QTableView(self)
        self.table.setObjectName("list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

        self.detail = QWidget(self)  # replaced by subclasses with a real detail view
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{record_type}_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.more_filters)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.model.loaded.connect(self._loaded)
        self.model.dataChanged.connect(self._fit_columns_once)
        self._fitted = False
        self._started = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._started:  # a page loads its list the first time it is shown
            self._started = True
            self.apply_filter()
        super().showEvent(event)

    def current_filter(self) -> ListFilter:
        """The filter the widgets describe; subclasses add their own fields."""
        return ListFilter(text=self.search.text())

    @Slot()
    def apply_filter(self) -> None:
        self._started = True
        self.model.reload(self.current_filter())

    def _fit_columns_once(self, *_args) -> None:
        """When the first rows arrive: each column as wide as what the visible rows show, up to
        about twelve characters, so a long address does not push the rest off the screen."""
        if self._fitted:
            return
        self._fitted = True
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()
        widest = self.fontMetrics().horizontalAdvance("测" * 12)
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 8, widest))

    def _loaded(self, count: int) -> None:
        self.count_label.setText(QCoreApplication.translate("ListPage", "共 %1 条").replace("%1", str(count)))

    def _activated(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id:
            self.record_chosen.emit(record_id)
            self.show_record(record_id)

    def show_record(self, record_id: str) -> None:
        """Show one record in the detail pane (subclasses)."""

    def set_detail(self, widget: QWidget) -> None:
        old = self.splitter.widget(1)
        self.splitter.replaceWidget(1, widget)
        self.detail = widget
        if old is not None and old is not widget:
            old.deleteLater()

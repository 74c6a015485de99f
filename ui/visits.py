"""The 走访 page: the list of visits (filtered by state), and beside it the visit form — a new
visit (Ctrl+N) or the one chosen in the list, read-only once sealed."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from gridapp.listing import ListFilter
from gridapp.states import MACHINES, state_label
from ui.list_page import ListPage
from ui.visit_form import VisitForm
from ui.worker import Runner


class VisitsPage(ListPage):
    """The visits list with a state filter and a "新走访" button; the form is the detail pane."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "visit", parent)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem(self.tr("全部状态"), ())
        for state in MACHINES["visit"]:
            self.state_filter.addItem(state_label("visit", state), (state,))
        self.state_filter.currentIndexChanged.connect(self.apply_filter)
        self.new_button = QPushButton(self.tr("新走访 (Ctrl+N)"), self)
        self.new_button.setObjectName("new_visit")
        self.new_button.clicked.connect(self.new_visit)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_visit)
        self.filters.addWidget(self.state_filter)
        self.filters.addStretch(1)
        self.filters.addWidget(self.new_button)

        self.form = VisitForm(runner, self)
        self.form.open_requested.connect(self.open_requested)
        self.set_detail(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), states=tuple(self.state_filter.currentData() or ()))

    def new_visit(self) -> None:
        """A blank visit in the form, the household field ready for typing."""
        self.table.clearSelection()
        self.form.new_visit()
        self.form.household_edit.setFocus()

    def show_record(self, record_id: str) -> None:
        """Open the visit in the form (what was typed in the form before is saved first)."""
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
        self.form.load(record_id)

    def flush(self) -> None:
        self.form.flush()


"""The 议事 page: the list of deliberation meetings (filter by 屯/组), a "新议事" button, and the
minutes form of the chosen meeting beside the list (read-only once sealed)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from gridapp.listing import ListFilter
from ui.list_page import ListPage
from ui.meeting_form import MeetingForm
from ui.worker import Runner

FORM_SHARE = 0.65  # the form gets most of the width: it is long and the list only needs a glance


class MeetingsPage(ListPage):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "meeting", parent)
        self.hamlet_filter = QComboBox(self)
        self.hamlet_filter.setObjectName("hamlet_filter")
        self.hamlet_filter.addItem(self.tr("全部屯/组"), None)
        self.hamlet_filter.currentIndexChanged.connect(self.apply_filter)
        self.new_button = QPushButton(self.tr("新议事"), self)
        self.new_button.setObjectName("new_meeting")
        self.new_button.clicked.connect(self.new_meeting)
        self.filters.addWidget(self.hamlet_filter)
        self.filters.addStretch(1)
        self.filters.addWidget(self.new_button)
        runner.query(lambda store: store.hamlets(), self._hamlets_arrived)

    def _hamlets_arrived(self, hamlets: list[str]) -> None:
        for name in hamlets:
            self.hamlet_filter.addItem(name, name)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), hamlet=self.hamlet_filter.currentData())

    def show_record(self, record_id: str) -> None:
        """Open the meeting in the minutes form beside the list."""
        self._open(MeetingForm(self.runner, record_id, self))

    def new_meeting(self) -> None:
        self.table.clearSelection()
        self._open(MeetingForm(self.runner, None, self, hamlet=self.hamlet_filter.currentData()))

    def _open(self, form: MeetingForm) -> None:
        self.flush()
        self.set_detail(form)
        total = sum(self.splitter.sizes()) or self.width()
        self.splitter.setSizes([int(total * (1 - FORM_SHARE)), int(total * FORM_SHARE)])

    def flush(self) -> None:
        """Save the open form's draft (another meeting opens, the window closes)."""
        if isinstance(self.detail, MeetingForm):
            self.detail.flush()

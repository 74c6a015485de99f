"""The 同步 page: the county server this laptop syncs with, a 立即同步 button (F5), progress of a
long sync, the last result in plain words, and the sync problems to resolve."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from ui.problems_page import ProblemsPage
from ui.status_bar import when
from ui.sync_control import SyncControl, SyncStatus
from ui.worker import Runner


class SyncPage(QWidget):
    """`open_requested(type, id)`: a problem's record is to be shown on its own page."""

    open_requested = Signal(str, str)

    def __init__(self, runner: Runner, control: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.control = control

        self.server = QLabel(self)
        self.server.setObjectName("server")
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending = QLabel(self)
        self.last_sync = QLabel(self)
        self.sync_button = QPushButton(self.tr("立即同步（F5）"), self)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setMinimumHeight(40)
        self.sync_button.clicked.connect(control.sync_now)
        self.sign_in_button = QPushButton(self.tr("登录县服务器…"), self)
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setMinimumHeight(40)
        self.sign_in_button.setVisible(False)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        box = QGroupBox(self.tr("县服务器"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("服务器："), self.server)
        form.addRow(self.tr("待上传："), self.pending)
        form.addRow(self.tr("上次同步："), self.last_sync)

        self.problems_box = QGroupBox(self.tr("同步问题"), self)
        self.problems_layout = QVBoxLayout(self.problems_box)
        self.problems = ProblemsPage(runner, control, self.problems_box)
        self.problems.setObjectName("problems_page")
        self.problems.open_requested.connect(self.open_requested)
        self.problems_layout.addWidget(self.problems)

        # The server and the sync button side by side: the problems below get the height.
        side = QVBoxLayout()
        side.addWidget(self.sign_in_button)
        side.addWidget(self.sync_button)
        side.addWidget(self.progress)
        side.addWidget(self.result)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(box, 3)
        top.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problems_box, 1)
        self.problems.loaded.connect(self._problems_counted)

        control.status_changed.connect(self.show_status)
        control.sync_started.connect(self._started)
        control.sync_progress.connect(self._progress)
        control.sync_finished.connect(lambda report: self._ended(report.summary()))
        control.sync_failed.connect(self._ended)

    def show_status(self, status: SyncStatus) -> None:
        if status.signed_in:
            self.server.setText(f"{status.server}（{status.username}）")
        else:
            self.server.setText(self.tr("未登录：现在离线工作，数据保存在本机。"))
        self.sync_button.setEnabled(status.signed_in and not self.control.running)
        self.sync_button.setVisible(status.signed_in)
        self.sign_in_button.setVisible(not status.signed_in)  # offline so far: sign in here, any time
        self.pending.setText(self.tr("%n 条修改", "", status.pending))
        self.last_sync.setText(when(status.last_sync_at) or self.tr("从未同步"))

    def sign_in(self) -> None:
        from ui.sign_in import SignInDialog

        dialog = SignInDialog(self.runner, self)
        if dialog.exec() and not dialog.offline:
            self.control.refresh_status()
            self.control.sync_now()

    def _problems_counted(self, count: int) -> None:
        self.problems_box.setTitle(self.tr("同步问题（%n 个待处理）", "", count) if count else self.tr("同步问题"))

    def _started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.result.setText(self.tr("正在同步……可以继续工作。"))

    def _progress(self, phase: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _ended(self, message: str) -> None:
        self.progress.setVisible(False)
        self.sync_button.setEnabled(True)
        self.result.setText(message)
        self.control.refresh_status()

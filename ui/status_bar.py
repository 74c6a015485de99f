"""The status bar: online or offline, changes not yet sent, last successful sync, sync problems
(a click opens the sync page)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QStatusBar, QWidget

from ui.sync_control import SyncControl, SyncStatus


def when(iso: str | None) -> str:
    """'今天 14:05', '11月26日 09:30' or '' — how people say a recent time."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    now = datetime.now().astimezone()
    if moment.date() == now.date():
        return QCoreApplication.translate("SyncStatusBar", "今天 %1").replace("%1", moment.strftime("%H:%M"))
    return moment.strftime("%Y-%m-%d %H:%M")


class SyncStatusBar(QStatusBar):
    problems_clicked = Signal()

    def __init__(self, control: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.online = QLabel(self)
        self.online.setObjectName("online")
        self.pending = QLabel(self)
        self.pending.setObjectName("pending")
        self.last_sync = QLabel(self)
        self.last_sync.setObjectName("last_sync")
        self.problems = QPushButton(self)
        self.problems.setObjectName("problems")
        self.problems.setFlat(True)
        self.problems.clicked.connect(self.problems_clicked)
        for i, widget in enumerate((self.online, self.pending, self.last_sync, self.problems)):
            if i:  # a thin line between the facts, so they do not read as one sentence
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.VLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                self.addPermanentWidget(line)
                self._problems_line = line  # the last one: shown with the problems button
            self.addPermanentWidget(widget)
        room = QWidget(self)  # keeps the last words clear of the window's resize grip
        room.setFixedWidth(self.fontMetrics().horizontalAdvance("从未"))
        self.addPermanentWidget(room)
        control.status_changed.connect(self.show_status)
        control.online_changed.connect(lambda _online: self._show_online())
        control.sync_started.connect(self._show_online)
        control.sync_progress.connect(self._progress)
        control.sync_finished.connect(lambda _report: self.showMessage(self.tr("同步完成"), 5000))
        control.sync_failed.connect(lambda message: self.showMessage(message, 15000))
        self._show_online()

    def _show_online(self) -> None:
        if self.control.running:
            text = self.tr("● 正在同步")
        elif self.control.online is None:
            text = self.tr("○ 未连接服务器") if self.control.status and not self.control.status.signed_in \
                else self.tr("○ 尚未连接")
        elif self.control.online:
            text = self.tr("● 在线")
        else:
            text = self.tr("○ 离线（数据保存在本机）")
        self.online.setText(text)

    def _progress(self, phase: str, done: int, total: int) -> None:
        names = {"push": self.tr("上传修改"), "pull": self.tr("下载更新"), "snapshot": self.tr("下载全村数据"),
                 "attachments": self.tr("传送附件")}
        self.showMessage(f"{names.get(phase, phase)} {done}/{total}")

    def show_status(self, status: SyncStatus) -> None:
        self._show_online()
        self.pending.setText(self.tr("待上传 %n 条", "", status.pending))
        self.last_sync.setText(self.tr("上次同步：%1").replace("%1", when(status.last_sync_at) or self.tr("从未")))
        self.problems.setText(self.tr("同步问题 %n 个", "", status.problems))
        self.problems.setVisible(status.problems > 0)
        self._problems_line.setVisible(status.problems > 0)
        self.problems.setStyleSheet("color: #b00020; font-weight: bold;" if status.problems else "")

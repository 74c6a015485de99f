"""The desktop's own backups (architecture.md: periodic local backups with rotation): one a day,
made in the database thread an hour after the last check, the first two minutes after the app
starts (not while it opens). The copy is encrypted like the database (`gridapp.backup`), goes to
`backups/` beside it, and the rotation keeps a year of them. A backup that fails (a full disk)
is said in the status bar and tried again an hour later; the database is not touched."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from gridapp.backup import back_up_if_due
from ui.errors import message_for
from ui.worker import Runner

log = logging.getLogger("gridapp.ui")

FIRST_CHECK_MS = 2 * 60 * 1000
CHECK_EVERY_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    made = Signal(object)  # the new backup's Path
    said = Signal(str, int)  # what the status bar tells the person at the keyboard, for how long (ms)

    def __init__(self, runner: Runner, parent: QObject | None = None, *,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.runner, self.clock = runner, clock
        self.running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)
        self.timer.start(CHECK_EVERY_MS)

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        """Make today's backup unless it exists (or one is being made)."""
        if self.running:
            return
        self.running = True
        moment = self.clock()
        self.runner.query(lambda store: back_up_if_due(store, moment), self._done, error=self._failed)

    def _done(self, made: Path | None) -> None:
        self.running = False
        if made is not None:
            log.info("backup made: %s", made)
            self.made.emit(made)
            self.said.emit(self.tr("已自动备份本机数据"), 5000)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        log.warning("backup failed: %s", exc)
        self.said.emit(self.tr("自动备份没有成功：%1 本机数据没有受影响，一小时后再试。").replace("%1", message_for(exc)), 30000)

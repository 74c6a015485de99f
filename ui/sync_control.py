"""Background sync for the window: a sync on demand (the 同步 button, F5) and every few minutes
while the county server answers; the status the status bar shows (online, pending, last sync,
problems).

A sync runs on a network thread with its own database connection (`open_store`), so the user
keeps typing while minutes of photos upload; SQLite's WAL lets both connections work, and the
store's transactions keep each pulled page whole. When it ends, one `changes_applied` tells
every list to refresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from gridapp import problems as problems_module
from gridapp.store import Changes, Store
from ui.errors import message_for
from ui.worker import Runner

AUTO_SYNC_MS = 5 * 60 * 1000  # a sync every five minutes while online
PROBE_MS = 60 * 1000  # offline: ask the server again every minute
EDIT_SYNC_DELAY_MS = 20 * 1000  # a saved change is sent this long after the last edit

StoreOpener = Callable[[], Store]


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says; a frozen value read on the database thread."""

    signed_in: bool
    server: str
    username: str
    pending: int
    last_sync_at: str | None
    problems: int


def read_status(store: Store) -> SyncStatus:
    from sync.credentials import load_account

    account = load_account(store)
    return SyncStatus(
        signed_in=account is not None, server=account.url if account else "",
        username=account.username if account else (store.get_meta("server_username") or ""),
        pending=store.pending_count(), last_sync_at=store.get_meta("last_sync_at"),
        problems=problems_module.open_count(store),
    )


ALL_TYPES = frozenset({"household", "person", "visit", "meeting", "case", "session", "agreement",
                       "followup", "attachment", "mediator", "committee", "event"})


SYNC_MARK = "*sync*"  # the id in the broadcast after a sync: every list reloads


class SyncControl(QObject):
    """Runs syncs one at a time; says online/offline, progress and the result."""

    status_changed = Signal(object)  # SyncStatus
    online_changed = Signal(bool)
    sync_started = Signal()
    sync_progress = Signal(str, int, int)  # phase, done, total
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)

    def __init__(self, runner: Runner, open_store: StoreOpener, parent: QObject | None = None, *,
                 auto: bool = True) -> None:
        super().__init__(parent)
        self.runner = runner
        self.open_store = open_store
        self.online: bool | None = None
        self.running = False
        self.status: SyncStatus | None = None
        self.last_message = ""
        self._again = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_if_signed_in)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_if_signed_in)
        runner.changes_applied.connect(self._local_change)
        self.auto = auto
        if auto:
            self._timer.start(AUTO_SYNC_MS)

    def refresh_status(self) -> None:
        self.runner.query(read_status, self._status_read)

    def _status_read(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    def _local_change(self, changes: Changes) -> None:
        self.refresh_status()
        if SYNC_MARK in changes.record_ids:  # what a sync brought in is not an edit to send back
            return
        if self.auto and self.online and not self.running:
            self._soon.start(EDIT_SYNC_DELAY_MS)

    def sync_if_signed_in(self) -> None:
        if self.status is None or self.status.signed_in:
            self.sync_now()

    def sync_now(self) -> bool:
        """Start a sync; False when one is running already (it will run once more at its end)."""
        if self.running:
            self._again = True
            return False
        self.running = True
        self.sync_started.emit()
        self.runner.network(self._run, self._finished, error=self._failed,
                            progress=lambda args: self.sync_progress.emit(*args))
        return True

    def _run(self, emit: Callable[[Any], None]) -> Any:
        from sync.session import sync_now

        last = [0.0]

        def progress(phase: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.1 or done >= total:  # at most ten updates a second cross threads
                last[0] = now
                emit((phase, done, total))

        store = self.open_store()
        try:
            return sync_now(store, progress)
        finally:
            store.close()

    def _finished(self, report: Any) -> None:
        self.running = False
        self._set_online(True)
        self.last_message = report.summary()
        self.sync_finished.emit(report)
        self.runner.changes_applied.emit(Changes(ALL_TYPES, frozenset({SYNC_MARK})))
        self._after()

    def _failed(self, exc: BaseException) -> None:
        from sync.client import OfflineError, TLSError

        self.running = False
        message = message_for(exc)
        if isinstance(exc, (OfflineError, TLSError)):
            self._set_online(False)
        self.last_message = message
        self.sync_failed.emit(message)
        self.refresh_status()
        self._after()

    def _after(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()
        elif self.auto:
            self._timer.start(AUTO_SYNC_MS if self.online else PROBE_MS)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def stop(self) -> None:
        self._timer.stop()
        self._soon.stop()

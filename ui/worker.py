"""The runner of every database and network call the window makes: off the GUI thread, one
broadcast when something changed (style.md habits 3–4).

- `Runner.query(fn, done)`: `fn(store) -> value` on the database thread; `done(value)` on the GUI
  thread. For reads.
- `Runner.op(fn, done)`: `fn(store) -> Changes` on the database thread; then `changes_applied`
  is emitted once, and every view that shows those record types refreshes itself.
- `Runner.network(fn, done)`: `fn(progress) -> value` on a network thread, which opens its own
  database connection when it needs one (a sync runs minutes; it must not hold the database thread).

Errors reach `failed(message)` as a sentence a grid worker understands (`ui.errors.message_for`),
or the call's own `error(exception)` callback. Only frozen values cross threads: ids, `Changes`, rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from gridapp.store import Changes, Store
from ui.errors import message_for


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits on it and Qt queues the call back to the GUI thread."""

    finished = Signal(object)
    errored = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure is shown, none kills the thread
            self._relay.errored.emit(exc)
        else:
            self._relay.finished.emit(value)


class Runner(QObject):
    """One database thread (writes are serial, reads see every earlier write) and a small pool
    for network work."""

    changes_applied = Signal(object)  # Changes
    failed = Signal(str)  # a message for the person at the keyboard
    busy_changed = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._db = QThreadPool(self)
        self._db.setMaxThreadCount(1)
        self._net = QThreadPool(self)
        self._net.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()
        self.closed = False

    @property
    def busy(self) -> int:
        """How many calls have not reported back yet (tests wait for 0)."""
        return len(self._relays)

    def query(self, fn: Callable[[Store], Any], done: Callable[[Any], None] | None = None, *,
              error: Callable[[BaseException], None] | None = None) -> None:
        store = self.store
        self._start(self._db, lambda: fn(store), done, error)

    def op(self, fn: Callable[[Store], Changes | None], done: Callable[[Any], None] | None = None, *,
           error: Callable[[BaseException], None] | None = None) -> None:
        store = self.store

        def finished(changes: Any) -> None:
            if isinstance(changes, Changes) and changes:
                self.changes_applied.emit(changes)
            if done is not None:
                done(changes)

        self._start(self._db, lambda: fn(store), finished, error)

    def network(self, fn: Callable[[Callable[[Any], None]], Any], done: Callable[[Any], None] | None = None, *,
                error: Callable[[BaseException], None] | None = None,
                progress: Callable[[Any], None] | None = None) -> None:
        if self.closed:
            return
        relay = self._relay(done, error)
        if progress is not None:
            relay.progressed.connect(progress)
        self._net.start(_Job(lambda: fn(relay.progressed.emit), relay))

    def _start(self, pool: QThreadPool, call: Callable[[], Any], done: Callable[[Any], None] | None,
               error: Callable[[BaseException], None] | None) -> None:
        if self.closed:  # the window is gone and the store closed: a late view's request is dropped
            return
        pool.start(_Job(call, self._relay(done, error)))

    def _relay(self, done: Callable[[Any], None] | None, error: Callable[[BaseException], None] | None) -> _Relay:
        relay = _Relay()  # created here, in the GUI thread: its signals are delivered here
        self._relays.add(relay)
        self.busy_changed.emit(self.busy)

        @Slot(object)
        def finished(value: Any) -> None:
            self._forget(relay)
            if self.closed:  # answers arriving after close() go nowhere: their views are gone
                return
            if done is not None:
                done(value)

        @Slot(object)
        def errored(exc: BaseException) -> None:
            self._forget(relay)
            if self.closed:
                return
            if error is not None:
                error(exc)
            else:
                self.failed.emit(message_for(exc))

        relay.finished.connect(finished)
        relay.errored.connect(errored)
        return relay

    def _forget(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        self.busy_changed.emit(self.busy)

    def close(self, msecs: int = 30_000) -> None:
        """Let every started call finish, then refuse new ones and drop their answers: the app is
        closing its store, and nothing may run on it or report about it afterwards."""
        self.wait(msecs)
        self.closed = True
        self.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every started call has run (closing the window, tests)."""
        return self._db.waitForDone(msecs) and self._net.waitForDone(msecs)

"""A laptop killed (kill -9) in the middle of applying pulled pages restarts, resumes from the
last committed page and ends equal to the server (architecture.md §3 rule 3 "cursor after data";
sync-failure-modes.md row 4).

The laptop's sync runs in a child process (tests/support/laptop_child.py) against the real
county server, for a village holding 3,000 people pushed by another laptop. The child reports
each page as it applies it; the test SIGKILLs it

- inside a page's store transaction (changes written, COMMIT not reached),
- right after a page was committed,
- or at whatever moment the kill lands, the child running at full speed;

and, for a first sync, during the snapshot (GET /v1/sync/snapshot, applied in parts — of 2,000
records here — with the cursor written only with the last part). Then the store file opens, passes
`integrity_check`, holds exactly the records up to its cursor (every one, and none beyond: the
cursor never runs ahead of the data), has no outbox; a restarted child's sync pulls only what is
after that cursor, and the laptop equals the server: the same ids, versions and data, cursor at
the village's last change, checksum verified.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gridapp.store import Store
from sync import protocol as p
from sync.client import Client
from sync.server.tables import buckets, records
from sync.session import login as sign_in
from tests.server.conftest import PASSWORD, grid_of
from tests.support import factories as f

pytestmark = pytest.mark.slow

VILLAGE = f.QUANTOU
RECORDS = 3000
PAGE = 100  # the child's page size: 3,000 records are 30 pages
ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT_PART = 2000  # records per snapshot transaction in the child (the engine's is larger than the village)
# tests.support.laptop_child, with the snapshot applied in parts of SNAPSHOT_PART
CHILD = (f"import runpy, sync.engine; sync.engine.SNAPSHOT_PART = {SNAPSHOT_PART}; "
         "runpy.run_module('tests.support.laptop_child', run_name='__main__', alter_sys=True)")


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    from argon2 import PasswordHasher

    from sync.server import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


# ---------------------------------------------------------------- the child process


class Child:
    """The laptop's sync in its own process; read its report lines, kill it."""

    def __init__(self, store_path: Path, actor: str, *args: str) -> None:
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store_path), actor, "--page", str(PAGE), *args],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="laptop-child-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)  # the child closed its stdout: it is gone

    def until(self, wanted: Callable[[str], bool], timeout: float = 120.0) -> str:
        """Read lines until one satisfies `wanted`; return it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                self.kill()
                raise AssertionError(f"no expected line within {timeout} s; the child said: {self.lines[-5:]}") \
                    from None
            if line is None:
                self.proc.wait(timeout=10)
                raise AssertionError(f"the child ended ({self.proc.returncode}) before the expected line; "
                                     f"it said: {self.lines[-5:]}; stderr: {self.proc.stderr.read()[-2000:]}")
            self.lines.append(line)
            if line.startswith("error"):
                raise AssertionError(f"the child's sync failed: {line}")
            if wanted(line):
                return line

    def kill(self) -> None:
        """SIGKILL, like a power cut of the process; wait until it is gone."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self._close()

    def finish(self) -> dict[str, Any]:
        line = self.until(lambda s: s.startswith("done"), timeout=300)
        self._close()
        assert self.proc.returncode == 0
        return json.loads(line.split(" ", 1)[1])

    def _close(self) -> None:
        self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        while True:  # lines the child wrote before it died
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.lines.append(line)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def pages(self) -> list[tuple[int, int, dict[str, int]]]:
        """(n, changes, cursors) of every `page` line so far."""
        out = []
        for line in self.lines:
            if line.startswith("page "):
                _, n, count, cursors = line.split(" ", 3)
                out.append((int(n), int(count), json.loads(cursors)))
        return out


# ---------------------------------------------------------------- the village and the laptops


@dataclass
class Village:
    engine: Any
    server_url: str
    worker: Any
    tmp_path: Path
    key: bytes

    def server(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return {r.id: r for r in conn.execute(select(records).where(records.c.bucket == VILLAGE)).all()}

    def counter(self) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(select(buckets).where(buckets.c.code == VILLAGE)).one()

    def new_laptop(self, name: str) -> Path:
        """A laptop store signed in as the worker, its token kept in the (encrypted) store —
        there is no keyring — so the child can sync with it. Closed: the child opens it."""
        path = self.tmp_path / f"{name}.db"
        store = Store.create(path, self.key, actor=self.worker.username)
        client = Client(self.server_url, retries=2, backoff=0.01)
        try:
            sign_in(store, self.server_url, self.worker.username, PASSWORD, client=client)
        finally:
            store.close()
            client.close()
        return path

    def open(self, path: Path) -> Store:
        return Store.open(path, self.key, actor=self.worker.username)


@pytest.fixture
def village(engine, server_url, make_user, make_laptop, tmp_path, db_key, no_keyring) -> Iterator[Village]:
    """The worker's village on the server (its people are pushed by the tests), laptops signed in
    without a keyring so that their token is in the store, where the child finds it."""
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    yield Village(engine, server_url, worker, tmp_path, db_key)


def push_people(make_laptop, worker, n: int) -> None:  # noqa: ANN001
    """Another laptop of the village records `n` people and pushes them."""
    seeder = make_laptop(worker)
    seeder.store.import_records(f.person(f"韦{i:04d}", id_number=None) for i in range(n))
    report = seeder.sync()
    assert report.pushed == {"applied": n}


# ---------------------------------------------------------------- checks


def assert_opens_clean(store: Store) -> None:
    assert store.integrity_check() == ["ok"]
    assert store.verify_audit_chain() is None
    assert store.pending_count() == 0


def assert_cursor_after_data(store: Store, server: dict[str, Any]) -> int:
    """Every server record up to the laptop's cursor is on the laptop at its version, and none
    beyond it: the cursor is exactly where the data is. Returns the cursor."""
    cursor = store.sync_cursors().get(VILLAGE, 0)
    mine = dict(store.server_versions(VILLAGE))
    upto = {rid: row.version for rid, row in server.items() if row.change_no <= cursor}
    assert mine == upto, (f"cursor {cursor}: {len(set(upto) - set(mine))} records up to it missing, "
                          f"{len(set(mine) - set(upto))} beyond it present")
    return cursor


def assert_equal_to_server(store: Store, village: Village) -> None:
    server, counter = village.server(), village.counter()
    assert_opens_clean(store)
    assert store.sync_cursors()[VILLAGE] == counter.last_change_no
    assert dict(store.server_versions(VILLAGE)) == {rid: row.version for rid, row in server.items()}
    rows = {rid: json.loads(body) for rid, body in store._conn.execute(
        "SELECT id, body FROM records WHERE bucket = ? AND deleted = 0", (VILLAGE,))}
    assert set(rows) == set(server)
    for rid, row in server.items():
        record = store.get(rid)
        assert record.model_dump(mode="json", exclude=set(record.META_FIELDS) | {"state"}) == json.loads(row.data)
    count, xor = p.combine(store.server_versions(VILLAGE))
    assert (count, p.to_hex(xor)) == (counter.record_count, p.to_hex(counter.xor))
    verified = store._conn.execute("SELECT verified_at FROM sync_buckets WHERE bucket = ?", (VILLAGE,)).fetchone()
    assert verified is not None and verified[0]  # the engine checked the checksum itself
    assert store.sync_problems() == []


# ---------------------------------------------------------------- pulled pages


KILL_AT_PAGE = 8


@pytest.mark.parametrize("moment", ["inside-page", "after-commit", "anywhere"])
def test_a_laptop_killed_while_applying_pulled_pages_resumes_from_the_last_committed_page(
        moment: str, village: Village, make_laptop):
    # The victim holds the village already (one person, its cursor past it): what follows comes
    # by pulled pages, not by a snapshot.
    early = make_laptop(village.worker)
    early.store.save(f.person("韦早", id_number=None))
    early.sync()
    victim = village.new_laptop("victim")
    first = Child(victim, village.worker.username)
    assert first.finish()["pulled"] == 1
    with village.open(victim) as store:
        start = store.sync_cursors()[VILLAGE]
    push_people(make_laptop, village.worker, RECORDS)
    last = village.counter().last_change_no
    assert last == start + RECORDS

    hold = {"inside-page": ["--hold-in-page", str(KILL_AT_PAGE)],
            "after-commit": ["--hold-after-page", str(KILL_AT_PAGE)], "anywhere": []}[moment]
    child = Child(victim, village.worker.username, *hold)
    if moment == "anywhere":  # no pause: the kill lands wherever the child is by then
        child.until(lambda s: s.startswith(f"page {KILL_AT_PAGE} "))
    else:
        child.until(lambda s: s == "hold")
    child.kill()
    assert child.proc.returncode == -signal.SIGKILL
    applied = child.pages()
    assert all(count == PAGE for _, count, _ in applied)  # full pages: a cursor is start + k·PAGE

    with village.open(victim) as store:
        assert_opens_clean(store)
        cursor = assert_cursor_after_data(store, village.server())
    committed = (cursor - start) // PAGE
    assert cursor == start + committed * PAGE
    if moment == "inside-page":  # the page being applied is gone, the ones before it are kept
        assert committed == KILL_AT_PAGE - 1
    elif moment == "after-commit":
        assert committed == KILL_AT_PAGE
    else:
        assert KILL_AT_PAGE - 1 <= committed < RECORDS // PAGE, "the kill did not land mid-sync"
    # the cursor is what the last committed page carried (not 0, not ahead)
    assert applied[committed - 1][2] == {VILLAGE: cursor}

    again = Child(victim, village.worker.username).finish()  # the laptop is started again
    assert again["pulled"] == last - cursor  # resumed at the cursor, not from 0
    assert (again["repaired"], again["unverified"]) == ([], [])
    with village.open(victim) as store:
        assert_equal_to_server(store, village)


# ---------------------------------------------------------------- the snapshot of a first sync


@pytest.mark.parametrize("moment", ["inside-first-part", "after-first-part"])
def test_a_laptop_killed_during_its_first_snapshot_starts_again_cleanly(moment: str, village: Village, make_laptop):
    push_people(make_laptop, village.worker, RECORDS)
    victim = village.new_laptop("newcomer")  # never synced: cursor 0, no records → snapshot
    hold = ["--hold-in-page", "1"] if moment == "inside-first-part" else ["--hold-after-page", "1"]
    child = Child(victim, village.worker.username, *hold)
    child.until(lambda s: s == "hold")
    child.kill()
    [(n, count, cursors)] = child.pages()
    assert (n, count, cursors) == (1, SNAPSHOT_PART, {})  # a snapshot part before the last carries no cursor
    assert any(line.startswith("committed snapshot") for line in child.lines) == (moment == "after-first-part")

    with village.open(victim) as store:
        assert_opens_clean(store)
        assert VILLAGE not in store.sync_cursors() or store.sync_cursors()[VILLAGE] == 0
        present = store._conn.execute("SELECT count(*) FROM records WHERE bucket = ?", (VILLAGE,)).fetchone()[0]
        # what is there is exactly the first part, committed whole (or nothing): data may run ahead
        # of a cursor — here the cursor is not written until the last part — never the reverse
        first_part = sorted(village.server().values(), key=lambda r: r.change_no)[:SNAPSHOT_PART]
        mine = dict(store._conn.execute("SELECT id, server_version FROM records WHERE bucket = ?", (VILLAGE,)))
    if moment == "inside-first-part":
        assert present == 0
    else:
        assert mine == {r.id: r.version for r in first_part}

    again = Child(victim, village.worker.username).finish()
    assert (again["repaired"], again["unverified"]) == ([], [])
    assert again["pulled"] == RECORDS  # the whole village again (a snapshot, or pages from 0)
    with village.open(victim) as store:
        assert_equal_to_server(store, village)

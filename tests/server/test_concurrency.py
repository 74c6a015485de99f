"""Concurrent writers, readers and server processes (architecture.md §3, rules 1 and 2).

- In-process: six writer threads (each its own device) push creates into one village while a
  reader thread tails it by cursor with `sync.server.pull.pull`. A SQLAlchemy `commit` event
  sleeps a random 0–30 ms inside half of the writing transactions (after the change number was
  taken, before COMMIT, still holding the bucket lock), so fast and slow commits interleave; the
  reader must never skip, repeat or reorder a change, and every checksum it gets must describe
  exactly what it holds. On SQLite and PostgreSQL. (Checked to fail when change numbers are
  taken outside the bucket lock.)
- Two real server processes (tests/support/live_server.py) on one PostgreSQL database, laptops
  alternating between them with creates and edits of the same records: both processes end
  with identical pulls, no duplicates, and checksums that match the pulled records.
- The same mutation sent to both processes at the same moment (the first holding its locks 30 ms
  before COMMIT): applied once, answered `duplicate` once, one record. SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from gridapp.models import Person
from sync import protocol
from sync.mutations import mutation
from sync.protocol import PullResponse, Status
from sync.server import auth
from sync.server.pull import pull
from sync.server.push import push
from sync.server.tables import mutations, records
from tests.server.conftest import grid_of
from tests.support import factories as f
from tests.support.live_server import COMMIT_DELAY_MS, Device, LiveServer

pytestmark = pytest.mark.slow

VILLAGE = f.QUANTOU
on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


# ---------------------------------------------------------------- helpers


class Crew:
    """Threads whose exceptions are not lost: `join()` re-raises the first one."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.errors: list[tuple[str, BaseException, str]] = []

    def start(self, name: str, target: Callable[..., Any], *args: Any) -> None:
        def run() -> None:
            try:
                target(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                self.errors.append((name, exc, traceback.format_exc()))

        thread = threading.Thread(target=run, name=name, daemon=True)
        self.threads.append(thread)
        thread.start()

    def join(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [t.name for t in self.threads if t.is_alive()]
        if self.errors:
            name, exc, trace = self.errors[0]
            raise AssertionError(f"thread {name} failed:\n{trace}") from exc
        assert not stuck, f"threads still running after {timeout} s: {stuck}"


@contextmanager
def commit_delays(engine: Engine, max_seconds: float, share: float = 1.0) -> Iterator[None]:
    """A transaction that wrote sleeps 0–`max_seconds` just before COMMIT (the `commit` event
    runs before the DBAPI commit), still holding the bucket lock and its change number; `share`
    of them do (the rest commit at once, so fast and slow commits mix)."""

    def spot(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            conn.info["test_wrote"] = True

    def before_commit(conn: Any) -> None:
        if conn.info.pop("test_wrote", False) and random.random() < share:
            time.sleep(random.uniform(0, max_seconds))

    def rollback(conn: Any) -> None:
        conn.info.pop("test_wrote", None)

    hooks = [("before_cursor_execute", spot), ("commit", before_commit), ("rollback", rollback)]
    for name, fn in hooks:
        event.listen(engine, name, fn)
    try:
        yield
    finally:
        for name, fn in hooks:
            event.remove(engine, name, fn)


def device_caller(engine: Engine, settings, account, name: str) -> auth.Caller:  # noqa: ANN001
    """Log a new device in (as POST /v1/auth/login does) and return its Caller."""
    _user, _device_id, token = asyncio.run(auth.login(engine, settings, account.username, account.password, name))
    with engine.connect() as conn:
        return auth.caller_for_token(conn, token)


def count_rows(engine: Engine, table) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


class Tail:
    """A reader following one bucket by cursor, checking rule 2 on every page."""

    def __init__(self) -> None:
        self.cursor = 0
        self.seen: dict[str, int] = {}  # record id → change number
        self.numbers: set[int] = set()
        self.count, self.xor = 0, 0
        self.pages = self.busy_pages = self.checksums = 0

    def take(self, page: PullResponse) -> None:
        self.pages += 1
        self.busy_pages += bool(page.changes)
        last = self.cursor
        for c in page.changes:
            assert c.bucket == VILLAGE
            assert c.change_no > last, f"change {c.change_no} after {last}: out of order or repeated"
            assert c.change_no not in self.numbers, f"change number {c.change_no} seen twice"
            assert c.record_id not in self.seen, f"record {c.record_id} delivered twice"
            self.seen[c.record_id] = c.change_no
            self.numbers.add(c.change_no)
            self.count += 1
            self.xor ^= protocol.item_hash(c.record_id, c.version)
            last = c.change_no
        cursor = page.cursors[VILLAGE]
        assert cursor >= last
        # Only creates in a fresh bucket: the numbers 1..cursor must all have been delivered. A
        # hole here is a change the cursor has moved past; it would never be delivered later.
        assert len(self.numbers) == cursor, (
            f"gap: cursor at {cursor} but {len(self.numbers)} changes received; missing "
            f"{sorted(set(range(1, cursor + 1)) - self.numbers)[:10]}")
        if VILLAGE in page.checksums:
            self.checksums += 1
            s = page.checksums[VILLAGE]
            assert (s.change_no, s.count, s.xor) == (cursor, self.count, protocol.to_hex(self.xor)), \
                "the checksum does not describe the records up to the cursor"
        self.cursor = cursor


# ---------------------------------------------------------------- in-process: writers and a reader


WRITERS = 6
PER_WRITER = 60


def test_a_reader_tailing_a_bucket_misses_and_repeats_nothing_while_writers_race(engine, settings, worker):
    writers = [device_caller(engine, settings, worker, f"笔记本{i}") for i in range(WRITERS)]
    reader = device_caller(engine, settings, worker, "读取用笔记本")
    applied: dict[str, int] = {}  # record id → change number, from the push results
    lock = threading.Lock()
    writing_done = threading.Event()
    tail = Tail()

    def write(caller: auth.Caller, n: int) -> None:
        rng = random.Random()
        people = [f.person(f"韦{i:03d}") for i in range(n)]
        seq = 0
        while people and not readers.errors:  # stop early once the reader has failed
            size = rng.randint(1, 4)
            chunk, people = people[:size], people[size:]
            batch = [mutation("create", p, seq + k) for k, p in enumerate(chunk, start=1)]
            seq += len(batch)
            results = push(engine, caller, batch)
            assert [r.status for r in results] == [Status.APPLIED] * len(batch), results
            with lock:
                applied.update({r.record_id: r.change_no for r in results})
            time.sleep(rng.uniform(0, 0.004))

    def read() -> None:
        while True:
            finished = writing_done.is_set()  # a pull begun after this saw every write
            page = pull(engine, reader, {VILLAGE: tail.cursor}, limit=37)
            tail.take(page)
            if finished and not page.has_more:
                return
            if not page.changes:
                time.sleep(0.001)

    started = time.monotonic()
    readers, writing = Crew(), Crew()
    with commit_delays(engine, 0.03, share=0.5):
        readers.start("reader", read)
        for i, caller in enumerate(writers):
            writing.start(f"writer{i}", write, caller, PER_WRITER)
        try:
            writing.join(120)
        finally:
            writing_done.set()
            readers.join(30)
    elapsed = time.monotonic() - started

    total = WRITERS * PER_WRITER
    assert len(applied) == total
    assert tail.seen == applied  # every record exactly once, with the number its push was told
    assert tail.cursor == total and tail.numbers == set(range(1, total + 1))
    assert tail.busy_pages > 10, f"the reader did not really tail the writers ({tail.busy_pages} pages)"
    assert tail.checksums >= 1
    assert count_rows(engine, records) == total
    print(f"{total} creates by {WRITERS} writers in {elapsed:.1f} s; reader: {tail.pages} pulls, "
          f"{tail.busy_pages} with changes, {tail.checksums} checksums checked")


# ---------------------------------------------------------------- two server processes, one database


@pytest.fixture
def two_servers(engine, database_url, tmp_path) -> Iterator[Callable[[str], tuple[LiveServer, LiveServer]]]:
    """two_servers(delay) → two uvicorn processes over the same (migrated) database, started side
    by side; each writing transaction waits `delay` ms ("LO-HI": random) before COMMIT, holding
    its locks, so that requests to the two really overlap."""
    started: list[LiveServer] = []

    def start(delay_ms: str) -> tuple[LiveServer, LiveServer]:
        pair = tuple(LiveServer(database_url, tmp_path / name, env={COMMIT_DELAY_MS: delay_ms}, start=False)
                     for name in ("a", "b"))
        started.extend(pair)
        crew = Crew()
        for server in pair:
            crew.start(f"start {server.port}", server.start)
        crew.join(60)
        return pair

    try:
        yield start
    finally:
        for server in started:
            server.stop()


class Replica:
    """A laptop's copy of the village, kept up to date by incremental pulls; every page that
    finishes the bucket must carry the checksum of exactly this copy."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.cursors: dict[str, int] = {}
        self.rows: dict[str, dict[str, Any]] = {}

    def sync(self, url: str, limit: int = 20) -> None:
        while True:
            before = self.cursors.get(VILLAGE, 0)
            page = self.device.pull(self.cursors, limit, base_url=url)
            for c in page["changes"]:
                assert c["change_no"] > before, f"change {c['change_no']} at or below the cursor {before}"
                before = c["change_no"]
                old = self.rows.get(c["record_id"])
                assert old is None or c["version"] > old["version"], (old, c)
                self.rows[c["record_id"]] = c
            self.cursors = page["cursors"]
            if VILLAGE in page["checksums"]:
                s = page["checksums"][VILLAGE]
                count, xor = protocol.combine((rid, c["version"]) for rid, c in self.rows.items())
                assert (s["change_no"], s["count"], s["xor"]) == (self.cursors[VILLAGE], count, protocol.to_hex(xor))
            if not page["has_more"]:
                return


def full_pull(device: Device, url: str, limit: int = 25) -> list[dict[str, Any]]:
    """Every page of a first sync from `url`, as received."""
    pages, cursors = [], {}
    while True:
        page = device.pull(cursors, limit, base_url=url)
        pages.append(page)
        cursors = page["cursors"]
        if not page["has_more"]:
            return pages


LAPTOPS = 3
ROUNDS = 10


@on_postgresql
def test_laptops_alternating_between_two_server_processes_converge(engine, worker, two_servers):
    urls = [s.url for s in two_servers("0-15")]
    devices = [Device.login(urls[i % 2], worker.username, worker.password, f"笔记本{i}") for i in range(LAPTOPS)]
    replicas = [Replica(d) for d in devices]
    created: dict[str, str] = {}  # record id → the device that created it
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def work(idx: int) -> None:
        device, replica, rng = devices[idx], replicas[idx], random.Random(idx)
        for n in range(ROUNDS):
            url = urls[(n + idx) % 2]  # alternate: push to one server, pull from the other
            batch = [mutation("create", f.person(f"韦{'一二三'[idx]}{'甲乙'[k]}"), device.next()) for k in range(2)]
            for c in rng.sample(sorted(replica.rows.values(), key=lambda c: c["record_id"]),
                                min(2, len(replica.rows))):
                edited = Person.model_validate({**c["record"], "hukou_address": f"融安县浮石镇浮石村{idx}-{n}号"})
                batch.append(mutation("update", edited, device.next(), base_version=c["version"],
                                      fields=["hukou_address"]))
            results = device.push(*batch, base_url=url)
            for m, r in zip(batch, results, strict=True):
                assert r["status"] in (("applied",) if m.op == "create" else ("applied", "conflict")), r
                with lock:
                    statuses[r["status"]] = statuses.get(r["status"], 0) + 1
                    if m.op == "create":
                        created[m.record_id] = device.device_id
            replica.sync(urls[(n + idx + 1) % 2])

    crew = Crew()
    for i in range(LAPTOPS):
        crew.start(f"laptop{i}", work, i)
    crew.join(120)

    pages = [full_pull(devices[0], url) for url in urls]
    assert pages[0] == pages[1]  # both processes serve the same pages, cursors and checksums
    changes = [c for page in pages[0] for c in page["changes"]]
    ids = [c["record_id"] for c in changes]
    assert len(ids) == len(set(ids)) and set(ids) == set(created)  # every record exactly once
    numbers = [c["change_no"] for c in changes]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    last = pages[0][-1]
    count, xor = protocol.combine((c["record_id"], c["version"]) for c in changes)
    assert last["checksums"][VILLAGE] == {"change_no": last["cursors"][VILLAGE], "count": count,
                                          "xor": protocol.to_hex(xor)}
    final = {c["record_id"]: c for c in changes}
    for i, replica in enumerate(replicas):  # each laptop's incremental copy catches up to the same state
        replica.sync(urls[i % 2])
        assert replica.rows == final
        replica.device.close()
    assert count_rows(engine, records) == len(created) == LAPTOPS * ROUNDS * 2
    assert statuses.get("applied", 0) > len(created)  # updates went through too
    print(f"statuses {statuses}; {len(changes)} records, last change {numbers[-1]}")


def test_the_same_mutation_sent_to_two_server_processes_at_once_is_applied_once(engine, worker, two_servers):
    # 30 ms before each COMMIT: the second request starts while the first holds its locks
    # uncommitted, so it does not find a stored result and must lose on the unique keys instead.
    servers = two_servers("30")
    first = Device.login(servers[0].url, worker.username, worker.password)
    # One device, two connections (one per process), the same mutation on both at the same moment.
    twins = [Device(s.url, first.token, first.device_id) for s in servers]
    people = [f.person(f"韦{'一二三四五六七八'[i]}") for i in range(8)]
    seq = 0

    def race(m) -> list[dict[str, Any]]:  # noqa: ANN001
        gate, out = threading.Barrier(2), [None, None]

        def send(k: int) -> None:
            gate.wait()
            out[k] = twins[k].push(m)[0]

        crew = Crew()
        for k in (0, 1):
            crew.start(f"send{k}", send, k)
        crew.join(60)
        return out

    for i, person in enumerate(people):
        seq += 1
        create = mutation("create", person, seq)
        seq += 1
        edit = mutation("update", person.model_copy(update={"hukou_address": f"融安县浮石镇浮石村{i}号"}), seq,
                        base_version=1, fields=["hukou_address"])
        for m, version in ((create, 1), (edit, 2)):
            results = race(m)
            assert sorted(r["status"] for r in results) == ["applied", "duplicate"], results
            applied, duplicate = sorted(results, key=lambda r: r["status"])
            assert duplicate["original_status"] == "applied"
            for key in ("mutation_id", "record_id", "version", "change_no"):
                assert applied[key] == duplicate[key]
            assert applied["version"] == version

    pages = [full_pull(first, s.url) for s in servers]
    assert pages[0] == pages[1]
    changes = [c for page in pages[0] for c in page["changes"]]
    assert sorted(c["record_id"] for c in changes) == sorted(p.id for p in people)  # one record each
    assert all(c["version"] == 2 and c["record"]["hukou_address"].startswith("融安县") for c in changes)
    assert [c["change_no"] for c in changes] == sorted(c["change_no"] for c in changes)
    assert pages[0][-1]["cursors"][VILLAGE] == 2 * len(people)  # no change number was spent twice
    assert count_rows(engine, mutations) == 2 * len(people) and count_rows(engine, records) == len(people)
    for device in (first, *twins):
        device.close()

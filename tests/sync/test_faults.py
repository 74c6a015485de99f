"""The sync cycle over a broken network (sync-failure-modes.md rows 1, 4, 7, 12, 13).

Laptops talk to the real county server through `tests.support.fault_proxy.FaultProxy`. For each
fault: laptop A records a morning's work (people, a household, a visit it completes — sealed — with
a photo, and an edit of a person both laptops had), laptop B edits another field of that person;
both sync while the fault is active (a `SyncError` or success are both fine; anything else is a
bug), then the fault is cleared and they sync cleanly. Afterwards the server holds every record
exactly once, at the version its mutations imply, and A, B (and a fresh laptop C, whose first
sync — the snapshot — also went through the fault) equal the server: same ids, versions, seal
hashes, data and photos, nothing left in an outbox, no sync problems.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from gridapp.models import Attachment, Person, VisitRecord
from gridapp.store import Store
from sync import protocol as p
from sync.client import OfflineError, SyncError
from sync.engine import SyncReport, run_sync
from sync.mutations import record_payload
from sync.server.tables import audit, blobs, buckets, conflicts, mutations, records
from tests.server.conftest import grid_of
from tests.support import factories as f
from tests.support.fault_proxy import FaultProxy

VILLAGE = f.QUANTOU
PUSH, PULL, HELLO = "/v1/sync/push", "/v1/sync/pull", "/v1/sync/hello"
SNAPSHOT, BLOBS = "/v1/sync/snapshot/", "/v1/blobs/"
BATCH, PAGE = 3, 4  # small, so that one sync is several pushes and several pulled pages


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    """Logins are not what these tests are about: the cheapest argon2 saves ~0.9 s per test."""
    from argon2 import PasswordHasher

    from sync.server import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


@pytest.fixture
def proxy(server_url: str) -> Iterator[FaultProxy]:
    with FaultProxy(server_url) as px:
        yield px


@pytest.fixture
def via_proxy(make_laptop, worker, proxy):
    """via_proxy() → a laptop of the worker's village whose client goes through the proxy."""

    def make():
        laptop = make_laptop(worker)
        laptop.client.base_url = proxy.url
        return laptop

    return make


def sync(laptop, **kw: Any) -> SyncReport:
    return run_sync(laptop.store, laptop.client, batch=BATCH, page=PAGE, **kw)


def attempt(laptop) -> SyncReport | SyncError:
    """One sync that may fail — but only with a SyncError: any other exception fails the test."""
    try:
        return sync(laptop)
    except SyncError as exc:
        return exc


def data_of(store: Store, record_id: str) -> dict[str, Any]:
    """The record's data as the server keeps it (the state is a column of its own there)."""
    data = record_payload(store.get(record_id))
    data.pop("state", None)
    return data


# ---------------------------------------------------------------- a morning's work


def _photo(n: int = 90_000, seed: int = 7) -> bytes:
    import random

    return random.Random(seed).randbytes(n)


@dataclass
class Work:
    """What laptop A recorded: ids, and the server version each must end at."""

    versions: dict[str, int]
    photo: bytes
    digest: str
    visit_id: str

    @property
    def ids(self) -> set[str]:
        return set(self.versions)


def morning(a_store: Store, old_id: str, *, n: int = 1, photo_seed: int = 7) -> Work:
    versions: dict[str, int] = {}
    head = f.person(f"韦新{n}", id_number=None, hukou_address="融安县浮石镇浮石村")
    spouse, child = f.person(f"覃新{n}", id_number=None), f.person(f"韦小{n}", id_number=None)
    home = f.household(head, spouse, child)
    for r in (head, spouse, child, home):
        a_store.save(r)
        versions[r.id] = 1
    visit = f.visit(home.id, visit_no=f"{VILLAGE}-ZF-20261120-{n}")
    a_store.save(visit)
    photo = _photo(seed=photo_seed)
    digest = a_store.put_blob(photo, "image/jpeg")
    shot = Attachment(village_code=VILLAGE, kind="photo", sha256=digest, size=len(photo), mime="image/jpeg",
                      captured_at=datetime(2026, 11, 20, 9, 40, tzinfo=f.CST), captured_by=f.STAFF,
                      filename=f"门前{n}.jpg", owner_type="visit", owner_id=visit.id)
    a_store.save(shot)
    a_store.transition(visit.id, "COMPLETED")  # sealed, the photo's hash included
    versions[shot.id] = 1
    versions[visit.id] = 2  # create + seal
    a_store.save(a_store.get(old_id).model_copy(update={"full_name": "韦老改"}))
    return Work(versions, photo, digest, visit.id)


@pytest.fixture
def scene(via_proxy):
    """Laptops A and B of one village, both holding person `old`; A has done a morning's work
    and B has edited another field of `old`. Nothing of it is synced yet."""
    a, b = via_proxy(), via_proxy()
    sync(a)
    old = f.person("韦老", id_number=None)
    a.store.save(old)
    sync(a)
    sync(b)
    work = morning(a.store, old.id)
    work.versions[old.id] = 3  # created, A's edit, B's edit
    b.store.save(b.store.get(old.id).model_copy(update={"hukou_address": "融安县浮石镇泉头村"}))
    return a, b, old, work


# ---------------------------------------------------------------- the invariants


def server_state(engine: Engine, bucket: str = VILLAGE) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(records.c.id, records.c.type, records.c.version, records.c.sealed,
                                   records.c.content_hash, records.c.deleted, records.c.data, records.c.state)
                            .where(records.c.bucket == bucket)).all()
    return {r.id: {"type": r.type, "version": r.version, "sealed": bool(r.sealed), "content_hash": r.content_hash,
                   "deleted": bool(r.deleted), "state": r.state, "data": json.loads(r.data)} for r in rows}


def laptop_state(store: Store, bucket: str = VILLAGE) -> dict[str, dict[str, Any]]:
    rows = store._conn.execute("SELECT id, type, server_version, sealed, content_hash, deleted, state FROM records "
                               "WHERE bucket = ?", (bucket,)).fetchall()
    return {rid: {"type": rtype, "version": version, "sealed": bool(sealed), "content_hash": digest,
                  "deleted": bool(deleted), "state": state, "data": {} if deleted else data_of(store, rid)}
            for rid, rtype, version, sealed, digest, deleted, state in rows}


def assert_exactly_once(engine: Engine, work: Work) -> dict[str, dict[str, Any]]:
    """Every record on the server once, at the version its mutations imply (a mutation applied
    twice would show as a higher version, a second create audit row or a conflict)."""
    server = server_state(engine)
    assert set(server) == work.ids and len(server) == len(work.ids)
    assert {rid: s["version"] for rid, s in server.items()} == work.versions
    with engine.connect() as conn:
        creates = dict(conn.execute(select(audit.c.record_id, func.count()).where(
            audit.c.action == "create", audit.c.bucket == VILLAGE).group_by(audit.c.record_id)).all())
        applied = dict(conn.execute(select(mutations.c.record_id, func.count()).where(
            mutations.c.record_id.in_(work.ids)).group_by(mutations.c.record_id)).all())
        clashes = conn.execute(select(func.count()).select_from(conflicts)).scalar()
        photo = conn.execute(select(blobs.c.size, blobs.c.complete).where(blobs.c.sha256 == work.digest)).first()
    assert creates == dict.fromkeys(work.ids, 1)
    assert applied == work.versions  # one stored result per mutation, each one version
    assert clashes == 0
    assert photo is not None and (photo.size, bool(photo.complete)) == (len(work.photo), True)
    assert server[work.visit_id]["sealed"] and server[work.visit_id]["content_hash"]
    return server


def assert_same_as_server(engine: Engine, laptop, server: dict[str, dict[str, Any]], work: Work) -> None:
    store = laptop.store
    mine = laptop_state(store)
    assert set(mine) == set(server)
    for rid, theirs in server.items():
        assert mine[rid] == theirs, f"{theirs['type']} {rid} differs from the server"
    assert store.pending_count() == 0 and store.outbox(status=None) == []
    assert store.sync_problems() == []
    assert store.verify_seals() == []
    assert store.read_blob(work.digest) == work.photo
    with engine.connect() as conn:
        counter = conn.execute(select(buckets).where(buckets.c.code == VILLAGE)).one()
    assert store.sync_cursors()[VILLAGE] == counter.last_change_no
    count, xor = p.combine(store.server_versions(VILLAGE))
    assert (count, p.to_hex(xor)) == (counter.record_count, p.to_hex(counter.xor))


# ---------------------------------------------------------------- every fault


@dataclass(frozen=True)
class Case:
    mode: str
    path: str | None = None
    method: str | None = None
    times: int | None = None  # None: every matching request until cleared
    skip: int = 0  # let this many matching requests through first

    def inject(self, proxy: FaultProxy) -> None:
        if self.mode == "refuse":
            proxy.inject("refuse")
            return
        proxy.inject(self.mode, path=self.path, method=self.method, times=self.times, skip=self.skip)


def _case(name: str, *args: Any, **kw: Any) -> Any:
    return pytest.param(Case(*args, **kw), id=name)


CASES = [
    _case("refuse", "refuse"),
    _case("reset_before-all-but-hello", "reset_before", skip=1),
    _case("reset_after-push-once", "reset_after", PUSH, times=1),
    _case("reset_after-push-2nd-batch-on", "reset_after", PUSH, skip=1),
    _case("reset_after-pull-once", "reset_after", PULL, times=1),
    _case("reset_after-pull-2nd-page-on", "reset_after", PULL, skip=1),
    _case("reset_after-snapshot", "reset_after", SNAPSHOT),
    _case("reset_after-blob-upload", "reset_after", BLOBS, "PATCH"),
    _case("reset_after-blob-download", "reset_after", BLOBS, "GET"),
    _case("duplicate-push", "duplicate", PUSH),
    _case("duplicate-pull", "duplicate", PULL),
    _case("duplicate-all", "duplicate"),
    _case("truncate-push", "truncate", PUSH, times=1),
    _case("truncate-snapshot", "truncate", SNAPSHOT, times=1),
    _case("truncate-blob-download", "truncate", BLOBS, "GET", times=1),
]


@pytest.mark.parametrize("case", CASES)
def test_a_fault_loses_and_duplicates_nothing(case: Case, scene, via_proxy, proxy, engine):
    """A, B and a fresh C each sync once with the fault armed (afresh for each), then cleanly."""
    a, b, old, work = scene
    written = {rid: data_of(a.store, rid) for rid in work.ids}

    def faulted(laptop) -> SyncReport | SyncError:
        case.inject(proxy)
        try:
            return attempt(laptop)
        finally:
            proxy.clear()

    got_a = faulted(a)
    # Read-your-writes (row 13): whatever the fault did, A still reads what it wrote.
    assert {rid: data_of(a.store, rid) for rid in work.ids} == written
    got_b = faulted(b)
    # B's unanswered edit stays on top of whatever B pulled.
    assert b.store.get(old.id).hukou_address == "融安县浮石镇泉头村"
    proxy.wait_idle()
    sync(a)
    sync(b)
    sync(a)  # B's edit of `old`
    c = via_proxy()  # a fresh laptop: its first sync (a snapshot) goes through the fault too
    got_c = faulted(c)
    proxy.wait_idle()
    sync(c)
    print(f"\n{case}: A {_outcome(got_a)}, B {_outcome(got_b)}, C {_outcome(got_c)}; "
          f"proxy saw {proxy.requests_seen} requests, faulted {proxy.faults_injected}")
    if case.mode != "refuse":
        assert proxy.faults_injected > 0, "the fault never hit a request: the case tests nothing"

    server = assert_exactly_once(engine, work)
    assert server[old.id]["data"]["full_name"] == "韦老改"
    assert server[old.id]["data"]["hukou_address"] == "融安县浮石镇泉头村"
    for laptop in (a, b, c):
        assert_same_as_server(engine, laptop, server, work)


def _outcome(got: SyncReport | SyncError) -> str:
    if isinstance(got, SyncError):
        return f"{type(got).__name__}({got.code})"
    return f"ok(pushed={got.pushed}, pulled={got.pulled})"


# ---------------------------------------------------------------- targeted checks


def test_a_push_whose_answer_is_lost_is_resent_and_answered_as_a_duplicate(scene, proxy, engine):
    """Row 1: the server committed, the laptop never heard; the retry must not apply it again."""
    a, _, old, _ = scene
    queued = a.store.pending_count()
    proxy.reset_counters()
    proxy.inject("reset_after", path=PUSH)  # every push of this sync: committed, answer lost
    with pytest.raises(SyncError):
        sync(a)
    lost = proxy.seen(PUSH, fault="reset_after")
    assert len(lost) == 1 + a.client.retries and all(s.status == 200 for s in lost)  # the server answered each
    assert a.store.pending_count() == queued  # nothing answered: everything still queued
    proxy.clear()
    report = sync(a)
    assert report.pushed == {"duplicate": BATCH, "applied": queued - BATCH}
    assert a.store.pending_count() == 0
    assert server_state(engine)[old.id]["version"] == 2


def test_a_pull_cut_after_its_first_page_resumes_from_that_page(scene, proxy):
    """Row 4: the cursor moves with the data, one page at a time; after a drop the next pull
    asks from the last page the laptop committed — neither from 0 nor past what it holds."""
    a, b, _, _ = scene
    sync(a)  # push A's work
    proxy.reset_counters()
    proxy.inject("reset_after", path=PULL, skip=1)  # the first page arrives, every later one is lost
    with pytest.raises(SyncError):
        sync(b)
    first = proxy.seen(PULL)[0]
    held = b.store.sync_cursors()[VILLAGE]
    assert first.fault == "pass" and held > json.loads(first.body)["cursors"][VILLAGE]
    proxy.clear()
    before = len(proxy.log)
    sync(b)
    resumed = next(s for s in proxy.log[before:] if s.path == PULL)
    assert json.loads(resumed.body)["cursors"][VILLAGE] == held


def test_a_late_copy_of_a_push_that_timed_out_changes_nothing(scene, proxy, engine):
    """The laptop gave up waiting and sent again; the first copy reaches the server afterwards."""
    a, _, old, work = scene
    proxy.reset_counters()
    proxy.inject("delay", path=PUSH, times=1, delay_ms=1200)
    a.client.timeout = 0.4
    try:
        sync(a)
    except OfflineError:
        # On a busy machine another request of the same sync (an attachment's chunk) can wait
        # past 0.4 s too while the server takes the late copy: the next sync finishes the work.
        pass
    finally:
        a.client.timeout = 30.0
    proxy.wait_idle()
    copies = proxy.seen(PUSH)
    assert len(copies) >= 2  # it gave up waiting and sent the push again
    assert copies[0].fault == "delay" and copies[0].forwarded == 1  # the late copy did reach the server
    sync(a)
    assert a.store.pending_count() == 0
    versions = {rid: s["version"] for rid, s in server_state(engine).items()}
    assert versions[old.id] == 2 and all(versions[rid] == v for rid, v in work.versions.items() if rid != old.id)


@pytest.mark.parametrize("fault", [
    dict(mode="duplicate", path=PUSH),
    dict(mode="reset_after", path=PUSH, times=1),
], ids=["duplicate", "reset_after"])
def test_a_poison_mutation_is_one_problem_and_never_blocks_the_queue(fault, via_proxy, proxy, engine):
    """Row 12 under row 1's faults: the refused change is answered once and shown once."""
    a = via_proxy()
    sync(a)
    good = [f.person(f"韦好{i}", id_number=None) for i in range(4)]
    bad = f.person("韦外村", id_number=None).model_copy(update={"village_code": "450224106201"})
    for r in (*good[:2], bad, *good[2:]):
        a.store.save(r)
    proxy.inject(**fault)
    got = attempt(a)
    proxy.clear()
    sync(a)
    print(f"\n{fault}: {_outcome(got)}")
    [problem] = a.store.sync_problems()
    assert (problem["kind"], problem["record_id"], problem["code"]) == ("rejected", bad.id, "territory.outside")
    assert a.store.pending_count() == 0
    server = server_state(engine)
    assert {rid: s["version"] for rid, s in server.items()} == {r.id: 1 for r in good}


# ---------------------------------------------------------------- a slow rural link


@pytest.mark.slow
def test_a_days_work_syncs_over_a_slow_link(via_proxy, proxy, engine, database_url, capsys):
    """256 kbit/s and 300 ms per round trip: a day's work goes up, comes down on the other laptop
    and on a new one. Times are printed, not asserted. The link is under test, not the database:
    SQLite only, to keep the suite short."""
    if not database_url.startswith("sqlite"):
        pytest.skip("the slow link is the same over any database; run once, on SQLite")
    a, b = via_proxy(), via_proxy()
    a.sync()
    b.sync()
    old = [f.person(f"韦旧{i}", id_number=None) for i in range(5)]
    for r in old:
        a.store.save(r)
    a.sync()
    b.sync()
    versions = {r.id: 2 for r in old}
    for i, r in enumerate(old):
        a.store.save(a.store.get(r.id).model_copy(update={"hukou_address": f"融安县浮石镇浮石村{i}号"}))
    for n in range(1, 9):  # eight households visited
        head, spouse, child = (f.person(f"韦户{n}", id_number=None), f.person(f"覃户{n}", id_number=None),
                               f.person(f"韦子{n}", id_number=None))
        home = f.household(head, spouse, child)
        for r in (head, spouse, child, home):
            a.store.save(r)
            versions[r.id] = 1
        if n <= 6:
            visit: VisitRecord = f.visit(home.id, visit_no=f"{VILLAGE}-ZF-20261120-{n}")
            a.store.save(visit)
            a.store.transition(visit.id, "COMPLETED")
            versions[visit.id] = 2
    photo = _photo(40_000, seed=3)
    digest = a.store.put_blob(photo, "image/jpeg")
    shot = Attachment(village_code=VILLAGE, kind="photo", sha256=digest, size=len(photo), mime="image/jpeg",
                      captured_at=datetime(2026, 11, 20, 15, 0, tzinfo=f.CST), captured_by=f.STAFF)
    a.store.save(shot)
    versions[shot.id] = 1
    proxy.inject("throttle", rate_bps=256_000, latency_ms=300)
    lines = []
    for name, laptop in (("A uploads", a), ("B downloads", b), ("C first sync", via_proxy())):
        trips, started = laptop.client.round_trips, time.monotonic()
        report = laptop.sync()
        lines.append(f"{name}: {time.monotonic() - started:.1f} s, {laptop.client.round_trips - trips} round trips, "
                     f"pushed {report.pushed}, pulled {report.pulled}, "
                     f"sent {laptop.client.bytes_sent} B, received {laptop.client.bytes_received} B")
    with capsys.disabled():
        print("\n256 kbit/s, 300 ms: " + "; ".join(lines))
    server = server_state(engine)
    assert {rid: s["version"] for rid, s in server.items()} == versions
    for laptop in (a, b):
        assert laptop.store.pending_count() == 0 and laptop.store.sync_problems() == []
        assert {rid: s["version"] for rid, s in laptop_state(laptop.store).items()} == versions
    assert b.store.read_blob(digest) == photo


def test_the_proxy_passes_keep_alive_requests_and_counts_them(via_proxy, proxy):
    a = via_proxy()
    a.sync()
    a.store.save(Person(village_code=VILLAGE, full_name="韦计数"))
    a.sync()
    assert proxy.requests_seen == len(proxy.log) >= 5 and proxy.faults_injected == 0
    assert proxy.forwarded == proxy.requests_seen
    assert proxy.connections < proxy.requests_seen  # the laptop's connection was reused

"""The server killed (kill -9) between commit and response (architecture.md §3, rule 1).

The real server runs as a subprocess (tests/support/live_server.py) whose test-only hook
SIGKILLs it right after the N-th commit that stored a mutation's result, before it answers.
The laptop sees a dropped connection, the server is started again, and the retried push must
be answered `duplicate` with the original result — never a second record. On SQLite and
PostgreSQL (the `engine` fixture is parametrised over both).
"""

from __future__ import annotations

import signal

import httpx
import pytest
from sqlalchemy import func, select

from sync import protocol
from sync.mutations import mutation
from sync.protocol import MutationResult
from sync.server.tables import mutations, records
from tests.server.conftest import grid_of
from tests.support import factories as f
from tests.support.live_server import DIE_AFTER_COMMIT, Device, LiveServer

pytestmark = pytest.mark.slow

VILLAGE = f.QUANTOU


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


def _stored(engine, mutation_id: str) -> MutationResult:
    with engine.connect() as conn:
        row = conn.execute(select(mutations.c.result).where(mutations.c.mutation_id == mutation_id)).scalar_one()
    return MutationResult.model_validate_json(row)


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _assert_checksum(changes, sums) -> None:
    count, xor = protocol.combine((c["record_id"], c["version"]) for c in changes)
    assert sums[VILLAGE]["count"] == count and sums[VILLAGE]["xor"] == protocol.to_hex(xor)


def test_a_push_whose_answer_died_with_the_server_is_answered_duplicate_after_restart(
        engine, database_url, worker, tmp_path):
    with LiveServer(database_url, tmp_path, env={DIE_AFTER_COMMIT: "1"}) as server:
        laptop = Device.login(server.url, worker.username, worker.password)
        head = f.person()
        m = mutation("create", head, laptop.next())

        with pytest.raises(httpx.TransportError):  # the answer never comes
            laptop.push(m)
        assert server.wait_dead() == -signal.SIGKILL
        original = _stored(engine, m.mutation_id)  # committed before the process died
        assert (original.status, original.version) == ("applied", 1)

        server.restart(env={})  # normally this time
        [again] = laptop.push(m)
        assert again["status"] == "duplicate" and again["original_status"] == "applied"
        assert (again["record_id"], again["version"], again["change_no"]) == \
               (head.id, original.version, original.change_no)

        changes, _, sums = laptop.pull_all()
        assert [(c["record_id"], c["version"], c["change_no"]) for c in changes] == \
               [(head.id, 1, original.change_no)]
        _assert_checksum(changes, sums)
        assert _count(engine, records) == 1 and _count(engine, mutations) == 1
        laptop.close()


def test_a_batch_cut_by_kill_9_half_way_is_completed_by_its_retry_without_doubles(
        engine, database_url, worker, tmp_path):
    with LiveServer(database_url, tmp_path, env={DIE_AFTER_COMMIT: "50"}) as server:
        laptop = Device.login(server.url, worker.username, worker.password)
        people = [f.person(f"韦{i:03d}") for i in range(100)]
        batch = [mutation("create", p, laptop.next()) for p in people]

        with pytest.raises(httpx.TransportError):
            laptop.push(*batch)
        assert server.wait_dead() == -signal.SIGKILL
        assert _count(engine, mutations) == 50 and _count(engine, records) == 50  # one transaction each

        server.restart(env={})
        results = laptop.push(*batch)
        assert [r["status"] for r in results] == ["duplicate"] * 50 + ["applied"] * 50
        assert all(r["original_status"] == "applied" for r in results[:50])
        for m, r in zip(batch[:50], results[:50], strict=True):
            first = _stored(engine, m.mutation_id)
            assert (r["version"], r["change_no"]) == (first.version, first.change_no)

        changes, cursors, sums = laptop.pull_all(limit=30)
        assert sorted(c["record_id"] for c in changes) == sorted(p.id for p in people)  # each exactly once
        assert [c["change_no"] for c in changes] == list(range(1, 101)) == \
               sorted(r["change_no"] for r in results)
        assert cursors[VILLAGE] == 100
        _assert_checksum(changes, sums)
        assert _count(engine, records) == 100 and _count(engine, mutations) == 100
        laptop.close()

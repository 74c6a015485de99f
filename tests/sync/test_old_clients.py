"""Old laptop builds against the current county server (sync-failure-modes row 10, "schema change
with old clients"): a matrix of the two previous client builds, each with a pending outbox,
syncing with this server, living through a server rollback, and then updated to this build.

There are no released builds yet, so the builds come from git history. A "client build" is the
laptop side at a commit: `sync/protocol.py`, `sync/engine.py`, `sync/client.py`,
`gridapp/syncing.py` and the local schema (`gridapp/schema.py`). Their history
(`git log -- sync/protocol.py sync/engine.py sync/client.py gridapp/syncing.py gridapp/schema.py`)
has these layouts, newest first:

- 065c820 … HEAD: local schema 3 (`sync_deferred`, a sealed-row trigger the sync code may pass)
  — the current build. The commits after it (a50d8bd, 7b808ff, d6d89fd, 16ed89a) change how the
  laptop handles refusals and speed, not the wire messages or the local schema.
- **N-1 = ac3a0ab** (7d6c89e … ac3a0ab): the newest build before local schema 3; its
  migration 2 has `sent_log` and `sync_buckets.verified_cursor`, and its `protocol.py` is today's
  (7d6c89e only added bounds to numbers, the last change to `protocol.py`).
- **N-2 = 473a228**: the newest build before that; its `protocol.py` has the unbounded numbers,
  its migration 2 has `sent_log` but no `verified_cursor` (7d6c89e added the column by editing
  migration 2 in place), and it already re-sends after a server restored from a backup.
- 2805d84 (the first sync engine) is older still: its migration 2 has no `sent_log` either.

Each build runs in a subprocess (`old_client_child.py`) whose `sys.path` starts at a
`git archive` of its commit; the venv is today's (their dependencies are unchanged). The wire
messages refuse unknown keys (`extra="forbid"`) on both sides, so these tests are also what
catches a new field in `hello`, a pull page or a push answer that old laptops would choke on.

Found by this matrix: a laptop database made by N-2 could not be synced by the current build —
migration 2 had been edited in place after 473a228, so its database was at schema 2 without
`sync_buckets.verified_cursor`. Migration 4 repairs such databases (and 2805d84's, without
`sent_log`); the N-2 update test below is what shows it.

Move N_1 and N_2 on each protocol or local-schema release: N-1 is the newest earlier build whose
`protocol.py` or local schema differs from the current one, N-2 the newest one before it that
differs from N-1.

On SQLite and PostgreSQL: the rollback restores a nightly backup as docs/server.md says (a file
copy through SQLite's backup API, or `pg_dump -Fc` and `pg_restore`; tests/support/server_backup.py).
Needs full git history: a shallow clone fails these tests with a message saying so, it does not
skip them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.server.tables import records
from tests.server.conftest import grid_of
from tests.support import factories as f
from tests.support.server_backup import backup, restore

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("old_client_child.py")
VILLAGE = f.QUANTOU

# The previous two client builds (see the module docstring). Move them on each protocol release.
N_1 = "ac3a0ab53c47880d56e9e8f8158e5a83b28019ab"  # last build with local schema 2 (before sync_deferred, migration 3)
N_2 = "473a2281d06254b43478cddb4864bca0e8ada273"  # last build before protocol.py's bounds and sync_buckets.verified_cursor
BUILDS = {"N-1": N_1, "N-2": N_2}
SEEDED = 30


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


@pytest.fixture(scope="module")
def old_trees(tmp_path_factory) -> dict[str, Path]:  # noqa: ANN001
    """A `git archive` of each old build's commit."""
    if _git("rev-parse", "--is-shallow-repository") != "false":
        pytest.fail("the old-client matrix needs the full git history, and this clone is shallow: "
                    "clone without --depth (or run `git fetch --unshallow`)")
    trees = {}
    for name, commit in BUILDS.items():
        tree = tmp_path_factory.mktemp(f"build-{name}")
        archive = subprocess.run(["git", "archive", commit, "gridapp", "sync", "resources"], cwd=ROOT,
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            pytest.fail(f"git archive {commit} ({name}) failed: {archive.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        trees[name] = tree
    return trees


class OldLaptop:
    """A laptop running an old build, one subprocess per step."""

    def __init__(self, tree: Path, path: Path, actor: str) -> None:
        self.tree, self.path, self.actor = tree, path, actor

    def run(self, step: str, *args: str) -> dict:
        env = {**os.environ, "GRIDAPP_TEST_VILLAGE": VILLAGE, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        env.pop("PYTHONPATH", None)
        done = subprocess.run([sys.executable, str(CHILD), str(self.tree), str(self.path), self.actor, step, *args],
                              cwd=self.tree, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, f"old build, step {step}: {done.stderr[-3000:]}"
        return json.loads(done.stdout.strip().splitlines()[-1])


def _server_persons(engine) -> dict[str, int]:  # noqa: ANN001
    """id → how many rows the server holds for it (always 1 if nothing was duplicated)."""
    with engine.connect() as conn:
        rows = conn.execute(select(records.c.id, func.count()).where(
            records.c.type == "person", records.c.deleted.is_(False)).group_by(records.c.id)).all()
    return {r[0]: r[1] for r in rows}


@pytest.fixture(params=sorted(BUILDS))
def build(request) -> str:  # noqa: ANN001
    return request.param


def test_an_old_build_syncs_its_outbox_once_without_a_full_resync_and_survives_a_server_rollback(
        build, old_trees, make_laptop, make_user, server_url, engine, database_url, tmp_path):
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    current = make_laptop(worker)  # a colleague's laptop on the current build
    seeded = [f.person(f"韦甲{i}") for i in range(SEEDED)]
    for p in seeded:
        current.store.save(p)
    current.sync()

    old = OldLaptop(old_trees[build], tmp_path / f"old-{build}.db", worker.username)
    old.run("login", server_url, worker.username, worker.password)
    first = old.run("sync")
    assert first["pulled"] == SEEDED and not first["unverified"]

    # Offline on the old build: three new people and one change to a colleague's record.
    added = old.run("add", "韦乙一", "韦乙二", "韦乙三")["ids"]
    old.run("rename", seeded[0].id, "融安县浮石镇泉头村")
    assert old.run("state")["pending"] == 4
    nightly = tmp_path / "nightly.backup"
    backup(database_url, nightly)  # the server's nightly backup, before the old laptop's pushes

    others = [f.person("韦丙一"), f.person("韦丙二")]
    for p in others:
        current.store.save(p)
    current.sync()

    report = old.run("sync")
    assert report["pushed"] == {"applied": 4}
    # No full resync: the old laptop's cursor is kept, so it pulls what changed since its last
    # sync (the colleague's two and its own four coming back), not the village's 35 records.
    assert report["pulled"] == 6, report
    assert not report["repaired"] and not report["unverified"]
    state = old.run("state")
    assert state["pending"] == 0 and len(state["persons"]) == SEEDED + 5
    held = _server_persons(engine)
    assert set(added) <= set(held) and set(held.values()) == {1} and len(held) == SEEDED + 5

    # The server's disk fails; the county restores the nightly backup, from before the pushes.
    restore(database_url, engine, nightly)
    after = old.run("sync")
    assert after["resent"] == 4 and after["pushed"] == {"applied": 4}, after
    assert VILLAGE in after["repaired"]  # the village went back in time: pulled again
    current.sync()  # the colleague re-sends its two the same way
    held = _server_persons(engine)
    assert len(held) == SEEDED + 5 and set(held.values()) == {1}
    state = old.run("state")
    assert state["pending"] == 0 and state["persons"][seeded[0].id] == "融安县浮石镇泉头村"
    assert len(state["persons"]) == SEEDED + 5


@pytest.mark.parametrize("build", ["N-1", "N-2"])
def test_updating_the_app_keeps_the_old_builds_outbox_and_cursor(build, old_trees, make_user, server_url,
                                                                  engine, tmp_path, db_key, make_laptop):
    from gridapp.schema import SCHEMA_VERSION
    from gridapp.store import Store
    from sync.client import Client
    from sync.session import sync_now

    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    current = make_laptop(worker)
    for i in range(SEEDED):
        current.store.save(f.person(f"韦甲{i}"))
    current.sync()
    old = OldLaptop(old_trees[build], tmp_path / f"old-{build}.db", worker.username)
    old.run("login", server_url, worker.username, worker.password)
    old.run("sync")
    added = old.run("add", "韦丁一", "韦丁二")["ids"]
    before = old.run("state")
    assert before["pending"] == 2 and before["schema"] < SCHEMA_VERSION

    # The user installs the current build: it opens the old database (migrations run, after a
    # backup file) and syncs the outbox the old build left.
    store = Store.open(old.path, db_key, actor=worker.username)
    client = Client(server_url, retries=2, backoff=0.01)
    try:
        assert store.pending_count() == 2
        assert store.sync_cursors() == before["cursors"]
        report = sync_now(store, client=client)
        assert report.pushed == {"applied": 2} and report.pulled == 2  # only its own two come back
        assert not report.repaired_buckets and not report.unverified_buckets
        assert store.pending_count() == 0 and store.count("person") == SEEDED + 2
        assert int(store._conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
    finally:
        store.close()
        client.close()
    held = _server_persons(engine)
    assert set(added) <= set(held) and set(held.values()) == {1}

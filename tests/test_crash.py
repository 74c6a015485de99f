"""A process killed with SIGKILL mid-write leaves a database that opens, checks ok, and holds
each transaction whole or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gridapp.store import Store

KEY = bytes(range(32))
ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gridapp.store import Store
    from tests.support import factories as f

    path, mode, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    key = bytes(range(32))
    store = Store.open(path, key, actor="w") if path.exists() else Store.create(path, key, actor="w")
    def say(text):
        print(text, flush=True)
    if mode == "bulk":
        people = [f.person(f"韦{i}号", id_number=None) for i in range(n)]
        store.import_records(people, batch=500, progress=lambda done, total: say(f"BATCH {done}"))
        say("COMMITTED")
    else:
        for i in range(n):
            store.save(f.person(f"覃{i}号", id_number=None))
            say(f"SAVED {i}")
    import time
    time.sleep(60)
    """
)


def _run_until(path: Path, mode: str, n: int, marker: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode, str(n)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for line in child.stdout:
            if line.startswith(marker):
                os.kill(child.pid, signal.SIGKILL)
                break
        else:
            pytest.fail(f"child ended before {marker}: {child.stderr.read()}")
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _reopen(path: Path) -> Store:
    store = Store.open(path, KEY, actor="after-crash")
    assert store.integrity_check() == ["ok"]
    assert store.check() == []
    return store


def test_killed_inside_a_large_import_leaves_nothing_of_it(tmp_path):
    path = tmp_path / "g.db"
    _run_until(path, "bulk", 20_000, "BATCH 4000")  # rows written, transaction not committed
    with _reopen(path) as store:
        assert store.count("person") == 0
        assert store.pending_count() == 0
        assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == 0


def test_killed_after_the_commit_keeps_the_whole_import(tmp_path):
    path = tmp_path / "g.db"
    _run_until(path, "bulk", 3_000, "COMMITTED")
    with _reopen(path) as store:
        assert store.count("person") == 3_000
        assert store.pending_count() == 3_000
        assert len(store.search("韦2999号")) == 1


@pytest.mark.parametrize("after", [5, 60])
def test_killed_between_saves_each_save_is_whole_or_absent(tmp_path, after):
    path = tmp_path / "g.db"
    _run_until(path, "saves", 10_000, f"SAVED {after}")
    with _reopen(path) as store:
        people = store.count("person")
        assert people >= after + 1  # every save reported before the kill is there
        audits = store.db.execute("SELECT count(*) FROM audit WHERE action = 'create'").fetchone()[0]
        assert people == audits == store.pending_count()

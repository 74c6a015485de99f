"""A huge first sync (sync-failure-modes row 6): a laptop does not download a village its disk
cannot hold, says so in plain words, and has pushed its own changes first. Real server over
loopback, SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil

import pytest

from sync.client import DiskSpaceError
from sync.engine import STORE_BYTES_PER_SNAPSHOT_BYTE, run_sync
from tests.server.conftest import grid_of
from tests.support import factories as f

VILLAGE = f.QUANTOU


def _seed(laptop, n: int) -> None:  # noqa: ANN001
    for i in range(n):
        head = f.person(f"韦{i}号", id_number=None, hukou_address="融安县浮石镇浮石村")
        laptop.store.save(head)
        household = f.household(head)
        laptop.store.save(household)
        laptop.store.save(f.visit(household.id))
    laptop.sync()


def _store_bytes(path) -> int:  # noqa: ANN001
    return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))


def test_a_village_the_disk_cannot_hold_is_not_downloaded_and_the_worker_is_told_plainly(make_user, make_laptop,
                                                                                          settings):
    settings.snapshot_stale_changes = 0  # the snapshot counted is the one with this laptop's record
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    _seed(make_laptop(worker), 20)
    laptop = make_laptop(worker)
    mine = f.person("韦新来")
    laptop.store.save(mine)  # made before the first sync: in the outbox

    free = shutil.disk_usage(laptop.store.path.parent).free
    with pytest.raises(DiskSpaceError) as caught:
        # the real disk, asked to keep all of its free space: no village fits
        run_sync(laptop.store, laptop.client, keep_free=free)
    error = caught.value
    assert error.code == "disk.full" and error.body["bucket"] == VILLAGE
    assert error.message.startswith("电脑硬盘空间不够，没有下载浮石镇浮石村委会的数据（61 条记录，约需 1 MB）")  # its own one is there now
    assert "您在这台电脑上的修改已经上传到县服务器，不会丢失。" in error.message
    # Nothing of the village came down; the laptop's own change went up first.
    assert laptop.store.pending_count() == 0
    assert laptop.store.count("person") == 1 and laptop.store.sync_cursors().get(VILLAGE, 0) == 0

    # Space freed: the next sync downloads the village, once.
    report = run_sync(laptop.store, laptop.client, keep_free=0)
    assert report.pulled == 61 and not report.repaired_buckets
    assert laptop.store.count("person") == 21


def test_the_check_counts_what_the_database_will_take(make_user, make_laptop):
    """STORE_BYTES_PER_SNAPSHOT_BYTE holds for a village of people, households and visits: the
    laptop's database grows by less than that many bytes per unpacked snapshot byte."""
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    _seed(make_laptop(worker), 300)
    laptop = make_laptop(worker)
    seen = {}

    def free(path):  # noqa: ANN001, ANN202 - the engine asks once, after the snapshot's headers
        seen["asked"] = True
        return shutil.disk_usage(path.parent).free

    before = _store_bytes(laptop.store.path)
    sizes = []
    real = laptop.client.snapshot

    def snapshot(bucket, check=None, rows=None, stop=None):  # noqa: ANN001, ANN202
        def look(headers):  # noqa: ANN001, ANN202
            sizes.append(int(headers["X-Snapshot-Bytes"]))
            if check:
                check(headers)
        return real(bucket, look, rows=rows, stop=stop)

    laptop.client.snapshot = snapshot
    report = run_sync(laptop.store, laptop.client, disk_free=free, keep_free=0)
    laptop.store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # noqa: SLF001
    grown = _store_bytes(laptop.store.path) - before
    assert report.pulled == 900 and seen and sizes
    assert 0 < grown < STORE_BYTES_PER_SNAPSHOT_BYTE * sizes[0], (grown, sizes[0])

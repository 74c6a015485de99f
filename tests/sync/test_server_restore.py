"""The county server restored from an older backup: laptops notice and nothing is lost
(sync-failure-modes row 11)."""

from __future__ import annotations

from tests.server.conftest import grid_of
from tests.support import factories as f
from tests.support.server_backup import backup, restore

VILLAGE = f.QUANTOU


def test_a_server_restored_from_an_older_backup_gets_the_lost_changes_again(make_laptop, make_user, tmp_path,
                                                                                database_url, engine):
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    a, b = make_laptop(worker), make_laptop(worker)
    early = f.person("韦早")
    a.store.save(early)
    a.sync()
    nightly = tmp_path / "nightly.backup"
    backup(database_url, nightly)  # the nightly backup (a file copy, or pg_dump)

    late = [f.person(f"韦晚{i}") for i in range(3)]
    for p in late:
        a.store.save(p)
    a.store.save(a.store.get(early.id).model_copy(update={"hukou_address": "融安县浮石镇"}))
    a.sync()
    b.sync()
    restore(database_url, engine, nightly)  # the server's disk failed; the county restores last night's backup

    b_report = b.sync()
    assert VILLAGE in b_report.repaired_buckets  # b noticed the bucket went back in time
    report = a.sync()
    assert report.resent == 4 and report.pushed.get("applied") == 4
    b.sync()
    for laptop in (a, b):
        assert {p.id for p in late} <= {r.id for r in laptop.store.summaries("person")}
        assert laptop.store.get(early.id).hukou_address == "融安县浮石镇"
    fresh = make_laptop(worker)
    fresh.sync()
    assert fresh.store.count("person") == 4 and fresh.store.pending_count() == 0

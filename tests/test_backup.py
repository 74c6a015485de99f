"""Encrypted backups, rotation on disk, and a restore that can itself be undone."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from gridapp.backup import list_backups, make_backup, restore_backup
from gridapp.errors import StoreCorrupt, StoreError, WrongKey
from gridapp.store import Store
from tests.support import factories as f


def test_a_backup_is_encrypted_and_holds_the_same_records(store, db_key, tmp_path):
    p = f.person("韦小明")
    store.save(p)
    target = make_backup(store, tmp_path / "bk")
    plain = sqlite3.connect(target)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()
    with Store.open(target, db_key, actor="w") as copy:
        assert copy.get(p.id).full_name == "韦小明"
        assert copy.check() == []


def test_backups_rotate_on_disk(store, tmp_path):
    folder = tmp_path / "bk"
    start = datetime(2026, 1, 1, 12, 0, 0)
    for hour in range(0, 24 * 30, 6):  # four a day for a month
        make_backup(store, folder, now=start + timedelta(hours=hour))
    kept = list_backups(folder)
    assert 10 <= len(kept) <= 25
    assert kept[0].made_at == start + timedelta(hours=24 * 30 - 6)


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(store, db_key, tmp_path):
    before = f.person("韦小明")
    store.save(before)
    backup = make_backup(store, tmp_path / "bk")
    after = f.person("覃秀英")
    store.save(after)
    store.close()
    kept = restore_backup(backup, store.path, db_key)
    with Store.open(store.path, db_key, actor="w") as restored:
        assert restored.exists(before.id) and not restored.exists(after.id)
        assert restored.get_meta("restored_from") == backup.name  # sync re-registers the device
    with Store.open(kept, db_key, actor="w") as old:
        assert old.exists(after.id)  # nothing is lost by restoring


def test_a_garbage_backup_is_refused_and_the_database_is_untouched(store, db_key, tmp_path):
    store.save(f.person("韦小明"))
    store.close()
    junk = tmp_path / "gridapp-backup-20260101-000000.db"
    junk.write_bytes(b"not a database at all" * 100)
    original = store.path.read_bytes()
    with pytest.raises(WrongKey):
        restore_backup(junk, store.path, db_key)
    assert store.path.read_bytes() == original


def test_a_backup_made_with_another_key_is_refused(store, db_key, tmp_path):
    other = Store.create(tmp_path / "other.db", b"\x07" * 32, actor="w")
    other_backup = make_backup(other, tmp_path / "bk")
    other.close()
    store.close()
    original = store.path.read_bytes()
    with pytest.raises(WrongKey):
        restore_backup(other_backup, store.path, db_key)
    assert store.path.read_bytes() == original


def test_a_missing_backup_file_is_a_clear_error(store, db_key, tmp_path):
    store.close()
    with pytest.raises(StoreError.__mro__[1], match="找不到备份文件"):
        restore_backup(tmp_path / "nope.db", store.path, db_key)


def test_restore_refuses_a_corrupt_backup(store, db_key, tmp_path):
    store.save(f.person("韦小明"))
    backup = make_backup(store, tmp_path / "bk")
    with Store.open(backup, db_key, actor="w") as b:
        b.db.execute("DROP TRIGGER audit_no_update")
        b.db.execute("UPDATE audit SET actor = 'forged'")
    store.close()
    with pytest.raises(StoreCorrupt, match="备份文件已损坏"):
        restore_backup(backup, store.path, db_key)


def test_a_backup_taken_after_a_village_was_purged_still_finds_records_by_search(store, db_key, tmp_path):
    """The search index is keyed by the records' rowids: a backup must keep them, gaps and all
    (a worker reassigned away from a village leaves a gap when its records are purged)."""
    from gridapp import demo

    gone = f.person("韦离开").model_copy(update={"village_code": "450224101202"})
    store.import_records([gone])
    store.import_records(demo.generate(households=20, seed=5))
    with store._transaction():  # as when its changes have been sent: a village is purged only then
        store._conn.execute("DELETE FROM outbox WHERE bucket = '450224101202'")
    assert store.purge_bucket("450224101202") >= 1
    household = store.get(store.list_ids("household")[-1])
    words = household.address_detail[:5]
    expected = [s.id for s in store.search(words, limit=100)]
    assert household.id in expected
    target = make_backup(store, tmp_path / "bk")
    with Store.open(target, db_key, actor="w") as copy:
        assert [s.id for s in copy.search(words, limit=100)] == expected
        assert [s.id for s in copy.search(household.address_detail[:2], limit=100)] == \
            [s.id for s in store.search(household.address_detail[:2], limit=100)]
        assert copy.search("韦离开") == []


def test_a_backup_is_due_once_a_day(store):
    from gridapp.backup import back_up_if_due, backup_dir

    morning = datetime(2026, 11, 20, 8, 0)
    first = back_up_if_due(store, morning)
    assert first is not None and first.parent == backup_dir(store.path)
    assert back_up_if_due(store, morning + timedelta(hours=23)) is None
    second = back_up_if_due(store, morning + timedelta(hours=24))
    assert second is not None and [b.path for b in list_backups(backup_dir(store.path))] == [second, first]


def test_copies_set_aside_by_an_upgrade_or_a_restore_go_with_the_rotation_after_a_year(store, tmp_path):
    beside = store.path.parent
    old_upgrade = beside / f"{store.path.name}.pre-v3-20250101-080000.bak"
    recent_upgrade = beside / f"{store.path.name}.pre-v5-20261101-080000.bak"
    old_restore = beside / f"{store.path.name}.before-restore-20251001-080000"
    older_restore = beside / f"{store.path.name}.before-restore-20250601-080000"
    newest_restore_wrong_clock = beside / f"{store.path.name}.before-restore-20000101-000000"  # a reset clock's
    others = [beside / "notes.pre-v3-20250101-080000.bak",  # not this database's
              beside / f"{store.path.name}.training.db.pre-v3-20250101-080000.bak"]  # nor this one's
    for path in (old_upgrade, recent_upgrade, older_restore, newest_restore_wrong_clock, *others):
        path.write_bytes(b"an encrypted copy")
    old_restore = beside / f"{store.path.name}.before-restore-20251001-080000"
    old_restore.write_bytes(b"an encrypted copy")
    make_backup(store, tmp_path / "bk", now=datetime(2026, 11, 20, 8, 0))
    assert not old_upgrade.exists() and not older_restore.exists() and not newest_restore_wrong_clock.exists()
    assert recent_upgrade.exists() and old_restore.exists()  # each kind's newest by name stays
    assert all(p.exists() for p in others) and store.path.exists()


def test_after_the_clock_was_set_back_the_backups_go_on(store):
    from gridapp.backup import back_up_if_due, backup_dir

    assert back_up_if_due(store, datetime(2027, 6, 1, 8, 0)) is not None  # a clock a year ahead
    assert back_up_if_due(store, datetime(2026, 6, 2, 8, 0)) is not None  # set right again
    assert back_up_if_due(store, datetime(2026, 6, 2, 9, 0)) is None
    assert len(list_backups(backup_dir(store.path))) == 2


def test_a_backup_that_fills_the_disk_leaves_no_half_copy(store, tmp_path, monkeypatch):
    folder = tmp_path / "bk"

    def full(target):  # noqa: ANN001, ANN202
        target.write_bytes(b"half a copy")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "vacuum_into", full)
    with pytest.raises(sqlite3.OperationalError):
        make_backup(store, folder)
    assert list(folder.iterdir()) == []

"""The database file is encrypted: a lost laptop reveals nothing, a wrong key changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from gridapp.errors import KeyUnavailable, WrongKey
from gridapp.store import Store
from sync import credentials
from tests.support import factories as f


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_plain_sqlite_cannot_read_the_file(store):
    store.save(f.person("覃秀英"))
    store.close()
    plain = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_no_name_or_id_number_appears_in_the_bytes_on_disk(store):
    store.save(f.person("覃秀英", id_number="11010519491231002X"))
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    blob = b"".join(p.read_bytes() for p in files if p.exists())
    assert "覃秀英".encode() not in blob
    assert b"11010519491231002X" not in blob
    assert not store.path.read_bytes().startswith(b"SQLite format 3")


def test_wrong_key_is_refused_and_the_file_is_untouched(store, tmp_path):
    store.save(f.person())
    store.close()
    before = _digest(store.path)
    with pytest.raises(WrongKey) as caught:
        Store.open(store.path, b"\x01" * 32, actor="x", device_id="d")
    assert "口令或钥匙不对" in caught.value.message
    assert "没有被改动" in caught.value.message
    assert _digest(store.path) == before
    assert not (tmp_path / "gridapp.db-wal").exists() or (tmp_path / "gridapp.db-wal").stat().st_size == 0


def test_reopening_with_the_right_key_gives_back_the_record(store, db_key):
    p = f.person("蓝桂芳")
    store.save(p)
    store.close()
    with Store.open(store.path, db_key, actor="x") as again:
        assert again.get(p.id).full_name == "蓝桂芳"
        assert again.device_id == store.device_id  # the laptop keeps its device id


def test_new_database_key_goes_to_the_keyring_never_to_disk(tmp_path, memory_keyring):
    path = tmp_path / "g.db"
    with credentials.open_local_store(path, actor="w") as s:
        s.save(f.person())
    stored = [v for (service, _name), v in memory_keyring.secrets.items() if service == "GridApp"]
    assert len(stored) == 1 and len(bytes.fromhex(stored[0])) == 32
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert stored[0].encode() not in on_disk and bytes.fromhex(stored[0]) not in on_disk
    with credentials.open_local_store(path, actor="w") as s:  # the next start finds the key
        assert s.count("person") == 1


def test_lost_keyring_entry_gives_a_clear_message_and_keeps_the_file(tmp_path, memory_keyring):
    path = tmp_path / "g.db"
    credentials.open_local_store(path, actor="w").close()
    before = _digest(path)
    memory_keyring.secrets.clear()
    with pytest.raises(KeyUnavailable, match="找不到这个数据库的钥匙"):
        credentials.open_local_store(path, actor="w")
    assert _digest(path) == before


def test_without_a_keyring_a_passphrase_protects_the_database(tmp_path, no_keyring):
    path = tmp_path / "g.db"
    with credentials.open_local_store(path, actor="w", prompt=lambda creating: "融安县泉头村2024") as s:
        s.save(f.person("莫志强"))
    info = (tmp_path / "g.db.keyinfo.json").read_text()
    assert '"mode": "passphrase"' in info and "融安" not in info
    with credentials.open_local_store(path, actor="w", prompt=lambda creating: "融安县泉头村2024") as s:
        assert s.count("person") == 1
    before = _digest(path)
    with pytest.raises(WrongKey):
        credentials.open_local_store(path, actor="w", prompt=lambda creating: "wrong-passphrase")
    assert _digest(path) == before


def test_without_a_keyring_and_without_a_passphrase_nothing_is_created(tmp_path, no_keyring):
    path = tmp_path / "g.db"
    with pytest.raises(KeyUnavailable, match="口令"):
        credentials.open_local_store(path, actor="w", prompt=lambda creating: None)
    assert not path.exists()


def test_a_too_short_passphrase_is_refused(tmp_path, no_keyring):
    from gridapp.errors import GridAppError

    with pytest.raises(GridAppError, match="口令太短"):
        credentials.open_local_store(tmp_path / "g.db", actor="w", prompt=lambda creating: "1234")
    assert not (tmp_path / "g.db").exists()


def test_secrets_without_a_keyring_are_simply_not_kept(no_keyring):
    assert credentials.keyring_available() is False
    assert credentials.set_secret("token", "abc") is False
    assert credentials.get_secret("token") is None
    credentials.delete_secret("token")  # no error


def _page_size(store: Store) -> int:
    return int(store._conn.execute("PRAGMA page_size").fetchone()[0])  # noqa: SLF001


def test_new_databases_have_16_kib_pages_and_those_made_with_4_kib_pages_still_open(tmp_path, db_key, monkeypatch):
    from gridapp import store as store_module

    fresh = Store.create(tmp_path / "new.db", db_key, actor="韦网格员")
    assert _page_size(fresh) == 16384
    fresh.close()
    # A database as the builds before 16 KiB pages made it (SQLCipher's default, 4 KiB).
    monkeypatch.setattr(store_module, "PAGE_SIZES", (4096,))
    old = Store.create(tmp_path / "old.db", db_key, actor="韦网格员")
    person = f.person("覃秀英")
    old.save(person)
    old.close()
    monkeypatch.undo()
    again = Store.open(tmp_path / "old.db", db_key, actor="韦网格员")
    assert _page_size(again) == 4096 and again.get(person.id).full_name == "覃秀英"
    again.save(f.person("韦大山"))  # and it keeps working at its own page size
    assert again.count("person") == 2 and again.integrity_check() == ["ok"]
    again.close()


def test_a_backup_keeps_its_databases_page_size_and_opens(tmp_path, db_key, monkeypatch):
    from gridapp import store as store_module

    for size in (16384, 4096):
        monkeypatch.setattr(store_module, "PAGE_SIZES", (size,))
        made = Store.create(tmp_path / f"{size}.db", db_key, actor="韦网格员")
        made.save(f.person(f"覃{size}"))
        monkeypatch.undo()
        copy = tmp_path / f"{size}-backup.db"
        made.vacuum_into(copy)
        made.close()
        opened = Store.open(copy, db_key, actor="韦网格员")
        assert _page_size(opened) == size and [p.title for p in opened.summaries("person")] == [f"覃{size}"]
        opened.close()


def test_a_wrong_key_is_refused_at_every_page_size_and_the_file_is_untouched(tmp_path, db_key, monkeypatch):
    from gridapp import store as store_module

    monkeypatch.setattr(store_module, "PAGE_SIZES", (4096,))
    Store.create(tmp_path / "old.db", db_key, actor="韦网格员").close()
    monkeypatch.undo()
    for path in (tmp_path / "old.db", _new(tmp_path, db_key)):
        before = _digest(path)
        with pytest.raises(WrongKey, match="口令或钥匙不对"):
            Store.open(path, bytes(32), actor="韦网格员")
        assert _digest(path) == before


def _new(tmp_path, key):  # noqa: ANN001, ANN202
    Store.create(tmp_path / "new.db", key, actor="韦网格员").close()
    return tmp_path / "new.db"

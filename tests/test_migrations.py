"""Schema upgrades are append-only, run in one transaction, and back up the file first."""

from __future__ import annotations

import pytest

import gridapp.store as store_module
from gridapp import schema
from gridapp.errors import MigrationFailed
from gridapp.store import Store
from tests.support import factories as f

# The hash of each shipped migration's statements, in order.
SHIPPED = ["13998241b88840d2", "29fc2859becf8057", "c1bcf8be9030b7f5", "7ff2ec16097b556c", "c962dbded9648889",
           "f5c719b19cc1b9ec"]


def _with_extra_migration(monkeypatch, statements):
    migrations = schema.MIGRATIONS + [("test upgrade", statements)]
    monkeypatch.setattr(store_module, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(migrations))


def test_a_new_database_is_at_the_current_schema_version(store):
    assert store.schema_version == schema.SCHEMA_VERSION >= 1


def test_an_upgrade_backs_up_the_file_first_then_migrates(store, db_key, monkeypatch):
    p = f.person("韦小明")
    store.save(p)
    store.close()
    _with_extra_migration(monkeypatch, ["CREATE TABLE extra_notes (id TEXT PRIMARY KEY, text TEXT)"])
    with Store.open(store.path, db_key, actor="w") as upgraded:
        assert upgraded.schema_version == schema.SCHEMA_VERSION + 1
        assert upgraded.get(p.id).full_name == "韦小明"
        assert "extra_notes" in upgraded.db.table_names()
    [backup] = list(store.path.parent.glob(f"gridapp.db.pre-v{schema.SCHEMA_VERSION}-*.bak"))
    monkeypatch.undo()
    with Store.open(backup, db_key, actor="w") as old:  # the backup is the untouched old file
        assert old.schema_version == schema.SCHEMA_VERSION
        assert "extra_notes" not in old.db.table_names()


def test_a_version_1_database_from_the_first_release_upgrades_with_its_data(tmp_path, db_key, monkeypatch):
    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    with Store.create(tmp_path / "old.db", db_key, actor="w") as old:
        # What the first release wrote for an unsent change (its columns only).
        old._conn.execute(
            "INSERT INTO outbox (mutation_id, op, record_type, record_id, bucket, base_version, payload, "
            "created_at) VALUES ('m1', 'create', 'person', 'r1', '450224101201', NULL, '{}', '2026-11-01')")
    monkeypatch.undo()
    with Store.open(tmp_path / "old.db", db_key, actor="w") as new:
        assert new.schema_version == schema.SCHEMA_VERSION
        [entry] = new.outbox()
        assert (entry.mutation_id, entry.op, entry.status) == ("m1", "create", "pending")
        assert new._conn.execute("SELECT epoch, mutation FROM outbox").fetchone() == (0, None)
        assert new.sync_problems() == [] and new.sync_cursors() == {} and new.check() == []


def test_a_failing_upgrade_rolls_back_and_names_the_backup(store, db_key, monkeypatch):
    store.save(f.person("韦小明"))
    store.close()
    _with_extra_migration(monkeypatch, [
        "CREATE TABLE half_done (x)",
        "ALTER TABLE no_such_table ADD COLUMN y",
    ])
    with pytest.raises(MigrationFailed, match="备份在") as caught:
        Store.open(store.path, db_key, actor="w")
    assert ".bak" in caught.value.message
    monkeypatch.undo()
    with Store.open(store.path, db_key, actor="w") as same:
        assert same.schema_version == schema.SCHEMA_VERSION
        assert "half_done" not in same.db.table_names()
        assert same.count("person") == 1 and same.check() == []


def test_a_database_from_a_newer_program_is_not_touched(store, db_key, monkeypatch):
    store.close()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION - 1)
    with pytest.raises(MigrationFailed, match="请先升级程序"):
        Store.open(store.path, db_key, actor="w")


def test_migrations_already_shipped_are_never_edited():
    # Shipped migrations are pinned by the hash of their statements. Changing the schema means
    # appending a migration, never editing one that laptops already ran.
    import hashlib

    found = [hashlib.sha256("\n".join(map(str, m[1])).encode()).hexdigest()[:16] for m in schema.MIGRATIONS]
    assert found[:len(SHIPPED)] == SHIPPED


def test_the_upgrade_takes_family_case_summaries_out_of_the_search_index(tmp_path, db_key, monkeypatch):
    from gridapp import demo
    from gridapp.models.base import Record
    from gridapp.models.dispute import DisputeCase

    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS[:4])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 4)
    monkeypatch.setattr(DisputeCase, "search_text", Record.search_text)  # what version 4 indexed
    with Store.create(tmp_path / "old.db", db_key, actor="w") as old:
        old.import_records(demo.generate(households=30, seed=7))
        cases = [old.get(s.id) for s in old.summaries("case")]
        family = next(c for c in cases if c.dispute_type == "marriage_family" and len(c.summary or "") >= 6)
        other = next(c for c in cases if c.dispute_type != "marriage_family" and len(c.summary or "") >= 6)
        assert family.id in {s.id for s in old.search(family.summary[:6], limit=500)}
    monkeypatch.undo()
    with Store.open(tmp_path / "old.db", db_key, actor="w") as new:
        def found(text: str) -> set[str]:
            return {s.id for s in new.search(text, limit=500)}

        assert family.id not in found(family.summary[:6])
        assert other.id in found(other.summary[:6])
        assert family.id in found(family.case_no) and family.id in found(family.party_names[0])


def test_the_upgrade_takes_record_ids_out_of_sessions_search_text(tmp_path, db_key, monkeypatch):
    from gridapp import demo
    from gridapp.models import base

    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS[:5])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 5)
    monkeypatch.setattr(base, "is_record_id", lambda text: False)  # what version 5 indexed
    with Store.create(tmp_path / "old.db", db_key, actor="w") as old:
        old.import_records(demo.generate(households=30, seed=7))
        session = next(old.get(s.id) for s in old.summaries("session") if old.get(s.id).statements)
        party = session.statements[0].party_id
        assert session.id in {s.id for s in old.search(party, limit=500)}
        sessions = old.count("session")
    monkeypatch.undo()
    with Store.open(tmp_path / "old.db", db_key, actor="w") as new:
        def found(text: str) -> set[str]:
            return {s.id for s in new.search(text, limit=500)}

        assert session.id not in found(party) and session.id not in found(party[:13])
        assert session.id in found(session.statements[0].content[:6]) and session.id in found(session.place)
        assert new.count("session") == sessions


def test_a_session_its_model_no_longer_reads_keeps_its_text_through_the_upgrade(tmp_path, db_key, monkeypatch):
    """Migration 6 works a session's text out from its model: one whose stored data the model no
    longer accepts (a model made stricter since) keeps the text it had, and the upgrade still
    goes through."""
    from gridapp import demo
    from gridapp.models import RECORD_TYPES, base

    monkeypatch.setattr(store_module, "MIGRATIONS", schema.MIGRATIONS[:5])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 5)
    monkeypatch.setattr(base, "is_record_id", lambda text: False)
    with Store.create(tmp_path / "old.db", db_key, actor="w") as old:
        old.import_records(demo.generate(households=30, seed=7))
        odd = next(r for r in (old.get(s.id) for s in old.summaries("session")) if r.statements)
        party = odd.statements[0].party_id
    monkeypatch.undo()
    model = RECORD_TYPES["session"]
    real = model.model_validate.__func__

    def stricter(cls, data, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if isinstance(data, dict) and data.get("id") == odd.id:
            raise ValueError("this session no longer fits its model")
        return real(cls, data, *args, **kwargs)

    monkeypatch.setattr(model, "model_validate", classmethod(stricter))
    with Store.open(tmp_path / "old.db", db_key, actor="w") as new:
        assert new.schema_version == schema.SCHEMA_VERSION
        assert odd.id in {s.id for s in new.search(party, limit=500)}  # not read, so left as it was
        others = [s.id for s in new.summaries("session") if s.id != odd.id]
        assert others and not {s.id for s in new.search(party, limit=500)} & set(others)

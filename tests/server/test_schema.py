"""The server schema: migrations match the table definitions; the database itself protects
sealed records and the audit log."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, text, update
from sqlalchemy.exc import DBAPIError

from sync.server.db import schema_revision
from sync.server.tables import audit, metadata, records


def test_the_migrated_schema_matches_the_table_definitions(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert schema_revision(engine) == "0003"


def _sealed_row(engine):
    with engine.begin() as conn:
        conn.execute(insert(records).values(
            id="0190a000-0000-7000-8000-000000000001", type="visit", bucket="450224101201", state="COMPLETED",
            version=1, change_no=1, sealed=True, content_hash="a" * 64, deleted=False,
            root_id="0190a000-0000-7000-8000-000000000001", revision=1, data='{"summary": "原文"}',
            created_at=text("CURRENT_TIMESTAMP"), updated_at=text("CURRENT_TIMESTAMP"), created_by="t",
            updated_by="t", device_id="d"))


def test_the_database_refuses_to_change_a_sealed_record_even_behind_the_servers_back(engine):
    _sealed_row(engine)
    with pytest.raises(DBAPIError, match="sealed record"):
        with engine.begin() as conn:
            conn.execute(update(records).values(data='{"summary": "篡改"}'))
    with pytest.raises(DBAPIError, match="sealed record"):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM records"))
    with engine.begin() as conn:  # workflow columns may still move
        conn.execute(update(records).values(state="REVIEWED", version=2, change_no=2))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT data, state FROM records")).one() == ('{"summary": "原文"}', "REVIEWED")


def test_the_audit_log_is_append_only(engine):
    with engine.begin() as conn:
        conn.execute(insert(audit).values(at=text("CURRENT_TIMESTAMP"), action="test", detail="{}"))
    for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text(statement))

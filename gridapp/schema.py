"""The local database schema as append-only migrations; `SCHEMA_VERSION` is what sync reads.

Never edit a migration that has shipped: add a new one at the end. Each runs inside the
store's upgrade transaction, after a file backup (see `Store._migrate`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AddColumnIfMissing:
    """A migration step SQLite has no statement for: ALTER TABLE ADD COLUMN unless it is there."""

    table: str
    column: str
    declaration: str

    def __call__(self, conn: Any) -> None:
        if self.column not in {row[1] for row in conn.execute(f"PRAGMA table_info({self.table})")}:
            conn.execute(f"ALTER TABLE {self.table} ADD COLUMN {self.column} {self.declaration}")

    def __str__(self) -> str:  # what the shipped-migration fingerprint reads
        return f"ALTER TABLE {self.table} ADD COLUMN IF MISSING {self.column} {self.declaration}"


@dataclass(frozen=True)
class IndexAgain:
    """A migration step: index the search text of every live record of `record_type` again, as
    its model's `search_text` makes it now (after that text changed). A record its model no
    longer reads keeps the text it has."""

    record_type: str

    def __call__(self, conn: Any) -> None:
        from gridapp import search  # (the schema module stays free of the models and the index)
        from gridapp.models import RECORD_TYPES

        model = RECORD_TYPES[self.record_type]
        for rowid, body, state in conn.execute(
                "SELECT rowid, body, state FROM records WHERE type = ? AND deleted = 0", (self.record_type,)).fetchall():
            try:
                text = model.model_validate({**json.loads(body), "state": state}).search_text()
            except ValueError:
                continue
            conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))  # (its names stay as they are)
            search.index(conn, rowid, text, [])

    def __str__(self) -> str:  # what the shipped-migration fingerprint reads
        return f"INDEX SEARCH TEXT AGAIN OF {self.record_type}"


# Answered mutations (migration 2; migration 4 adds it where early builds lacked it).
_SENT_LOG = """CREATE TABLE sent_log (
                device_id TEXT NOT NULL,
                device_seq INTEGER NOT NULL,
                mutation_id TEXT NOT NULL,
                op TEXT NOT NULL,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                bucket TEXT NOT NULL,
                mutation TEXT NOT NULL,
                acked_at TEXT NOT NULL,
                PRIMARY KEY (device_id, device_seq)
            )"""

# Each migration: a name and its steps, SQL statements or, rarely, a function of the connection.
MIGRATIONS: list[tuple[str, list[str | Callable[[Any], None]]]] = [
    (
        "records, audit, outbox, search",
        [
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            # One table for every record type: sync, sealing and search treat them alike, and
            # lists read the projection columns (title, sort_key, parent_id) through indexes.
            """CREATE TABLE records (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                bucket TEXT NOT NULL,
                state TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                server_version INTEGER,
                sealed INTEGER NOT NULL DEFAULT 0,
                content_hash TEXT,
                root_id TEXT NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                supersedes_id TEXT,
                supersedes_hash TEXT,
                amend_reason TEXT,
                body TEXT NOT NULL,
                annex TEXT NOT NULL DEFAULT '{}',
                title TEXT NOT NULL DEFAULT '',
                sort_key TEXT NOT NULL DEFAULT '',
                parent_id TEXT,
                id_hmac TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                device_id TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX records_type_sort ON records(type, sort_key)",
            "CREATE INDEX records_parent ON records(parent_id, type)",
            "CREATE INDEX records_id_hmac ON records(id_hmac) WHERE id_hmac IS NOT NULL",
            # Revision 1 is unique through the primary key (root_id = id); corrections must not
            # race to the same revision number.
            "CREATE UNIQUE INDEX records_revision ON records(root_id, revision) WHERE revision > 1",
            # The store refuses these too; the triggers make sure nothing else can.
            """CREATE TRIGGER records_sealed_no_update BEFORE UPDATE ON records
               WHEN OLD.sealed = 1 AND (
                    NEW.body IS NOT OLD.body OR NEW.content_hash IS NOT OLD.content_hash
                 OR NEW.sealed IS NOT OLD.sealed OR NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type
                 OR NEW.root_id IS NOT OLD.root_id OR NEW.revision IS NOT OLD.revision
                 OR NEW.bucket IS NOT OLD.bucket OR NEW.deleted IS NOT OLD.deleted
                 OR NEW.supersedes_id IS NOT OLD.supersedes_id)
               BEGIN SELECT RAISE(ABORT, 'sealed record: its content cannot change'); END""",
            """CREATE TRIGGER records_sealed_no_delete BEFORE DELETE ON records
               WHEN OLD.sealed = 1
               BEGIN SELECT RAISE(ABORT, 'sealed record: it cannot be deleted'); END""",
            """CREATE TABLE state_changes (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                record_id TEXT NOT NULL,
                record_type TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                device_id TEXT NOT NULL,
                reason TEXT
            )""",
            "CREATE INDEX state_changes_record ON state_changes(record_id)",
            # Append-only, hash-chained audit (domain.md §12.4): each row's hash covers the
            # previous row's hash, so a removed or edited row breaks the chain.
            """CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                device_id TEXT NOT NULL,
                action TEXT NOT NULL,
                record_type TEXT,
                record_id TEXT,
                version INTEGER,
                detail TEXT NOT NULL DEFAULT '{}',
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )""",
            "CREATE INDEX audit_record ON audit(record_id)",
            """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
            """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
            # device_seq is AUTOINCREMENT so a number is never reused, even after the row is
            # acknowledged and removed: the server's exactly-once key is (device_id, device_seq).
            """CREATE TABLE outbox (
                device_seq INTEGER PRIMARY KEY AUTOINCREMENT,
                mutation_id TEXT NOT NULL UNIQUE,
                op TEXT NOT NULL,
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                bucket TEXT NOT NULL,
                base_version INTEGER,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending'
            )""",
            "CREATE INDEX outbox_record ON outbox(record_id, status)",
            # Contentless: the index keeps no second copy of the text (it is in the records).
            "CREATE VIRTUAL TABLE search USING fts5("
            "text, content = '', contentless_delete = 1, tokenize = 'trigram')",
            # Short queries (a one- or two-character surname) cannot use trigrams: they use
            # this index of names by prefix instead.
            """CREATE TABLE search_names (
                record_rowid INTEGER NOT NULL,
                name TEXT NOT NULL
            )""",
            "CREATE INDEX search_names_name ON search_names(name)",
            "CREATE INDEX search_names_rowid ON search_names(record_rowid)",
        ],
    ),
    (
        "sync: frozen mutations, assignment epoch, cursors, problems, purging a bucket",
        [
            # Once sent, a mutation is frozen here and resent byte for byte until answered.
            "ALTER TABLE outbox ADD COLUMN mutation TEXT",
            # The assignment epoch the laptop knew when the user made the change: the server
            # quarantines (rather than refuses) changes made under an older assignment.
            "ALTER TABLE outbox ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX outbox_bucket ON outbox(bucket)",
            # Answered mutations, kept for a while: if the server is restored from an older
            # backup it reports a lower last sequence, and these are sent again.
            _SENT_LOG,
            """CREATE TABLE sync_buckets (
                bucket TEXT PRIMARY KEY,
                cursor INTEGER NOT NULL DEFAULT 0,
                verified_at TEXT,
                verified_cursor INTEGER
            )""",
            # What the server did not take as sent: conflicts (one row per field), rejected and
            # quarantined changes. The user's values stay here until resolved.
            """CREATE TABLE sync_problems (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                record_id TEXT NOT NULL,
                record_type TEXT NOT NULL,
                field TEXT,
                base_value TEXT,
                server_value TEXT,
                client_value TEXT,
                code TEXT,
                message TEXT,
                details TEXT,
                mutation_id TEXT,
                created_at TEXT NOT NULL,
                resolved_at TEXT,
                resolution TEXT
            )""",
            "CREATE INDEX sync_problems_open ON sync_problems(resolved_at, record_id)",
            # Covers the checksum query (id and server version of a bucket) without the bodies.
            "CREATE INDEX records_bucket ON records(bucket, server_version, id)",
            # Attachment bytes live inside the encrypted database (a lost laptop reveals no
            # photo), content-addressed, in 256 KiB chunks; `uploaded` is the server's confirmed
            # offset, so an interrupted upload resumes there.
            """CREATE TABLE blobs (
                sha256 TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                mime TEXT,
                stored_at TEXT NOT NULL,
                uploaded INTEGER NOT NULL DEFAULT 0,
                on_server INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE blob_chunks (
                sha256 TEXT NOT NULL,
                seq INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (sha256, seq)
            ) WITHOUT ROWID""",
            # A bucket taken away from this laptop is purged, sealed records included (they are
            # safe on the server); the purge names the bucket in meta for its transaction only.
            "DROP TRIGGER records_sealed_no_delete",
            """CREATE TRIGGER records_sealed_no_delete BEFORE DELETE ON records
               WHEN OLD.sealed = 1 AND NOT EXISTS (
                   SELECT 1 FROM meta WHERE key = 'purging_bucket' AND value = OLD.bucket)
               BEGIN SELECT RAISE(ABORT, 'sealed record: it cannot be deleted'); END""",
        ],
    ),
    (
        "sync: pulled changes deferred behind unanswered local ones; seals and corrections the server refused",
        [
            # A pulled change for a record with an unanswered local create, state change or delete
            # is not applied over it: it waits here until the answer comes (and counts in the
            # bucket checksum meanwhile, being what the server holds).
            """CREATE TABLE sync_deferred (
                record_id TEXT PRIMARY KEY,
                bucket TEXT NOT NULL,
                version INTEGER NOT NULL,
                change TEXT NOT NULL
            )""",
            "CREATE INDEX sync_deferred_bucket ON sync_deferred(bucket)",
            # A sealed row stays as it was signed, except where the server refused it: the sync code
            # names the row in meta ('refused_by_server') for its statement, which may then only
            # unseal it (a seal the server refused; the document is kept in a sync problem) or
            # take it out of its revision chain (a correction refused as stale), nothing else.
            "DROP TRIGGER records_sealed_no_update",
            """CREATE TRIGGER records_sealed_no_update BEFORE UPDATE ON records
               WHEN OLD.sealed = 1 AND (
                    NEW.body IS NOT OLD.body OR NEW.content_hash IS NOT OLD.content_hash
                 OR NEW.sealed IS NOT OLD.sealed OR NEW.id IS NOT OLD.id OR NEW.type IS NOT OLD.type
                 OR NEW.root_id IS NOT OLD.root_id OR NEW.revision IS NOT OLD.revision
                 OR NEW.bucket IS NOT OLD.bucket OR NEW.deleted IS NOT OLD.deleted
                 OR NEW.supersedes_id IS NOT OLD.supersedes_id)
               AND NOT (
                    EXISTS (SELECT 1 FROM meta WHERE key = 'refused_by_server' AND value = OLD.id)
                AND NEW.body IS OLD.body AND NEW.id IS OLD.id AND NEW.type IS OLD.type
                AND NEW.bucket IS OLD.bucket AND NEW.deleted IS OLD.deleted
                AND NEW.supersedes_id IS OLD.supersedes_id
                AND ((NEW.sealed = 0 AND NEW.content_hash IS NULL
                      AND NEW.root_id IS OLD.root_id AND NEW.revision IS OLD.revision)
                  OR (NEW.sealed = 1 AND NEW.content_hash IS OLD.content_hash
                      AND NEW.root_id IS OLD.id AND NEW.revision = 1)))
               BEGIN SELECT RAISE(ABORT, 'sealed record: its content cannot change'); END""",
        ],
    ),
    (
        "repair: sync tables of early builds (migration 2 was extended after some laptops ran it)",
        [
            # Builds 822e8c7–473a228 created migration 2 without `sent_log` (before 473a228) or
            # `sync_buckets.verified_cursor` and the covering `records_bucket` (before 7d6c89e),
            # yet recorded schema version 2: what they lack is added here; complete databases are
            # left as they are (tests/sync/test_old_clients.py opens such laptops).
            _SENT_LOG.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1),
            AddColumnIfMissing("sync_buckets", "verified_cursor", "INTEGER"),
            "DROP INDEX IF EXISTS records_bucket",
            "CREATE INDEX records_bucket ON records(bucket, server_version, id)",
        ],
    ),
    (
        "privacy: family (婚姻家庭) cases' summaries out of the search index",
        [
            # Their search text becomes the case number and the parties' names only (what
            # DisputeCase.search_text indexes since), so words of a C3 summary find nothing.
            "DELETE FROM search WHERE rowid IN (SELECT rowid FROM records WHERE type = 'case' "
            "AND json_extract(body, '$.dispute_type') = 'marriage_family')",
            """INSERT INTO search(rowid, text)
               SELECT r.rowid, trim(coalesce(json_extract(r.body, '$.case_no'), '') || ' ' ||
                      coalesce((SELECT group_concat(json_extract(p.value, '$.name'), ' ')
                                FROM json_each(r.body, '$.parties') p
                                WHERE coalesce(json_extract(p.value, '$.name'), '') != ''), ''))
               FROM records r WHERE r.type = 'case'
                 AND json_extract(r.body, '$.dispute_type') = 'marriage_family'""",
        ],
    ),
    (
        "search: record ids out of the search text (a session's statements named their parties' ids)",
        [IndexAgain("session")],
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)

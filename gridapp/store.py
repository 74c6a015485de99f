"""The local store: the one door to the laptop's encrypted SQLite database.

Every user action is one transaction that writes the record, an audit row and, for synced
types, an outbox row, and returns a `Changes` value the UI broadcasts. Sealed records are
protected here and, underneath, by SQLite triggers (`gridapp.schema`).

A `Store` is used by one thread at a time (the UI's database thread); a lock guards against
accidents, not for throughput.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

from gridapp import audit, privacy, sealing, search, states, syncing, validation
from gridapp.errors import (
    GridAppError,
    InvalidRecord,
    MigrationFailed,
    RecordNotFound,
    SealedRecordError,
    StaleAmendment,
    StoreError,
    TransitionNotAllowed,
    WrongKey,
)
from gridapp.ids import new_id
from gridapp.models import parse_record
from gridapp.models.base import Record
from gridapp.blobstore import BlobStore
from gridapp.listing import StoreLists
from gridapp.lookups import StoreLookups
from gridapp.queries import OutboxEntry, RecordSummary, StoreReads
from gridapp.rows import RowData, present_fields, row_data, to_json
from gridapp.schema import MIGRATIONS, SCHEMA_VERSION
from gridapp.wording import say

__all__ = ["Changes", "OutboxEntry", "RecordSummary", "Store"]

# Records that never leave the laptop would be listed here; every type syncs today.
LOCAL_ONLY_TYPES: frozenset[str] = frozenset()

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Changes:
    """What one action changed: the record types and ids, for the UI's one broadcast."""

    record_types: frozenset[str] = frozenset()
    record_ids: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.record_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.record_types | other.record_types, self.record_ids | other.record_ids)

    @classmethod
    def of(cls, record_type: str, *ids: str) -> Changes:
        return cls(frozenset({record_type}), frozenset(ids))


def _now() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def now_text() -> str:
    """The laptop's time as the store writes it."""
    return _iso(_now())


# New databases use pages of 16 KiB: a township's first sync writes about a quarter faster than
# with SQLCipher's default 4 KiB, and the file is about 15 % smaller (docs/sync.md, "How a first
# sync runs"). A database made with 4 KiB pages keeps them. The page size is inside the encrypted
# file, so it cannot be read before the key opens it: opening tries the new size, then the old.
PAGE_SIZES = (16384, 4096)
_DEFAULT_PAGE_SIZE = threading.Lock()  # SQLCipher's default page size is one for the process


def _unlock(path: Path, key: bytes) -> Any:
    """A connection to `path` opened with `key`. Reading the schema is the first access that
    needs the key; a wrong key (or page size) fails there, before anything (journal mode
    included) could write to the file. Raises WrongKey when no page size opens it."""
    fresh = not path.exists() or path.stat().st_size == 0
    sizes = PAGE_SIZES[:1] if fresh else PAGE_SIZES
    failure: Exception | None = None
    for size in sizes:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute(f"PRAGMA cipher_page_size = {size}")
            # A page size that does not fit, with another still to try, is no error worth logging.
            with _quiet(conn) if size != sizes[-1] else nullcontext():
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            failure = exc
    raise WrongKey(
        "无法打开数据库：口令或钥匙不对，或者文件不是 GridApp 数据库。数据库文件没有被改动。"
    ) from failure


@contextmanager
def _quiet(conn: Any) -> Iterator[None]:
    """SQLCipher's log (a setting of the process) off for the block."""
    level = conn.execute("PRAGMA cipher_log_level").fetchone()[0]
    conn.execute("PRAGMA cipher_log_level = NONE")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cipher_log_level = {level}")


class Store(StoreReads, StoreLists, StoreLookups, BlobStore):
    """The laptop's encrypted database. Open with `Store.open` or `Store.create`."""

    def __init__(self, conn: Any, path: Path, *, actor: str, device_id: str) -> None:
        self._conn = conn
        self.path = path
        self.actor = actor
        self.device_id = device_id
        self.db = sqlite_utils.Database(conn)
        self._lock = threading.RLock()
        self._hmac_key: bytes | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def create(cls, path: Path | str, key: bytes, *, actor: str, device_id: str | None = None) -> Store:
        """Create a new encrypted database at `path`; raises StoreError if one is there."""
        path = Path(path)
        if path.exists():
            raise StoreError(say("数据库文件已经存在：{path}", path=str(path)))
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls._connect(path, key, actor=actor, device_id=device_id)

    @classmethod
    def open(cls, path: Path | str, key: bytes, *, actor: str, device_id: str | None = None) -> Store:
        """Open the database at `path` with `key`, upgrading its schema (after a backup).

        `device_id` defaults to the id this database minted for its laptop on creation.

        Raises StoreError when the file is missing, WrongKey when the key does not open it
        (the file is left untouched), MigrationFailed when an upgrade fails (the database is
        rolled back and the pre-upgrade copy is named in the message)."""
        path = Path(path)
        if not path.exists():
            raise StoreError(say("找不到数据库文件：{path}", path=str(path)))
        return cls._connect(path, key, actor=actor, device_id=device_id)

    @classmethod
    def _connect(cls, path: Path, key: bytes, *, actor: str, device_id: str | None) -> Store:
        if len(key) != 32:
            raise WrongKey(say("数据库钥匙格式不对（应为 32 字节）。"))
        conn = _unlock(path, key)
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a completed save survives a power cut; the cost (one fsync) is measured in bench/.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # 64 MiB of page cache keeps a large import's pages in memory until its commit.
        conn.execute("PRAGMA cache_size = -65536")
        store = cls(conn, path, actor=actor, device_id=device_id or "")
        try:
            store._migrate()
            # The laptop's device id is minted once, with the database, and kept in it.
            kept = store.get_meta("device_id")
            if kept is None:
                store.set_meta("device_id", device_id or new_id())
                kept = store.get_meta("device_id")
            store.device_id = device_id or kept or ""
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    self._conn.close()
                    self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema

    @property
    def schema_version(self) -> int:
        """The schema version of this file (what the sync layer reports to the server)."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise MigrationFailed(
                f"这个数据库来自更新版本的 GridApp（结构版本 {current}），请先升级程序。"
            )
        if current == SCHEMA_VERSION:
            return
        backup: Path | None = None
        if current > 0:
            backup = self._pre_migration_backup(current)
        try:
            with self._transaction():
                for version in range(current + 1, SCHEMA_VERSION + 1):
                    _name, statements = MIGRATIONS[version - 1]
                    for step in statements:
                        if callable(step):
                            step(self._conn)
                        else:
                            self._conn.execute(step)
                if current == 0:
                    self._set_meta("created_at", _iso(_now()))
                    self._set_meta("id_hmac_key", privacy.new_hmac_key().hex())
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlcipher3.Error as exc:
            where = say("升级前的备份在：{backup}", backup=str(backup)) if backup else say("数据库未被改动")
            raise MigrationFailed(say("数据库结构升级失败（{error}）。{where}", error=str(exc), where=where)) from exc

    def _pre_migration_backup(self, version: int) -> Path:
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.pre-v{version}-{stamp}.bak")
        shutil.copy2(self.path, target)
        return target

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Set a local setting (not synced, not audited: device id, cursors, preferences)."""
        with self._transaction():
            self._set_meta(key, value)

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def id_number_hmac(self, id_number: str) -> str:
        """The HMAC of an ID number under this store's key, for de-duplication and search."""
        if self._hmac_key is None:
            self._hmac_key = bytes.fromhex(self.get_meta("id_hmac_key") or "")
        return privacy.id_number_hmac(id_number, self._hmac_key)

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            if self._conn is None:
                raise StoreError(say("数据库已经关闭。"))
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def vacuum_into(self, target: Path) -> None:
        """Write a consistent, encrypted (same key) copy of the database to `target`, with this
        database's page size. (SQLCipher encrypts the copy with its default page size, a setting
        of the whole process, while SQLite keeps the page size: a 16 KiB database copied under
        the 4 KiB default would be unreadable. The default is set for the copy, then put back.)"""
        with self._lock, _DEFAULT_PAGE_SIZE:
            conn = self._conn
            size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            default = conn.execute("PRAGMA cipher_default_page_size").fetchone()[0]
            conn.execute(f"PRAGMA cipher_default_page_size = {size}")
            try:
                conn.execute("VACUUM INTO ?", (str(target),))
            finally:
                conn.execute(f"PRAGMA cipher_default_page_size = {int(default)}")

    # ------------------------------------------------------------------ writes

    def save(self, record: Record) -> Changes:
        """Create or update an unsealed record: validated, audited, queued for sync.

        The state is not changed here (use `transition`). An unchanged record writes nothing
        and returns empty Changes. Raises InvalidRecord (nothing written), SealedRecordError,
        RecordNotFound (a deleted id), GridAppError "stale_edit" when the stored record moved on
        since `record` was read, TransitionNotAllowed when the state differs."""
        record = revalidated(record)
        validation.ensure_valid(record)
        with self._transaction():
            return self._save(record)

    def save_with_files(self, record: Record, files: list[tuple[bytes, str | None]],
                        notes: Callable[[list[str]], dict[str, str]] | None = None) -> Changes:
        """Keep `files` ((bytes, mime) each) and save `record` as ONE action, with the local
        settings `notes` makes of the files' hashes: an attachment and its bytes arrive together,
        so nothing (a sync dropping the bytes of a photo just removed — the same file put again)
        can come between them. Raises what `save` raises; then nothing is written."""
        record = revalidated(record)
        validation.ensure_valid(record)
        with self._transaction():
            digests = [self._put_blob(data, mime) for data, mime in files]
            changes = self._save(record)
            for key, value in (notes(digests) if notes else {}).items():
                self._set_meta(key, value)
            return changes

    def save_all(self, records: Iterable[Record], *, reason: str | None = None) -> Changes:
        """Save several records as ONE action (all or nothing): a new household with its head, a
        member and the household they join. Each record is written as `save` writes it, in the order
        given; `reason` (why, e.g. a member moved out) is kept in each written record's audit row.

        Raises what `save` raises, for the first record that fails; then nothing is written."""
        checked = [revalidated(r) for r in records]
        for record in checked:
            validation.ensure_valid(record)
        changes = Changes()
        with self._transaction():
            for record in checked:
                changes = changes | self._save(record, reason=reason)
        return changes

    def _save(self, record: Record, *, reason: str | None = None) -> Changes:
        """`save` inside an open transaction."""
        rtype = record.RECORD_TYPE
        why = {"reason": reason} if reason else {}
        self._check_owner_open(record)
        old = self._row(record.id)
        if old is None:
            if record.state != record.INITIAL_STATE:
                raise TransitionNotAllowed(
                    f"新记录只能从初始状态开始（不能直接是“{states.state_label(rtype, record.state)}”）。")
            self._insert(record)
            self._audit("create", record, {"fields": present_fields(record), **why})
            self._state_change(record, None, record.state, None)
            self._queue("create", record, base_version=None, payload={})
            return Changes.of(rtype, record.id)
        self._check_writable(old, record)
        if record.state != old["state"]:
            raise TransitionNotAllowed(say("保存时不能直接改变状态，请使用“完成”“封存”等操作。"))
        data = self._data(record)
        changed = _changed_fields(old, data)
        if not changed:
            return Changes()
        self._update_row(old, record, data)
        detail = {"fields": self._visible_changes(rtype, changed), **why}
        self._audit("update", record, detail, version=old["version"] + 1)
        self._queue_update(old, record, sorted(changed))
        return Changes.of(rtype, record.id)

    def transition(self, record_id: str, to_state: str, *, reason: str | None = None) -> Changes:
        """Move a record to `to_state` through its state machine, sealing it where the
        machine says so (visit → COMPLETED, minutes → VOTED, agreement → EFFECTIVE …).

        Raises TransitionNotAllowed, InvalidRecord (the guard's problems), RecordNotFound."""
        with self._transaction():
            return self._transition(record_id, to_state, reason)

    def transition_path(self, record_id: str, path: Iterable[str], *, reason: str | None = None,
                        save: Record | None = None) -> Changes:
        """Save `save` (the record as last edited) when given, then move the record through `path`,
        each state in turn as `transition` would, all in ONE transaction: 定稿 walks the minutes
        through several states to the sealed one, and a failure on any step leaves the record
        exactly as it was.

        Raises what `save` and `transition` raise, for the first step that fails; then nothing is
        written."""
        if save is not None:
            save = revalidated(save)
            validation.ensure_valid(save)
        changes = Changes()
        with self._transaction():
            if save is not None:
                changes = self._save(save)
            for to_state in path:
                changes = changes | self._transition(record_id, to_state, reason)
        return changes

    def annotate(self, record_id: str, values: dict[str, Any], *, reason: str | None = None) -> Changes:
        """Record what happens to a document after it is signed: its annex (`ANNEX_FIELDS`: the
        minutes' 公示, a visit's 审核, an agreement's 履行). The annex is not part of the seal, so a
        sealed record takes it and its content hash never changes. Audited and synced like an edit
        (an update naming only annex fields); an unchanged value writes nothing.

        Raises GridAppError "annotate.not_annex" for any other field, InvalidRecord (problems of
        the annex fields only), RecordNotFound; then nothing is written."""
        with self._transaction():
            row = self._live_row(record_id)
            record = self._to_record(row)
            if not values or set(values) - type(record).ANNEX_FIELDS:
                raise GridAppError("封存后只能补记公示、审核、履行等情况；其他内容请做更正。", code="annotate.not_annex")
            updated = revalidated(record.model_copy(update=values))
            errors = [p for p in validation.problems(updated) if p.is_error and p.field.split(".")[0] in values]
            if errors:
                raise InvalidRecord(errors)
            annex = updated.model_dump_json(include=set(updated.ANNEX_FIELDS))
            before, after = json.loads(row["annex"]), json.loads(annex)
            changed = {k: (before.get(k), after.get(k)) for k in sorted(values) if before.get(k) != after.get(k)}
            if not changed:
                return Changes()
            self._conn.execute("UPDATE records SET annex = ?, version = version + 1, updated_at = ? WHERE id = ?",
                               (annex, _iso(_now()), record_id))
            detail = {"fields": self._visible_changes(updated.RECORD_TYPE, changed), "reason": reason}
            self._audit("annotate", updated, detail, version=row["version"] + 1)
            self._queue_update(row, updated, sorted(changed))
            return Changes.of(updated.RECORD_TYPE, record_id)

    def _transition(self, record_id: str, to_state: str, reason: str | None) -> Changes:
        """`transition` inside an open transaction."""
        row = self._live_row(record_id)
        record = self._to_record(row)
        validation.ensure_transition(record, to_state)
        seals = states.seals(record.RECORD_TYPE, to_state) and not row["sealed"]
        digest = self._seal_hash(record) if seals else row["content_hash"]
        self._conn.execute(
            "UPDATE records SET state = ?, sealed = ?, content_hash = ?, version = version + 1, "
            "updated_at = ? WHERE id = ?",
            (to_state, 1 if (seals or row["sealed"]) else 0, digest, _iso(_now()), record_id),
        )
        record.state = to_state
        self._state_change(record, row["state"], to_state, reason)
        detail: dict[str, Any] = {"from": row["state"], "to": to_state, "reason": reason}
        if seals:
            detail["content_hash"] = digest
        op = "seal" if seals else "transition"
        self._audit(op, record, detail, version=row["version"] + 1)
        self._queue(op, record, base_version=row["server_version"], payload=detail)
        return Changes.of(record.RECORD_TYPE, record_id)

    def amend(self, correction: Record, *, supersedes_id: str, reason: str,
              expected_hash: str | None = None) -> Changes:
        """Correct a sealed document: `correction` becomes a new sealed revision that names the
        version it supersedes. The old revision stays, unchanged, for the record.

        Raises SealedRecordError (the target is not sealed: edit it instead), StaleAmendment
        (a newer revision exists, or `expected_hash` is not the current hash), InvalidRecord."""
        reason = (reason or "").strip()
        if len(reason) < 2:
            raise GridAppError(say("请写明更正原因。"), code="amend.reason_required")
        with self._transaction():
            old = self._live_row(supersedes_id)
            if not old["sealed"]:
                raise SealedRecordError(say("这条记录还没有封存，可以直接修改，不需要更正。"), code="amend.not_sealed")
            # (a correction the server refused has left the chain, root_id = id: it does not count)
            newer = self._conn.execute("SELECT id FROM records WHERE supersedes_id = ? AND root_id <> id",
                                       (supersedes_id,)).fetchone()
            if newer is not None or (expected_hash and expected_hash != old["content_hash"]):
                raise StaleAmendment(say("这份记录已经被更正过，请打开最新版本后再更正。"))
            if correction.RECORD_TYPE != old["type"]:
                raise GridAppError(say("更正记录的类型与原记录不同。"), code="amend.type_mismatch")
            correction = revalidated(correction.model_copy(update={
                "id": new_id() if correction.id == supersedes_id else correction.id,
                "state": old["state"],
            }))
            # In the sealed state, `problems` demands everything that state demands of a document.
            validation.ensure_valid(correction)
            digest = self._seal_hash(correction)
            self._insert(correction, sealed_hash=digest, root_id=old["root_id"], revision=old["revision"] + 1,
                         supersedes_id=supersedes_id, supersedes_hash=old["content_hash"], amend_reason=reason)
            self._state_change(correction, None, correction.state, f"更正：{reason}")
            detail = {"supersedes_id": supersedes_id, "supersedes_hash": old["content_hash"],
                      "content_hash": digest, "reason": reason}
            self._audit("amend", correction, detail)
            self._queue("amend", correction, base_version=None, payload=detail)
            return Changes.of(correction.RECORD_TYPE, correction.id, supersedes_id)

    def delete(self, record_id: str, *, reason: str) -> Changes:
        """Delete an unsealed record, leaving a tombstone so the id never comes back.

        Sealed legal records are never deleted (SealedRecordError): correct them instead."""
        with self._transaction():
            row = self._live_row(record_id)
            if row["sealed"]:
                raise SealedRecordError(say("已封存的记录不能删除；如有错误，请做更正。"))
            if row["type"] == "attachment":
                self._check_owner_open(self._to_record(row))
            self._conn.execute(
                "UPDATE records SET deleted = 1, body = '{}', annex = '{}', title = '', id_hmac = NULL, "
                "version = version + 1, updated_at = ? WHERE id = ?",
                (_iso(_now()), record_id),
            )
            search.unindex(self._conn, row["_rowid"])
            ref = _Ref(row["type"], record_id, row["bucket"])
            self._audit("delete", ref, {"reason": reason}, version=row["version"] + 1)
            # Created and deleted before it was ever sent: the server needs only the tombstone.
            self._conn.execute(
                "DELETE FROM outbox WHERE record_id = ? AND status = 'pending' AND op IN ('create', 'update')",
                (record_id,),
            )
            payload: dict[str, Any] = {"reason": reason}
            if row["type"] == "attachment":  # its files leave this laptop once the server accepts (blobstore)
                payload["files"] = self.attachment_files(record_id, row["body"])
            self._queue("delete", ref, base_version=row["server_version"], payload=payload)
            return Changes.of(row["type"], record_id)

    def log_access(self, record_id: str, action: str, detail: dict[str, Any] | None = None) -> None:
        """Audit a read of sensitive data: `unmask`, `print`, `export` (domain.md §12.4)."""
        with self._transaction():
            row = self._live_row(record_id)
            self._audit(action, _Ref(row["type"], record_id, row["bucket"]), detail or {})

    def import_records(self, records: Iterable[Record], *, progress: Progress | None = None,
                       batch: int = 2000) -> Changes:
        """Create many new records in ONE transaction (all or nothing): the bulk path for
        imports and demo data. Records in a sealed state are sealed on the way in.

        Raises InvalidRecord for the first invalid record, GridAppError "import.duplicate" when
        an id exists already; in both cases nothing is written."""
        from gridapp import bulk

        with self._transaction():
            return bulk.import_records(self, records, progress=progress, batch=batch)

    # ------------------------------------------------------------------ sync (for sync.engine)

    def outgoing(self, limit: int, build: syncing.Builder) -> list[dict[str, Any]]:
        """The next `limit` mutations to send, frozen as sent (see syncing.freeze_outgoing)."""
        with self._transaction():
            return syncing.freeze_outgoing(self, limit, build)

    def take_push_results(self, results: list[dict[str, Any]]) -> dict[str, int]:
        """Record the server's answers to sent mutations (one transaction)."""
        with self._transaction():
            return syncing.take_results(self, results, _iso(_now()))

    def resend_after(self, device_id: str, last_seq: int) -> int:
        """Queue again what the server lost in a restore from backup (see syncing.resend_after)."""
        with self._transaction():
            count = syncing.resend_after(self, device_id, last_seq)
            if count:
                self._audit("sync_resend", _Ref("outbox", device_id, ""), {"after_seq": last_seq, "count": count})
            return count

    def apply_pull(self, changes: list[dict[str, Any]] | syncing.Batch, cursors: dict[str, int], *,
                   written: Callable[[], None] | None = None) -> Changes:
        """Apply a pulled page and advance its cursors together (rule 3: cursor after data).
        `written` is called once the page's last new rows are inserted (before their search index
        is built; not for a page without new records) and again just before the COMMIT: from
        there on the store's work is mostly SQLite's, which lets go of the interpreter."""
        with self._transaction():
            syncing.apply_page(self, changes, cursors, _iso(_now()), written)
            if written is not None:
                written()
        if isinstance(changes, syncing.Batch):
            return Changes(changes.record_types(), changes.record_ids())
        return Changes(frozenset(c["record_type"] for c in changes), frozenset(c["record_id"] for c in changes))

    def purge_bucket(self, bucket: str) -> int:
        """Drop a village this laptop no longer holds; nothing happens while any of its changes
        is unsent (rule 9). Returns the number of records removed."""
        with self._transaction():
            return syncing.purge_bucket(self, bucket, _iso(_now()))

    def reset_cursor(self, bucket: str) -> None:
        """Pull `bucket` again from the start (after a checksum mismatch)."""
        with self._transaction():
            self._conn.execute("UPDATE sync_buckets SET cursor = 0, verified_at = NULL, verified_cursor = NULL "
                               "WHERE bucket = ?", (bucket,))

    def mark_verified(self, buckets: dict[str, int]) -> None:
        """Note that these buckets matched the server's checksum at these change numbers."""
        if not buckets:
            return
        with self._transaction():
            self._conn.executemany("UPDATE sync_buckets SET verified_at = ?, verified_cursor = ? WHERE bucket = ?",
                                   [(_iso(_now()), cursor, bucket) for bucket, cursor in buckets.items()])

    def resolve_problem(self, problem_id: str, resolution: str) -> None:
        """Close a sync problem ("kept_server", "kept_mine", "dismissed"); keeping one's own value
        is an ordinary edit the caller saves first, which syncs like any other."""
        with self._transaction():
            self._conn.execute("UPDATE sync_problems SET resolved_at = ?, resolution = ? WHERE id = ?",
                               (_iso(_now()), resolution, problem_id))
            self._audit("resolve_problem", _Ref("sync_problem", problem_id, ""), {"resolution": resolution})

    def set_id_hmac_key(self, key_hex: str) -> int:
        """Adopt the county-wide ID-number HMAC key (from the server), recomputing the stored
        HMACs; derived data, so nothing is queued for sync. Returns the records updated."""
        if key_hex == self.get_meta("id_hmac_key"):
            return 0
        with self._transaction():
            self._set_meta("id_hmac_key", key_hex)
            self._hmac_key = bytes.fromhex(key_hex)
            rows = self._conn.execute(
                "SELECT id, body FROM records WHERE id_hmac IS NOT NULL AND deleted = 0").fetchall()
            for record_id, body in rows:
                data = json.loads(body)
                number = data.get("id_number")
                digest = self.id_number_hmac(number) if number else None
                if "id_number_hmac" in data:
                    data["id_number_hmac"] = digest
                self._conn.execute("UPDATE records SET id_hmac = ?, body = ? WHERE id = ? AND sealed = 0",
                                   (digest, to_json(data), record_id))
            return len(rows)

    # ------------------------------------------------------------------ write helpers

    def _live_row(self, record_id: str) -> dict[str, Any]:
        row = self._row(record_id)
        if row is None or row["deleted"]:
            raise RecordNotFound(say("找不到这条记录（{id}），可能已被删除。", id=record_id))
        return row

    def _check_writable(self, old: dict[str, Any], record: Record) -> None:
        if old["deleted"]:
            raise RecordNotFound(say("这条记录已被删除，不能再保存。"))
        if old["type"] != record.RECORD_TYPE:
            raise GridAppError(say("记录类型与已保存的不同。"), code="type_mismatch")
        if old["sealed"]:
            raise SealedRecordError(say("这份记录已经封存（签字/定稿），不能再修改；如有错误，请做更正。"))
        if record.version and record.version != old["version"]:
            raise GridAppError(
                "这条记录在您编辑期间已被更新（可能是同步带来的修改），请重新打开后再改。", code="stale_edit")

    def _check_owner_open(self, record: Record) -> None:
        """An attachment of a sealed document is part of its seal: it cannot be added, changed
        or removed afterwards (a correction carries its own attachments)."""
        owner_id = getattr(record, "owner_id", None) if record.RECORD_TYPE == "attachment" else None
        if owner_id:
            owner = self._conn.execute("SELECT sealed FROM records WHERE id = ?", (owner_id,)).fetchone()
            if owner is not None and owner[0]:
                raise SealedRecordError(say("这份记录已经封存，不能再增加、修改或删除它的附件；如需补充，请做更正。"))

    def _seal_hash(self, record: Record) -> str:
        return sealing.content_hash(record.document(), self._attachment_hashes(record.id))

    def _data(self, record: Record) -> RowData:
        return row_data(record, self.id_number_hmac)

    def _insert(self, record: Record, *, sealed_hash: str | None = None, root_id: str | None = None,
                revision: int = 1, supersedes_id: str | None = None, supersedes_hash: str | None = None,
                amend_reason: str | None = None) -> RowData:
        moment = _iso(_now())
        d = self._data(record)
        cur = self._conn.execute(
            "INSERT INTO records (id, type, bucket, state, version, sealed, content_hash, root_id, "
            "revision, supersedes_id, supersedes_hash, amend_reason, body, annex, title, sort_key, "
            "parent_id, id_hmac, created_at, updated_at, created_by, device_id) "
            "VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.RECORD_TYPE, record.bucket(), record.state, 1 if sealed_hash else 0,
             sealed_hash, root_id or record.id, revision, supersedes_id, supersedes_hash, amend_reason,
             d.body_json, d.annex_json, d.title, d.sort_key, d.parent_id, d.id_hmac, moment, moment,
             self.actor, self.device_id),
        )
        search.index(self._conn, cur.lastrowid, d.search_text, d.names)
        return d

    def _update_row(self, old: dict[str, Any], record: Record, d: RowData) -> None:
        self._conn.execute(
            "UPDATE records SET body = ?, annex = ?, title = ?, sort_key = ?, parent_id = ?, id_hmac = ?, "
            "bucket = ?, version = version + 1, updated_at = ? WHERE id = ?",
            (d.body_json, d.annex_json, d.title, d.sort_key, d.parent_id, d.id_hmac, record.bucket(),
             _iso(_now()), record.id),
        )
        search.unindex(self._conn, old["_rowid"])
        search.index(self._conn, old["_rowid"], d.search_text, d.names)

    def _state_change(self, record: Any, from_state: str | None, to_state: str, reason: str | None) -> None:
        self._conn.execute(
            "INSERT INTO state_changes (record_id, record_type, from_state, to_state, at, by, device_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.RECORD_TYPE, from_state, to_state, _iso(_now()), self.actor, self.device_id, reason),
        )

    def _audit(self, action: str, record: Any, detail: dict[str, Any], *, version: int | None = 1) -> None:
        row = audit.audit_row(audit.last_hash(self._conn), _iso(_now()), self.actor, self.device_id, action,
                              record.RECORD_TYPE, record.id, version, detail)
        self._conn.execute(audit.INSERT_SQL, row)

    def _visible_changes(self, record_type: str, changed: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
        """Old and new values for the audit, sensitive (C3) values replaced by a marker."""
        sensitive = privacy.c3_fields(record_type)
        return {k: ("<敏感信息已修改>" if k in sensitive else {"old": old, "new": new})
                for k, (old, new) in changed.items()}

    def _queue(self, op: str, record: Any, *, base_version: int | None, payload: dict[str, Any]) -> None:
        if record.RECORD_TYPE in LOCAL_ONLY_TYPES:
            return
        self._conn.execute(
            "INSERT INTO outbox (mutation_id, op, record_type, record_id, bucket, base_version, payload, created_at, "
            "epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_id(), op, record.RECORD_TYPE, record.id, record.bucket(), base_version, to_json(payload),
             _iso(_now()), int(self.get_meta("assignment_epoch") or 0)),
        )

    def _queue_update(self, old: dict[str, Any], record: Record, fields: list[str]) -> None:
        """Queue an update, folded into a still-unsent create or update of the same record: a
        draft autosaved every second must not become thousands of mutations. Payloads name the
        changed fields; the values are read from the record when the row is first sent."""
        if record.RECORD_TYPE in LOCAL_ONLY_TYPES:
            return
        last = self._conn.execute(
            "SELECT device_seq, op, payload, status FROM outbox WHERE record_id = ? "
            "ORDER BY device_seq DESC LIMIT 1",
            (record.id,),
        ).fetchone()
        if last is not None and last[3] == "pending" and last[1] in ("create", "update"):
            if last[1] == "update":
                merged = sorted(set(json.loads(last[2])["fields"]) | set(fields))
                self._conn.execute("UPDATE outbox SET payload = ? WHERE device_seq = ?",
                                   (to_json({"fields": merged}), last[0]))
            return
        self._queue("update", record, base_version=old["server_version"], payload={"fields": fields})


@dataclass(frozen=True)
class _Ref:
    """Enough of a record for audit and outbox rows when the record itself is gone."""

    RECORD_TYPE: str
    id: str
    village_code: str

    def bucket(self) -> str:
        return self.village_code


def revalidated(record: Record) -> Record:
    """`record` validated again from its data: fields assigned after construction are not
    checked by pydantic, and the store is the last door before the disk.

    Raises InvalidRecord with Chinese messages."""
    return parse_record(record.RECORD_TYPE, record.model_dump(warnings=False))


def _changed_fields(old: dict[str, Any], new: RowData) -> dict[str, tuple[Any, Any]]:
    before = json.loads(old["body"])
    before.update(json.loads(old["annex"]))
    after = json.loads(new.body_json)
    after.update(json.loads(new.annex_json))
    return {key: (before.get(key), after.get(key)) for key in sorted(set(before) | set(after))
            if key != "id" and before.get(key) != after.get(key)}

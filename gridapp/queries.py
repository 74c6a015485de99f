"""The store's reads: records, list lines, search, history, the outbox, and health checks.

A mixin of `gridapp.store.Store`; it never writes (that is the store's job alone).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from gridapp import audit, sealing
from gridapp.errors import RecordNotFound, StoreCorrupt
from gridapp.models import RECORD_TYPES
from gridapp.models.base import Record
from gridapp.wording import say

SUMMARY_COLUMNS = "id, type, title, sort_key, state, sealed, parent_id, bucket"


@dataclass(frozen=True)
class RecordSummary:
    """One line of a list: what a table shows without loading the whole record."""

    id: str
    type: str
    title: str
    sort_key: str
    state: str
    sealed: bool
    parent_id: str | None
    bucket: str

    @classmethod
    def from_row(cls, r: tuple) -> RecordSummary:
        return cls(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7])


@dataclass(frozen=True)
class OutboxEntry:
    """One mutation waiting for the server. `payload` names what changed; the sync engine reads
    the record's content when it first sends the row and freezes it then, so that a retry
    resends exactly the same mutation."""

    device_seq: int
    mutation_id: str
    op: str
    record_type: str
    record_id: str
    bucket: str
    base_version: int | None
    payload: dict[str, Any]
    created_at: str
    status: str


class StoreReads:
    _conn: Any

    # ------------------------------------------------------------------ records

    def get(self, record_id: str) -> Record:
        """The record `record_id`; raises RecordNotFound when absent or deleted."""
        row = self._row(record_id)
        if row is None or row["deleted"]:
            raise RecordNotFound(say("找不到这条记录（{id}），可能已被删除。", id=record_id))
        return self._to_record(row)

    def exists(self, record_id: str) -> bool:
        row = self._row(record_id)
        return row is not None and not row["deleted"]

    def _row(self, record_id: str) -> dict[str, Any] | None:
        cur = self._conn.execute("SELECT rowid AS _rowid, * FROM records WHERE id = ?", (record_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row))

    def _to_record(self, row: dict[str, Any]) -> Record:
        data = json.loads(row["body"])
        data.update(json.loads(row["annex"]))
        for name in ("state", "version", "created_at", "updated_at", "created_by", "device_id",
                     "content_hash", "root_id", "revision", "supersedes_id", "supersedes_hash",
                     "amend_reason"):
            data[name] = row[name]
        data["sealed"] = bool(row["sealed"])
        return RECORD_TYPES[row["type"]].model_validate(data)

    def count(self, record_type: str) -> int:
        """How many live records of a type (every revision of a corrected document counts)."""
        return int(self._conn.execute(
            "SELECT count(*) FROM records WHERE type = ? AND deleted = 0", (record_type,)
        ).fetchone()[0])

    def summaries(self, record_type: str, *, bucket: str | None = None, parent_id: str | None = None,
                  descending: bool = False, limit: int | None = None, offset: int = 0) -> list[RecordSummary]:
        """List lines of one record type, ordered by its sort key (a date or a name)."""
        where, args = ["type = ?", "deleted = 0"], [record_type]
        if bucket is not None:
            where.append("bucket = ?")
            args.append(bucket)
        if parent_id is not None:
            where.append("parent_id = ?")
            args.append(parent_id)
        order = "DESC" if descending else "ASC"
        sql = (f"SELECT {SUMMARY_COLUMNS} FROM records WHERE {' AND '.join(where)} "
               f"ORDER BY sort_key {order}, id {order}")
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [RecordSummary.from_row(r) for r in self._conn.execute(sql, args)]

    def current_revision(self, record_id: str) -> Record:
        """The newest revision of the document that `record_id` belongs to."""
        row = self._row(record_id)
        if row is None:
            raise RecordNotFound(say("找不到这条记录（{id}）。", id=record_id))
        newest = self._conn.execute(
            "SELECT id FROM records WHERE root_id = ? ORDER BY revision DESC LIMIT 1", (row["root_id"],)
        ).fetchone()[0]
        return self.get(newest)

    def find_by_id_number(self, id_number: str) -> list[str]:
        """Ids of the people whose ID number is `id_number` (by HMAC, never by clear text)."""
        digest = self.id_number_hmac(id_number)  # type: ignore[attr-defined]
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM records WHERE id_hmac = ? AND deleted = 0", (digest,))]

    def search(self, text: str, *, types: Iterable[str] | None = None, limit: int = 50) -> list[RecordSummary]:
        """Records whose names or free text contain `text` (see `gridapp.search`)."""
        from gridapp import search

        return search.search(self._conn, text, types=types, limit=limit)

    # ------------------------------------------------------------------ history and outbox

    def history(self, record_id: str) -> list[audit.AuditEntry]:
        """The audit rows of one record, oldest first."""
        return audit.entries(self._conn, record_id)

    def state_history(self, record_id: str) -> list[tuple[str | None, str, str, str | None]]:
        """(from, to, at, reason) of every state change of a record, oldest first."""
        return list(self._conn.execute(
            "SELECT from_state, to_state, at, reason FROM state_changes WHERE record_id = ? ORDER BY seq",
            (record_id,),
        ))

    def outbox(self, *, status: str | None = "pending") -> list[OutboxEntry]:
        """The mutations waiting to be sent, in device order."""
        sql = ("SELECT device_seq, mutation_id, op, record_type, record_id, bucket, base_version, "
               "payload, created_at, status FROM outbox")
        args: tuple[Any, ...] = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        return [OutboxEntry(*r[:7], json.loads(r[7]), r[8], r[9])
                for r in self._conn.execute(sql + " ORDER BY device_seq", args)]

    def pending_count(self) -> int:
        """How many changes have not been answered by the county server yet."""
        return int(self._conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    # ------------------------------------------------------------------ sync state

    def sync_cursors(self) -> dict[str, int]:
        """bucket → the change number pulled up to."""
        return dict(self._conn.execute("SELECT bucket, cursor FROM sync_buckets"))

    def verified_cursors(self) -> dict[str, int]:
        """bucket → the change number at which it last matched the server's checksum."""
        return dict(self._conn.execute(
            "SELECT bucket, verified_cursor FROM sync_buckets WHERE verified_cursor IS NOT NULL"))

    def server_versions(self, bucket: str) -> list[tuple[str, int]]:
        """(id, server version) of every record of `bucket` the server has confirmed, tombstones
        included: what the bucket checksum is computed from. A record whose pulled version waits
        behind an unanswered change of ours (`sync_deferred`) counts with that version."""
        pairs = list(self._conn.execute(
            "SELECT id, server_version FROM records WHERE bucket = ? AND server_version IS NOT NULL", (bucket,)))
        deferred = dict(self._conn.execute("SELECT record_id, version FROM sync_deferred WHERE bucket = ?", (bucket,)))
        if deferred:
            pairs = [(rid, v) for rid, v in pairs if rid not in deferred] + list(deferred.items())
        return pairs

    def last_acked_seq(self, device_id: str) -> int:
        """The highest sequence number the server answered for `device_id` (kept 120 days)."""
        row = self._conn.execute("SELECT max(device_seq) FROM sent_log WHERE device_id = ?", (device_id,)).fetchone()
        return int(row[0] or 0)

    def local_buckets(self) -> set[str]:
        """Buckets that hold records or cursors on this laptop."""
        found = {r[0] for r in self._conn.execute("SELECT DISTINCT bucket FROM records")}
        return found | set(self.sync_cursors())

    def sync_problems(self, *, open_only: bool = True) -> list[dict[str, Any]]:
        """Conflicts, rejected and quarantined changes, newest first, values decoded."""
        sql = "SELECT * FROM sync_problems" + (" WHERE resolved_at IS NULL" if open_only else "")
        cur = self._conn.execute(sql + " ORDER BY created_at DESC, id")
        names = [c[0] for c in cur.description]
        out = []
        for row in cur.fetchall():
            item = dict(zip(names, row))
            for key in ("base_value", "server_value", "client_value", "details"):
                item[key] = json.loads(item[key]) if item[key] is not None else None
            out.append(item)
        return out

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """`PRAGMA integrity_check` lines: `["ok"]` for a healthy file. A page that cannot even be
        read (its encryption check fails, as when a disk garbles it) is one line saying so."""
        try:
            return [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
        except sqlcipher3.DatabaseError as exc:
            return [say("有数据页读不出来（{detail}）", detail=str(exc))]

    def verify_audit_chain(self) -> int | None:
        """The seq of the first audit row whose hash does not follow, or None if intact."""
        return audit.first_broken(self._conn)

    def _attachment_hashes(self, owner_id: str) -> list[str]:
        return [json.loads(body).get("sha256", "") for (body,) in self._conn.execute(
            "SELECT body FROM records WHERE type = 'attachment' AND parent_id = ? AND deleted = 0",
            (owner_id,))]

    def verify_seals(self) -> list[str]:
        """Ids of sealed records whose stored content no longer matches their hash."""
        return [rid for rid, body, digest in self._conn.execute(
            "SELECT id, body, content_hash FROM records WHERE sealed = 1")
            if sealing.content_hash(json.loads(body), self._attachment_hashes(rid)) != digest]

    def check(self) -> list[str]:
        """Everything `gridapp check` verifies; an empty list means the database is healthy."""
        broken_pages = [line for line in self.integrity_check() if line != "ok"]
        if broken_pages:
            return [f"文件结构损坏：{line}" for line in broken_pages]
        problems = []
        broken = self.verify_audit_chain()
        if broken is not None:
            problems.append(f"操作日志从第 {broken} 条起被改动过")
        problems += [f"已封存记录 {rid} 的内容与封存时的指纹不一致" for rid in self.verify_seals()]
        return problems

    def ensure_healthy(self) -> None:
        """Raise StoreCorrupt when `check()` finds anything."""
        problems = self.check()
        if problems:
            raise StoreCorrupt("数据库检查发现问题：" + "；".join(problems))

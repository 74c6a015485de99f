"""The store's side of sync: freezing outgoing mutations, taking the server's answers, and
applying pulled pages — each in one transaction of the store (architecture.md §3, rule 3).

Called only by `Store` methods inside their transaction; knows nothing of HTTP or the wire
format beyond plain dicts (the sync engine turns protocol models into dicts and back).

Pulled changes are applied on top of what is still pending locally ("replay"): the server's
version becomes the row, then the fields this laptop changed and has not yet had answered
are put back, so an edit made while a sync runs is never overwritten. The pending mutation still
names its original base version, so the server merges it correctly when it arrives. Nothing is
put back over a sealed version: those edits become sync problems (the server would refuse them).
A change for a record whose create, state change or delete is still unanswered is not applied
at all: it waits in `sync_deferred` (counted in the bucket checksum, being what the server
holds) until the answer, and is applied then unless the server wrote something newer.

A seal or a correction the server refused is taken back on the laptop (the one exception to the
sealed-row trigger, see schema migration 3): a refused seal is unsealed and the server's version
fetched again, a refused correction leaves its revision chain; the document itself stays in the
sync problem that the refusal produced. Only a document sealed differently on the server is
kept as this laptop signed it (with its problem), by design.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from gridapp import audit, search
from gridapp.ids import new_id
from gridapp.models import RECORD_TYPES
from gridapp.models.base import Record
from gridapp.queries import OutboxEntry
from gridapp.rows import RowData, row_data, to_json

if TYPE_CHECKING:
    from gridapp.store import Store

# Build the wire mutation (a dict) for an outbox row and its record (None for a delete, or when
# the record is gone); None means the row is obsolete (e.g. a transition of a record since deleted).
Builder = Callable[[OutboxEntry, Record | None], dict[str, Any] | None]

_ROW_COLUMNS = ("type", "bucket", "state", "server_version", "sealed", "content_hash", "root_id", "revision",
                "supersedes_id", "supersedes_hash", "amend_reason", "body", "annex", "title", "sort_key",
                "parent_id", "id_hmac", "updated_at", "deleted")


def freeze_outgoing(store: Store, limit: int, build: Builder) -> list[dict[str, Any]]:
    """Up to `limit` mutations in device order: those already sent (frozen) as they were, then
    pending ones built now and frozen, so a retry resends exactly the same mutation."""
    conn = store._conn
    rows = conn.execute(
        "SELECT device_seq, mutation_id, op, record_type, record_id, bucket, base_version, payload, created_at, "
        "status, mutation, epoch FROM outbox ORDER BY device_seq LIMIT ?", (limit,)).fetchall()
    out = []
    for r in rows:
        if r[10] is not None:
            out.append(json.loads(r[10]))
            continue
        entry = OutboxEntry(*r[:7], json.loads(r[7]), r[8], r[9])
        row = store._row(entry.record_id)
        record = store._to_record(row) if row is not None and not row["deleted"] and entry.op != "delete" else None
        mutation = build(entry, record)
        if mutation is None:
            conn.execute("DELETE FROM outbox WHERE device_seq = ?", (entry.device_seq,))
            continue
        mutation["assignment_epoch"] = r[11]
        conn.execute("UPDATE outbox SET mutation = ?, status = 'sent' WHERE device_seq = ?",
                     (json.dumps(mutation, ensure_ascii=False), entry.device_seq))
        out.append(mutation)
    return out


def take_results(store: Store, results: list[dict[str, Any]], now: str) -> dict[str, int]:
    """Remove answered mutations from the outbox, note the server versions, and keep every
    conflict, rejection and quarantine as a sync problem. Returns counts per status."""
    conn = store._conn
    server_device = store.get_meta("server_device_id") or ""
    conn.execute("DELETE FROM sent_log WHERE acked_at < ?", (_days_before(now, SENT_LOG_DAYS),))
    counts: dict[str, int] = {}
    for res in results:
        status = res["original_status"] if res["status"] == "duplicate" and res.get("original_status") else res["status"]
        counts[res["status"]] = counts.get(res["status"], 0) + 1
        row = conn.execute("SELECT record_type, mutation, device_seq, op, record_id, bucket, payload FROM outbox "
                           "WHERE mutation_id = ?", (res["mutation_id"],)).fetchone()
        if row is None:
            continue  # answered before (a repeated answer): nothing left to do
        record_type, mutation, op = row[0], json.loads(row[1] or "{}"), row[3]
        conn.execute("DELETE FROM outbox WHERE mutation_id = ?", (res["mutation_id"],))
        conn.execute("INSERT OR REPLACE INTO sent_log (device_id, device_seq, mutation_id, op, record_type, record_id, "
                     "bucket, mutation, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (server_device, row[2], res["mutation_id"], row[3], record_type, row[4], row[5], row[1] or "{}",
                      now))
        # The server version is not taken from the answer: the server may have merged other
        # laptops' changes into ours, and the pull that follows brings that merged version.
        if status == "conflict" or res.get("conflicts"):
            # (an applied seal lists the server values it overwrote: they are problems too)
            _take_conflict(store, res, record_type, mutation, now)
        elif status in ("rejected", "quarantined"):
            _problem(conn, kind=status, record_id=res["record_id"], record_type=record_type, code=res.get("code"),
                     message=res.get("message"), details={"problems": res.get("problems") or [],
                                                          "mutation": mutation},
                     mutation_id=res["mutation_id"], now=now)
        if status in ("conflict", "rejected"):
            _refused(store, op, res, mutation, now)
        elif op == "delete" and status == "applied":
            # The server holds the tombstone: the files of a deleted attachment can go (blobstore).
            store._drop_blobs(json.loads(row[6] or "{}").get("files") or [], forget=row[4])
        _settle_deferred(store, row[4], res, now)
    return counts


def _refused(store: Store, op: str, res: dict[str, Any], mutation: dict[str, Any], now: str) -> None:
    """Undo locally what the server refused where keeping it would leave the laptop unlike the
    server for good (the refused content is in the problem `take_results` has just written)."""
    row = store._row(res["record_id"])
    if row is None:
        return
    code = res.get("code")
    if op == "seal" and row["sealed"] and not row["deleted"] and code != "record.sealed_differently":
        # The server holds no seal of ours (the record was deleted, changed state, holds other
        # attachments …): the row becomes the server's version again.
        _take_back_seal(store, row, now, state=mutation.get("from_state"), code=code)
        _fetch_again(store, res)
    elif op == "amend" and row["sealed"] and row["server_version"] is None and row["root_id"] != row["id"]:
        _leave_chain(store, row, now, code=code)
    elif op == "delete" and row["deleted"]:
        _fetch_again(store, res)  # the server kept the record (a sealed record, a sealed document's photo)
    elif op == "create" and code == "owner.sealed" and not row["deleted"]:
        # A photo added to a document another laptop sealed first: it is not part of that seal.
        _drop_unsent(store, row, res, now)
        _tombstone(store, row, {"record_id": row["id"], "version": None}, now)


def _fetch_again(store: Store, res: dict[str, Any]) -> None:
    """The laptop's row is not the server's version `res['version']` any more: unless a newer
    version is on its way (or deferred), pull the record's bucket again from that version's
    change number, and take the row as the server sends it."""
    conn = store._conn
    rid, version = res["record_id"], res.get("version")
    row = store._row(rid)
    if version is None or row is None or _deferred(conn, rid) is not None:
        return  # the server holds nothing to fetch, or the deferred change settles it
    if row["server_version"] is not None and version > row["server_version"]:
        return  # that version is newer than ours: the pull brings it
    conn.execute("UPDATE records SET server_version = NULL WHERE id = ?", (rid,))
    since = max(int(res.get("change_no") or 1) - 1, 0)
    conn.execute("UPDATE sync_buckets SET cursor = min(cursor, ?), verified_at = NULL, verified_cursor = NULL "
                 "WHERE bucket = ?", (since, row["bucket"]))


def _drop_unsent(store: Store, row: dict[str, Any], res: dict[str, Any], now: str) -> None:
    """Unsent edits of a record the server refused cannot go either: each becomes a problem
    holding the values (nothing is lost), and leaves the outbox."""
    conn = store._conn
    rows = conn.execute("SELECT device_seq, mutation_id, payload FROM outbox WHERE record_id = ? AND status = 'pending' "
                        "AND op = 'update'", (row["id"],)).fetchall()
    data = _row_dict(row)
    for seq, mutation_id, payload in rows:
        fields = json.loads(payload).get("fields") or []
        _problem(conn, kind="rejected", record_id=row["id"], record_type=row["type"], code=res.get("code"),
                 message="这条记录没有被服务器接受，之后的修改也没有上传；内容保留在这里。",
                 details={"mutation": {"op": "update", "record_id": row["id"], "fields": fields, "record": data}},
                 mutation_id=mutation_id, now=now)
        conn.execute("DELETE FROM outbox WHERE device_seq = ?", (seq,))


# ---------------------------------------------------------------- refused seals and corrections

_REFUSED_KEY = "refused_by_server"


@contextmanager
def _past_the_seal(conn: Any, record_id: str) -> Iterator[None]:
    """Let one statement change the sealed row `record_id` as the trigger allows for a seal or a
    correction the server refused (schema migration 3)."""
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (_REFUSED_KEY, record_id))
    try:
        yield
    finally:
        conn.execute("DELETE FROM meta WHERE key = ?", (_REFUSED_KEY,))


def _take_back_seal(store: Store, row: dict[str, Any], now: str, *, state: str | None = None,
                    code: str | None = None) -> None:
    """Unseal a row whose seal the server does not hold, keeping the signed document in a sync
    problem: the one the refusal produced, or a new one."""
    conn = store._conn
    rid = row["id"]
    kept = conn.execute(
        "SELECT 1 FROM sync_problems WHERE record_id = ? AND json_extract(details, '$.mutation.op') = 'seal' "
        "AND json_extract(details, '$.mutation.content_hash') = ? LIMIT 1", (rid, row["content_hash"])).fetchone()
    if kept is None:
        _problem(conn, kind="conflict", record_id=rid, record_type=row["type"], code=code or "seal.not_on_server",
                 message="服务器上没有本机的这次封存（没有被接受）；本机封存的内容保留在这里，记录恢复为服务器上的版本。",
                 details={"mutation": {"op": "seal", "record_id": rid, "record": _row_dict(row),
                                       "content_hash": row["content_hash"]}}, now=now)
    with _past_the_seal(conn, rid):
        conn.execute("UPDATE records SET sealed = 0, content_hash = NULL, state = coalesce(?, state), "
                     "version = version + 1, updated_at = ? WHERE id = ?", (state, now, rid))
    conn.execute(audit.INSERT_SQL, audit.audit_row(
        audit.last_hash(conn), now, store.actor, store.device_id, "seal_refused", row["type"], rid, row["version"] + 1,
        {"content_hash": row["content_hash"], "code": code}))


def _leave_chain(store: Store, row: dict[str, Any], now: str, *, code: str | None = None) -> None:
    """A correction the server refused (or will refuse: another one of the same version has
    arrived) keeps its content and seal but leaves the revision chain: it becomes its own root,
    so the accepted correction takes its place. Its content stays in the refusal's problem."""
    conn = store._conn
    with _past_the_seal(conn, row["id"]):
        conn.execute("UPDATE records SET root_id = id, revision = 1, version = version + 1, updated_at = ? "
                     "WHERE id = ?", (now, row["id"]))
    conn.execute(audit.INSERT_SQL, audit.audit_row(
        audit.last_hash(conn), now, store.actor, store.device_id, "amend_refused", row["type"], row["id"],
        row["version"] + 1, {"root_id": row["root_id"], "revision": row["revision"], "code": code}))


def _make_room(store: Store, root_id: str, revision: int, record_id: str, now: str) -> None:
    """Before a server revision (root_id, revision) is written: a correction of this laptop's
    that the server does not hold and that holds the same place leaves the chain."""
    for (other,) in store._conn.execute(
            "SELECT id FROM records WHERE root_id = ? AND revision = ? AND id <> ? AND server_version IS NULL",
            (root_id, revision, record_id)).fetchall():
        _leave_chain(store, store._row(other), now)


# ---------------------------------------------------------------- deferred changes


def _defer(conn: Any, change: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO sync_deferred (record_id, bucket, version, change) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(record_id) DO UPDATE SET bucket = excluded.bucket, version = excluded.version, "
        "change = excluded.change WHERE excluded.version > sync_deferred.version",
        (change["record_id"], change["bucket"], change["version"], json.dumps(change, ensure_ascii=False)))


def _deferred(conn: Any, record_id: str) -> tuple[int, str] | None:
    return conn.execute("SELECT version, change FROM sync_deferred WHERE record_id = ?", (record_id,)).fetchone()


def _settle_deferred(store: Store, record_id: str, res: dict[str, Any], now: str) -> None:
    """The last unanswered change of `record_id` is answered: apply the server version that
    waited for it — unless the answer wrote a newer one, which the pull brings."""
    conn = store._conn
    if conn.execute("SELECT 1 FROM outbox WHERE record_id = ? LIMIT 1", (record_id,)).fetchone():
        return
    found = _deferred(conn, record_id)
    if found is None:
        return
    conn.execute("DELETE FROM sync_deferred WHERE record_id = ?", (record_id,))
    version = res.get("version")
    if version is not None and version > found[0]:
        return
    _apply_change(store, json.loads(found[1]), {}, now)


SENT_LOG_DAYS = 120  # longer than any plausible gap between a server backup and its restore


def _days_before(moment: str, days: int) -> str:
    from datetime import datetime, timedelta

    return (datetime.fromisoformat(moment) - timedelta(days=days)).isoformat(timespec="milliseconds")


def resend_after(store: Store, device_id: str, last_seq: int) -> int:
    """The server holds results only up to `last_seq` from this device (it was restored from a
    backup): put every later answered mutation back in the outbox, frozen as it was sent.
    The server applies what it lost and answers `duplicate` for the rest. Returns the count."""
    conn = store._conn
    rows = conn.execute(
        "SELECT device_seq, mutation_id, op, record_type, record_id, bucket, mutation, acked_at FROM sent_log "
        "WHERE device_id = ? AND device_seq > ? ORDER BY device_seq", (device_id, last_seq)).fetchall()
    for seq, mid, op, rtype, rid, bucket, mutation, acked in rows:
        conn.execute(
            "INSERT OR IGNORE INTO outbox (device_seq, mutation_id, op, record_type, record_id, bucket, base_version, "
            "payload, created_at, status, mutation) VALUES (?, ?, ?, ?, ?, ?, NULL, '{}', ?, 'sent', ?)",
            (seq, mid, op, rtype, rid, bucket, acked, mutation))
    conn.execute("DELETE FROM sent_log WHERE device_id = ? AND device_seq > ?", (device_id, last_seq))
    return len(rows)


def _take_conflict(store: Store, res: dict[str, Any], record_type: str, mutation: dict[str, Any], now: str) -> None:
    """The server kept its value for each conflicting field: the laptop shows that value too,
    and keeps its own in the problem until the user decides."""
    conn = store._conn
    conflicts = res.get("conflicts") or []
    for c in conflicts:
        _problem(conn, kind="conflict", record_id=c["record_id"], record_type=record_type, field=c["field"],
                 base=c.get("base_value"), server=c.get("server_value"), client=c.get("client_value"),
                 code=res.get("code") or "record.conflict", message=res.get("message"),
                 mutation_id=res["mutation_id"], now=now, problem_id=c["conflict_id"])
    if not conflicts:
        _problem(conn, kind="conflict", record_id=res["record_id"], record_type=record_type, code=res.get("code"),
                 message=res.get("message"), details={"mutation": mutation}, mutation_id=res["mutation_id"], now=now)
    row = store._row(res["record_id"])
    if row is not None and res.get("code") == "record.deleted" and not row["sealed"] and not row["deleted"]:
        _deleted_on_server(store, row, {"record_id": res["record_id"], "version": res.get("version")}, now)
        return
    if row is None or row["deleted"] or row["sealed"] or not conflicts:
        return
    data = _row_dict(row)
    data.update({c["field"]: c.get("server_value") for c in conflicts if c["field"] in data})
    _write_row(store, row, data, {}, keep_fields=set(), now=now)


def _problem(conn: Any, *, kind: str, record_id: str, record_type: str, now: str, code: str | None = None,
             message: str | None = None, field: str | None = None, base: Any = None, server: Any = None,
             client: Any = None, details: dict[str, Any] | None = None, mutation_id: str | None = None,
             problem_id: str | None = None) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sync_problems (id, kind, record_id, record_type, field, base_value, server_value, "
        "client_value, code, message, details, mutation_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (problem_id or new_id(), kind, record_id, record_type, field, to_json(base), to_json(server),
         to_json(client), code, message, to_json(details or {}), mutation_id, now))


# ---------------------------------------------------------------- pulled pages


class Checked(dict):  # type: ignore[type-arg]
    """A pulled change whose record is already validated: its items are the change's fields but
    the record; `model` is the record (with the change's state), `line` the change's JSON text as
    the server sent it, `row` what a write of `model` stores (`rows.row_data`, computed ahead,
    or None). A snapshot parses and validates its lines that way (see sync.engine); a record that
    is not new to the laptop takes the general path, from `line`.

    A snapshot row line (the server's row format is this laptop's, `rows.row_format`) gives a
    Checked without `model` or `line`: its `row` is the record as the server worked it out with
    this very code, stored as it is; the general path reads the record back from the row.

    `fresh`: what is inserted if the record is new to the laptop (`fresh_row`), worked out ahead
    from `row`, or None."""

    __slots__ = ("model", "line", "row", "fresh")

    def __init__(self, fields: Iterable[tuple[str, Any]] | dict[str, Any], model: Record | None,
                 line: bytes | str | None, row: RowData | None = None) -> None:
        super().__init__(fields)
        self.model, self.line, self.row, self.fresh = model, line, row, None


def _plain(change: dict[str, Any]) -> dict[str, Any]:
    """The change as the server sent it (record included), for the general path."""
    if not isinstance(change, Checked):
        return change
    if change.line is not None:
        return json.loads(change.line)
    return {**change, "record": {**json.loads(change.row.body_json), **json.loads(change.row.annex_json)}}


def pending_fields(conn: Any) -> dict[str, set[str] | None]:
    """record id → the fields with unanswered local changes (None: the whole record, e.g. a
    create, a transition or a delete not yet answered)."""
    out: dict[str, set[str] | None] = {}
    for record_id, op, payload in conn.execute("SELECT record_id, op, payload FROM outbox"):
        if op == "update" and out.get(record_id, set()) is not None:
            fields = set(json.loads(payload).get("fields") or [])
            out[record_id] = (out.get(record_id) or set()) | fields
        else:
            out[record_id] = None
    return out


def apply_page(store: Store, changes: list[dict[str, Any]] | Batch, cursors: dict[str, int], now: str,
               bound: Callable[[], None] | None = None) -> int:
    """Apply one pulled page and its cursors (one transaction, by the caller). Returns how many
    records changed locally. `bound` is called once the page's last new records are inserted:
    what is left of them (their search index) is SQLite's own work. `changes` is a list of
    changes, or a first sync's `Batch` of parts prepared ahead."""
    conn = store._conn
    pending = pending_fields(conn)
    if isinstance(changes, Batch):
        applied = _apply_batch(store, changes, pending, now, bound)
        buckets = changes.buckets()
    else:
        applied = _apply_changes(store, changes, pending, now, bound)
        buckets = {c["bucket"] for c in changes}
    for bucket, cursor in cursors.items():
        conn.execute("INSERT INTO sync_buckets(bucket, cursor) VALUES (?, ?) "
                     "ON CONFLICT(bucket) DO UPDATE SET cursor = excluded.cursor", (bucket, cursor))
    if len(changes):
        row = audit.audit_row(audit.last_hash(conn), now, store.actor, store.device_id, "sync_pull", None, None,
                              None, {"records": len(changes), "buckets": sorted(buckets)})
        conn.execute(audit.INSERT_SQL, row)
    return applied


def _apply_changes(store: Store, changes: Iterable[dict[str, Any]], pending: dict[str, set[str] | None], now: str,
                   bound: Callable[[], None] | None) -> int:
    changes = list(changes)
    present = _present_ids(store._conn, [c["record_id"] for c in changes])
    fresh = _FreshRows(store, now, bound)
    applied = 0
    for change in changes:
        rid = change["record_id"]
        if rid not in present and rid not in pending and not change["deleted"]:
            fresh.add(change)  # the common case of a first sync: a record new to this laptop
            present.add(rid)
        else:
            # Rows already gathered go in first: they hold the rowids the next insert would take.
            applied += fresh.flush()
            applied += _apply_change(store, _plain(change), pending, now)
    applied += fresh.flush(last=True)
    return applied


def _apply_batch(store: Store, batch: Batch, pending: dict[str, set[str] | None], now: str,
                 bound: Callable[[], None] | None) -> int:
    """A part none of whose records is on the laptop or has an unanswered change goes in as its
    prepared rows, numbered by SQLite in order (a new row's rowid is one more than the largest:
    sqlite.org/autoinc.html), then the rest of its changes by the general path; any other part
    takes the general path whole. The prepared rows' search index is built last, after `bound`."""
    conn = store._conn
    indexed: list[tuple[int, Prepared]] = []
    applied = 0
    for part in batch.parts:
        first = _next_rowid(conn)
        if (part.rows is None or first + len(part.rows) > _LAST_ROWID or not pending.keys().isdisjoint(part.id_set)
                or _present_ids(conn, part.ids_json)):
            _index(conn, indexed)  # the general path may change a record inserted above: its index first
            applied += _apply_changes(store, part.changes, pending, now, None)
            continue
        conn.executemany(_PART_SQL, part.rows)
        indexed.append((first, part))
        applied += len(part.rows)
        if part.rest:
            _index(conn, indexed)
            applied += _apply_changes(store, part.rest, pending, now, None)
    if bound is not None and indexed:
        bound()
    _index(conn, indexed)
    return applied


def _index(conn: Any, indexed: list[tuple[int, Prepared]]) -> None:
    """The search index of prepared parts whose rows are inserted (emptying `indexed`)."""
    for first, part in indexed:
        search.index_json(conn, part.texts, part.names, first)
    indexed.clear()


_LAST_ROWID = 2**63 - 1  # past it SQLite would number new rows at random


def _next_rowid(conn: Any) -> int:
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM records").fetchone()[0]) + 1


def _present_ids(conn: Any, ids: list[str] | str) -> set[str]:
    """Which of `ids` (a list, or its JSON) are on the laptop: one statement, SQLite reads the list."""
    return {r[0] for r in conn.execute("SELECT id FROM records WHERE id IN (SELECT value FROM json_each(?))",
                                       (ids if isinstance(ids, str) else json.dumps(ids),))}


# A fresh record's columns (`fresh_row`); the laptop's times and the constants are added by the
# insert itself.
_FRESH_COLUMNS = ("id", "type", "bucket", "state", "server_version", "sealed", "content_hash", "root_id", "revision",
                  "supersedes_id", "supersedes_hash", "amend_reason", "body", "annex", "title", "sort_key",
                  "parent_id", "id_hmac", "created_by")
_REVISION = _FRESH_COLUMNS.index("revision")
_ROOT = _FRESH_COLUMNS.index("root_id")
_PART_SQL = (f"INSERT INTO records ({', '.join(_FRESH_COLUMNS)}, updated_at, created_at, deleted, version, "
             f"device_id) VALUES ({', '.join('?' * len(_FRESH_COLUMNS))}, ?, ?, 0, 1, 'server')")
_INSERT_SQL = _PART_SQL.replace("records (", "records (rowid, ", 1).replace("VALUES (", "VALUES (?, ", 1)  # rowid first

FreshRow = tuple[tuple[Any, ...], str, list[str]]  # the columns, the search text, the names


class Prepared:
    """A part of a first sync's snapshot (a village, or some thousands of its records), worked out
    by the thread reading ahead so the store only inserts it (`add_new`, `add`, then `close`).
    `rows`: the columns (`fresh_columns`) and the laptop's times of each record that is new to
    the laptop if the part is; `rest`: the changes that take the general path even so (a
    tombstone, a correction, a record not worked out ahead), applied after the rows. The search
    texts and names are JSON of `[[i, text], …]`, `i` the record's place in `rows`. The laptop's
    times of a record are when its part was read. `rows` is None when a record id repeats: the
    whole part takes the general path, with `changes` — every change of the part in order, read
    again from its lines by `reread` (only then)."""

    __slots__ = ("now", "reread", "ids", "ids_json", "id_set", "rows", "rest", "texts", "names", "types", "buckets",
                 "_texts", "_names")

    def __init__(self, now: str, reread: Callable[[], list[dict[str, Any]]]) -> None:
        self.now, self.reread = now, reread
        self.ids: list[str] = []
        self.types: collections.Counter[str] = collections.Counter()
        self.buckets: set[str] = set()
        self.rows: list[tuple[Any, ...]] | None = []
        self.rest: list[dict[str, Any]] = []
        self._texts: list[tuple[int, str]] = []
        self._names: list[tuple[int, str]] = []
        self.ids_json = self.texts = self.names = "[]"
        self.id_set: frozenset[str] = frozenset()

    def add_new(self, row: tuple[Any, ...], text: str, names: list[str]) -> None:
        """A record to insert if new: `row` is its `fresh_columns` with the laptop's times."""
        at = len(self.rows)  # type: ignore[arg-type]
        self._count(row[0], row[1], row[2])
        if text:
            self._texts.append((at, text))
        if names:
            self._names.extend((at, name) for name in names)
        self.rows.append(row)  # type: ignore[union-attr]

    def add(self, change: dict[str, Any]) -> None:
        """A change as `Store.apply_pull` takes it: inserted as a row when worked out ahead
        (`Checked.fresh`), else (or a tombstone, or a correction) by the general path."""
        ahead = change.fresh if isinstance(change, Checked) else None
        if ahead is None or change["deleted"] or ahead[0][_REVISION] > 1:
            self._count(change["record_id"], change["record_type"], change["bucket"])
            self.rest.append(change)
            return
        columns, text, names = ahead
        self.add_new((*columns, self.now, self.now), text, names)

    def _count(self, rid: str, kind: str, bucket: str) -> None:
        self.ids.append(rid)
        self.types[kind] += 1
        self.buckets.add(bucket)

    def close(self) -> Prepared:
        self.id_set = frozenset(self.ids)
        if len(self.id_set) != len(self.ids):
            self.rows = None
        self.ids_json = json.dumps(self.ids)
        self.texts = json.dumps(self._texts, ensure_ascii=False)
        self.names = json.dumps(self._names, ensure_ascii=False)
        self._texts, self._names = [], []
        return self

    @property
    def changes(self) -> list[dict[str, Any]]:
        return self.reread()

    def __len__(self) -> int:
        return len(self.ids)


class Batch:
    """Prepared parts applied in one store transaction (`Store.apply_pull`); its length is the
    number of their changes."""

    def __init__(self, parts: list[Prepared]) -> None:
        self.parts = parts
        self._count = sum(len(p) for p in parts)

    def __len__(self) -> int:
        return self._count

    def buckets(self) -> set[str]:
        return set().union(*(p.buckets for p in self.parts))

    def record_types(self) -> frozenset[str]:
        return frozenset(kind for p in self.parts for kind in p.types)

    def record_ids(self) -> frozenset[str]:
        return self.parts[0].id_set if len(self.parts) == 1 else frozenset().union(*(p.id_set for p in self.parts))


def fresh_row(change: dict[str, Any], hmac_of: Callable[[str], str]) -> FreshRow:
    """What `_FreshRows` inserts for a change new to this laptop: the record's columns (but its
    rowid and the laptop's times), its search text and names. Raises ValidationError for a record
    that does not fit its model. A snapshot's reading thread works these out ahead
    (`Checked.fresh`) for the lines it has read."""
    rid, bucket, state, d = _fresh_parts(change, hmac_of)
    return (fresh_columns(rid, change["record_type"], bucket, state, change["version"], change.get("sealed"),
                          change.get("content_hash"), change.get("root_id"), change.get("revision"),
                          change.get("supersedes_id"), change.get("supersedes_hash"), change.get("amend_reason"),
                          d.body_json, d.annex_json, d.title, d.sort_key, d.parent_id, d.id_hmac,
                          change.get("updated_by")), d.search_text, d.names)


def fresh_columns(rid: str, kind: str, bucket: str, state: str | None, version: int, sealed: bool | None,
                  content_hash: str | None, root_id: str | None, revision: int | None, supersedes_id: str | None,
                  supersedes_hash: str | None, amend_reason: str | None, body: str, annex: str, title: str,
                  sort_key: str, parent_id: str | None, id_hmac: str | None, by: str | None,
                  *times: str) -> tuple[Any, ...]:
    """A new record's columns, in `_FRESH_COLUMNS` order, and `times` after them."""
    return (rid, kind, bucket, state, version, 1 if sealed else 0, content_hash, root_id or rid, revision or 1,
            supersedes_id, supersedes_hash, amend_reason, body, annex, title, sort_key, parent_id, id_hmac,
            by or "server", *times)


def _fresh_parts(change: dict[str, Any], hmac_of: Callable[[str], str]) -> tuple[str, str, str, RowData]:
    """(id, bucket, state, row) of a fresh change: the server's row as it came (a row line of
    this laptop's format), else worked out from the record, validated ahead or here."""
    checked = isinstance(change, Checked)
    if checked and change.model is None and change.row is not None:
        return change["record_id"], change["bucket"], change["state"], change.row
    if checked and change.model is not None:
        record = change.model
    else:
        record = _record(change["record_type"], {**(change["record"] or {}), "state": change["state"]})
    d = (change.row if checked else None) or row_data(record, hmac_of)
    return record.id, record.bucket(), record.state, d


class _FreshRows:
    """Records new to this laptop, inserted together with `executemany` (a first sync of a
    township is mostly these); the rows are exactly what `_write_row` would write."""

    def __init__(self, store: Store, now: str, bound: Callable[[], None] | None = None) -> None:
        self.store, self.now, self.bound = store, now, bound
        self.rows: list[tuple[Any, ...]] = []
        self.texts: list[tuple[int, str]] = []
        self.names: list[tuple[int, str]] = []
        self.next_rowid = 0

    def add(self, change: dict[str, Any]) -> None:
        if not self.next_rowid:
            self.next_rowid = _next_rowid(self.store._conn)
        ahead = change.fresh if isinstance(change, Checked) else None
        columns, text, names = ahead or fresh_row(change, self.store.id_number_hmac)
        if columns[_REVISION] > 1:
            _make_room(self.store, columns[_ROOT], columns[_REVISION], columns[0], self.now)
        rowid, self.next_rowid = self.next_rowid, self.next_rowid + 1
        self.rows.append((rowid, *columns, self.now, self.now))
        if text:
            self.texts.append((rowid, text))
        self.names.extend((rowid, name) for name in names)

    def flush(self, *, last: bool = False) -> int:
        """Insert the rows gathered; the page's `last` flush calls `bound` before the search index
        (an earlier one, before a change that takes the general path, does not: what follows it
        is Python again)."""
        conn = self.store._conn
        conn.executemany(_INSERT_SQL, self.rows)
        if last and self.bound is not None and self.rows:
            self.bound()
        search.index_many(conn, self.texts, self.names)
        count = len(self.rows)
        self.rows, self.texts, self.names, self.next_rowid = [], [], [], 0
        return count


def _apply_change(store: Store, change: dict[str, Any], pending: dict[str, set[str] | None], now: str) -> int:
    conn = store._conn
    rid = change["record_id"]
    row = store._row(rid)
    if row is not None and row["server_version"] is not None and row["server_version"] >= change["version"]:
        return 0  # already have this version (a repeated page)
    keep = pending.get(rid, set()) if rid in pending else set()
    if row is not None and (keep is None or (change["deleted"] and keep)):
        # A create, transition, seal or delete of ours is unanswered: our row stands, the server's
        # version waits for the answer (_settle_deferred). So does a tombstone over an unanswered
        # edit of ours: the edit is still sent, the server answers it `record.deleted` with our
        # values kept, and take_results tombstones the row.
        _defer(conn, change)
        return 0
    if row is not None and row["sealed"] and not change.get("sealed"):
        # The server holds no seal of ours (it never deletes or unseals a sealed record): ours
        # was refused. The row becomes the server's version; the document stays in a problem.
        _take_back_seal(store, row, now)
        row = store._row(rid)
    if change["deleted"]:
        return _deleted_on_server(store, row, change, now)
    if row is not None and row["sealed"]:
        if row["content_hash"] != change.get("content_hash"):
            # Sealed differently on the server: ours is kept as signed (by design), the server's
            # named in a problem; its version is noted, so the bucket checksum still matches.
            if not conn.execute("SELECT 1 FROM sync_problems WHERE record_id = ? AND code = 'record.sealed_differently' "
                                "AND field IS NULL AND resolved_at IS NULL", (rid,)).fetchone():
                _problem(conn, kind="conflict", record_id=rid, record_type=change["record_type"],
                         code="record.sealed_differently", now=now,
                         message="这份记录在服务器上以不同的内容封存；本机的版本保留不变，请联系乡镇核对。",
                         details={"server": change})
            conn.execute("UPDATE records SET server_version = ? WHERE id = ?", (change["version"], rid))
            return 0
        annex = json.loads(_annex_json(change))
        local = json.loads(row["annex"])
        for name in keep or ():
            if name in local:
                annex[name] = local[name]  # our unsent annex edit (公示 typed during this sync) stays on top
        conn.execute("UPDATE records SET state = ?, annex = ?, server_version = ?, updated_at = ? WHERE id = ?",
                     (change["state"], to_json(annex), change["version"], now, rid))
        return 1
    if row is not None and keep and change.get("sealed"):
        _edits_under_seal(store, row, change, now)
        keep = set()  # nothing is put back over a sealed document
    data = dict(change["record"] or {})
    data["state"] = change["state"]
    local = _row_dict(row) if row is not None else {}
    for name in keep or ():
        if name in local:
            data[name] = local[name]  # our unanswered edit stays on top
    _write_row(store, row, data, change, keep_fields=keep or set(), now=now)
    return 1


def _edits_under_seal(store: Store, row: dict[str, Any], change: dict[str, Any], now: str) -> None:
    """Unsent edits of a record that arrives sealed (another laptop completed it meanwhile) can
    never be applied: each edited value the signed document does not hold becomes a problem with
    both values, and the edits leave the outbox. (One already sent is answered `record.sealed`
    by the server, with the same values.)"""
    conn = store._conn
    rid = row["id"]
    rows = conn.execute("SELECT device_seq, payload FROM outbox WHERE record_id = ? AND status = 'pending' "
                        "AND op = 'update'", (rid,)).fetchall()
    local, server = _row_dict(row), change.get("record") or {}
    for name in sorted({name for _, payload in rows for name in json.loads(payload).get("fields") or []}):
        if name in local and local[name] != server.get(name):
            _problem(conn, kind="conflict", record_id=rid, record_type=change["record_type"], field=name,
                     server=server.get(name), client=local[name], code="record.sealed", now=now,
                     message="这份记录已经封存，修改没有保存；如需更正，请做更正。")
    conn.executemany("DELETE FROM outbox WHERE device_seq = ?", [(seq,) for seq, _ in rows])


def _annex_json(change: dict[str, Any]) -> str:
    cls = RECORD_TYPES[change["record_type"]]
    record = change["record"] or {}
    return to_json({k: record.get(k) for k in sorted(cls.ANNEX_FIELDS) if k in record})


def _row_dict(row: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(row["body"])
    data.update(json.loads(row["annex"]))
    data["state"] = row["state"]
    data["id"] = row["id"]
    data["village_code"] = row["bucket"]
    return data


def _record(record_type: str, data: dict[str, Any]) -> Record:
    # The server validated what it stored; this parses the same JSON back into the model.
    return RECORD_TYPES[record_type].model_validate(data)


def _write_row(store: Store, row: dict[str, Any] | None, data: dict[str, Any], change: dict[str, Any], *,
               keep_fields: set[str], now: str) -> None:
    conn = store._conn
    record_type = change.get("record_type") or row["type"]
    record = _record(record_type, data)
    d = row_data(record, store.id_number_hmac)
    meta = {
        "server_version": change.get("version", row["server_version"] if row else None),
        "sealed": 1 if change.get("sealed", row["sealed"] if row else 0) else 0,
        "content_hash": change.get("content_hash", row["content_hash"] if row else None),
        "root_id": change.get("root_id") or (row["root_id"] if row else record.id),
        "revision": change.get("revision", row["revision"] if row else 1),
        "supersedes_id": change.get("supersedes_id", row["supersedes_id"] if row else None),
        "supersedes_hash": change.get("supersedes_hash", row["supersedes_hash"] if row else None),
        "amend_reason": change.get("amend_reason", row["amend_reason"] if row else None),
    }
    if meta["revision"] > 1 and (row is None or (row["root_id"], row["revision"]) != (meta["root_id"], meta["revision"])):
        _make_room(store, meta["root_id"], meta["revision"], record.id, now)
    values = {"type": record_type, "bucket": record.bucket(), "state": record.state, **meta, "body": d.body_json,
              "annex": d.annex_json, "title": d.title, "sort_key": d.sort_key, "parent_id": d.parent_id,
              "id_hmac": d.id_hmac, "updated_at": now, "deleted": 0}
    if row is None:
        cols = ["id", *values, "version", "created_at", "created_by", "device_id"]
        args = [record.id, *values.values(), 1, now, change.get("updated_by") or "server", "server"]
        cur = conn.execute(f"INSERT INTO records ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", args)
        rowid = cur.lastrowid
    else:
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE records SET {sets}, version = version + 1 WHERE id = ?", [*values.values(), record.id])
        rowid = row["_rowid"]
        search.unindex(conn, rowid)
    search.index(conn, rowid, d.search_text, d.names)


def _deleted_on_server(store: Store, row: dict[str, Any] | None, change: dict[str, Any], now: str) -> int:
    """`_tombstone` for a deletion the server holds; a deleted attachment's files go with it."""
    files = store.attachment_files(row["id"], row["body"]) if row and row["type"] == "attachment" else []
    done = _tombstone(store, row, change, now)
    if row is not None and not row["deleted"] and files:
        store._drop_blobs(files, forget=row["id"])
    return done


def _tombstone(store: Store, row: dict[str, Any] | None, change: dict[str, Any], now: str) -> int:
    conn = store._conn
    if row is None:
        conn.execute(
            "INSERT INTO records (id, type, bucket, state, version, server_version, root_id, body, created_at, "
            "updated_at, created_by, device_id, deleted) VALUES (?, ?, ?, ?, 1, ?, ?, '{}', ?, ?, ?, 'server', 1)",
            (change["record_id"], change["record_type"], change["bucket"], change.get("state") or "",
             change["version"], change["record_id"], now, now, change.get("updated_by") or "server"))
        return 1
    conn.execute("UPDATE records SET deleted = 1, body = '{}', annex = '{}', title = '', id_hmac = NULL, "
                 "server_version = ?, version = version + 1, updated_at = ? WHERE id = ?",
                 (change["version"], now, change["record_id"]))
    search.unindex(conn, row["_rowid"])
    return 1


def purge_bucket(store: Store, bucket: str, now: str) -> int:
    """Remove a bucket this laptop no longer holds, with the attachment copies no longer named
    that the server holds (local originals stay: blobstore) — only when nothing of it is unsent:
    no change in the outbox, and no attachment's bytes that are here but not yet on the server
    (the upload that follows the pull sends them; the next sync purges)."""
    conn = store._conn
    if conn.execute("SELECT 1 FROM outbox WHERE bucket = ? LIMIT 1", (bucket,)).fetchone():
        return 0
    if conn.execute("SELECT 1 FROM records r JOIN blobs b ON b.sha256 = json_extract(r.body, '$.sha256') "
                    "WHERE r.bucket = ? AND r.type = 'attachment' AND r.deleted = 0 AND b.on_server = 0 LIMIT 1",
                    (bucket,)).fetchone():
        return 0  # a photo's bytes are only here: the upload after the pull sends them first
    rowids = [r[0] for r in conn.execute("SELECT rowid FROM records WHERE bucket = ?", (bucket,))]
    for rowid in rowids:
        search.unindex(conn, rowid)
    store._set_meta("purging_bucket", bucket)
    conn.execute("DELETE FROM records WHERE bucket = ?", (bucket,))
    conn.execute("DELETE FROM meta WHERE key = 'purging_bucket'")
    conn.execute("DELETE FROM sync_buckets WHERE bucket = ?", (bucket,))
    conn.execute("DELETE FROM sync_deferred WHERE bucket = ?", (bucket,))
    # Its attachments' synced copies are on the server now (above), and so are the copies of its
    # attachments deleted here whose deletion the server has not accepted (quarantined, say):
    # every copy nothing on the laptop names any more, the server holds, can go.
    photos = store._drop_blobs(r[0] for r in conn.execute("SELECT sha256 FROM blobs WHERE on_server = 1"))
    row = audit.audit_row(audit.last_hash(conn), now, store.actor, store.device_id, "sync_purge", None, None, None,
                          {"bucket": bucket, "records": len(rowids), "files": photos})
    conn.execute(audit.INSERT_SQL, row)
    return len(rowids)

"""The bulk write path of the store: many new records in one transaction, by `executemany`.

Called only by `Store.import_records` inside its transaction; it writes the same rows a
one-by-one `save` would (record, search index, state change, audit, outbox), in batches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gridapp import audit, sealing, search, states, validation
from gridapp.errors import GridAppError
from gridapp.ids import new_id
from gridapp.models.base import Record
from gridapp.rows import row_data

if TYPE_CHECKING:
    from gridapp.store import Changes, Progress, Store

_RECORD_SQL = (
    "INSERT INTO records (rowid, id, type, bucket, state, version, sealed, content_hash, root_id, "
    "revision, body, annex, title, sort_key, parent_id, id_hmac, created_at, updated_at, created_by, "
    "device_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_STATE_SQL = (
    "INSERT INTO state_changes (record_id, record_type, from_state, to_state, at, by, device_id, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_OUTBOX_SQL = (
    "INSERT INTO outbox (mutation_id, op, record_type, record_id, bucket, base_version, payload, created_at) "
    "VALUES (?, ?, ?, ?, ?, NULL, '{}', ?)"
)


def import_records(store: Store, records: Iterable[Record], *, progress: Progress | None,
                   batch: int) -> Changes:
    from gridapp.store import Changes, _iso, _now, revalidated

    items = [revalidated(r) for r in records]
    for record in items:
        validation.ensure_valid(record)
    conn = store._conn
    existing = _existing_ids(conn, [r.id for r in items])
    if existing or len({r.id for r in items}) != len(items):
        raise GridAppError(f"导入的记录中有 {max(len(existing), 1)} 条重复或已经存在，未导入任何记录。",
                           code="import.duplicate")
    attachment_hashes: dict[str, list[str]] = defaultdict(list)
    for record in items:
        if record.RECORD_TYPE == "attachment":
            attachment_hashes[getattr(record, "owner_id", "")].append(getattr(record, "sha256", ""))

    moment = _iso(_now())
    actor, device = store.actor, store.device_id
    next_rowid = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM records").fetchone()[0]) + 1
    prev_hash = audit.last_hash(conn)
    types: set[str] = set()
    total = len(items)
    for start in range(0, total, batch):
        rows, fts, names, changes, audits, outbox = [], [], [], [], [], []
        for record in items[start:start + batch]:
            rowid, next_rowid = next_rowid, next_rowid + 1
            rtype = record.RECORD_TYPE
            d = row_data(record, store.id_number_hmac)
            sealed = record.SEALABLE and states.is_sealed_state(rtype, record.state)
            digest = (sealing.content_hash(record.document(), attachment_hashes.get(record.id, ()))
                      if sealed else None)
            rows.append((rowid, record.id, rtype, record.bucket(), record.state, 1 if sealed else 0, digest,
                         record.id, d.body_json, d.annex_json, d.title, d.sort_key, d.parent_id, d.id_hmac,
                         moment, moment, actor, device))
            if d.search_text:
                fts.append((rowid, d.search_text))
            names.extend((rowid, n) for n in d.names)
            changes.append((record.id, rtype, None, record.state, moment, actor, device, "导入"))
            # The import is the change; the record holds the values (no copy of them here).
            detail: dict[str, Any] = {"content_hash": digest} if digest else {}
            row = audit.audit_row(prev_hash, moment, actor, device, "import", rtype, record.id, 1, detail)
            audits.append(row)
            prev_hash = row[-1]
            outbox.append((new_id(), "create", rtype, record.id, record.bucket(), moment))
            types.add(rtype)
        conn.executemany(_RECORD_SQL, rows)
        search.index_many(conn, fts, names)
        conn.executemany(_STATE_SQL, changes)
        conn.executemany(audit.INSERT_SQL, audits)
        conn.executemany(_OUTBOX_SQL, outbox)
        if progress is not None:
            progress(min(start + batch, total), total)
    return Changes(frozenset(types), frozenset(r.id for r in items))


def _existing_ids(conn: Any, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT id FROM records WHERE id IN ({','.join('?' * len(part))})", part))
    return found

"""Writing records on the server: the bucket counter lock, change numbers, versions, checksums.

Every write to a bucket goes through `write_record` inside the caller's transaction: it locks
the bucket's counter row (`SELECT … FOR UPDATE`; on SQLite the transaction already holds the one
write lock), takes the next change number, and updates the running checksum. Because the lock
is held until commit, change numbers become visible in order and a reader tailing a bucket by
cursor can never skip one (rule 2). A sequence or a timestamp is never the cursor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Text, cast, func, insert, literal, select, update

from gridapp import privacy, projection, rows, sealing
from gridapp.models import RECORD_TYPES, Record
from sync import protocol
from sync.server.auth import now, utc_text
from sync.server.errors import NotFound
from sync.server.tables import buckets, conflicts, record_versions, records


def record_data(record: Record) -> dict[str, Any]:
    """What the server keeps of a record in `data`: its JSON without the store's metadata and
    without the state (a column of its own, so a sealed record's `data` never changes when it
    moves on through review)."""
    return record.model_dump(mode="json", exclude=set(record.META_FIELDS) | {"state"})


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def hmac_key(conn: Connection) -> bytes:
    """The county-wide ID-number HMAC key (laptops adopt it at hello)."""
    from sync.server.db import meta_value

    return bytes.fromhex(meta_value(conn, "id_hmac_key") or "")


def laptop_line(record_type: str, data: dict[str, Any], state: str, key: bytes) -> str | None:
    """The record as a laptop of this build stores it after pulling it (`gridapp.rows.laptop_line`
    of its model validated from `data` with `state`, as the laptop's own path does); None when
    the data no longer fits its model (the laptop then validates the line itself)."""
    try:
        model = RECORD_TYPES[record_type].model_validate({**data, "state": state})
        return rows.laptop_line(rows.row_data(model, lambda number: privacy.id_number_hmac(number, key)))
    except (KeyError, ValueError):
        return None


def row_line(change: Mapping[str, Any], line: str) -> str:
    """A snapshot line of rows: one JSON array of the change's fields (`change`: the record's
    columns) and the row's (`line`, from `laptop_line`), then by tabs the annex and the body."""
    fields = json.dumps([change["bucket"], change["change_no"], change["type"], change["id"], change["version"],
                         change["state"], bool(change["sealed"]), change["content_hash"], change["root_id"],
                         change["revision"], change["supersedes_id"], change["supersedes_hash"],
                         change["amend_reason"], utc_text(change["updated_at"]),
                         change["updated_by"]],
                        ensure_ascii=False, separators=(",", ":"))
    head, rest = line.split("\t", 1)
    return f"{fields[:-1]},{head[1:]}\t{rest}"


def kept_prefix(fmt: str) -> str:
    """What a kept line of row format `fmt` starts with. (Builds before whole lines were kept
    wrote "<format>\t" and the row alone; they must not take these lines for theirs, so a
    server rolled back, or an older one sharing the database, works its rows out again.)"""
    return f"{fmt}/line\t"


def kept_row(change: Mapping[str, Any], data: dict[str, Any], key: bytes) -> str | None:
    """What the server keeps beside a record (`records.laptop_row`) for snapshots of rows: this
    build's row format (`kept_prefix`) and the record's whole snapshot line (`row_line`), so
    building a township's snapshot only reads and packs the lines. The line names the change
    number it was made for; a snapshot uses it only while the record still has that number and
    the server that format (`kept_current`). None for a tombstone or data that no longer fits its
    model."""
    if change["deleted"]:
        return None
    line = laptop_line(change["type"], data, change["state"], key)
    return None if line is None else kept_prefix(rows.row_format()) + row_line(change, line)


def kept_current(fmt: str) -> ColumnElement[bool]:
    """SQL: the record's kept line (`kept_row`) was made in row format `fmt` for its current
    change number. Every write numbers a change and keeps a new line, so this is false (or NULL)
    only for a line kept by another build (an older one, or one still running on the same
    database), before migration 0003, or not at all: a tombstone, or data that no longer fits."""
    made_for = (literal(f'{kept_prefix(fmt)}["') + records.c.bucket + literal('",')
                + cast(records.c.change_no, Text) + literal(","))
    return func.substr(records.c.laptop_row, 1, func.length(made_for)) == made_for


def refresh_kept_rows(engine: Engine, *, batch: int = 1000, progress: Callable[[int], None] | None = None) -> int:
    """Work out again every live record's kept line that is not current (after an upgrade that
    changed the row format: snapshots work them out meanwhile, more slowly). A batch per
    transaction; a record written meanwhile already has its new line and is left as it is.
    Returns how many were refreshed."""
    done, seen, after = 0, 0, ""
    while True:
        with engine.begin() as conn:
            key = hmac_key(conn)
            found = conn.execute(select(*(c for c in records.c if c.name != "laptop_row")).where(
                records.c.id > after, records.c.deleted.is_(False), ~func.coalesce(kept_current(rows.row_format()),
                                                                                     False))
                .order_by(records.c.id).limit(batch)).mappings().all()
            for row in found:
                kept = kept_row(row, json.loads(row["data"]), key)
                if kept is not None:
                    done += conn.execute(update(records).where(
                        records.c.id == row["id"], records.c.change_no == row["change_no"]).values(laptop_row=kept)).rowcount
        if not found:
            return done
        seen, after = seen + len(found), found[-1]["id"]
        if progress:
            progress(seen)


def links(record: Record | None) -> dict[str, Any]:
    """The denormalised columns used for access checks: parent, a case's mediators and the
    records it references."""
    if record is None:
        return {"parent_id": None, "mediator_ids": None, "ref_ids": None}
    mediators = [m.mediator_id for m in getattr(record, "mediators", None) or []] if record.RECORD_TYPE == "case" else []
    refs = [p.person_id for p in getattr(record, "parties", None) or [] if getattr(p, "person_id", None)]
    return {"parent_id": projection.project(record).parent_id,
            "mediator_ids": dumps(mediators) if mediators else None,
            "ref_ids": dumps(refs) if refs else None}


def seal_hash(record: Record, attachment_hashes: list[str]) -> str:
    return sealing.content_hash(record.document(), attachment_hashes)


@dataclass
class Write:
    """One new version of a record (or a tombstone)."""

    record_type: str
    record_id: str
    bucket: str
    state: str
    data: dict[str, Any]
    record: Record | None = None
    sealed: bool = False
    content_hash: str | None = None
    deleted: bool = False
    root_id: str | None = None
    revision: int = 1
    supersedes_id: str | None = None
    supersedes_hash: str | None = None
    amend_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def lock_bucket(conn: Connection, code: str) -> dict[str, int]:
    """Lock the bucket's counter row for this transaction and return it."""
    row = conn.execute(select(buckets.c.last_change_no, buckets.c.record_count, buckets.c.xor)
                       .where(buckets.c.code == code).with_for_update()).mappings().first()
    if row is None:
        raise NotFound(f"没有这个村（{code}）。", code="bucket.unknown")
    return dict(row)


def write_record(conn: Connection, old: dict[str, Any] | None, w: Write, *, username: str,
                 device_id: str) -> tuple[int, int]:
    """Insert or replace a record version under the bucket lock; returns (version, change_no)."""
    counter = lock_bucket(conn, w.bucket)
    change_no = counter["last_change_no"] + 1
    version = (old["version"] + 1) if old else 1
    xor = counter["xor"] ^ protocol.item_hash(w.record_id, version)
    count = counter["record_count"]
    if old:
        xor ^= protocol.item_hash(w.record_id, old["version"])
    else:
        count += 1
    conn.execute(update(buckets).where(buckets.c.code == w.bucket).values(
        last_change_no=change_no, record_count=count, xor=protocol.to_signed(xor)))
    moment = now()
    values = {
        "type": w.record_type, "bucket": w.bucket, "state": w.state, "version": version, "change_no": change_no,
        "sealed": w.sealed, "content_hash": w.content_hash, "deleted": w.deleted,
        "root_id": w.root_id or (old["root_id"] if old else w.record_id),
        "revision": w.revision if not old else old["revision"],
        "supersedes_id": w.supersedes_id if not old else old["supersedes_id"],
        "supersedes_hash": w.supersedes_hash if not old else old["supersedes_hash"],
        "amend_reason": w.amend_reason if not old else old["amend_reason"],
        "data": dumps(w.data), "updated_at": moment, "updated_by": username, "device_id": device_id,
        **links(w.record),
    }
    values["laptop_row"] = kept_row({**values, "id": w.record_id}, w.data, hmac_key(conn))
    if old:
        conn.execute(update(records).where(records.c.id == w.record_id).values(**values))
    else:
        conn.execute(insert(records).values(id=w.record_id, created_at=moment, created_by=username, **values))
    conn.execute(insert(record_versions).values(record_id=w.record_id, version=version, state=w.state,
                                                data=values["data"], device_id=device_id, at=moment))
    return version, change_no


def current(conn: Connection, record_id: str, *, lock: bool = True) -> dict[str, Any] | None:
    query = select(records).where(records.c.id == record_id)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    return dict(row) if row else None


def held_attachments(conn: Connection, owner_id: str) -> list[str]:
    """The SHA-256 of every live attachment of `owner_id`: what its seal must cover (the laptop
    counts the same, `QueryReads._attachment_hashes`)."""
    found = conn.execute(select(records.c.data).where(
        records.c.parent_id == owner_id, records.c.type == "attachment", records.c.deleted.is_(False)))
    return sorted(json.loads(data).get("sha256") or "" for (data,) in found)


def version_data(conn: Connection, record_id: str, version: int | None) -> dict[str, Any] | None:
    if version is None:
        return None
    row = conn.execute(select(record_versions.c.data).where(
        record_versions.c.record_id == record_id, record_versions.c.version == version)).first()
    return json.loads(row[0]) if row else None


def last_version_by_device(conn: Connection, record_id: str, device_id: str) -> dict[str, Any] | None:
    """The data of the newest version this device wrote: the base of an edit the laptop queued
    before it heard back about its own earlier change."""
    row = conn.execute(select(record_versions.c.data).where(
        record_versions.c.record_id == record_id, record_versions.c.device_id == device_id)
        .order_by(record_versions.c.version.desc()).limit(1)).first()
    return json.loads(row[0]) if row else None


def add_conflict(conn: Connection, *, conflict_id: str, record_id: str, record_type: str, bucket: str,
                 field_name: str, base: Any, server: Any, client: Any, mutation_id: str, device_id: str,
                 user_id: int) -> None:
    conn.execute(insert(conflicts).values(
        id=conflict_id, record_id=record_id, record_type=record_type, bucket=bucket, field=field_name,
        base_value=dumps(base), server_value=dumps(server), client_value=dumps(client), mutation_id=mutation_id,
        device_id=device_id, user_id=user_id, created_at=now()))


def bulk_insert(conn: Connection, bucket: str, items: list[Record], attachment_hashes: dict[str, list[str]], *,
                username: str, device_id: str) -> int:
    """Insert new records of one bucket with consecutive change numbers, under its lock."""
    from gridapp import states

    counter = lock_bucket(conn, bucket)
    change_no, count, xor = counter["last_change_no"], counter["record_count"], counter["xor"]
    moment = now()
    key = hmac_key(conn)
    new_rows, versions = [], []
    for record in items:
        change_no += 1
        count += 1
        xor ^= protocol.item_hash(record.id, 1)
        sealed = record.SEALABLE and states.is_sealed_state(record.RECORD_TYPE, record.state)
        fields = record_data(record)
        data = dumps(fields)
        row = {
            "id": record.id, "type": record.RECORD_TYPE, "bucket": bucket, "state": record.state, "version": 1,
            "change_no": change_no, "sealed": sealed,
            "content_hash": seal_hash(record, attachment_hashes.get(record.id, [])) if sealed else None,
            "deleted": False, "root_id": record.id, "revision": 1, "supersedes_id": None, "supersedes_hash": None,
            "amend_reason": None, "data": data, "created_at": moment, "updated_at": moment, "created_by": username,
            "updated_by": username, "device_id": device_id, **links(record)}
        new_rows.append({**row, "laptop_row": kept_row(row, fields, key)})
        versions.append({"record_id": record.id, "version": 1, "state": record.state, "data": data,
                         "device_id": device_id, "at": moment})
    for start in range(0, len(new_rows), 1000):
        conn.execute(insert(records), new_rows[start:start + 1000])
        conn.execute(insert(record_versions), versions[start:start + 1000])
    conn.execute(update(buckets).where(buckets.c.code == bucket).values(
        last_change_no=change_no, record_count=count, xor=protocol.to_signed(xor)))
    return len(new_rows)

"""Serving changes: pages by per-bucket cursor, bucket checksums, and snapshots for first sync.

A page is read in one snapshot transaction (db.reading): the bucket counters and the records
agree, so a checksum given with a cursor describes exactly the records up to that cursor.
Within a bucket, changes come in change-number order; buckets are served one after another in
code order. A mediator's page is filtered to what territory.mediator_visible_ids allows; the
cursor still moves past records they may not see, so nothing is re-read forever.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, LargeBinary, case, func, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from zlib_ng import gzip_ng

from gridapp import rows as laptop_rows
from sync import protocol
from sync.protocol import BucketChecksum, Change, PullResponse, Role, SnapshotHeader
from sync.server import territory, writes
from sync.server.auth import Caller, aware, utc_text
from sync.server.db import reading
from sync.server.errors import Forbidden, NotFound, ServerError
from sync.server.tables import buckets, records

log = logging.getLogger("gridapp.server.pull")
SNAPSHOT_RECORDS = "X-Snapshot-Records"  # the village's record count
SNAPSHOT_BYTES = "X-Snapshot-Bytes"  # the snapshot's JSON lines, unpacked

_COLUMNS = (records.c.id, records.c.type, records.c.bucket, records.c.state, records.c.version,
            records.c.change_no, records.c.sealed, records.c.content_hash, records.c.deleted, records.c.root_id,
            records.c.revision, records.c.supersedes_id, records.c.supersedes_hash, records.c.amend_reason,
            records.c.data, records.c.updated_at, records.c.updated_by)


def _row_columns(fmt: str) -> tuple[Any, ...]:
    """`_COLUMNS` and `line`, for a snapshot of rows: the kept line (`writes.kept_row`) where it was
    made in format `fmt` for the record's current change number, else NULL; `data` only where
    there is no such line (a township's `data` read for nothing was a sixth of building it).
    The line comes as its UTF-8 bytes, as the file holds it (decoding a township's lines to text
    and encoding them again took 0.3 s of the build)."""
    current = writes.kept_current(fmt)
    prefix = len(writes.kept_prefix(fmt).encode())
    return (*(c for c in _COLUMNS if c is not records.c.data),
            case((current, None), else_=records.c.data).label("data"),
            type_coerce(case((current, func.substr(_utf8(records.c.laptop_row), prefix + 1)), else_=None),
                        LargeBinary).label("line"))


class _utf8(GenericFunction[bytes]):  # noqa: N801 - an SQL function
    """A text column's UTF-8 bytes, the same on both databases (`substr` then counts bytes)."""
    type = LargeBinary()
    name = "utf8_bytes"
    inherit_cache = True


@compiles(_utf8, "sqlite")
def _utf8_sqlite(element: _utf8, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS BLOB)"


@compiles(_utf8, "postgresql")
def _utf8_postgresql(element: _utf8, compiler: Any, **kw: Any) -> str:
    return f"convert_to({compiler.process(element.clauses, **kw)}, 'UTF8')"


def to_change(row: Any) -> Change:
    return Change(
        bucket=row.bucket, change_no=row.change_no, record_type=row.type, record_id=row.id, version=row.version,
        state=row.state or None, deleted=bool(row.deleted), sealed=bool(row.sealed), content_hash=row.content_hash,
        root_id=row.root_id, revision=row.revision, supersedes_id=row.supersedes_id,
        supersedes_hash=row.supersedes_hash, amend_reason=row.amend_reason,
        record=None if row.deleted else json.loads(row.data), updated_at=aware(row.updated_at),
        updated_by=row.updated_by)


def change_line(row: Any) -> str:
    """`to_change(row)` as one JSON line, the record's stored JSON text spliced in as it is: it is
    already the compact JSON the server wrote (writes.dumps), so parsing it into a dict and
    writing it out again would only cost a township's snapshot seconds. Same content as
    `to_change(row).model_dump_json()` (the record comes last)."""
    head = Change(
        bucket=row.bucket, change_no=row.change_no, record_type=row.type, record_id=row.id, version=row.version,
        state=row.state or None, deleted=bool(row.deleted), sealed=bool(row.sealed), content_hash=row.content_hash,
        root_id=row.root_id, revision=row.revision, supersedes_id=row.supersedes_id,
        supersedes_hash=row.supersedes_hash, amend_reason=row.amend_reason, updated_at=aware(row.updated_at),
        updated_by=row.updated_by).model_dump_json(exclude={"record"})
    return f'{head[:-1]},"record":{"null" if row.deleted else row.data}}}'


def pull(engine: Engine, caller: Caller, cursors: dict[str, int], limit: int) -> PullResponse:
    """Up to `limit` changes after `cursors` in the caller's buckets. A bucket the caller
    holds but did not name starts at 0; a named bucket they no longer hold is listed in
    `removed_buckets` (the laptop drops it once its outbox is empty, rule 9)."""
    with reading(engine) as conn:
        mine = territory.buckets_for(conn, caller.user_id, caller.role)
        removed = sorted(set(cursors) - set(mine))
        visible = territory.mediator_visible_ids(conn, caller, mine) if caller.role is Role.MEDIATOR else None
        counters = {r.code: r for r in conn.execute(select(buckets).where(buckets.c.code.in_(mine)))} if mine else {}
        changes: list[Change] = []
        new_cursors: dict[str, int] = {}
        sums: dict[str, BucketChecksum] = {}
        has_more = False
        for code in mine:
            start = max(0, int(cursors.get(code, 0)))
            last = counters[code].last_change_no if code in counters else 0
            room = limit - len(changes)
            if room <= 0:
                has_more = has_more or start < last
                new_cursors[code] = start
                continue
            rows = conn.execute(select(*_COLUMNS).where(records.c.bucket == code, records.c.change_no > start)
                                .order_by(records.c.change_no).limit(room)).all()
            cursor = start
            for row in rows:
                cursor = row.change_no
                if visible is None or row.id in visible:
                    changes.append(to_change(row))
            if len(rows) < room or cursor >= last:  # the bucket is finished at this snapshot
                # A cursor beyond the bucket's last change (the server was restored from an
                # older backup) comes back as the bucket's last change: the laptop notices.
                cursor = last
                sums[code] = _checksum(conn, code, last, counters.get(code), visible)
            else:
                has_more = has_more or cursor < last
            new_cursors[code] = cursor
    return PullResponse(changes=changes, cursors=new_cursors, has_more=has_more, checksums=sums,
                        removed_buckets=removed)


def _checksum(conn: Connection, code: str, last: int, counter: Any, visible: set[str] | None) -> BucketChecksum:
    if visible is None:
        count, xor = (counter.record_count, counter.xor) if counter is not None else (0, 0)
    else:
        pairs = conn.execute(select(records.c.id, records.c.version).where(records.c.bucket == code)).all()
        count, xor = protocol.combine((rid, v) for rid, v in pairs if rid in visible)
    return BucketChecksum(change_no=last, count=count, xor=protocol.to_hex(xor))


@dataclass(frozen=True)
class Snapshot:
    """A cached snapshot file and what the laptop learns from its headers before the body: the
    village's record count and the JSON's size unpacked (`X-Snapshot-Records`,
    `X-Snapshot-Bytes`), so it can see whether its disk holds the village before downloading.
    `path` is this answer's own link to the file (`_hold`): `release` once it is sent."""

    path: Path
    etag: str
    records: int
    unpacked_bytes: int
    held: bool = False

    def headers(self) -> dict[str, str]:
        return {"ETag": self.etag, SNAPSHOT_RECORDS: str(self.records), SNAPSHOT_BYTES: str(self.unpacked_bytes)}

    def release(self) -> None:
        if self.held:
            _remove(self.path)


SERVING = "serving"  # beside the snapshots: one hard link per answer being sent
_LEFTOVER_SECONDS = 24 * 3600  # a link older than this was left by a server that stopped mid-answer


def _hold(path: Path) -> tuple[Path, bool] | None:
    """A link of this answer's own to the snapshot `path`, so another request's build, which
    removes the files too old to serve, cannot take it away between now and the last byte sent
    (the answer opens the file by name after the route returns). None when `path` is gone
    already; `path` itself (not held) where the disk has no hard links."""
    folder = path.parent / SERVING
    link = folder / f"{int(time.time())}-{os.getpid()}-{uuid.uuid4().hex[:12]}.gz"
    try:
        folder.mkdir(exist_ok=True)
        os.link(path, link)
    except FileNotFoundError:
        return None
    except OSError:  # a file system without hard links: served by name, as before
        return (path, False) if path.exists() else None
    return link, True


def _forget_leftovers(folder: Path) -> None:
    """Remove the links of answers a stopped server never finished (named by when they were made)."""
    for link in (folder / SERVING).glob("*.gz"):
        made = link.name.partition("-")[0]
        if made.isdigit() and int(made) < time.time() - _LEFTOVER_SECONDS:
            _remove(link)


def _remove(path: Path) -> None:
    """Remove a file, unless Windows refuses because another answer is still sending it (a link
    shares the file it names): a later build's clean-up removes it."""
    try:
        path.unlink(missing_ok=True)
    except PermissionError:
        pass


def snapshot_file(engine: Engine, caller: Caller, bucket: str, folder: Path, *,
                  warn_records: int | None = None, rows: str | None = None, stale_changes: int = 0) -> Snapshot:
    """The gzip JSON-lines snapshot of `bucket` at its current change number (built once and
    cached, so a dropped download resumes with a Range request against the same bytes) with its
    ETag and size; or the cached one at most `stale_changes` changes older (its header says its
    change number, from which the laptop pulls the rest). Mediators sync their cases by pull
    instead (their view is filtered).

    A snapshot is one village, never a township or the county: a device holding many villages
    downloads one cached file per village. A village with more than `warn_records` records is
    logged as a warning when its snapshot is built (nothing is refused: the village's workers
    need it).

    A laptop whose row format (`gridapp.rows.row_format`) is `rows` and matches this server's gets
    the records as it stores them (`row_line`), so it need not validate and work out 100,000 rows
    again; any other laptop gets `Change` lines. Each kind is its own cached file
    (`<village>-<change>.jsonl.gz`, `<village>-<change>.rows-<format>.jsonl.gz`)."""
    if caller.role is Role.MEDIATOR:
        raise Forbidden("调解员按案件同步，不能下载整村数据。", code="snapshot.not_for_mediators")
    with reading(engine) as conn:
        if bucket not in territory.buckets_for(conn, caller.user_id, caller.role):
            raise NotFound("没有这个村的数据，或它不在您的辖区内。", code="bucket.not_found")
        counter = conn.execute(select(buckets).where(buckets.c.code == bucket)).first()
        last = counter.last_change_no if counter else 0
        fmt = laptop_rows.row_format() if rows == laptop_rows.row_format() else None
        kind = f".rows-{fmt}" if fmt else ""  # the format named: a server upgraded since made others
        def file(change_no: int) -> Path:
            return folder / f"{bucket}-{change_no}{kind}.jsonl.gz"

        at = _recent(folder, bucket, kind, last, stale_changes)
        found = _cached(conn, file(at), bucket, at)
        if found is None and at != last:
            at = last
            found = _cached(conn, file(at), bucket, at)
        if found is None:
            _build(conn, bucket, last, counter, file(at), fmt, stale_changes)
            found = _cached(conn, file(at), bucket, None)  # just built
            if warn_records is not None and counter is not None and counter.record_count > warn_records:
                log.warning("village %s: its snapshot holds %d records, more than snapshot_warn_records (%d); "
                            "a first sync of it is slow and large", bucket, counter.record_count, warn_records)
    held = _hold(found[0]) if found is not None else None
    if held is None:  # (removed by another request's build in between: the laptop asks again)
        raise ServerError("村数据快照刚刚更新，请稍后再同步。", code="snapshot.replaced")
    return Snapshot(held[0], f'"{bucket}-{at}{kind}"', found[1], found[2], held[1])


def _stamp(conn: Connection, bucket: str, change_no: int) -> str:
    """Which write change `change_no` of `bucket` was in this database's history: the record
    that has it now and when it was written ("-" when no record has it any more). A server
    restored from an older backup numbers its next changes again, with other writes."""
    row = conn.execute(select(records.c.id, records.c.updated_at).where(
        records.c.bucket == bucket, records.c.change_no == change_no)).first()
    return f"{row.id}@{utc_text(row.updated_at)}" if row else "-"


def _cached(conn: Connection, path: Path, bucket: str, change_no: int | None) -> tuple[Path, int, int] | None:
    """(file, records, unpacked bytes) of the cached snapshot `path` when it is there and was
    built from this database's history up to `change_no` (its stamp, `_stamp`, still holds; not
    checked for None); else None. A change no record has any more cannot be checked: its snapshot
    is built again."""
    try:
        count, unpacked, stamp = path.with_suffix(".size").read_text().split(" ", 2)
        count_of, unpacked_of = int(count), int(unpacked)
    except (FileNotFoundError, ValueError):  # not there, or not written by this build: built again
        return None
    if not path.exists():
        return None
    if change_no is not None and change_no > 0:
        if stamp == "-" or stamp != _stamp(conn, bucket, change_no):
            return None
    return path, count_of, unpacked_of


def _change_number(bucket: str, path: Path) -> int | None:
    """The change number in a cached snapshot's file name (`<village>-<change>.…`)."""
    number = path.name[len(bucket) + 1:].partition(".")[0]
    return int(number) if number.isdigit() else None


def _servable(last: int, change_no: int, stale_changes: int) -> bool:
    """A snapshot at `change_no` may be served for a village now at `last` (never one ahead)."""
    return 0 <= last - change_no <= stale_changes


def _recent(folder: Path, bucket: str, kind: str, last: int, stale_changes: int) -> int:
    """The change number of the newest cached snapshot of `bucket` of this kind that is at most
    `stale_changes` behind `last` (never ahead of it: a server restored from an older backup
    numbers those changes again); `last` when there is none."""
    found = []
    for path in folder.glob(f"{bucket}-*{kind}.jsonl.size"):
        number = _change_number(bucket, path)
        if number is not None and path.name == f"{bucket}-{number}{kind}.jsonl.size" \
                and _servable(last, number, stale_changes) and path.with_suffix(".gz").exists():
            found.append(number)
    return max(found, default=last)


def _build(conn: Connection, bucket: str, last: int, counter: Any, path: Path, fmt: str | None,
           stale_changes: int) -> None:
    """Write the snapshot of `bucket` at change `last` to `path`, and beside it its size and stamp
    ("<records> <unpacked bytes> <stamp>"); remove the village's files too old to be served."""
    size = path.with_suffix(".size")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    header = SnapshotHeader(bucket=bucket, change_no=last, count=counter.record_count if counter else 0,
                            checksum=_checksum(conn, bucket, last, counter, None), rows=fmt)
    unpacked = 0
    # zlib-ng packs a township in half the time of the standard zlib, a little smaller, as plain
    # gzip (laptops unpack it with Python's own): measured in docs/sync.md.
    with gzip_ng.open(tmp, "wb", compresslevel=5) as out:
        lines = _lines(conn, bucket, last, header, fmt)
        while some := list(itertools.islice(lines, 500)):
            data = b"".join(some)
            out.write(data)
            unpacked += len(data)
    size_tmp = size.with_name(f"{size.name}.{os.getpid()}.tmp")
    size_tmp.write_text(f"{header.count} {unpacked} {_stamp(conn, bucket, last)}")
    os.replace(size_tmp, size)
    os.replace(tmp, path)
    for old in [*path.parent.glob(f"{bucket}-*.jsonl.gz"), *path.parent.glob(f"{bucket}-*.jsonl.size")]:
        number = _change_number(bucket, old)
        if number is not None and not _servable(last, number, stale_changes):  # every kind still served stays
            _remove(old)
    _forget_leftovers(path.parent)


def _lines(conn: Connection, bucket: str, last: int, header: SnapshotHeader, fmt: str | None) -> Iterator[bytes]:
    """The snapshot file's lines, UTF-8, each with its new line."""
    # `rows` only when there are rows: laptops older than row lines refuse a header field they lack.
    yield header.model_dump_json(exclude=None if fmt else {"rows"}).encode() + b"\n"
    found = conn.execute(select(*(_row_columns(fmt) if fmt else _COLUMNS))
                         .where(records.c.bucket == bucket, records.c.change_no <= last)
                         .order_by(records.c.change_no)).yield_per(2000)
    key = writes.hmac_key(conn) if fmt else b""
    for row in found:
        yield (row_line(row, key) if fmt else change_line(row).encode()) + b"\n"


def row_line(row: Any, key: bytes) -> bytes:
    """A snapshot line for a laptop of this server's row format: the record as the laptop stores
    it, as kept with the record (`writes.kept_row`) or worked out now when it was kept in another
    format, for another change number, or not at all. A tombstone, or a record whose row cannot
    be worked out, is a `Change` line (it starts with `{`): the laptop takes it its general way."""
    if row.deleted:
        return change_line(row).encode()
    if row.line is not None:
        return bytes(row.line)
    line = writes.laptop_line(row.type, json.loads(row.data), row.state, key)
    return (change_line(row) if line is None else writes.row_line(row._mapping, line)).encode()

"""Attachment blobs on the county server: content-addressed, chunked, resumable upload, and download.

Architecture.md rule 11: attachments go up on their own queue, resume from their offset after a
dropped connection, and are verified by hash. The protocol (routes/blobs.py) follows tus:

    POST  /v1/blobs/{sha256}  {"size": n}        start an upload, or learn how far it got
    HEAD  /v1/blobs/{sha256}                     Upload-Offset, Upload-Length, X-Complete
    PATCH /v1/blobs/{sha256}  Upload-Offset: N   append one chunk at N; 409 + the offset otherwise
    GET   /v1/blobs/{sha256}                     the bytes of a complete blob (Range, ETag)

Files under `settings.blob_dir`:

- `partial/<sha256>`: an upload in progress. Its length on disk may run ahead of
  `blobs.received` (a crash between fsync and commit) but never behind it: a chunk is written
  and fsynced *before* `received` is raised, in the same transaction, and the extra bytes are cut
  off at the next write. So the database never claims bytes that are not on disk.
- `ab/cd/<sha256>`: a complete blob. A file gets there (by an atomic rename) only after its
  SHA-256 was checked against its name, so a file at a final path is always right, and a final
  file found for an upload the database still calls incomplete (a crash after the rename)
  completes it.

Concurrency: every write to a blob's files happens while its `blobs` row is locked (SELECT …
FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so two devices uploading the same file at
once never interleave their writes. Because the name is the hash, the bytes at offset N are the
same whoever sends them: a second device is answered 409 with the current offset and carries on
from there, or finds the blob complete. Bytes that do not match the hash are thrown away and the
upload starts again from 0.

Who may read: any signed-in caller may upload (the name is the content's hash, so an upload
reveals nothing). A complete blob is served (GET, HEAD) only to county admins, to the caller who
completed its upload, and to a caller who may see a live attachment record naming its hash
(territory.py: the caller's buckets; for a mediator, their cases) *that vouches for it*: the
record named the hash before the bytes were complete on the server (as a laptop does: it pushes
the record, then uploads), or it was written from a device of the user who completed the
upload. Otherwise anyone who once saw a hash could write an attachment record naming it in
their own village and download another village's file. Everyone else is told the blob does
not exist (404), exactly as for an unknown hash.
"""

from __future__ import annotations

from datetime import timedelta

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, false, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sync.protocol import BlobStatus, Role
from sync.server import audit, territory
from sync.server.auth import Caller, aware, now
from sync.server.config import Settings
from sync.server.db import is_sqlite, reading
from sync.server.errors import BadRequest, Conflict, NotFound, ServerError, TooLarge
from sync.server.tables import blobs, devices, record_versions, records

log = logging.getLogger("gridapp.server.blobs")

_DIGEST = re.compile(r"[0-9a-f]{64}")
_OFFSET = re.compile(r"[0-9]{1,18}")  # bytes; 18 digits stay inside a BIGINT
_READ_BLOCK = 1024 * 1024

# Media types a PATCH body may carry (tus names the first).
CHUNK_TYPES = ("application/offset+octet-stream", "application/octet-stream")

_NOT_FOUND = "没有这个附件，或者您没有查看它的权限。"


class UnsupportedMediaType(ServerError):
    status = 415
    code = "blob.content_type"


# ---------------------------------------------------------------- names and paths


def check_digest(value: str) -> str:
    """`value` if it is a SHA-256 in 64 lowercase hex digits; BadRequest otherwise. Every path
    below is built only from a checked digest, so no name can reach outside `blob_dir`."""
    if not _DIGEST.fullmatch(value):
        raise BadRequest("附件的校验值格式不对：应为 64 位小写十六进制的 SHA-256，未做任何修改。",
                         code="blob.bad_sha256",
                         problems=[{"field": "sha256", "code": "blob.bad_sha256",
                                    "message": "应为 64 位小写十六进制（0-9、a-f）。"}])
    return value


def final_path(settings: Settings, digest: str) -> Path:
    """Where a complete blob lives: `blob_dir/ab/cd/<sha256>`."""
    check_digest(digest)
    return settings.blob_dir / digest[:2] / digest[2:4] / digest


def partial_path(settings: Settings, digest: str) -> Path:
    """Where an upload in progress lives: `blob_dir/partial/<sha256>`."""
    check_digest(digest)
    return settings.blob_dir / "partial" / digest


def parse_offset(header: str | None) -> int:
    """The `Upload-Offset` header of a PATCH as a number of bytes."""
    if header is None or not _OFFSET.fullmatch(header.strip()):
        raise BadRequest("缺少或看不懂 Upload-Offset 请求头（应为从 0 起的字节数），未做任何修改。",
                         code="blob.bad_offset",
                         problems=[{"field": "Upload-Offset", "code": "blob.bad_offset",
                                    "message": "应为从 0 起的字节数。"}])
    return int(header.strip())  # ASCII digits only: "²" passes str.isdigit() but not int()


def check_chunk_type(content_type: str | None) -> None:
    media = (content_type or "").partition(";")[0].strip().lower()
    if media not in CHUNK_TYPES:
        raise UnsupportedMediaType(f"附件内容应以 {CHUNK_TYPES[0]} 发送，未做任何修改。")


# ---------------------------------------------------------------- the operations


@dataclass(frozen=True)
class Started:
    status: BlobStatus
    existed_complete: bool  # already complete before this call: the laptop skips the upload


def start(engine: Engine, settings: Settings, caller: Caller, digest: str, size: int) -> Started:
    """Begin an upload of `size` bytes named `digest`, or report the state of the one under way."""
    check_digest(digest)
    if size > settings.max_blob_bytes:
        raise TooLarge(f"附件太大（{_human(size)}），每个附件最多 {_human(settings.max_blob_bytes)}。",
                       code="blob.too_large")
    with engine.begin() as conn:
        row = _locked(conn, digest)
        if row is None:
            _insert_if_absent(conn, {"sha256": digest, "size": size, "received": 0, "complete": False,
                                     "created_by": caller.user_id, "created_at": now()})
            row = _locked(conn, digest)
            assert row is not None
        row = _heal(conn, settings, row)
        if row["complete"]:
            return Started(_status(row), existed_complete=True)
        busy = _busy_for(row, caller)
        if busy is not None:
            raise busy
        if row["size"] != size:
            # Two sizes for one hash: one of them is wrong, and the bytes will tell. The newest
            # declaration wins so that an abandoned wrong upload can never block a right one.
            log.warning("blob %s: size %s re-declared as %s by %s", digest, row["size"], size, caller.username)
            _discard_partial(settings, digest)
            row = _set(conn, digest, size=size, received=0)
        outcome: BlobStatus | ServerError = _status(row)
        if size == 0:  # nothing to send: check the name against the empty file now
            _write_chunk(settings, digest, 0, 0, b"")
            outcome = _finish(conn, settings, caller, row)
    if isinstance(outcome, ServerError):
        raise outcome
    return Started(outcome, existed_complete=False)


def status(engine: Engine, caller: Caller, digest: str) -> BlobStatus:
    """How far an upload got (anyone signed in may ask, to resume); for a complete blob, only a
    caller who may read it gets an answer, others NotFound."""
    check_digest(digest)
    with reading(engine) as conn:
        row = conn.execute(select(blobs).where(blobs.c.sha256 == digest)).mappings().first()
        if row is None or (row["complete"] and not may_read(conn, caller, dict(row))):
            raise NotFound(_NOT_FOUND, code="blob.not_found")
        return _status(row)


def append(engine: Engine, settings: Settings, caller: Caller, digest: str, offset: int, data: bytes) -> BlobStatus:
    """Write `data` at `offset` of an upload. Raises Conflict (with the right offset) if the
    offset is not where the upload stands, TooLarge past the declared size, BadRequest
    `blob.hash_mismatch` when the finished file is not what its name says (the upload then
    starts again from 0). A complete blob answers its status: a retried last chunk succeeds."""
    check_digest(digest)
    if len(data) > settings.blob_chunk_bytes:
        raise TooLarge(f"这一块太大（{_human(len(data))}），每块最多 {_human(settings.blob_chunk_bytes)}，未写入。",
                       code="blob.chunk_too_large")
    with engine.begin() as conn:
        outcome = _append_locked(conn, settings, caller, digest, offset, data)
    if isinstance(outcome, ServerError):
        raise outcome  # after the commit: a reset or a repaired offset is kept
    return outcome


def download_path(engine: Engine, settings: Settings, caller: Caller, digest: str) -> Path:
    """The file of a complete blob the caller may read; NotFound otherwise."""
    check_digest(digest)
    with reading(engine) as conn:
        row = conn.execute(select(blobs).where(blobs.c.sha256 == digest)).mappings().first()
        if row is None or not may_read(conn, caller, dict(row)):
            raise NotFound(_NOT_FOUND, code="blob.not_found")
        if not row["complete"]:
            raise NotFound("这个附件还没有上传完，请稍后再同步。", code="blob.incomplete")
    path = final_path(settings, digest)
    if not path.is_file():
        log.error("blob %s is complete in the database but its file %s is missing", digest, path)
        raise NotFound("服务器上找不到这个附件的文件，请让上传它的电脑重新同步。", code="blob.missing")
    return path


def store_complete(engine: Engine, settings: Settings, data: bytes, created_by: int) -> str:
    """Keep `data` as a complete blob (imports and the demo, not the upload protocol); returns
    its SHA-256. Bytes already kept are left as they are."""
    digest = hashlib.sha256(data).hexdigest()
    final = final_path(settings, digest)
    with engine.begin() as conn:
        if _locked(conn, digest) is not None:
            return digest
        _make_dirs(final.parent)
        tmp = final.with_name(final.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, final)
        moment = now()
        _insert_if_absent(conn, {"sha256": digest, "size": len(data), "received": len(data), "complete": True,
                                 "created_by": created_by, "created_at": moment, "completed_at": moment})
    return digest


def may_read(conn: Connection, caller: Caller, blob: dict[str, Any]) -> bool:
    """Whether `caller` may read `blob` (a `blobs` row): a county admin; whoever completed its
    upload; or a caller who can see a live attachment record naming it (in one of their buckets
    and, for a mediator, among the records their cases let them see) that vouches for it."""
    digest = blob["sha256"]
    if caller.role is Role.COUNTY_ADMIN or blob["created_by"] == caller.user_id:
        return True
    codes = territory.buckets_for(conn, caller.user_id, caller.role)
    if not codes:
        return False
    # Record data is JSON text the server does not query inside: LIKE narrows, json decides.
    rows = conn.execute(select(records.c.id, records.c.data).where(
        records.c.type == "attachment", records.c.deleted == false(), records.c.bucket.in_(codes),
        records.c.data.like(f"%{digest}%"))).all()
    ids = {rid for rid, data in rows if _sha256_of(data) == digest}
    if ids and caller.role is Role.MEDIATOR:
        ids &= territory.mediator_visible_ids(conn, caller, codes)
    return bool(ids) and _vouched(conn, ids, blob)


def _vouched(conn: Connection, record_ids: set[str], blob: dict[str, Any]) -> bool:
    """Whether one of these attachment records vouches for `blob`: the version that first named
    its hash was written before the upload completed, or from a device of the user who completed
    it. A record that only started naming the hash later, by someone else, proves nothing: its
    author needed no more than the hash, not the bytes."""
    if not blob["complete"]:
        return True  # nothing to hand out yet; the caller is told the upload is not finished
    digest, completed = blob["sha256"], aware(blob["completed_at"])
    versions = conn.execute(
        select(record_versions.c.record_id, record_versions.c.data, record_versions.c.at,
               devices.c.user_id)
        .select_from(record_versions.outerjoin(devices, devices.c.id == record_versions.c.device_id))
        .where(record_versions.c.record_id.in_(sorted(record_ids)), record_versions.c.data.like(f"%{digest}%"))
        .order_by(record_versions.c.record_id, record_versions.c.version)).all()
    seen: set[str] = set()
    for record_id, data, at, author in versions:
        if record_id in seen or _sha256_of(data) != digest:
            continue
        seen.add(record_id)  # the first version naming the hash decides for this record
        if author is not None and author == blob["created_by"]:
            return True
        if completed is not None and at is not None and aware(at) <= completed:
            return True
    return False


# ---------------------------------------------------------------- inside the row lock


def _append_locked(conn: Connection, settings: Settings, caller: Caller, digest: str, offset: int,
                   data: bytes) -> BlobStatus | ServerError:
    row = _locked(conn, digest)
    if row is None:
        return NotFound("服务器上没有这个附件的上传，请先开始上传（POST）。", code="blob.unknown")
    row = _heal(conn, settings, row)
    if row["complete"]:
        return _status(row)
    busy = _busy_for(row, caller)
    if busy is not None:
        return busy
    size, received = row["size"], row["received"]
    on_disk = _disk_length(settings, digest)
    if on_disk < received:
        # The database claims bytes the disk does not have (the partial file was lost): start over.
        log.error("blob %s: %s bytes recorded but %s on disk; restarting the upload", digest, received, on_disk)
        _discard_partial(settings, digest)
        row = _set(conn, digest, received=0)
        received = 0
    if offset != received:
        return Conflict(f"上传位置不对：服务器已收到 {received} 字节，请从第 {received} 字节继续。",
                        code="blob.offset_mismatch", headers=status_headers(_status(row)),
                        problems=[{"field": "Upload-Offset", "code": "blob.offset_mismatch",
                                   "message": f"服务器已收到 {received} 字节（共 {size} 字节）。"}])
    if offset + len(data) > size:
        return TooLarge(f"这一块超出了附件的大小（共 {size} 字节），未写入。", code="blob.beyond_size")
    if not data:
        return _status(row)
    _write_chunk(settings, digest, received, offset, data)  # fsynced before `received` moves
    row = _set(conn, digest, received=offset + len(data), uploader=caller.user_id, progress_at=now())
    if row["received"] == size:
        return _finish(conn, settings, caller, row)
    return _status(row)


def _finish(conn: Connection, settings: Settings, caller: Caller, row: dict[str, Any]) -> BlobStatus | ServerError:
    """All bytes are in: check them against the name; keep them at the final path, or drop them."""
    digest, size = row["sha256"], row["size"]
    partial = partial_path(settings, digest)
    if _file_sha256(partial) != digest:
        _discard_partial(settings, digest)
        _set(conn, digest, received=0)
        audit.write(conn, action="blob_hash_mismatch", user_id=caller.user_id, username=caller.username,
                    device_id=caller.device_id, detail={"sha256": digest, "size": size})
        return BadRequest("收到的附件内容与它的校验值不符，已丢弃；请重新上传。", code="blob.hash_mismatch",
                          headers={"Upload-Offset": "0", "Upload-Length": str(size)})
    final = final_path(settings, digest)
    _make_dirs(final.parent)
    os.replace(partial, final)
    _fsync_dir(final.parent)
    _fsync_dir(partial.parent)
    # Who completed the upload may read it back; they sent bytes that hash to the name.
    row = _set(conn, digest, received=size, complete=True, completed_at=now(), created_by=caller.user_id)
    audit.write(conn, action="blob_complete", user_id=caller.user_id, username=caller.username,
                device_id=caller.device_id, detail={"sha256": digest, "size": size})
    return _status(row)


ABANDONED = timedelta(hours=1)


def _busy_for(row: dict[str, Any], caller: Caller) -> Conflict | None:
    """Another user is sending this blob (and did so within the hour): the caller may not reset
    or append to it — a stranger who knows the hash could otherwise throw away a village's
    upload in progress. They try again later, or find it complete."""
    uploader, moment = row.get("uploader"), aware(row.get("progress_at"))
    if uploader is None or uploader == caller.user_id or row["received"] == 0:
        return None
    if moment is not None and now() - moment > ABANDONED:
        return None
    return Conflict("另一台电脑正在上传同一个附件，请稍后再同步。", code="blob.in_progress",
                    headers=status_headers(_status(row)))


def _heal(conn: Connection, settings: Settings, row: dict[str, Any]) -> dict[str, Any]:
    """Make the row agree with the files after a crash or a lost file."""
    digest = row["sha256"]
    final = final_path(settings, digest)
    if not row["complete"] and final.is_file():
        # Renamed into place, then the commit was lost. A final file was verified before the rename.
        _discard_partial(settings, digest)
        return _set(conn, digest, size=final.stat().st_size, received=final.stat().st_size, complete=True,
                    completed_at=now())
    if row["complete"] and not final.is_file():
        log.error("blob %s is complete in the database but its file is missing; accepting it again", digest)
        return _set(conn, digest, received=0, complete=False, completed_at=None)
    return row


def _locked(conn: Connection, digest: str) -> dict[str, Any] | None:
    row = conn.execute(select(blobs).where(blobs.c.sha256 == digest).with_for_update()).mappings().first()
    return dict(row) if row else None


def _set(conn: Connection, digest: str, **values: Any) -> dict[str, Any]:
    conn.execute(update(blobs).where(blobs.c.sha256 == digest).values(**values))
    row = conn.execute(select(blobs).where(blobs.c.sha256 == digest)).mappings().one()
    return dict(row)


def _insert_if_absent(conn: Connection, values: dict[str, Any]) -> None:
    """Insert a blob row unless a concurrent start already did (it then waits for its commit)."""
    dialect = sqlite if is_sqlite(conn) else postgresql
    conn.execute(dialect.insert(blobs).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))


# ---------------------------------------------------------------- files


def _disk_length(settings: Settings, digest: str) -> int:
    try:
        return partial_path(settings, digest).stat().st_size
    except FileNotFoundError:
        return 0


def _write_chunk(settings: Settings, digest: str, received: int, offset: int, data: bytes) -> None:
    """Cut the partial file back to `received` (bytes a lost commit never claimed), write `data`
    at `offset` and fsync, so the caller may then record the new length."""
    path = partial_path(settings, digest)
    created = not path.exists()
    if created:
        _make_dirs(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+b") as fh:
        fh.truncate(received)
        fh.seek(offset)
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    if created:
        _fsync_dir(path.parent)


def _discard_partial(settings: Settings, digest: str) -> None:
    path = partial_path(settings, digest)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)


def _file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_READ_BLOCK):
            hasher.update(block)
    return hasher.hexdigest()


def _make_dirs(path: Path) -> None:
    """Create `path` and any missing parents, durably (each new entry's parent is fsynced)."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        _fsync_dir(folder.parent)


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; NTFS journals the rename itself
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- answers


def _status(row: dict[str, Any]) -> BlobStatus:
    return BlobStatus(sha256=row["sha256"], size=row["size"], offset=row["received"], complete=bool(row["complete"]))


def status_headers(state: BlobStatus) -> dict[str, str]:
    """The tus-style headers describing an upload."""
    return {"Upload-Offset": str(state.offset), "Upload-Length": str(state.size),
            "X-Complete": "true" if state.complete else "false", "Cache-Control": "no-store"}


def _sha256_of(data: str) -> str | None:
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value.get("sha256") if isinstance(value, dict) else None


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"

"""Attachment bytes inside the encrypted database: content-addressed, chunked, resumable upload
bookkeeping. A mixin of `Store` (writes go through its transaction like every other write).

Bytes are kept while a live attachment on this laptop needs them — as its synced copy (the
record's `sha256`) or as its local original (`ORIGINAL_KEY`) — and no longer (`_drop_blobs`):

- deleting an attachment drops its copy and original at once, in the same transaction, unless
  another live attachment names the same bytes;
- a village taken away from this laptop drops its attachments' bytes with its records (it waits
  until they are on the server: `syncing.purge_bucket`);
- every sync ends by dropping bytes nothing needs any more (`drop_unneeded_blobs`): those of
  attachments another laptop deleted, and leftovers of an attachment whose save never came
  (a crash between `put_blob` and the save). Bytes that exist only here are kept for
  `KEEP_UNNAMED` after they were last put, so an attachment being saved in another thread
  (its bytes put, its record not yet) never loses them."""

from __future__ import annotations

import hashlib
from typing import Any

from gridapp.errors import GridAppError, RecordNotFound
from gridapp.wording import say

CHUNK = 256 * 1024
MAX_BLOB = 50 * 1024 * 1024

# meta key of a scaled photo's local-only original: ORIGINAL_KEY + the attachment's id → its hash
ORIGINAL_KEY = "attachment_original:"
KEEP_UNNAMED = "-1 day"  # SQLite's datetime modifier: bytes only here, named by nothing, kept this long

# The hashes live attachments need: their synced copies, and the originals noted for them.
_NEEDED = (
    "SELECT json_extract(body, '$.sha256') FROM records WHERE type = 'attachment' AND deleted = 0 "
    "UNION SELECT m.value FROM meta m JOIN records r ON r.id = substr(m.key, ?) "
    "WHERE m.key GLOB ? AND r.type = 'attachment' AND r.deleted = 0"
)
_NEEDED_ARGS = (len(ORIGINAL_KEY) + 1, ORIGINAL_KEY + "*")


class BlobStore:
    _conn: Any

    def put_blob(self, data: bytes, mime: str | None = None) -> str:
        """Keep `data` and return its SHA-256 (hex); the same bytes are kept once."""
        if len(data) > MAX_BLOB:
            raise GridAppError(say("文件太大（{size} MB），附件最大 {most} MB。", size=len(data) // 1024 // 1024,
                                   most=MAX_BLOB // 1024 // 1024),
                               code="blob.too_large")
        digest = hashlib.sha256(data).hexdigest()
        with self._transaction():  # type: ignore[attr-defined]
            if self._conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone():
                # Put again: its time is now, so a sweep keeps it for the save that follows.
                self._conn.execute("UPDATE blobs SET stored_at = datetime('now') WHERE sha256 = ?", (digest,))
                return digest
            self._conn.execute("INSERT INTO blobs (sha256, size, mime, stored_at) VALUES (?, ?, ?, datetime('now'))",
                               (digest, len(data), mime))
            self._conn.executemany("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)",
                                   [(digest, i, data[off:off + CHUNK])
                                    for i, off in enumerate(range(0, max(len(data), 1), CHUNK))])
        return digest

    def put_downloaded_blob(self, digest: str, data: bytes) -> None:
        """Keep bytes fetched from the server, after checking they are what their hash says."""
        if hashlib.sha256(data).hexdigest() != digest:
            raise GridAppError(say("下载的附件内容与校验值不符，已丢弃。"), code="blob.hash_mismatch")
        self.put_blob(data)
        with self._transaction():  # type: ignore[attr-defined]
            self._conn.execute("UPDATE blobs SET on_server = 1, uploaded = size WHERE sha256 = ?", (digest,))

    def has_blob(self, digest: str) -> bool:
        return self._conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone() is not None

    def blob_size(self, digest: str) -> int:
        row = self._conn.execute("SELECT size FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
        if row is None:
            raise RecordNotFound(say("本机没有这个附件的内容（可能还没有下载）。"), code="blob.missing")
        return int(row[0])

    def read_blob(self, digest: str, offset: int = 0, length: int | None = None) -> bytes:
        """Bytes [offset, offset+length) of a kept blob."""
        size = self.blob_size(digest)
        end = size if length is None else min(size, offset + length)
        first, last = offset // CHUNK, max(end - 1, 0) // CHUNK
        parts = [r[0] for r in self._conn.execute(
            "SELECT data FROM blob_chunks WHERE sha256 = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            (digest, first, last))]
        joined = b"".join(parts)
        return joined[offset - first * CHUNK:end - first * CHUNK]

    def blobs_to_upload(self) -> list[tuple[str, int, int]]:
        """(sha256, size, confirmed offset) of blobs referenced by attachments and not yet on
        the server, oldest first."""
        return [(r[0], r[1], r[2]) for r in self._conn.execute(
            "SELECT sha256, size, uploaded FROM blobs WHERE on_server = 0 AND sha256 IN ("
            "SELECT json_extract(body, '$.sha256') FROM records WHERE type = 'attachment' AND deleted = 0) "
            "ORDER BY stored_at, sha256")]

    def note_upload(self, digest: str, offset: int, complete: bool) -> None:
        with self._transaction():  # type: ignore[attr-defined]
            self._conn.execute("UPDATE blobs SET uploaded = ?, on_server = ? WHERE sha256 = ?",
                               (offset, 1 if complete else 0, digest))

    def missing_blobs(self) -> list[str]:
        """Hashes named by attachments whose bytes this laptop does not have (to download)."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT json_extract(body, '$.sha256') AS h FROM records WHERE type = 'attachment' "
            "AND deleted = 0 AND h IS NOT NULL AND h NOT IN (SELECT sha256 FROM blobs)")]

    def drop_unneeded_blobs(self) -> int:
        """Drop the bytes no live attachment on this laptop needs: any the server has, and any
        others put more than `KEEP_UNNAMED` ago. Returns how many were dropped."""
        with self._transaction():  # type: ignore[attr-defined]
            return self._drop_blobs(None)

    def _drop_blobs(self, candidates: set[str] | None) -> int:
        """Inside a transaction: drop `candidates` (hashes of attachments just deleted or purged)
        that no live attachment still needs, or, with None, every blob `drop_unneeded_blobs`
        drops; and forget the originals noted for attachments that are gone."""
        conn = self._conn
        conn.execute("DELETE FROM meta WHERE key GLOB ? AND substr(key, ?) NOT IN "
                     "(SELECT id FROM records WHERE type = 'attachment' AND deleted = 0)",
                     (ORIGINAL_KEY + "*", len(ORIGINAL_KEY) + 1))
        needed = {r[0] for r in conn.execute(_NEEDED, _NEEDED_ARGS)}
        if candidates is None:
            held = [r[0] for r in conn.execute(
                "SELECT sha256 FROM blobs WHERE on_server = 1 OR stored_at < datetime('now', ?)", (KEEP_UNNAMED,))]
        else:
            held = [d for d in candidates if d]
        gone = [(d,) for d in held if d not in needed]
        conn.executemany("DELETE FROM blob_chunks WHERE sha256 = ?", gone)
        return int(conn.executemany("DELETE FROM blobs WHERE sha256 = ?", gone).rowcount)

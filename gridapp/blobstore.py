"""Attachment bytes inside the encrypted database: content-addressed, chunked, resumable upload
bookkeeping. A mixin of `Store` (writes go through its transaction like every other write).

Bytes leave the laptop only when nothing can need them again (`_drop_blobs`, since stop 15):

- an attachment deleted here: once the server has accepted the deletion (`syncing.take_results`;
  a deletion it refuses — the photo of a document another laptop sealed — brings the record back,
  and its bytes are still here), its synced copy and its local original;
- an attachment deleted on another laptop: when the tombstone is pulled (the server accepted it);
- a village taken away from the laptop: its attachments' synced copies, which are on the server
  (`syncing.purge_bucket` waits for that), and any other copy the server holds that nothing here
  names any more; local originals stay, since they exist nowhere else and a worker moved back
  finds them again;

and in each case only bytes no live attachment names, no kept original is, and no deletion
still waiting for the server's answer names. Bytes of an
attachment the server refused (kept in a sync problem) stay. An attachment is saved with its
bytes in one transaction (`Store.save_with_files`), so no drop can come between them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from gridapp.errors import GridAppError, RecordNotFound
from gridapp.wording import say

CHUNK = 256 * 1024
MAX_BLOB = 50 * 1024 * 1024

# meta key of a scaled photo's local-only original: ORIGINAL_KEY + the attachment's id → its hash
ORIGINAL_KEY = "attachment_original:"

# The hashes still needed: live attachments' synced copies, every original still noted, and the
# files of attachments deleted here whose deletion the server has not answered yet (it may refuse).
_NEEDED = ("SELECT json_extract(body, '$.sha256') FROM records WHERE type = 'attachment' AND deleted = 0 "
           "UNION SELECT value FROM meta WHERE key GLOB ? "
           "UNION SELECT f.value FROM outbox o, json_each(o.payload, '$.files') f WHERE o.op = 'delete'")


def _check_size(data: bytes) -> None:
    if len(data) > MAX_BLOB:
        raise GridAppError(say("文件太大（{size} MB），附件最大 {most} MB。", size=len(data) // 1024 // 1024,
                               most=MAX_BLOB // 1024 // 1024),
                           code="blob.too_large")


class BlobStore:
    _conn: Any

    def put_blob(self, data: bytes, mime: str | None = None) -> str:
        """Keep `data` and return its SHA-256 (hex); the same bytes are kept once."""
        with self._transaction():  # type: ignore[attr-defined]
            return self._put_blob(data, mime)

    def _put_blob(self, data: bytes, mime: str | None) -> str:
        """`put_blob` inside a transaction (`Store.save_with_files`)."""
        _check_size(data)
        digest = hashlib.sha256(data).hexdigest()
        if self._conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone():
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

    def attachment_files(self, record_id: str, body: str) -> list[str]:
        """The hashes an attachment's row names: its synced copy (from `body`) and its original."""
        original = self._conn.execute("SELECT value FROM meta WHERE key = ?", (ORIGINAL_KEY + record_id,)).fetchone()
        return [h for h in (json.loads(body or "{}").get("sha256"), original and original[0]) if h]

    def _drop_blobs(self, candidates: Iterable[str], *, forget: str | None = None) -> int:
        """Inside a transaction: drop the bytes of `candidates` that nothing needs any more (no
        live attachment names them, no original noted for an attachment is one of them), after
        forgetting the original noted for the attachment `forget`. Returns how many went."""
        conn = self._conn
        if forget is not None:
            conn.execute("DELETE FROM meta WHERE key = ?", (ORIGINAL_KEY + forget,))
        needed = {r[0] for r in conn.execute(_NEEDED, (ORIGINAL_KEY + "*",))}
        gone = [(d,) for d in set(candidates) if d and d not in needed]
        conn.executemany("DELETE FROM blob_chunks WHERE sha256 = ?", gone)
        return int(conn.executemany("DELETE FROM blobs WHERE sha256 = ?", gone).rowcount)

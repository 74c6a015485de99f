"""Attachments 附件 of a record: which files are taken, how big, what kind, and the one write that
keeps a file's bytes and its `Attachment` record together. No Qt: the UI decodes and scales images.

Sizes (decided here; the docs name none below the store's and server's 50 MB per blob):

- A file over `MAX_FILE_BYTES` (20 MB) is refused and nothing is kept: no phone photo or scanned
  page comes near it, and a county laptop on a village connection should never push one.
- Only photos (JPEG, PNG, BMP, GIF, WebP, TIFF) and PDF scans are taken, recognised by their
  first bytes (the file name's ending is only a fallback for the PDF/image choice).
- A photo whose longer side exceeds `SYNC_MAX_SIDE` (2048 px) or whose file exceeds
  `SYNC_MAX_BYTES` (1 MB) is kept twice: the **synced copy** — scaled to at most 2048 px,
  JPEG quality `JPEG_QUALITY` (85) — is what the `Attachment` record names (`sha256`, `size`,
  `mime`) and what sync uploads; the **original** stays on this laptop only.
- A JPEG carrying Exif data (a phone's GPS position, domain.md §12.2: one location fix per save,
  and worker GPS is C3) gets the same treatment at its own size, so no photo takes a location
  to the server; the copy is turned upright first, as the Exif orientation would have shown it.

How the original stays local: the `Attachment` model has no field for a second file, and a field
would sync. The original's bytes go into the same encrypted blob store (`put_blob`), and its
hash is noted in the store's local `meta` table under `attachment_original:<attachment id>`.
Meta never syncs, and sync uploads only blobs that an attachment's `sha256` names
(`BlobStore.blobs_to_upload`), so the original is never sent. Removing the attachment removes
both files from this laptop once the server has accepted the removal (`gridapp.blobstore`); a
copy already uploaded stays on the county server.

The bytes, the record and the note of the original are one store transaction
(`Store.save_with_files`): never an attachment without its bytes, and nothing (a sync dropping
the bytes of a photo just removed, when the same file is attached again) comes between them.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from gridapp.blobstore import ORIGINAL_KEY
from gridapp.errors import GridAppError
from gridapp.ids import is_record_id
from gridapp.models import Attachment
from gridapp.store import Changes
from gridapp.wording import say

MAX_FILE_BYTES = 20 * 1024 * 1024
SYNC_MAX_SIDE = 2048
SYNC_MAX_BYTES = 1024 * 1024
JPEG_QUALITY = 85

PDF = "application/pdf"
JPEG = "image/jpeg"
# (first bytes, mime) of the files taken.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", PDF),
)
FILE_PATTERNS = ("*.jpg", "*.jpeg", "*.png", "*.gif", "*.bmp", "*.webp", "*.tif", "*.tiff", "*.pdf")


class AttachmentRefused(GridAppError):
    """A file that cannot become an attachment (too big, not a photo or PDF, empty); nothing kept."""

    code = "attachment.refused"


@dataclass(frozen=True)
class Owner:
    """The record attachments belong to: its type, id and village (the attachment's bucket)."""

    record_type: str
    record_id: str
    village_code: str
    sealed: bool = False


@dataclass(frozen=True)
class Added(Changes):
    """What adding files changed, plus which attachments were made and which files were refused
    (`"name：reason"` lines for the person who chose them)."""

    added: tuple[str, ...] = ()
    refused: tuple[str, ...] = field(default_factory=tuple)


def sniff_mime(data: bytes) -> str | None:
    """The mime type of a photo or PDF from its first bytes; None for anything else."""
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def is_image(mime: str | None) -> bool:
    return bool(mime) and str(mime).startswith("image/")


def check_size(filename: str, size: int) -> None:
    """Raise AttachmentRefused for an empty file or one over `MAX_FILE_BYTES`."""
    if size <= 0:
        raise AttachmentRefused(say("“{file}”是空文件，没有添加。", file=filename), code="attachment.empty")
    if size > MAX_FILE_BYTES:
        raise AttachmentRefused(
            f"“{filename}”太大（{size / 1024 / 1024:.1f} MB），每个附件最大 {MAX_FILE_BYTES // 1024 // 1024} MB，"
            "没有添加。请用手机或扫描仪的较低分辨率重新拍摄或扫描。", code="attachment.too_large")


def check_content(filename: str, data: bytes) -> str:
    """The mime type of `data`; raises AttachmentRefused unless it is a photo or a PDF."""
    check_size(filename, len(data))
    mime = sniff_mime(data)
    if mime is None:
        raise AttachmentRefused(say("“{file}”不是照片或 PDF 扫描件，没有添加。只能添加照片（JPG、PNG 等）和 PDF 文件。", file=filename),
                                code="attachment.wrong_type")
    return mime


def needs_sync_copy(size: int, width: int, height: int) -> bool:
    """True when a photo is too big to sync as it is (see the module docstring)."""
    return max(width, height) > SYNC_MAX_SIDE or size > SYNC_MAX_BYTES


def carries_exif(data: bytes) -> bool:
    """True for a JPEG with an Exif block: the phone's GPS position, time and camera. Such a photo
    syncs as a re-encoded copy without it (upright, same size); the original stays local."""
    if not data.startswith(b"\xff\xd8"):
        return False
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of the picture data: no more headers
            return False
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if marker == 0xE1 and data[at + 4:at + 10] == b"Exif\0\0":
            return True
        at += 2 + length
    return False


def sync_size(width: int, height: int) -> tuple[int, int]:
    """The synced copy's size: the longer side at most `SYNC_MAX_SIDE`, proportions kept."""
    longer = max(width, height)
    if longer <= SYNC_MAX_SIDE:
        return width, height
    scale = SYNC_MAX_SIDE / longer
    return max(1, round(width * scale)), max(1, round(height * scale))


def default_kind(mime: str) -> str:
    """照片 for images, 扫描件 for PDFs (the user may change it)."""
    return "scan" if mime == PDF else "photo"


def captured_by_of(store: Any) -> str:
    """Who captured: the signed-in staff member's record id when the laptop knows it (meta
    `staff_id`), else this laptop's device id (a UUID; the store also records the user's name).
    A device id that is not a UUID stands in as the UUID named after it (always the same one)."""
    who = store.get_meta("staff_id") or store.device_id
    return who if is_record_id(who) else str(uuid.uuid5(uuid.NAMESPACE_URL, f"gridapp-device:{who}"))


def owner_of(store: Any, record_type: str, record_id: str) -> Owner:
    """The saved owner record as an `Owner`; raises RecordNotFound when it is not saved yet."""
    record = store.get(record_id)
    return Owner(record_type, record_id, record.village_code, bool(record.sealed))


def add_attachment(store: Any, owner: Owner, *, filename: str, data: bytes, synced: bytes | None = None,
                   kind: str | None = None, now: datetime | None = None) -> tuple[str, Changes]:
    """Keep `data` as a new attachment of `owner` and return (its id, the changes).

    `synced` is the scaled JPEG copy of a big photo (made by the caller): then the copy is the
    attachment and `data` is kept as the local-only original. Raises AttachmentRefused (wrong type,
    too big), SealedRecordError (the owner is sealed), InvalidRecord; nothing is kept then."""
    mime = check_content(filename, data)
    if synced is not None and not is_image(mime):
        raise AttachmentRefused(say("只有照片才能缩小后同步。"), code="attachment.copy_of_non_image")
    stored, stored_mime = (synced, JPEG) if synced is not None else (data, mime)
    if synced is not None and sniff_mime(synced) != JPEG:
        raise AttachmentRefused(say("缩小后的照片不是 JPEG。"), code="attachment.copy_not_jpeg")
    moment = now or datetime.now(timezone.utc).astimezone()
    record = Attachment.model_validate({
        "village_code": owner.village_code, "kind": kind or default_kind(mime),
        "sha256": hashlib.sha256(stored).hexdigest(), "size": len(stored), "mime": stored_mime,
        "filename": _synced_name(filename) if synced is not None else filename[-200:],
        "captured_at": moment, "captured_by": captured_by_of(store), "encrypted": True,
        "owner_type": owner.record_type, "owner_id": owner.record_id,
    })
    files = [(stored, stored_mime)] + ([(data, mime)] if synced is not None else [])
    changes = store.save_with_files(record, files, lambda digests: {ORIGINAL_KEY + record.id: digests[1]}
                                    if synced is not None else {})
    return record.id, changes


def _synced_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return (stem[:195] + ".jpg")


def original_of(store: Any, attachment_id: str) -> str | None:
    """The hash of the local-only original of a scaled photo, if this laptop keeps it."""
    digest = store.get_meta(ORIGINAL_KEY + attachment_id)
    return digest if digest and store.has_blob(digest) else None


def attachments_of(store: Any, owner_id: str) -> list[Attachment]:
    """The live attachments of a record, oldest first."""
    return [store.get(s.id) for s in store.summaries("attachment", parent_id=owner_id)]  # type: ignore[misc]


def update_details(store: Any, attachment_id: str, *, description: str | None, kind: str,
                   contains_minor: bool, minor_reason: str | None, contains_id_document: bool) -> Changes:
    """Change what a user may say about an attachment (never its bytes). A photo that shows a
    minor needs a reason (domain.md §12.2): refused here with AttachmentRefused, nothing saved."""
    reason = (minor_reason or "").strip() or None
    if contains_minor and not reason:
        raise AttachmentRefused(say("附件含未成年人，请注明必要的理由。"), code="minor_reason.required")
    record = store.get(attachment_id)
    updated = record.model_copy(update={
        "description": (description or "").strip() or None, "kind": kind,
        "contains_minor": contains_minor, "minor_reason": reason if contains_minor else None,
        "contains_id_document": contains_id_document or kind == "id_copy",
    })
    return store.save(updated)


def remove(store: Any, attachment_ids: Iterable[str], *, reason: str) -> Changes:
    """Delete attachments with a reason (kept in the audit); refused for a sealed owner."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise AttachmentRefused(say("请写明删除原因。"), code="attachment.reason_required")
    changes = Changes()
    for attachment_id in attachment_ids:
        changes |= store.delete(attachment_id, reason=reason)
    return changes

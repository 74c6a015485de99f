"""Attachments without Qt: which files are taken, the synced copy's size, the one write that keeps
bytes and record together, the local-only original, describing and removing."""

from __future__ import annotations

import hashlib

import pytest

from gridapp import attachments as core
from gridapp.errors import SealedRecordError
from gridapp.models import Attachment
from tests.support import factories

JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"jpeg body" * 10
PDF_BYTES = b"%PDF-1.7\n" + b"scan" * 10


@pytest.fixture
def owner(store) -> core.Owner:
    visit = factories.visit()
    store.save(visit)
    return core.owner_of(store, "visit", visit.id)


@pytest.mark.parametrize(("data", "mime"), [
    (JPEG_BYTES, "image/jpeg"), (b"\x89PNG\r\n\x1a\n....", "image/png"), (b"GIF89a...", "image/gif"),
    (b"RIFF\0\0\0\0WEBPVP8 ", "image/webp"), (PDF_BYTES, "application/pdf"),
    (b"PK\x03\x04 a .docx", None), ("姓名,电话".encode(), None), (b"", None),
])
def test_files_are_known_by_their_first_bytes_not_their_names(data, mime):
    assert core.sniff_mime(data) == mime


def test_a_file_over_20_mb_or_empty_is_refused_with_its_name():
    core.check_size("ok.jpg", core.MAX_FILE_BYTES)
    with pytest.raises(core.AttachmentRefused, match="“大.jpg”太大（20.0 MB），每个附件最大 20 MB"):
        core.check_size("大.jpg", core.MAX_FILE_BYTES + 1)
    with pytest.raises(core.AttachmentRefused, match="空文件"):
        core.check_size("空.jpg", 0)


@pytest.mark.parametrize(("size", "w", "h", "copy"), [
    (500_000, 2048, 1536, False), (500_000, 2049, 100, True), (core.SYNC_MAX_BYTES + 1, 800, 600, True),
])
def test_a_photo_gets_a_synced_copy_when_its_longer_side_or_its_file_is_too_big(size, w, h, copy):
    assert core.needs_sync_copy(size, w, h) is copy


def test_the_synced_copy_keeps_proportions_within_2048_px():
    assert core.sync_size(4000, 3000) == (2048, 1536)
    assert core.sync_size(3000, 4000) == (1536, 2048)
    assert core.sync_size(1200, 900) == (1200, 900)


def test_adding_keeps_the_bytes_and_a_record_owned_by_the_owner(store, owner):
    attachment_id, changes = core.add_attachment(store, owner, filename="协议.pdf", data=PDF_BYTES)
    record = store.get(attachment_id)
    assert isinstance(record, Attachment)
    assert changes.record_ids == {attachment_id}
    assert (record.owner_type, record.owner_id, record.village_code, record.kind, record.mime, record.size) == \
        ("visit", owner.record_id, owner.village_code, "scan", "application/pdf", len(PDF_BYTES))
    assert record.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert store.read_blob(record.sha256) == PDF_BYTES
    assert core.original_of(store, attachment_id) is None
    assert [a.id for a in core.attachments_of(store, owner.record_id)] == [attachment_id]


def test_a_synced_copy_is_the_attachment_and_the_original_stays_local(store, owner):
    original = JPEG_BYTES * 1000
    attachment_id, _ = core.add_attachment(store, owner, filename="现场.png", data=original, synced=JPEG_BYTES)
    record = store.get(attachment_id)
    assert (record.sha256, record.size, record.mime, record.filename) == \
        (hashlib.sha256(JPEG_BYTES).hexdigest(), len(JPEG_BYTES), "image/jpeg", "现场.jpg")
    kept = core.original_of(store, attachment_id)
    assert kept == hashlib.sha256(original).hexdigest() and store.read_blob(kept) == original
    assert [digest for digest, _size, _offset in store.blobs_to_upload()] == [record.sha256]


def test_a_non_image_or_non_pdf_is_refused_and_nothing_is_kept(store, owner):
    with pytest.raises(core.AttachmentRefused, match="不是照片或 PDF"):
        core.add_attachment(store, owner, filename="名单.xlsx", data=b"PK\x03\x04 sheet")
    assert store.count("attachment") == 0 and not store.has_blob(hashlib.sha256(b"PK\x03\x04 sheet").hexdigest())


def test_a_sealed_owner_takes_no_new_attachment(store):
    visit = factories.visit()
    store.save(visit)
    store.transition(visit.id, "COMPLETED")
    sealed = core.owner_of(store, "visit", visit.id)
    assert sealed.sealed
    with pytest.raises(SealedRecordError):
        core.add_attachment(store, sealed, filename="a.jpg", data=JPEG_BYTES)
    # The bytes and the record are one write: refused together (nothing between them either).
    assert store.count("attachment") == 0 and not store.has_blob(hashlib.sha256(JPEG_BYTES).hexdigest())


def test_a_minor_in_the_photo_needs_a_reason(store, owner):
    attachment_id, _ = core.add_attachment(store, owner, filename="a.jpg", data=JPEG_BYTES)
    with pytest.raises(core.AttachmentRefused, match="请注明必要的理由"):
        core.update_details(store, attachment_id, description="院子", kind="photo", contains_minor=True,
                            minor_reason="  ", contains_id_document=False)
    assert store.get(attachment_id).description is None
    core.update_details(store, attachment_id, description="院子", kind="id_copy", contains_minor=True,
                        minor_reason="留守儿童住房", contains_id_document=False)
    saved = store.get(attachment_id)
    assert (saved.description, saved.kind, saved.contains_minor, saved.minor_reason, saved.contains_id_document) == \
        ("院子", "id_copy", True, "留守儿童住房", True)


def test_removing_needs_a_reason_and_leaves_a_tombstone(store, owner):
    attachment_id, _ = core.add_attachment(store, owner, filename="a.jpg", data=JPEG_BYTES)
    with pytest.raises(core.AttachmentRefused, match="删除原因"):
        core.remove(store, [attachment_id], reason=" ")
    core.remove(store, [attachment_id], reason="拍错了")
    assert not store.exists(attachment_id) and core.attachments_of(store, owner.record_id) == []


def test_who_captured_is_always_a_record_reference(store):
    assert store.device_id == "laptop-1"  # not a UUID: a stable stand-in is used
    assert core.captured_by_of(store) == core.captured_by_of(store)
    store.set_meta("staff_id", "018cc09a-8000-7000-8000-000000000001")
    assert core.captured_by_of(store) == "018cc09a-8000-7000-8000-000000000001"


def _with_exif(jpeg: bytes) -> bytes:
    payload = b"Exif\0\0" + b"MM\0*\0\0\0\x08" + b"\0\0" + b"\0\0\0\0"  # an empty IFD: enough to be Exif
    return jpeg[:2] + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def test_a_jpeg_carrying_exif_is_recognised():
    assert core.carries_exif(_with_exif(JPEG_BYTES))
    assert not core.carries_exif(JPEG_BYTES)
    assert not core.carries_exif(PDF_BYTES)
    jfif = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    assert core.carries_exif(_with_exif(jfif[:2]) + jfif[2:])
    assert not core.carries_exif(jfif + b"\xff\xda\x00\x02Exif\0\0")  # after the headers it is picture data

"""`Attachment` 附件 (domain.md §4.4): metadata of a captured file; the bytes live in the blob store."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from gridapp.models.base import Record
from gridapp.models.common import AttachmentKind, RecordRef, ShortText, Timestamp


class Attachment(Record):
    """附件 Attachment: a photo, scan or recording, content-addressed by SHA-256 at capture.

    `owner_type`/`owner_id` name the record it belongs to; `village_code` is the owner's village."""

    RECORD_TYPE: ClassVar[str] = "attachment"
    INITIAL_STATE: ClassVar[str] = "ACTIVE"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("filename", "description")

    kind: AttachmentKind | None = Field(default=None, title="类别")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$", title="校验值（SHA-256）")
    size: int | None = Field(default=None, ge=0, title="大小（字节）")
    mime: str | None = Field(default=None, pattern=r"^[\w.+-]+/[\w.+-]+$", title="文件类型")
    filename: ShortText | None = Field(default=None, title="文件名")
    description: ShortText | None = Field(default=None, title="说明")
    captured_at: Timestamp | None = Field(default=None, title="采集时间")
    captured_by: RecordRef | None = Field(default=None, title="采集人")
    encrypted: bool = Field(default=True, title="已加密")
    contains_minor: bool = Field(default=False, title="含未成年人")
    minor_reason: ShortText | None = Field(default=None, title="含未成年人的理由")
    contains_id_document: bool = Field(default=False, title="含身份证件")
    owner_type: str | None = Field(default=None, pattern=r"^[a-z_]{1,30}$", title="所属记录类型")
    owner_id: RecordRef | None = Field(default=None, title="所属记录")

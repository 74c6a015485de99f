"""The base of every stored record: id, state, bucket (village) and the metadata the store keeps."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from gridapp.ids import is_record_id, new_id


class Part(BaseModel):
    """A value nested inside a record (a phone, a party, a vote); unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class Record(Part):
    """A stored, synced record.

    Subclasses set `RECORD_TYPE` (the store's type name, e.g. "visit"), `INITIAL_STATE`, and, for
    legal documents, `SEALABLE = True`. Fields named in `ANNEX_FIELDS` are workflow annotations
    (publicity, review, performance) that may still change after sealing; they are not covered
    by `content_hash`. Everything else is the document and is frozen by `seal()`.

    The metadata fields below `village_code` are owned by the store: a caller's values are
    ignored on write and replaced by the stored ones.
    """

    RECORD_TYPE: ClassVar[str] = ""
    INITIAL_STATE: ClassVar[str] = ""
    SEALABLE: ClassVar[bool] = False
    ANNEX_FIELDS: ClassVar[frozenset[str]] = frozenset()
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = Field(default_factory=new_id, title="记录ID")
    state: str = Field(default="", title="状态")
    village_code: str = Field(title="所属村", pattern=r"^\d{12}$")

    # --- owned by the store ---
    version: int = Field(default=0, title="版本")
    created_at: datetime | None = None
    updated_at: datetime | None = None
    created_by: str | None = None
    device_id: str | None = None
    sealed: bool = False
    content_hash: str | None = None
    root_id: str | None = Field(default=None, title="原始记录ID")
    revision: int = Field(default=1, title="修订版次")
    supersedes_id: str | None = None
    supersedes_hash: str | None = None
    amend_reason: str | None = Field(default=None, title="更正原因")

    META_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {
            "version", "created_at", "updated_at", "created_by", "device_id", "sealed",
            "content_hash", "root_id", "revision", "supersedes_id", "supersedes_hash",
            "amend_reason",
        }
    )

    def model_post_init(self, __context: Any) -> None:
        if not self.state:
            self.state = self.INITIAL_STATE

    def bucket(self) -> str:
        """The sync bucket this record belongs to: its village's 12-digit code."""
        return self.village_code

    def document(self) -> dict[str, Any]:
        """The sealed part as plain JSON data: every field but the state, the metadata and the annex.

        The state is left out because a sealed document still moves through review and
        performance states; the state history is kept in the store's state_changes table."""
        return self.model_dump(mode="json", exclude=self.document_exclude())

    @classmethod
    def document_exclude(cls) -> set[str]:
        """The fields `document()` leaves out: state, store metadata, annex."""
        return set(cls.META_FIELDS | cls.ANNEX_FIELDS | {"state"})

    def annex(self) -> dict[str, Any]:
        """The annotations that may change after sealing."""
        return self.model_dump(mode="json", include=set(self.ANNEX_FIELDS))

    def search_text(self) -> str:
        """Text indexed for full-text search: the `SEARCH_FIELDS` values, flattened."""
        parts: list[str] = []
        for name in self.SEARCH_FIELDS:
            _flatten(getattr(self, name, None), parts)
        return " ".join(p for p in parts if p)


def _flatten(value: Any, out: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        if not is_record_id(value):  # a reference (a statement's party) is no text to find
            out.append(value)
    elif isinstance(value, BaseModel):
        for v in value.__dict__.values():
            _flatten(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _flatten(v, out)
    elif isinstance(value, dict):
        for v in value.values():
            _flatten(v, out)

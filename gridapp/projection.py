"""The few columns a list shows without loading a whole record: title, sort key, parent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gridapp.models.base import Record


@dataclass(frozen=True)
class Projection:
    title: str
    sort_key: str
    parent_id: str | None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _first(record: Record, *names: str) -> Any:
    for name in names:
        value = getattr(record, name, None)
        if value not in (None, "", [], ()):
            return value
    return None


def _meeting_title(record: Record) -> str:
    topics = getattr(record, "topics", None) or []
    if topics:
        return _text(getattr(topics[0], "title", ""))
    return _text(_first(record, "meeting_no"))


# (title fields, sort fields, parent fields) per record type; the first non-empty value wins.
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "person": (("full_name",), ("full_name",), ("current_household_id",)),
    "household": (("address_detail", "hamlet"), ("hamlet", "address_detail"), ()),
    "visit": (("interviewee_name_text", "visit_no"), ("started_at",), ("household_id",)),
    "meeting": ((), ("held_at",), ()),
    "case": (("case_no", "summary"), ("registered_at",), ()),
    "session": (("matter",), ("held_at",), ("case_id",)),
    "agreement": (("agreement_no",), ("agreement_no",), ("case_id",)),
    "followup": (("matter",), ("visited_at",), ("case_id", "agreement_id")),
    "attachment": (("filename", "kind"), ("captured_at",), ("owner_id",)),
    "mediator": (("name",), ("name",), ("committee_id",)),
    "committee": (("name",), ("name",), ()),
    "event": (("report_no", "description"), ("reported_at",), ("household_id", "source_visit_id")),
}


def project(record: Record) -> Projection:
    """The list columns of `record`; unknown types get empty columns rather than an error."""
    title_f, sort_f, parent_f = _RULES.get(record.RECORD_TYPE, ((), (), ()))
    title = _meeting_title(record) if record.RECORD_TYPE == "meeting" else _text(_first(record, *title_f))
    parent = _first(record, *parent_f) if parent_f else None
    return Projection(title=title[:200], sort_key=_text(_first(record, *sort_f)), parent_id=parent)

"""What the store writes for one record, computed once: JSON texts, list columns, search text.

The county server computes the same rows when it stores a record (`laptop_line`), so a laptop
of the same row format can store a first sync's snapshot without working them out again
(docs/sync.md, "How a first sync runs").
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, NamedTuple

from gridapp.models.base import Record
from gridapp.projection import project


class RowData(NamedTuple):  # a tuple: a township's first sync makes 100,000 of them
    body_json: str
    annex_json: str
    title: str
    sort_key: str
    parent_id: str | None
    id_hmac: str | None
    search_text: str
    names: list[str]


def to_json(value: Any) -> str:
    """The stored JSON text: sorted keys, Chinese kept as UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def names_of(record: Record) -> list[str]:
    """The person names in a record, for the short-query (surname) prefix index."""
    single, former, parties = _name_fields(type(record))
    names: list[str] = []
    for attr in single:
        value = getattr(record, attr)
        if value:
            names.append(value)
    if former:
        names.extend(n for n in record.former_names if n)  # type: ignore[attr-defined]
    if parties:
        names.extend(p.name for p in record.parties if getattr(p, "name", None))  # type: ignore[attr-defined]
    return names


@functools.cache
def _name_fields(cls: type[Record]) -> tuple[tuple[str, ...], bool, bool]:
    fields = cls.model_fields
    return (tuple(a for a in ("full_name", "name", "interviewee_name_text") if a in fields),
            "former_names" in fields, "parties" in fields)


@functools.cache
def _dump_sets(cls: type[Record]) -> tuple[set[str], set[str]]:
    """(fields the body leaves out, the annex's fields) of a record type, computed once."""
    return cls.document_exclude(), set(cls.ANNEX_FIELDS)


def row_data(record: Record, hmac_of: Callable[[str], str]) -> RowData:
    """Everything a write needs from `record`; fills `id_number_hmac` from `hmac_of`."""
    cls = type(record)
    if "id_number_hmac" in cls.model_fields:
        number = getattr(record, "id_number", None)
        record.id_number_hmac = hmac_of(number) if number else None  # type: ignore[attr-defined]
    proj = project(record)
    exclude, annex = _dump_sets(cls)
    return RowData(
        # pydantic's own JSON writer: the same values as `document()`, several times faster.
        body_json=record.model_dump_json(exclude=exclude),
        annex_json=record.model_dump_json(include=annex) if annex else "{}",
        title=proj.title,
        sort_key=proj.sort_key,
        parent_id=proj.parent_id,
        id_hmac=getattr(record, "id_number_hmac", None),
        search_text=record.search_text(),
        names=names_of(record),
    )


# Bump when what `row_data` writes changes without a model's schema changing (projection, search
# text, names, the body's JSON). tests/test_rows.py pins the rows of sample records to this number.
# 2 (stop 15): a search text leaves out record ids (a session's statements named their parties').
ROW_VERSION = 2


@functools.cache
def row_format() -> str:
    """Which rows this build writes: `ROW_VERSION` and a digest of every record type's schema. A
    server and a laptop that give the same string compute identical rows for a record."""
    from gridapp.models import RECORD_TYPES

    schemas = {name: cls.model_json_schema() for name, cls in sorted(RECORD_TYPES.items())}
    digest = hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:12]
    return f"{ROW_VERSION}.{digest}"


def laptop_line(d: RowData) -> str:
    """A row as one line of text (the server keeps it with the record, a snapshot sends it):
    `[title, sort_key, parent_id, id_hmac, search_text, names]`, the annex and the body, by tabs.
    JSON never holds a raw tab, so the line splits back unambiguously (`row_of` reads the parts)."""
    head = json.dumps([d.title, d.sort_key, d.parent_id, d.id_hmac, d.search_text, d.names],
                      ensure_ascii=False, separators=(",", ":"))
    return f"{head}\t{d.annex_json}\t{d.body_json}"


def row_of(head: list[Any], annex: str, body: str) -> RowData:
    """The row of a laptop line's parts: `[title, sort_key, parent_id, id_hmac, search_text,
    names]`, the annex and the body."""
    title, sort_key, parent_id, id_hmac, search_text, names = head
    return RowData(body, annex, title, sort_key, parent_id, id_hmac, search_text, names)


def present_fields(record: Record) -> list[str]:
    """Names of the fields a new record fills: the audit says what was written, not the values
    (the values are in the record itself, and sensitive values must not be copied around)."""
    skip = record.document_exclude() | {"id"}
    return sorted(k for k in type(record).model_fields
                  if k not in skip and getattr(record, k) not in (None, [], {}, ""))

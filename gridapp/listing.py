"""The lists the desktop shows (households, visits, meetings, cases): which ids, in which order,
and the few columns of a page of them — read straight from the store, no Qt.

A list is loaded in two steps so that 100,000 rows scroll smoothly: `list_ids` returns the
ordered ids of everything that matches (one indexed query), and `list_rows` fetches the
columns of the few dozen ids on screen. Column values are plain strings, already labelled
(codes turned into their Chinese names); the UI only arranges them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from gridapp import codes, privacy, search
from gridapp.states import STATE_LABELS

# A column: its key (stable, used by the UI and the tests), its Chinese heading, the SQL
# expression over `records r` that yields its raw value, and how the raw value is shown.
Formatter = Callable[[Any], str]


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _day(value: Any) -> str:
    return "" if not value else str(value)[:10]


def _minute(value: Any) -> str:
    return "" if not value else str(value)[:16].replace("T", " ")


def _labels(table: dict[str, str], *, key: str | None = None) -> Formatter:
    def show(value: Any) -> str:
        if not value:
            return ""
        items = json.loads(value) if isinstance(value, str) and value.startswith("[") else [value]
        names = []
        for item in items:
            code = item.get(key) if key and isinstance(item, dict) else item
            names.append(table.get(str(code), str(code)))
        return "、".join(names)
    return show


def _state(value: Any) -> str:
    return STATE_LABELS.get(value, value or "")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sql: str
    show: Formatter = _plain
    coded: bool = False  # shows code-table labels (joined by 、): the window translates each


_HEAD_NAME = ("(SELECT json_extract(p.body, '$.full_name') FROM records p "
              "WHERE p.id = json_extract(r.body, '$.head_person_id') AND p.deleted = 0)")
_LAST_VISIT = ("(SELECT max(v.sort_key) FROM records v INDEXED BY records_parent "
               "WHERE v.parent_id = r.id AND v.type = 'visit' AND v.deleted = 0)")
_VISITED_HOUSEHOLD = ("(SELECT json_extract(p.body, '$.full_name') FROM records h JOIN records p "
                      "ON p.id = json_extract(h.body, '$.head_person_id') "
                      "WHERE h.id = json_extract(r.body, '$.household_id'))")

# A family (婚姻家庭) dispute's content is sensitive (privacy C3): the list says what it is, not what it says.
_FAMILY = ", ".join(f"'{t}'" for t in sorted(privacy.FAMILY_DISPUTE_TYPES))
FAMILY_HIDDEN = "（家事纠纷，内容不在列表显示）"  # the window translates this cell (context "columns")
_CASE_SUMMARY = (f"CASE WHEN json_extract(r.body, '$.dispute_type') IN ({_FAMILY}) THEN '{FAMILY_HIDDEN}' "
                 "ELSE substr(json_extract(r.body, '$.summary'), 1, 40) END")

LISTS: dict[str, tuple[Column, ...]] = {
    "household": (
        Column("head", "户主", _HEAD_NAME),
        Column("hamlet", "屯/组", "json_extract(r.body, '$.hamlet')"),
        Column("address", "详细地址", "json_extract(r.body, '$.address_detail')"),
        Column("members", "人数", "json_array_length(r.body, '$.members')"),
        Column("tags", "户类别", "json_extract(r.body, '$.household_tags')", _labels(codes.HOUSEHOLD_TAG), coded=True),
        Column("last_visit", "最近走访", _LAST_VISIT, _day),
    ),
    "visit": (
        Column("started_at", "走访时间", "json_extract(r.body, '$.started_at')", _minute),
        Column("household", "走访户", _VISITED_HOUSEHOLD),
        Column("interviewee", "受访人", "json_extract(r.body, '$.interviewee_name_text')"),
        Column("purposes", "走访事由", "json_extract(r.body, '$.purposes')", _labels(codes.VISIT_PURPOSE), coded=True),
        Column("summary", "小结", "substr(json_extract(r.body, '$.summary'), 1, 40)"),
        Column("state", "状态", "r.state", _state, coded=True),
    ),
    "meeting": (
        Column("held_at", "会议时间", "json_extract(r.body, '$.held_at')", _minute),
        Column("meeting_type", "会议类型", "json_extract(r.body, '$.meeting_type')", _labels(codes.MEETING_TYPE), coded=True),
        Column("title", "议题", "r.title"),
        Column("hamlet", "屯/组", "json_extract(r.body, '$.hamlet')"),
        Column("state", "状态", "r.state", _state, coded=True),
    ),
    "case": (
        Column("case_no", "案件编号", "json_extract(r.body, '$.case_no')"),
        Column("registered_at", "登记时间", "json_extract(r.body, '$.registered_at')", _day),
        Column("dispute_type", "纠纷类型", "json_extract(r.body, '$.dispute_type')", _labels(codes.DISPUTE_TYPE), coded=True),
        Column("summary", "纠纷简况", _CASE_SUMMARY),
        Column("state", "状态", "r.state", _state, coded=True),
    ),
}

# Newest first for dated lists; households by hamlet and address.
_DESCENDING = {"visit": True, "meeting": True, "case": True, "household": False}


@dataclass(frozen=True)
class ListFilter:
    """What narrows a list. Every field is optional; an empty filter lists everything."""

    text: str = ""  # a search (names, addresses, free text: `Store.search`)
    hamlet: str | None = None  # households and meetings of one 屯/组
    household_tag: str | None = None  # a HOUSEHOLD_TAG code, or a SPECIAL_TAG code held by a member
    not_visited_days: int | None = None  # households whose last visit is older than this (or none)
    household_id: str | None = None  # visits (and cases) of one household
    states: tuple[str, ...] = ()
    today: date | None = None  # for `not_visited_days`; the real date when None
    limit: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)



class StoreLists:
    """The store's list reads (a mixin of `gridapp.store.Store`; read-only)."""

    _conn: Any

    def list_ids(self, record_type: str, where: ListFilter = ListFilter()) -> list[str]:
        """The ids of `record_type` that pass `where`, in the list's order.

        Raises KeyError for a type without a list."""
        LISTS[record_type]  # noqa: B018 - an unknown list is a programming error, said early
        clauses, args = ["r.type = ?", "r.deleted = 0"], [record_type]
        order = "DESC" if _DESCENDING[record_type] else "ASC"
        if where.text.strip():
            matching, found = search.rowids_matching(where.text)
            if record_type == "household":  # found by its own text or by the name of any of its people
                clauses.append(f"(r.rowid IN ({matching}) OR r.id IN (SELECT p.parent_id FROM records p "
                               f"WHERE p.type = 'person' AND p.deleted = 0 AND p.rowid IN ({matching})))")
                args.extend(found + found)
            else:
                clauses.append(f"r.rowid IN ({matching})")
                args.extend(found)
        if where.hamlet:
            clauses.append("json_extract(r.body, '$.hamlet') = ?")
            args.append(where.hamlet)
        if where.household_id:
            clauses.append("r.parent_id = ?")
            args.append(where.household_id)
        if where.states:
            clauses.append(f"r.state IN ({','.join('?' * len(where.states))})")
            args.extend(where.states)
        if where.household_tag:
            clauses.append(
                "(EXISTS (SELECT 1 FROM json_each(r.body, '$.household_tags') t WHERE t.value = ?) OR EXISTS "
                "(SELECT 1 FROM records p, json_each(p.body, '$.special_tags') s WHERE p.parent_id = r.id "
                "AND p.type = 'person' AND p.deleted = 0 AND json_extract(s.value, '$.tag') = ?))")
            args.extend([where.household_tag, where.household_tag])
        if where.not_visited_days is not None:
            cutoff = (where.today or date.today()) - timedelta(days=where.not_visited_days)
            clauses.append(f"coalesce({_LAST_VISIT}, '') < ?")
            args.append(cutoff.isoformat())
        sql = f"SELECT r.id FROM records r WHERE {' AND '.join(clauses)} ORDER BY r.sort_key {order}, r.rowid {order}"
        if where.limit is not None:
            sql += f" LIMIT {int(where.limit)}"
        return [row[0] for row in self._conn.execute(sql, args)]

    def list_rows(self, record_type: str, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The shown columns of `ids` (a page of a list), by id. Deleted or unknown ids are absent."""
        columns = LISTS[record_type]
        if not ids:
            return {}
        select = ", ".join(c.sql for c in columns)
        sql = (f"SELECT r.id, {select} FROM records r WHERE r.id IN (SELECT value FROM json_each(?)) "
               f"AND r.deleted = 0")
        rows: dict[str, tuple[str, ...]] = {}
        for row in self._conn.execute(sql, (json.dumps(list(ids)),)):
            rows[row[0]] = tuple(c.show(v) for c, v in zip(columns, row[1:]))
        return rows

    def hamlets(self) -> list[str]:
        """The 屯/组 names the laptop's households use, in order (for a filter's choices)."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT json_extract(body, '$.hamlet') AS h FROM records "
            "WHERE type = 'household' AND deleted = 0 AND h IS NOT NULL ORDER BY h")]

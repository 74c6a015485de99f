"""Full-text search over names, addresses and free text (FTS5 trigram), with a prefix path for
queries shorter than three characters, such as a one- or two-character surname."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from gridapp.queries import RecordSummary

TRIGRAM = 3
_COLUMNS = "r.id, r.type, r.title, r.sort_key, r.state, r.sealed, r.parent_id, r.bucket"


def index(conn: Any, rowid: int, text: str, names: list[str]) -> None:
    """Index one record's text and names under its `records` rowid."""
    index_many(conn, [(rowid, text)] if text else [], [(rowid, n) for n in names])


def index_many(conn: Any, texts: list[tuple[int, str]], names: list[tuple[int, str]]) -> None:
    """Index many records at once, (rowid, text) and (rowid, name): see `index_json`. Making the
    JSON takes the interpreter a little (about 0.05 s for a township's 100,000 texts)."""
    if texts or names:
        index_json(conn, json.dumps(texts, ensure_ascii=False), json.dumps(names, ensure_ascii=False))


def index_json(conn: Any, texts: str, names: str, first: int = 0) -> None:
    """Index records given as JSON arrays of `[rowid, text]` and `[rowid, name]`, each rowid
    counted from `first` (a first sync's parts number theirs from 0, `syncing.Prepared`). Each
    array goes to SQLite in one statement, so it tokenizes them all without coming back to
    Python for each row: the interpreter is free meanwhile (a first sync reads its next lines)."""
    conn.execute("INSERT INTO search(rowid, text) SELECT ? + (value ->> 0), value ->> 1 FROM json_each(?)",
                 (first, texts))
    conn.execute("INSERT INTO search_names(record_rowid, name) SELECT ? + (value ->> 0), value ->> 1 "
                 "FROM json_each(?)", (first, names))


def unindex(conn: Any, rowid: int) -> None:
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    conn.execute("DELETE FROM search_names WHERE record_rowid = ?", (rowid,))


def rowids_matching(text: str) -> tuple[str, list[Any]]:
    """A subquery (SQL, arguments) selecting the `records` rowids that `text` finds, unranked, for
    a list that shows its matches in its own order: the list's index walks in order and stops at
    its LIMIT, instead of ranking every match first (a common word matches tens of thousands)."""
    query = " ".join(text.split())
    if len(query) >= TRIGRAM:
        return "SELECT rowid FROM search WHERE search MATCH ?", ['"' + query.replace('"', '""') + '"']
    return ("SELECT record_rowid FROM search_names WHERE name >= ? AND name < ?",
            [query, query + "\U0010ffff"])


def search(conn: Any, text: str, *, types: Iterable[str] | None = None, limit: int = 50) -> list[RecordSummary]:
    """Records matching `text`, best first.

    Three characters or more: a substring match anywhere in the indexed text (FTS5 trigram,
    ranked by bm25). Shorter: names that start with `text` (a surname), in name order. The
    query is always plain text: quotes and FTS operators in it are not interpreted."""
    query = " ".join(text.split())
    if not query:
        return []
    type_list = list(types or [])
    type_sql = f" AND r.type IN ({','.join('?' * len(type_list))})" if type_list else ""
    if len(query) >= TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'
        sql = (f"SELECT {_COLUMNS} FROM search JOIN records r ON r.rowid = search.rowid "
               f"WHERE search MATCH ? AND r.deleted = 0{type_sql} ORDER BY search.rank LIMIT ?")
        args: list[Any] = [phrase, *type_list, limit]
    else:
        # CROSS JOIN keeps SQLite walking the name index in order, so LIMIT stops early; a
        # record with two matching names (a former name) is listed once.
        sql = (f"SELECT {_COLUMNS} FROM search_names n CROSS JOIN records r "
               f"ON r.rowid = n.record_rowid WHERE n.name >= ? AND n.name < ? "
               f"AND r.deleted = 0{type_sql} ORDER BY n.name")
        args = [query, query + "\U0010ffff", *type_list]
        seen: dict[str, RecordSummary] = {}
        for row in conn.execute(sql, args):
            seen.setdefault(row[0], RecordSummary.from_row(row))
            if len(seen) >= limit:
                break
        return list(seen.values())
    return [RecordSummary.from_row(r) for r in conn.execute(sql, args)]

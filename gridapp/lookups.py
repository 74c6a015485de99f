"""Small reads the forms need and the generic queries do not give: record numbers already taken,
people's names for ids, a hamlet's households and people, the cases of a household. Mixed into
`Store` (the one door to the database); each returns plain values."""

from __future__ import annotations

import json
from typing import Any

_HEAD_NAME = ("(SELECT json_extract(p.body, '$.full_name') FROM records p "
              "WHERE p.id = json_extract(h.body, '$.head_person_id') AND p.deleted = 0)")


class StoreLookups:
    _conn: Any

    def numbers_taken(self, record_type: str, json_field: str, prefix: str, *, bucket: str | None = None) -> list[str]:
        """The values of `json_field` (a record number such as visit_no) of `record_type` starting with `prefix`."""
        sql = (f"SELECT json_extract(body, '$.{json_field}') FROM records WHERE type = ? "
               f"AND json_extract(body, '$.{json_field}') LIKE ?")
        args: list[Any] = [record_type, prefix + "%"]  # prefixes are codes, digits and dashes
        if bucket is not None:
            sql += " AND bucket = ?"
            args.append(bucket)
        return [no for (no,) in self._conn.execute(sql, args) if no]

    def names_of(self, ids: list[str]) -> dict[str, str]:
        """id → a person's name, or a household's head's name (live records only)."""
        sql = ("SELECT h.id, CASE h.type WHEN 'person' THEN json_extract(h.body, '$.full_name') ELSE "
               f"{_HEAD_NAME} END FROM records h WHERE h.id IN (SELECT value FROM json_each(?)) AND h.deleted = 0")
        return {r[0]: (r[1] or "") for r in self._conn.execute(sql, (json.dumps(sorted(ids)),))}

    def household_lines(self, ids: list[str]) -> dict[str, tuple[str, str | None, str, str]]:
        """Household id → (village, head person id, address, head's name)."""
        sql = ("SELECT h.id, h.bucket, json_extract(h.body, '$.head_person_id'), "
               f"coalesce(json_extract(h.body, '$.address_detail'), ''), coalesce({_HEAD_NAME}, '') "
               "FROM records h WHERE h.id IN (SELECT value FROM json_each(?))")
        return {r[0]: tuple(r[1:]) for r in self._conn.execute(sql, (json.dumps(ids),))}

    def people_in(self, household_ids: list[str]) -> list[tuple[str, str, str]]:
        """(id, name, household id) of the live people of those households, in name order."""
        sql = ("SELECT id, coalesce(json_extract(body, '$.full_name'), ''), parent_id FROM records "
               "WHERE type = 'person' AND deleted = 0 AND parent_id IN (SELECT value FROM json_each(?)) "
               "ORDER BY sort_key, id")
        return [tuple(r) for r in self._conn.execute(sql, (json.dumps(household_ids),))]

    def hamlet_places(self) -> list[tuple[str, str, str | None]]:
        """(village code, 屯/组, grid id) of every hamlet the laptop's households are in, by village and
        name; the grid is the one most of the hamlet's households belong to (a new household joins it)."""
        sql = ("SELECT bucket, json_extract(body, '$.hamlet') AS h, json_extract(body, '$.grid_id'), count(*) AS n "
               "FROM records WHERE type = 'household' AND deleted = 0 AND h IS NOT NULL "
               "GROUP BY 1, 2, 3 ORDER BY 1, 2, n DESC")
        places: dict[tuple[str, str], str | None] = {}
        for village, hamlet, grid, _n in self._conn.execute(sql):
            places.setdefault((village, hamlet), grid)
        return [(village, hamlet, grid) for (village, hamlet), grid in places.items()]

    def cases_of_household(self, household_id: str, person_ids: list[str]) -> list[str]:
        """Ids of the cases a member is a party to, or a visit of the household is linked to."""
        sql = ("SELECT c.id FROM records c, json_each(c.body, '$.parties') p "
               "WHERE c.type = 'case' AND c.deleted = 0 "
               "AND json_extract(p.value, '$.person_id') IN (SELECT value FROM json_each(?)) "
               "UNION SELECT l.value FROM records v, json_each(v.body, '$.dispute_case_ids') l "
               "WHERE v.type = 'visit' AND v.deleted = 0 AND v.parent_id = ?")
        return sorted({row[0] for row in self._conn.execute(sql, (json.dumps(person_ids), household_id))})

"""Who may see and write what: a caller's buckets (villages) and the record types and records
their role allows (architecture.md §3–4, domain.md §12).

- grid_worker: the villages of their assigned grids; every record type there.
- mediator: the villages (or whole townships) assigned to them for writing dispute-case
  records; they *see* only the cases that name them as mediator, what those cases hold
  (sessions, agreements, follow-ups, attachments) and reference (parties' people and
  households), and what they wrote themselves.
- township_staff: every village of their township; read and review (any type may be written,
  as review steps are transitions).
- county_admin: every village.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, or_, select

from sync.protocol import Role
from sync.server.auth import Caller
from sync.server.tables import assignment_history, assignments, grids, records, villages

# What a mediator may write: the case file (case, sessions, agreement, follow-ups, their
# attachments) and the people who are parties.
MEDIATOR_TYPES = frozenset({"case", "session", "agreement", "followup", "attachment", "person"})


def buckets_for(conn: Connection, user_id: int, role: Role) -> list[str]:
    """The village codes a user syncs, sorted."""
    if role is Role.COUNTY_ADMIN:
        return sorted(conn.execute(select(villages.c.code)).scalars())
    scopes = list(conn.execute(select(assignments.c.scope_code).where(assignments.c.user_id == user_id)).scalars())
    if not scopes:
        return []
    if role is Role.GRID_WORKER:
        query = select(grids.c.village_code).where(grids.c.code.in_(scopes))
    else:  # mediator, township staff: village codes and/or township codes
        query = select(villages.c.code).where(or_(villages.c.code.in_(scopes),
                                                  villages.c.township_code.in_(scopes)))
    return sorted(set(conn.execute(query).scalars()))


def buckets_at_epoch(conn: Connection, user_id: int, epoch: int) -> set[str]:
    row = conn.execute(select(assignment_history.c.buckets).where(
        assignment_history.c.user_id == user_id, assignment_history.c.epoch == epoch)).first()
    return set(json.loads(row[0])) if row else set()


def may_write_type(caller: Caller, record_type: str) -> bool:
    if caller.role is Role.MEDIATOR:
        return record_type in MEDIATOR_TYPES
    return True


def mediator_visible_ids(conn: Connection, caller: Caller, bucket_codes: Iterable[str]) -> set[str]:
    """The ids a mediator may see in `bucket_codes`: their cases, what those hold and reference,
    and records they created. Cases are found through the denormalised `mediator_ids` column."""
    codes = list(bucket_codes)
    if not codes:
        return set()
    visible: set[str] = set()
    case_ids: list[str] = []
    if caller.mediator_id:
        rows = conn.execute(select(records.c.id, records.c.mediator_ids, records.c.ref_ids).where(
            records.c.bucket.in_(codes), records.c.type == "case",
            records.c.mediator_ids.like(f'%"{caller.mediator_id}"%'))).all()
        for rid, mediators, refs in rows:
            if caller.mediator_id in json.loads(mediators or "[]"):
                case_ids.append(rid)
                visible.add(rid)
                visible.update(json.loads(refs or "[]"))
    own = set(conn.execute(select(records.c.id).where(
        records.c.bucket.in_(codes), records.c.created_by == caller.username)).scalars())
    visible.update(own)
    # What a case holds (sessions, agreement, follow-ups, their attachments). Referenced people
    # and households are not descended into: a party's relatives are none of the mediator's business.
    frontier = list(case_ids) + sorted(own)
    while frontier:
        batch, frontier = frontier[:500], frontier[500:]
        children = set(conn.execute(select(records.c.id).where(records.c.parent_id.in_(batch))).scalars())
        new = children - visible
        visible.update(new)
        frontier.extend(new)
    return visible

"""Small valid records for tests: a household of two, a visit ready to complete, an agreement."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from gridapp.ids import new_id
from gridapp.models import Household, Person, VisitRecord

CST = timezone(timedelta(hours=8))
QUANTOU = "450224101201"  # 浮石镇浮石村委会 (the name is historical; any real village code would do)
STAFF = new_id()


def person(name: str = "韦小明", *, id_number: str | None = "11010519491231002X", **extra) -> Person:
    return Person(village_code=QUANTOU, full_name=name, id_number=id_number, **extra)


def household(head: Person, *others: Person, **extra) -> Household:
    members = [{"person_id": head.id, "relation_to_head": "02"}]
    members += [{"person_id": p.id, "relation_to_head": "10"} for p in others]
    return Household(
        village_code=QUANTOU, head_person_id=head.id, members=members, hamlet="下岭尾屯",
        address_detail="泉头村下岭尾屯12号", **extra,
    )


def visit(household_id: str | None = None, *, summary: str = "了解到老人腿脚不便，已联系村医上门看诊。",
          **extra) -> VisitRecord:
    started = datetime(2026, 11, 20, 9, 30, tzinfo=CST)
    fields = dict(
        village_code=QUANTOU,
        target_kind="household",
        household_id=household_id or new_id(),
        visitor_staff_ids=[STAFF],
        started_at=started,
        ended_at=started + timedelta(minutes=40),
        visit_mode="home",
        purposes=["info_collection"],
        summary=summary,
        notice_given=True,
        grid_id=new_id(),
        visit_no=f"{QUANTOU}-ZF-20261120-1",
    )
    fields.update(extra)
    return VisitRecord(**fields)

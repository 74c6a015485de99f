"""What the household page shows (户 detail): the household, its members with masked ID numbers
and phones, its visits and the dispute cases of its people — plain frozen data, read in one call.

Full ID numbers never leave the store here; `reveal_id_number` hands one out and audits it
(domain.md §12.2: "unmasking needs a permission and is audited").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gridapp import codes
from gridapp.errors import GridAppError
from gridapp.idnumber import CHINA_TZ, age_on
from gridapp.listing import ListFilter
from gridapp.models.household import Household
from gridapp.models.person import Person
from gridapp.privacy import mask_id_number, mask_phone
from gridapp.states import STATE_LABELS
from gridapp.store import Store
from gridapp.wording import say

# The audit action of a revealed ID number (the store's convention: `log_access(id, "unmask")`).
UNMASK = "unmask"
SNIPPET = 40  # the length of the visit and case list's summary column (gridapp.listing.LISTS)


@dataclass(frozen=True)
class MemberLine:
    """One member as the page lists them; `id_number_masked` is "" when none is recorded."""

    person_id: str
    name: str
    relation_code: str
    relation: str
    sex: str
    age: int | None
    id_number_masked: str
    phone_masked: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class LinkedLine:
    """A visit or case of the household: its id, day, what it was about, a short text, its state."""

    id: str
    day: str
    about: str
    text: str
    state: str


@dataclass(frozen=True)
class HouseholdView:
    id: str
    head_name: str
    hamlet: str
    address: str
    hukou_book_no: str
    tags: tuple[str, ...]
    phones_masked: tuple[str, ...]
    members: tuple[MemberLine, ...]
    visits: tuple[LinkedLine, ...]
    cases: tuple[LinkedLine, ...]
    events: tuple[LinkedLine, ...] = ()  # 事件上报 from visits here; a line opens the visit that sent it
    may_unmask: bool = True  # the user's role may reveal full ID numbers (显示)


def _labels(table: dict[str, str], items: list[str]) -> tuple[str, ...]:
    return tuple(table.get(code, code) for code in items)


def _snippet(text: str) -> str:
    # The list columns cut summaries at SNIPPET characters; say so rather than end mid-word.
    return text + "…" if len(text) >= SNIPPET else text


def member_line(person: Person, relation_code: str, today: date) -> MemberLine:
    return MemberLine(
        person_id=person.id,
        name=person.full_name or "",
        relation_code=relation_code,
        relation=codes.RELATION_TO_HEAD.get(relation_code, relation_code),
        sex=codes.SEX.get(person.sex or "", ""),
        age=age_on(person.birth_date, today) if person.birth_date else None,
        id_number_masked=mask_id_number(person.id_number or person.id_number_legacy),
        phone_masked="、".join(mask_phone(p.number) for p in person.phones),
        tags=_labels(codes.SPECIAL_TAG, [t.tag for t in person.special_tags]),
    )


def household_view(store: Store, household_id: str, *, today: date | None = None) -> HouseholdView:
    """The page of one household. Raises RecordNotFound when it is absent or deleted.

    A member whose person record is missing (deleted, not yet pulled) is listed by relation only."""
    today = today or datetime.now(CHINA_TZ).date()
    household = store.get(household_id)
    assert isinstance(household, Household)
    members = []
    for member in household.members:
        if store.exists(member.person_id):
            person = store.get(member.person_id)
            assert isinstance(person, Person)
            members.append(member_line(person, member.relation_to_head, today))
        else:
            members.append(MemberLine(member.person_id, "（未找到）", member.relation_to_head,
                                      codes.RELATION_TO_HEAD.get(member.relation_to_head, ""), "", None, "", "", ()))
    head = next((m.name for m in members if m.person_id == household.head_person_id), "")

    visit_ids = store.list_ids("visit", ListFilter(household_id=household_id))
    visit_rows = store.list_rows("visit", visit_ids)
    visits = tuple(LinkedLine(vid, row[0][:10], row[3], _snippet(row[4]), row[5])
                   for vid in visit_ids if (row := visit_rows.get(vid)))

    case_ids = store.cases_of_household(household_id, [m.person_id for m in household.members])
    case_rows = store.list_rows("case", case_ids)
    cases = sorted((LinkedLine(cid, row[1], row[2], _snippet(row[3]), row[4])
                    for cid in case_ids if (row := case_rows.get(cid))), key=lambda line: line.day, reverse=True)

    events = tuple(_event_line(store.get(s.id)) for s in store.summaries("event", parent_id=household_id,
                                                                        descending=True, limit=50))

    return HouseholdView(
        id=household.id, head_name=head, hamlet=household.hamlet or "", address=household.address_detail or "",
        hukou_book_no=household.hukou_book_no or "",
        tags=_labels(codes.HOUSEHOLD_TAG, household.household_tags),
        phones_masked=tuple(mask_phone(p.number) for p in household.phones),
        members=tuple(members), visits=visits, cases=tuple(cases), events=events, may_unmask=may_unmask(store),
    )


# A report that a minor was harmed is privacy C3: the page says what it is, not what it says.
MINOR_HIDDEN = "（未成年人保护事项，内容不在这里显示）"


def _event_line(event: Any) -> LinkedLine:
    sensitive = event.category == "minor_protection"
    return LinkedLine(
        id=event.source_visit_id or event.id,
        day=event.reported_at.astimezone(CHINA_TZ).date().isoformat() if event.reported_at else "",
        about=codes.ISSUE_CATEGORY.get(event.category or "", ""),
        text=MINOR_HIDDEN if sensitive else _snippet((event.description or "")[:SNIPPET]),
        state=STATE_LABELS.get(event.state, event.state),
    )


# Roles that see ID numbers masked only (domain.md §12.3: 网格员 "IDs masked"; 五老 and invited
# mediators read their cases). Township and county roles may unmask, audited. A laptop that never
# signed in (no role known) holds only what its own user typed, and may show it, audited.
MASKED_ROLES = frozenset({"grid_worker", "mediator"})


def may_unmask(store: Store) -> bool:
    """Whether the signed-in user's role may see full ID numbers on this laptop."""
    return store.get_meta("server_role") not in MASKED_ROLES


def reveal_id_number(store: Store, person_id: str) -> str:
    """The person's full ID number (or the old 15-digit one), audited as an `unmask` of the field.

    Nothing is audited when there is no number to show. Raises RecordNotFound, and GridAppError
    `unmask.not_allowed` for a role that sees numbers masked only (nothing is shown or audited)."""
    if not may_unmask(store):
        raise GridAppError(say("网格员和调解员只能看到遮盖后的身份证号码；需要核对完整号码，请联系乡镇综治中心。"),
                           code="unmask.not_allowed")
    person = store.get(person_id)
    assert isinstance(person, Person)
    field = "id_number" if person.id_number else "id_number_legacy"
    number = person.id_number or person.id_number_legacy or ""
    if number:
        store.log_access(person_id, UNMASK, {"field": field})
    return number

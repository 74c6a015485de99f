"""Joining and leaving a household, without a window: 新建户 (a new household registered together with
its 户主) and 移出成员 (a member's membership ends: 迁出, 死亡 or another reason). Each is checked on
every keystroke like the other forms (`FormCheck`: errors block saving, 待补全 warnings do not) and
saved as ONE action through `Store.save_all`, so the county server receives both records or neither.

The domain has no field for why someone left a household (domain.md §4.1–4.2): leaving ends the
membership (the household no longer lists them, their `current_household_id` is cleared) and the
person's record stays; the reason is kept in the audit rows of both records (`save_all(reason=…)`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from gridapp import codes
from gridapp.errors import Problem, RecordCheck
from gridapp.geography import UnknownPlace, load_geography
from gridapp.household_edit import FormCheck, HouseholdForm, PersonForm, check_household, check_person, form_field
from gridapp.models.household import Household, Member
from gridapp.models.person import Person
from gridapp.wording import say

if TYPE_CHECKING:
    from gridapp.store import Changes, Store


# --- where a new household can be registered ------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A 屯/组 of a village this laptop holds, with the grid its households belong to."""

    village_code: str
    village: str  # the village's short name: 泉头村委会 → 泉头村
    hamlet: str
    grid_id: str | None

    @property
    def address_prefix(self) -> str:
        """How the village's addresses start: "泉头村下岭尾屯" (then the house number)."""
        return f"{self.village}{self.hamlet}"


def _short(name: str) -> str:
    for long, short in (("社区居委会", "社区"), ("居委会", "社区"), ("村委会", "村")):
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def places(store: Store) -> list[Place]:
    """The hamlets of the villages on this laptop (from their households), by village and name."""
    geography = load_geography()
    out = []
    for village_code, hamlet, grid_id in store.hamlet_places():
        try:
            village = _short(geography.village(village_code).name)
        except UnknownPlace:
            village = village_code
        out.append(Place(village_code, village, hamlet, grid_id))
    return out


# --- 新建户: a household and its head ----------------------------------------------------------

@dataclass(frozen=True)
class NewHouseholdForm:
    """What the 新建户 form shows: where the household lives, its 户号 and 户类别, and its head (the
    head's phone is the household's phone too)."""

    place: Place
    address_detail: str = ""
    hukou_book_no: str = ""
    household_tags: tuple[str, ...] = ()
    head: PersonForm = PersonForm(relation=codes.HEAD_RELATION)


@dataclass(frozen=True)
class NewHouseholdCheck(FormCheck):
    """`record` is the head (a new Person), `household` the new Household listing them as 户主."""

    household: Household | None = None

    @property
    def can_save(self) -> bool:
        return super().can_save and self.household is not None


def check_new_household(form: NewHouseholdForm, *, household_id: str, person_id: str,
                        today: date | None = None) -> NewHouseholdCheck:
    """The new household and head the form describes. The ids are fixed by the caller when the form
    opens, so every keystroke checks the same two records. Problems show under the form's fields:
    the head's fields by their names, the household's as `check_household` names them."""
    place = form.place
    base_home = Household.model_construct(
        id=household_id, village_code=place.village_code, state=Household.INITIAL_STATE, grid_id=place.grid_id,
        head_person_id=person_id, members=[Member(person_id=person_id, relation_to_head=codes.HEAD_RELATION)],
        household_tags=[], phones=[],
    )
    base_head = Person.model_construct(id=person_id, village_code=place.village_code, state=Person.INITIAL_STATE,
                                       current_household_id=household_id)
    head = check_person(base_head, base_home, replace(form.head, relation=codes.HEAD_RELATION), today=today)
    home = check_household(base_home, HouseholdForm(
        hamlet=place.hamlet, address_detail=form.address_detail, hukou_book_no=form.hukou_book_no,
        phone=form.head.phone, household_tags=form.household_tags,
        relations={person_id: codes.HEAD_RELATION}), today=today)
    problems = list(head.problems)
    seen = {(form_field(p.field), p.short_message) for p in problems}
    for p in home.problems:  # the household's errors are in the head's check already; add its warnings
        if (form_field(p.field), p.short_message) not in seen:
            problems.append(p)
            seen.add((form_field(p.field), p.short_message))
    if not form.address_detail.strip():
        problems.append(Problem("address_detail", "address_detail.required", say("请填写详细地址（门牌号）"), "warning"))
    return NewHouseholdCheck(head.record, tuple(problems), home.record if home.can_save else None)


def save_new_household(store: Store, check: NewHouseholdCheck) -> Changes:
    """Create the head and the household in one transaction (the head first). Raises what
    `Store.save` raises; then neither is written."""
    if not check.can_save or check.household is None or check.record is None:
        raise ValueError("save_new_household needs a check that can be saved")
    return store.save_all([check.record, check.household])


# --- 移出成员: a membership ends -------------------------------------------------------------

REMOVAL_REASON = {"moved_out": "迁出", "deceased": "死亡", "other": "其他原因"}


@dataclass(frozen=True)
class RemovalForm:
    """Why the member leaves (a REMOVAL_REASON code and a note, needed for 其他原因) and, when the
    member is the 户主, who heads the household from now on (a member's person id)."""

    reason: str = ""
    note: str = ""
    new_head: str = ""


@dataclass(frozen=True)
class RemovalCheck(RecordCheck):
    """`record` is the household without the person (None while the form cannot be saved)."""

    record: Household | None
    person: Person | None = None
    reason_text: str = ""

    @property
    def household(self) -> Household | None:
        return self.record


def check_removal(household: Household, person: Person, form: RemovalForm) -> RemovalCheck:
    """`household` without `person`, and `person` no longer living there. The 户主 leaves only when
    another member is chosen as the new head (their relation becomes 户主)."""
    problems: list[Problem] = []
    if form.reason not in REMOVAL_REASON:
        problems.append(Problem("reason", "reason.required", say("请选择移出原因")))
    note = form.note.strip()
    if form.reason == "other" and len(note) < 2:
        problems.append(Problem("note", "note.required", say("选“其他原因”时请写明原因")))
    others = [m for m in household.members if m.person_id != person.id]
    is_head = household.head_person_id == person.id or any(
        m.person_id == person.id and m.relation_to_head == codes.HEAD_RELATION for m in household.members)
    head_id = household.head_person_id
    if is_head:
        if not others:
            problems.append(Problem("new_head", "new_head.none", say(
                "这户只有户主一人，没有人能接任户主，不能移出")))
        elif form.new_head not in {m.person_id for m in others}:
            problems.append(Problem("new_head", "new_head.required", say(
                "户主要移出，请先选定新户主")))
        head_id = form.new_head or None
    if any(p.is_error for p in problems):
        return RemovalCheck(None, tuple(problems))
    members = [m if m.person_id != head_id else Member(person_id=m.person_id, relation_to_head=codes.HEAD_RELATION)
               for m in others]
    home = household.model_copy(update={"members": members, "head_person_id": head_id if members else None})
    gone = person.model_copy(update={"current_household_id": None}) \
        if person.current_household_id == household.id else person
    label = REMOVAL_REASON[form.reason]
    reason_text = f"{label}：{note}" if note else label
    return RemovalCheck(home, tuple(problems), gone, reason_text)


def remove_member(store: Store, check: RemovalCheck) -> Changes:
    """End the membership in one transaction; the reason goes into both records' audit rows."""
    if not check.can_save or check.household is None or check.person is None:
        raise ValueError("remove_member needs a check that can be saved")
    return store.save_all([check.household, check.person], reason=check.reason_text)

"""Editing a household and its people from form values: build the records, say what is wrong and
under which form field, keep the household's members and 户主 consistent. No Qt.

A form calls `check_household` / `check_person` on every keystroke; `FormCheck.record` is what
the store would save (None while the shape is wrong), `problems` are errors (block saving) and
warnings (待补全, shown but saving is allowed), each tied to a form field by `form_field`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gridapp import codes, validation
from gridapp.errors import Problem, RecordCheck
from gridapp.idnumber import check_id_number
from gridapp.models import problems_from_error
from gridapp.models.base import Record
from gridapp.models.household import Household, Member
from gridapp.models.person import Person
from gridapp.wording import say

if TYPE_CHECKING:
    from gridapp.store import Changes, Store

# Record fields whose problems show under another form field.
_FIELD_OF = {
    "phones": "phone", "head_person_id": "members", "id_number_legacy": "id_number_legacy",
    "special_tags": "special_tags", "guardian_person_id": "special_tags",
}


def form_field(path: str) -> str:
    """The form field a problem belongs to: "phones.0.number" → "phone", "full_name" → "full_name"."""
    first = path.split(".", 1)[0]
    return _FIELD_OF.get(first, first)


@dataclass(frozen=True)
class FormCheck(RecordCheck):
    """A household or person form's check."""

    record: Record | None

    def form_field(self, path: str) -> str:
        return form_field(path)


def _check(model: type[Record], data: dict[str, Any], today: date | None) -> FormCheck:
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        shape = problems_from_error(model, exc)
    else:
        return FormCheck(record, tuple(validation.problems(record, today=today)))
    # The other fields are still checked, so every wrong field shows its message at once.
    bad = {p.field.split(".", 1)[0] for p in shape}
    try:
        rest = model.model_validate({k: v for k, v in data.items() if k not in bad})
    except ValidationError:
        return FormCheck(None, tuple(shape))
    more = [p for p in validation.problems(rest, today=today) if p.field.split(".", 1)[0] not in bad]
    return FormCheck(None, tuple(shape + more))


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _phones(old: list[Any], number: str) -> list[dict[str, Any]]:
    """The first phone replaced by what the form shows (removed when blank); the others kept."""
    rest = [p.model_dump() for p in old[1:]]
    if not number.strip():
        return rest
    first = old[0].model_dump() if old else {}
    return [{**first, "number": number}, *rest]


# --- household -----------------------------------------------------------------------------

@dataclass(frozen=True)
class HouseholdForm:
    """What the household form shows. `relations` maps each member's person id to its relation."""

    hamlet: str = ""
    address_detail: str = ""
    hukou_book_no: str = ""
    phone: str = ""
    household_tags: tuple[str, ...] = ()
    relations: dict[str, str] = field(default_factory=dict)


def household_form(household: Household) -> HouseholdForm:
    return HouseholdForm(
        hamlet=household.hamlet or "", address_detail=household.address_detail or "",
        hukou_book_no=household.hukou_book_no or "",
        phone=household.phones[0].number if household.phones else "",
        household_tags=tuple(household.household_tags),
        relations={m.person_id: m.relation_to_head for m in household.members},
    )


def _members(members: list[Member], relations: dict[str, str]) -> tuple[list[dict[str, str]], str | None]:
    """Members with their relations from the form, and the head: the one member marked 户主."""
    out = [{"person_id": m.person_id, "relation_to_head": relations.get(m.person_id, m.relation_to_head)}
           for m in members]
    heads = [m["person_id"] for m in out if m["relation_to_head"] == codes.HEAD_RELATION]
    return out, heads[0] if len(heads) == 1 else None


def check_household(base: Household, form: HouseholdForm, *, today: date | None = None) -> FormCheck:
    """`base` changed as the form says. The head follows the member marked 户主; with no or
    several such members the head is left as it was and the structural error is reported."""
    members, head = _members(base.members, form.relations)
    data = base.model_dump()
    data.update(
        hamlet=_text(form.hamlet), address_detail=_text(form.address_detail),
        hukou_book_no=_text(form.hukou_book_no), phones=_phones(base.phones, form.phone),
        household_tags=[t for t in codes.HOUSEHOLD_TAG if t in form.household_tags],
        members=members, head_person_id=head or base.head_person_id,
    )
    return _check(Household, data, today)


# --- person --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonForm:
    """What the person form shows. `id_number` None means "not shown, keep the stored number"
    (the form shows it masked until the user reveals or retypes it)."""

    full_name: str = ""
    id_number: str | None = ""
    id_number_legacy: str = ""
    relation: str = ""
    sex: str = ""
    birth_date: str = ""
    ethnicity: str = ""
    phone: str = ""
    special_tags: tuple[str, ...] = ()


def person_form(person: Person, relation: str) -> PersonForm:
    """The form of a stored person; the ID number starts hidden (None)."""
    return PersonForm(
        full_name=person.full_name or "", id_number=None, id_number_legacy=person.id_number_legacy or "",
        relation=relation, sex=person.sex or "", birth_date=person.birth_date.isoformat() if person.birth_date else "",
        ethnicity=person.ethnicity or "", phone=person.phones[0].number if person.phones else "",
        special_tags=tuple(t.tag for t in person.special_tags),
    )


def derived_from_id(id_number: str) -> tuple[str, str] | None:
    """(sex code, "YYYY-MM-DD") read from a valid 18-digit number, else None."""
    info = check_id_number(id_number).info
    return (info.sex, info.birth_date.isoformat()) if info else None


@dataclass(frozen=True)
class PersonCheck(FormCheck):
    """A person form's check; `household` is the household as it will be saved with them."""

    household: Household | None = None


def new_person(household: Household) -> Person:
    """A blank person of `household` (its id is fixed from here on, so every check names the same one)."""
    return Person.model_construct(village_code=household.village_code, current_household_id=household.id,
                                  state=Person.INITIAL_STATE, id=Person.model_fields["id"].default_factory())


def check_person(base: Person, household: Household, form: PersonForm, *,
                 today: date | None = None) -> PersonCheck:
    """`base` (a stored person, or `new_person`) changed as the form says, and `household` with
    them as a member of relation `form.relation`. Household rules (one 户主 …) are reported
    under "relation"."""
    data = base.model_dump()
    kept_tags = {t.tag: t.model_dump() for t in getattr(base, "special_tags", None) or []}
    data.update(
        full_name=_text(form.full_name),
        id_number=data.get("id_number") if form.id_number is None else _text(form.id_number),
        id_number_legacy=_text(form.id_number_legacy),
        sex=_text(form.sex), birth_date=_text(form.birth_date), ethnicity=_text(form.ethnicity),
        phones=_phones(list(getattr(base, "phones", None) or []), form.phone),
        special_tags=[kept_tags.get(t, {"tag": t}) for t in codes.SPECIAL_TAG if t in form.special_tags],
        current_household_id=household.id, village_code=household.village_code,
    )
    person = _check(Person, data, today)
    problems = list(person.problems)
    if not form.relation:
        problems.append(Problem("relation", "relation.required", say("请选择与户主关系")))
        return PersonCheck(person.record, tuple(problems), None)
    members = list(household.members)
    if base.id not in {m.person_id for m in members}:
        members.append(Member(person_id=base.id, relation_to_head=form.relation))
    with_person = household.model_copy(update={"members": members})
    relations = {**household_form(household).relations, base.id: form.relation}
    home = check_household(with_person, replace(household_form(household), relations=relations), today=today)
    for p in home.problems:
        if p.is_error and form_field(p.field) == "members":
            problems.append(Problem("relation", p.code, _head_hint(p), "error"))
        elif p.is_error:
            problems.append(p)
    return PersonCheck(person.record, tuple(problems), home.record if home.can_save else None)


def _head_hint(problem: Problem) -> str:
    if problem.code == "members.head_count":
        return say("{problem}。要换户主，请在“编辑户信息”里一起改各成员的关系", problem=problem.message)
    return problem.message


def save_member(store: Store, check: PersonCheck) -> Changes:
    """Save a checked person and, when their membership or relation changed, their household, in
    one transaction (`Store.save_all`): the person first, so a household never lists someone the
    laptop does not hold, and never a person saved without their household.
    Raises what `Store.save` raises (InvalidRecord, GridAppError "stale_edit" …)."""
    if check.record is None or not check.can_save:
        raise ValueError("save_member needs a check that can be saved")
    return store.save_all([check.record, *([check.household] if check.household is not None else [])])

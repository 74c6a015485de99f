"""Entering a household visit (入户走访) at the doorstep: the form's values, the record they make,
what is wrong and under which form field, the draft saver, completing, and turning a dispute
found on the visit into a mediation case. No Qt.

Choices where domain.md is silent:
- A draft needs its household: the household gives the record its village (the sync bucket), so
  nothing is saved before one is chosen.
- There is no Staff record yet, so the visitors (`visitor_staff_ids`) are the household's grid
  worker as the laptop knows them: the visitors of its latest visit, else the responsible worker
  of a tagged member.
- `visit_no` is `{village_code}-ZF-{YYYYMMDD}-{tag}-{n}` (domain.md's `{device_seq}`): `tag` is the
  laptop's 4-character device tag (gridapp.ids.device_tag) and n one more than the highest of that
  village, day and laptop, given when the visit is completed. Two laptops of one village working
  offline on the same day therefore never give the same number.
- A dispute issue turned into a case names the case as its `event_report_id` (the case is where
  the issue was reported); any other issue sent on becomes an EventReport (gridapp.event_report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from gridapp import validation
from gridapp.drafts import DraftSaver
from gridapp.errors import InvalidRecord, Problem, RecordCheck
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import device_tag
from gridapp.listing import ListFilter
from gridapp.models import problems_from_error
from gridapp.models.dispute import DisputeCase
from gridapp.models.household import Household
from gridapp.models.person import Person
from gridapp.models.visit import VisitRecord
from gridapp.store import Changes, Store
from gridapp.wording import say

COMPLETED = "COMPLETED"
DISPUTE_CATEGORY = "dispute"
DISPUTE_FOUND = "dispute_found"

# Record fields whose problems show under another form field ("" = the form's general line).
_FIELD_OF = {
    "household_id": "household", "grid_id": "household", "target_kind": "household", "village_code": "household",
    "interviewee_person_id": "interviewee", "interviewee_name_text": "interviewee",
    "ended_at": "started_at", "policies_explained": "policy", "risk_followups": "risk",
    "dispute_case_ids": "dispute_screening", "visit_no": "", "visitor_staff_ids": "", "state": "",
}


def form_field(path: str) -> str:
    """The form field a problem belongs to: "issues.0.category" → "issues", "grid_id" → "household"."""
    first = path.split(".", 1)[0]
    return _FIELD_OF.get(first, first)


@dataclass(frozen=True)
class IssueLine:
    """One 发现问题 row of the form: `handled_on_spot` False means 转事件/案件."""

    category: str = ""
    description: str = ""
    handled_on_spot: bool = True
    event_report_id: str | None = None


@dataclass(frozen=True)
class VisitEntry:
    """What the visit form shows. `interviewee` is a name; it names a member when it matches one."""

    household_id: str | None = None
    started_at: datetime | None = None
    visit_mode: str = ""
    interviewee: str = ""
    purposes: tuple[str, ...] = ()
    policy: str = ""
    risk: str = ""
    dispute_screening: str = ""
    notice_given: bool | None = None
    issues: tuple[IssueLine, ...] = ()
    summary: str = ""
    next_visit_due: date | None = None


@dataclass(frozen=True)
class HouseholdChoice:
    """A household as the visit form needs it: who lives there, where, and who visits it."""

    id: str
    label: str
    village_code: str
    grid_id: str | None
    address: str
    members: tuple[tuple[str, str], ...]  # (person id, name), head first
    visitors: tuple[str, ...]

    def member_named(self, name: str) -> str | None:
        return next((pid for pid, n in self.members if n == name), None)

    def name_of(self, person_id: str | None) -> str:
        return next((n for pid, n in self.members if pid == person_id), "")


@dataclass(frozen=True)
class VisitCheck(RecordCheck):
    record: VisitRecord | None

    def form_field(self, path: str) -> str:
        return form_field(path)


# --- households ------------------------------------------------------------------------------

def household_label(head: str, hamlet: str, address: str) -> str:
    where = " ".join(x for x in (hamlet, address) if x)
    return f"{head or '（未登记户主）'}　{where}".strip()


def find_households(store: Store, text: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """(id, label) of the households a typed name or address finds; the first `limit` households
    of the laptop when `text` is blank. Labels are unique (a number is added to a repeat)."""
    ids = store.list_ids("household", ListFilter(text=text.strip(), limit=limit))
    rows = store.list_rows("household", ids)
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for hid in ids:
        head, hamlet, address = rows[hid][:3] if hid in rows else ("", "", "")
        label = household_label(head, hamlet, address)
        seen[label] = seen.get(label, 0) + 1
        out.append((hid, label if seen[label] == 1 else f"{label}（{seen[label]}）"))
    return out


def household_choice(store: Store, household_id: str) -> HouseholdChoice:
    """The household `household_id` for the form; raises RecordNotFound."""
    household = store.get(household_id)
    assert isinstance(household, Household)
    members: list[tuple[str, str]] = []
    responsible: list[str] = []
    for m in sorted(household.members, key=lambda m: m.person_id != household.head_person_id):
        if not store.exists(m.person_id):
            continue
        person = store.get(m.person_id)
        if isinstance(person, Person):
            members.append((person.id, person.full_name or ""))
            responsible.extend(t.responsible_staff_id for t in person.special_tags if t.responsible_staff_id)
    visitors: tuple[str, ...] = ()
    for summary in store.summaries("visit", parent_id=household_id, descending=True, limit=5):
        visit = store.get(summary.id)
        if isinstance(visit, VisitRecord) and visit.visitor_staff_ids:
            visitors = tuple(visit.visitor_staff_ids)
            break
    if not visitors and responsible:
        visitors = (responsible[0],)
    rows = store.list_rows("household", [household_id]).get(household_id, ("", "", ""))
    return HouseholdChoice(
        id=household.id, label=household_label(*rows[:3]), village_code=household.village_code,
        grid_id=household.grid_id, address=" ".join(x for x in (household.hamlet, household.address_detail) if x),
        members=tuple(members), visitors=visitors)


# --- form ⇄ record ---------------------------------------------------------------------------

def new_visit() -> VisitRecord:
    """A blank visit (its id fixed from here on); it has no village until a household is chosen."""
    fresh_id = VisitRecord.model_fields["id"].default_factory()
    return VisitRecord.model_construct(state=VisitRecord.INITIAL_STATE, id=fresh_id)


def entry_of(visit: VisitRecord, household: HouseholdChoice | None) -> VisitEntry:
    """The form values of a stored visit."""
    name = visit.interviewee_name_text or (household.name_of(visit.interviewee_person_id) if household else "")
    return VisitEntry(
        household_id=visit.household_id, started_at=visit.started_at, visit_mode=visit.visit_mode or "",
        interviewee=name or "", purposes=tuple(visit.purposes),
        policy="；".join(p.title or p.note or "" for p in visit.policies_explained),
        risk="；".join(r.observation or "" for r in visit.risk_followups),
        dispute_screening=visit.dispute_screening or "", notice_given=visit.notice_given,
        issues=tuple(IssueLine(i.category or "", i.description or "", i.handled_on_spot, i.event_report_id)
                     for i in visit.issues),
        summary=visit.summary or "", next_visit_due=visit.next_visit_due)


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _first_replaced(items: list[dict[str, Any]], key: str, text: str, wanted: bool) -> list[dict[str, Any]]:
    """The form edits the first item's `key` only; the others (entered elsewhere) are kept."""
    if not wanted:
        return []
    if not text:
        return items[1:]
    return [{**(items[0] if items else {}), key: text}, *items[1:]]


def _data(base: VisitRecord, entry: VisitEntry, household: HouseholdChoice | None) -> dict[str, Any]:
    data = base.model_dump(warnings=False)
    interviewee = _text(entry.interviewee)
    policies = _first_replaced([p.model_dump() for p in base.policies_explained], "title",
                               (entry.policy or "").strip()[:200], "policy_explanation" in entry.purposes)
    risks = _first_replaced([r.model_dump() for r in base.risk_followups], "observation",
                            (entry.risk or "").strip(), "risk_followup" in entry.purposes)
    old_issues = list(base.issues)
    issues = []
    for i, line in enumerate(entry.issues):
        kept = old_issues[i].model_dump() if i < len(old_issues) else {}
        issues.append({**kept, "category": _text(line.category), "description": _text(line.description),
                       "handled_on_spot": line.handled_on_spot,
                       "event_report_id": None if line.handled_on_spot else line.event_report_id})
    data.update(
        target_kind="household", household_id=entry.household_id,
        started_at=entry.started_at, visit_mode=_text(entry.visit_mode),
        interviewee_name_text=interviewee,
        interviewee_person_id=household.member_named(interviewee) if household and interviewee else None,
        purposes=list(entry.purposes), policies_explained=policies,
        risk_followups=risks, dispute_screening=_text(entry.dispute_screening),
        notice_given=entry.notice_given, issues=issues, summary=_text(entry.summary),
        next_visit_due=entry.next_visit_due,
    )
    if household is not None:
        data.update(village_code=household.village_code, grid_id=household.grid_id or data.get("grid_id"))
        if not data.get("visitor_staff_ids"):
            data["visitor_staff_ids"] = list(household.visitors)
    return data


def check_visit(base: VisitRecord, entry: VisitEntry, household: HouseholdChoice | None, *,
                completing: bool = False, today: date | None = None) -> VisitCheck:
    """`base` changed as the form says, and what is wrong with it: as a draft (may be half
    filled), or with `completing` as the guard of DRAFT → COMPLETED."""
    if not entry.household_id or household is None or household.id != entry.household_id:
        missing = Problem("household_id", "household_id.required", say("请先选择走访户（输入户主姓名或地址，从列表中选）"))
        rest = _check(base, entry, None, completing=completing, today=today, need_village=False)
        # What the household would give (grid, worker) is not asked for separately.
        rest_problems = (p for p in rest.problems
                         if form_field(p.field) != "household" and p.field != "visitor_staff_ids")
        return VisitCheck(None, (missing, *rest_problems))
    return _check(base, entry, household, completing=completing, today=today)


def _check(base: VisitRecord, entry: VisitEntry, household: HouseholdChoice | None, *, completing: bool,
           today: date | None, need_village: bool = True) -> VisitCheck:
    data = _data(base, entry, household)
    if not need_village and not data.get("village_code"):
        data["village_code"] = "000000000000"  # checked for its other fields only; never saved
    try:
        record = VisitRecord.model_validate(data)
    except ValidationError as exc:
        shape = problems_from_error(VisitRecord, exc)
        bad = {p.field.split(".", 1)[0] for p in shape}
        try:
            rest = VisitRecord.model_validate({k: v for k, v in data.items() if k not in bad})
        except ValidationError:
            return VisitCheck(None, tuple(shape))
        more = [p for p in _problems(rest, completing, today) if p.field.split(".", 1)[0] not in bad]
        return VisitCheck(None, tuple(shape + more))
    return VisitCheck(record if need_village else None, tuple(_problems(record, completing, today)))


def _problems(record: VisitRecord, completing: bool, today: date | None) -> list[Problem]:
    if completing and record.state != COMPLETED:
        found = validation.transition_problems(record, COMPLETED, today=today)
        # The number is given on completion: not the worker's to fill in.
        return [p for p in found if p.field != "visit_no"]
    return validation.problems(record, today=today)


def now_in_china() -> datetime:
    return datetime.now(CHINA_TZ).replace(second=0, microsecond=0)


# --- writes (each runs on the database thread) ---------------------------------------------

class VisitSaver(DraftSaver):
    """A visit's draft saver, which also completes (numbers and seals) the visit."""

    def complete(self, store: Store, record: VisitRecord) -> Changes:
        """Number the visit, check the guard, save and seal it. Raises InvalidRecord with every
        problem of the guard, before anything is written."""
        if not record.visit_no and record.started_at:
            day = record.started_at.astimezone(CHINA_TZ).date()
            record = record.model_copy(update={"visit_no": next_visit_no(store, record.village_code, day)})
        errors = [p for p in validation.transition_problems(record, COMPLETED) if p.is_error]
        if errors:
            raise InvalidRecord(errors)
        changes = self.save(store, record)
        changes |= store.transition(record.id, COMPLETED)
        self.version = store.get(record.id).version
        return changes


def next_visit_no(store: Store, village_code: str, day: date) -> str:
    """`{village_code}-ZF-{YYYYMMDD}-{tag}-{n}`: n one more than the highest of that village, day and laptop."""
    prefix = f"{village_code}-ZF-{day:%Y%m%d}-{device_tag(store.device_id)}-"
    taken = store.numbers_taken("visit", "visit_no", prefix, bucket=village_code)
    numbers = [int(no[len(prefix):]) for no in taken if no[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def amend_visit(store: Store, original_id: str, correction: VisitRecord, reason: str) -> Changes:
    """A correction of the sealed visit `original_id`: `correction` (with an id of its own) becomes
    a new sealed revision; the original stays as it was. Raises the store's amend errors."""
    return store.amend(correction.model_copy(update={"version": 0}), supersedes_id=original_id, reason=reason)


def committee_of(store: Store, village_code: str) -> str | None:
    """The id of the village's 人民调解委员会 on this laptop, if any."""
    committees = store.summaries("committee", bucket=village_code, limit=1)
    return committees[0].id if committees else None


def dispute_case(visit: VisitRecord, household: HouseholdChoice, case_id: str, *,
                 issue: IssueLine | None, committee_id: str | None, at: datetime) -> DisputeCase:
    """The REGISTERED case a dispute found on `visit` opens: source 网格排查发现, the visit as its
    source, the interviewee (or the household's head) as the applicant at the household's
    address. The committee completes it (type, other party, risk) when it accepts the case."""
    name = visit.interviewee_name_text or (household.members[0][1] if household.members else None)
    person_id = visit.interviewee_person_id or (household.member_named(name) if name else None)
    summary = (issue.description if issue and issue.description else None) or visit.summary
    applicant = {"role": "applicant", "name": name, "person_id": person_id,
                 "address_or_employer": household.address[:200] or None}
    return DisputeCase.model_validate({
        "id": case_id, "village_code": visit.village_code, "registered_at": at, "source": "grid_screening",
        "source_visit_id": visit.id, "summary": summary, "committee_id": committee_id,
        "parties": [applicant] if name else [],
    })


def open_case(store: Store, saver: VisitSaver, visit: VisitRecord, household: HouseholdChoice, case_id: str,
              issue_index: int | None) -> Changes:
    """Register the case of a dispute found on `visit` and link the visit to it (the draft is
    saved with the case in `dispute_case_ids`, the dispute issue naming the case)."""
    issue = None
    if issue_index is not None and 0 <= issue_index < len(visit.issues):
        i = visit.issues[issue_index]
        issue = IssueLine(i.category or "", i.description or "", i.handled_on_spot, i.event_report_id)
    case = dispute_case(visit, household, case_id, issue=issue, committee_id=committee_of(store, visit.village_code),
                        at=datetime.now(CHINA_TZ))
    changes = store.save(case)
    issues = [i.model_dump() for i in visit.issues]
    if issue is not None and not issue.handled_on_spot:
        issues[issue_index] = {**issues[issue_index], "event_report_id": case_id}  # type: ignore[index]
    linked = visit.model_copy(update={"dispute_case_ids": [*visit.dispute_case_ids, case_id]})
    linked = VisitRecord.model_validate({**linked.model_dump(), "issues": issues})
    return changes | saver.save(store, linked)

"""Sending on an issue found at the doorstep (事件上报): the report a visit's issue makes, what is
wrong with it and under which dialog field, its number, and saving it together with the visit
that now names it. No Qt.

Choices where domain.md is silent:
- `report_no` is `{village_code}-SJ-{YYYYMMDD}-{device tag}-{n}`, given on the laptop like a visit
  number, so reports made offline on two laptops never share a number.
- The report is REPORTED the moment it is saved; the township receives and dispatches it. Its
  due date is left to the county (domain.md: "due dates set by the county").
- The reporter is the visit's first visitor; the report names the visit and the household.
- The report and the visit's link to it are written in one transaction: a report is never left
  without the visit that found it, nor a visit naming a report that was not saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pydantic import ValidationError

from gridapp import validation
from gridapp.drafts import DraftSaver
from gridapp.errors import InvalidRecord, RecordCheck
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import device_tag
from gridapp.models import problems_from_error
from gridapp.models.event import EventReport
from gridapp.models.visit import VisitRecord
from gridapp.store import Changes, Store

# The dialog's fields; every problem of the report is shown under one of them.
FIELDS = ("urgency", "level", "target_unit", "location", "description")
_FIELD_OF = {"category": "description", "report_no": "description", "reported_at": "description",
             "source_visit_id": "description", "household_id": "location"}


@dataclass(frozen=True)
class EventEntry:
    """What the worker chooses in the 上报事件 dialog."""

    urgency: str = "normal"
    level: str = "village"
    target_unit: str = ""
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class EventCheck(RecordCheck):
    record: EventReport | None

    def form_field(self, path: str) -> str:
        return form_field(path)


def form_field(path: str) -> str:
    head = path.split(".", 1)[0]
    return head if head in FIELDS else _FIELD_OF.get(head, "description")


def entry_for(visit: VisitRecord, issue_index: int, address: str) -> EventEntry:
    """The dialog's first values: the issue's words and the household's address."""
    issue = visit.issues[issue_index]
    if issue.category == "minor_protection":  # 未保法 §11: reported at once, never left to the village
        return EventEntry(urgency="urgent", level="township", location=address[:200],
                          description=issue.description or "")
    return EventEntry(location=address[:200], description=issue.description or "")


def check_event(visit: VisitRecord, issue_index: int, entry: EventEntry, *, event_id: str,
                report_no: str | None, at: datetime) -> EventCheck:
    """The report `entry` makes for issue `issue_index` of `visit`, and its problems."""
    issue = visit.issues[issue_index]
    data = {
        "id": event_id, "village_code": visit.village_code, "report_no": report_no,
        "source_visit_id": visit.id, "household_id": visit.household_id, "category": issue.category,
        "description": entry.description.strip() or None, "location": entry.location.strip() or None,
        "reported_by": visit.visitor_staff_ids[0] if visit.visitor_staff_ids else None,
        "reported_at": at, "urgency": entry.urgency or None, "level": entry.level or None,
        "target_unit": entry.target_unit or None,
    }
    try:
        record = EventReport.model_validate(data)
    except ValidationError as exc:
        return EventCheck(None, tuple(problems_from_error(exc, EventReport)))
    found = validation.problems(record)
    if report_no is None:  # given when saved
        found = [p for p in found if p.field != "report_no"]
    return EventCheck(record, tuple(found))


def next_report_no(store: Store, village_code: str, day: date) -> str:
    """`{village_code}-SJ-{YYYYMMDD}-{tag}-{n}`: n one more than the highest of that village, day and laptop."""
    prefix = f"{village_code}-SJ-{day:%Y%m%d}-{device_tag(store.device_id)}-"
    taken = store.numbers_taken("event", "report_no", prefix, bucket=village_code)
    numbers = [int(no[len(prefix):]) for no in taken if no[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def report_event(store: Store, saver: DraftSaver, visit: VisitRecord, issue_index: int, report: EventReport) -> Changes:
    """Number and save `report` and the visit draft whose issue `issue_index` now names it, in ONE
    transaction. Raises InvalidRecord (nothing written) when either is wrong."""
    day = (report.reported_at or datetime.now(CHINA_TZ)).astimezone(CHINA_TZ).date()
    report = report.model_copy(update={"report_no": next_report_no(store, report.village_code, day)})
    errors = [p for p in validation.problems(report) if p.is_error]
    if errors:
        raise InvalidRecord(errors)
    issues = [i.model_dump() for i in visit.issues]
    issues[issue_index] = {**issues[issue_index], "handled_on_spot": False, "event_report_id": report.id}
    linked = VisitRecord.model_validate({**visit.model_dump(), "issues": issues})
    if saver.version:
        linked = linked.model_copy(update={"version": saver.version})
    changes = store.save_all([report, linked])
    saver.version = store.get(visit.id).version
    return changes


def reports_of_visit(store: Store, visit: VisitRecord) -> dict[str, str]:
    """Report id → its number, for the reports the visit's issues name (those on this laptop)."""
    out: dict[str, str] = {}
    for issue in visit.issues:
        if issue.event_report_id and store.exists(issue.event_report_id):
            record = store.get(issue.event_report_id)
            if isinstance(record, EventReport):
                out[record.id] = record.report_no or ""
    return out

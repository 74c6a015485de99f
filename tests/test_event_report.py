"""事件上报 from a visit: an issue the worker could not settle on the spot is sent on as a report,
saved with the visit that found it in one transaction, numbered on the laptop, and synced."""

from __future__ import annotations

import pytest

from gridapp import privacy, validation
from gridapp.errors import GridAppError, InvalidRecord, TransitionNotAllowed
from gridapp.event_report import EventEntry, check_event, entry_for, report_event
from gridapp.ids import device_tag, new_id
from gridapp.models.event import EventReport
from gridapp.visit_entry import IssueLine, VisitEntry, VisitSaver, check_visit, new_visit
from tests.test_visit_entry import AT, county, home  # noqa: F401  (the same small county and household)


def _draft(county, home, category="public_facility"):
    """A saved visit draft with one issue sent on (not handled on the spot)."""
    entry = VisitEntry(household_id=home.id, started_at=AT, visit_mode="home", interviewee=home.members[0][1],
                       purposes=("hazard_check",), notice_given=True,
                       summary="屯里的便桥桥面开裂，户主反映雨天孩子上学危险。",
                       issues=(IssueLine(category, "屯口便桥桥面开裂", False, None),))
    visit = new_visit()
    saver = VisitSaver(visit.id)
    record = check_visit(visit, entry, home).record
    saver.save(county, record)
    return saver, county.get(visit.id), entry


def test_a_visit_with_an_issue_sent_on_cannot_be_completed_until_it_is_reported(county, home):
    saver, visit, entry = _draft(county, home)
    with pytest.raises(InvalidRecord) as caught:
        saver.complete(county, visit)
    assert "issues.event_report_missing" in [p.code for p in caught.value.problems]

    check = check_event(visit, 0, EventEntry(urgency="urgent", level="township", location="屯口便桥",
                                             description="屯口便桥桥面开裂，雨天危险"),
                        event_id=new_id(), report_no=None, at=AT)
    assert check.errors == () and check.record is not None
    report_event(county, saver, visit, 0, check.record)

    report = county.get(check.record.id)
    assert isinstance(report, EventReport) and report.state == "REPORTED"
    assert report.report_no == f"{home.village_code}-SJ-20250304-{device_tag(county.device_id)}-1"
    assert (report.category, report.source_visit_id, report.household_id) == ("public_facility", visit.id, home.id)
    assert report.reported_by == visit.visitor_staff_ids[0]
    linked = county.get(visit.id)
    assert linked.issues[0].event_report_id == report.id and not linked.issues[0].handled_on_spot
    saver.complete(county, linked)
    assert county.get(visit.id).state == "COMPLETED"
    queued = {(e.record_type, e.record_id) for e in county.outbox()}
    assert ("event", report.id) in queued and ("visit", visit.id) in queued


def test_the_dialog_starts_from_the_issue_and_the_households_address(county, home):
    _saver, visit, _entry = _draft(county, home)
    first = entry_for(visit, 0, home.address)
    assert first.description == "屯口便桥桥面开裂" and first.location == home.address[:200]
    assert (first.urgency, first.level) == ("normal", "village")


def test_a_report_without_a_place_is_refused_under_the_place_and_nothing_is_written(county, home):
    saver, visit, _entry = _draft(county, home)
    check = check_event(visit, 0, EventEntry(location="  ", description="桥面开裂"), event_id=new_id(),
                        report_no=None, at=AT)
    assert list(check.by_field()) == ["location"]
    assert "地点" in check.by_field()["location"][0].message
    with pytest.raises(InvalidRecord):
        report_event(county, saver, visit, 0, check.record)
    assert county.count("event") == 0
    assert county.get(visit.id).issues[0].event_report_id is None


def test_a_minor_harmed_cannot_be_left_to_the_village(county, home):
    _saver, visit, _entry = _draft(county, home, category="minor_protection")
    at_village = check_event(visit, 0, EventEntry(level="village", location="某屯", description="疑似受到伤害"),
                             event_id=new_id(), report_no=None, at=AT)
    assert [p.code for p in at_village.errors] == ["level.minor_protection_village"]
    assert list(at_village.by_field()) == ["level"]
    township = check_event(visit, 0, EventEntry(level="township", location="某屯", description="疑似受到伤害"),
                           event_id=new_id(), report_no=None, at=AT)
    assert township.errors == ()
    data = township.record.model_dump(mode="json")
    assert {"description", "location"} <= privacy.c3_fields("event", data)
    assert "description" not in privacy.c3_fields("event", {**data, "category": "public_facility"})


def test_when_the_visit_cannot_be_saved_the_report_is_not_written_either(county, home):
    saver, visit, _entry = _draft(county, home)
    stale = VisitSaver(visit.id, version=saver.version)
    saver.save(county, visit.model_copy(update={"summary": "屯里的便桥桥面开裂，户主反映雨天孩子上学危险，已拍照。"}))
    check = check_event(visit, 0, EventEntry(location="屯口便桥", description="桥面开裂"), event_id=new_id(),
                        report_no=None, at=AT)
    with pytest.raises(GridAppError) as caught:
        report_event(county, stale, visit, 0, check.record)
    assert caught.value.code == "stale_edit"
    assert county.count("event") == 0
    assert not any(e.record_type == "event" for e in county.outbox())


def test_a_report_sent_to_the_township_needs_its_unit_before_it_is_dispatched(county, home):
    saver, visit, _entry = _draft(county, home)
    check = check_event(visit, 0, EventEntry(level="township", location="屯口便桥", description="桥面开裂"),
                        event_id=new_id(), report_no=None, at=AT)
    report_event(county, saver, visit, 0, check.record)
    county.transition(check.record.id, "RECEIVED")
    with pytest.raises(InvalidRecord) as caught:
        county.transition(check.record.id, "DISPATCHED")
    assert [p.field for p in caught.value.problems if p.is_error] == ["target_unit"]
    with pytest.raises(TransitionNotAllowed):
        county.transition(check.record.id, "CLOSED")
    report = county.get(check.record.id)
    county.save(report.model_copy(update={"target_unit": "township_government"}))
    county.transition(check.record.id, "DISPATCHED")
    assert county.get(check.record.id).state == "DISPATCHED"
    assert validation.problems(county.get(check.record.id)) == []


def test_a_minor_harmed_is_proposed_as_urgent_for_the_township(county, home):
    _saver, visit, _entry = _draft(county, home, category="minor_protection")
    first = entry_for(visit, 0, home.address)
    assert (first.urgency, first.level) == ("urgent", "township")
    assert check_event(visit, 0, first, event_id=new_id(), report_no=None, at=AT).errors == ()

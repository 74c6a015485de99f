"""A report sent on from a visit (事件上报) reaches the county server and the worker's other laptop,
linked to its visit, over a real server (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime


from gridapp.event_report import EventEntry, check_event, report_event
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.models import EventReport
from gridapp.visit_entry import VisitSaver
from tests.support import factories as f




def test_a_report_made_offline_reaches_the_other_laptop_with_its_visit(worker_pair):
    a, b = worker_pair
    head = f.person("韦小明")
    home = f.household(head)
    for record in (head, home):
        a.store.save(record)
    at = datetime(2026, 11, 20, 9, 30, tzinfo=CHINA_TZ)
    visit = f.visit(home.id, visit_no=None, state="DRAFT").model_copy(update={
        "issues": [{"category": "public_facility", "description": "屯口便桥桥面开裂", "handled_on_spot": False}]})
    saver = VisitSaver(visit.id)
    saver.save(a.store, visit)
    check = check_event(a.store.get(visit.id), 0, EventEntry(urgency="urgent", level="township", location="屯口便桥",
                                                            description="屯口便桥桥面开裂"),
                        event_id=new_id(), report_no=None, at=at)
    assert check.errors == ()
    report_event(a.store, saver, a.store.get(visit.id), 0, check.record)

    pushed = a.sync()
    # person, household, the visit (its draft saves and the link coalesce into one change), the report
    assert pushed.pushed == {"applied": 4} and a.store.pending_count() == 0
    got = b.sync()
    assert got.pulled_by_type.get("event") == 1
    report = b.store.get(check.record.id)
    assert isinstance(report, EventReport) and report.state == "REPORTED" and report.urgency == "urgent"
    assert b.store.get(visit.id).issues[0].event_report_id == report.id
    assert report.report_no == a.store.get(check.record.id).report_no

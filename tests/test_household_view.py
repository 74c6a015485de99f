"""The household page's data: members with masked numbers, the household's visits and its people's
cases, and an ID number revealed only with an audit entry."""

from __future__ import annotations

from datetime import date

import pytest

from gridapp import demo
from gridapp.household_view import UNMASK, household_view, reveal_id_number
from gridapp.listing import ListFilter
from gridapp.models import DisputeCase, Household, Person
from gridapp.privacy import mask_id_number


@pytest.fixture
def county(store):
    store.import_records(demo.generate(households=30, seed=7))
    return store


def test_members_come_in_household_order_with_masked_numbers(county):
    hid = county.list_ids("household")[0]
    home = county.get(hid)
    view = household_view(county, hid, today=date(2026, 11, 29))
    assert [m.person_id for m in view.members] == [m.person_id for m in home.members]
    head = county.get(home.head_person_id)
    assert view.head_name == head.full_name
    first = view.members[0]
    person = county.get(first.person_id)
    assert first.id_number_masked == mask_id_number(person.id_number)
    assert person.id_number not in repr(view)


def test_visits_are_the_households_newest_first_and_cases_are_its_peoples(county):
    for hid in county.list_ids("household"):
        view = household_view(county, hid)
        assert [v.id for v in view.visits] == county.list_ids("visit", ListFilter(household_id=hid))
        members = {m.person_id for m in view.members}
        for line in view.cases:
            case = county.get(line.id)
            assert isinstance(case, DisputeCase)
            linked_by_visit = any(line.id in county.get(v.id).dispute_case_ids for v in view.visits)
            assert linked_by_visit or members & {p.person_id for p in case.parties}
    assert any(household_view(county, hid).cases for hid in county.list_ids("household"))


def test_reveal_returns_the_number_and_audits_it(county):
    hid = county.list_ids("household")[0]
    pid = county.get(hid).head_person_id
    assert UNMASK not in [e.action for e in county.history(pid)]
    assert reveal_id_number(county, pid) == county.get(pid).id_number
    last = county.history(pid)[-1]
    assert (last.action, last.detail) == ("unmask", {"field": "id_number"})


def test_a_person_without_a_number_reveals_nothing_and_is_not_audited(county):
    home = county.get(county.list_ids("household")[0])
    person = Person(village_code=home.village_code, full_name="韦小明", current_household_id=home.id)
    county.save(person)
    before = county.history(person.id)
    assert reveal_id_number(county, person.id) == ""
    assert county.history(person.id) == before
    assert isinstance(home, Household)


def test_events_reported_from_its_visits_are_listed_and_open_the_visit(county):
    from datetime import datetime

    from gridapp.event_report import EventEntry, check_event, report_event
    from gridapp.household_view import MINOR_HIDDEN
    from gridapp.idnumber import CHINA_TZ
    from gridapp.ids import new_id
    from gridapp.models import VisitRecord
    from gridapp.visit_entry import VisitSaver

    hid = county.list_ids("household")[0]
    [first] = county.summaries("visit", parent_id=hid, limit=1)
    at = datetime(2026, 11, 20, 9, 30, tzinfo=CHINA_TZ)
    sent = {}
    for category, words in (("public_facility", "屯口便桥桥面开裂"), ("minor_protection", "孩子身上有伤")):
        base = county.get(first.id)
        visit = VisitRecord.model_validate({**base.model_dump(), "id": new_id(), "state": "DRAFT", "sealed": False,
                                            "content_hash": None, "visit_no": None, "version": 0, "root_id": None,
                                            "issues": [{"category": category, "description": words,
                                                        "handled_on_spot": False}]})
        saver = VisitSaver(visit.id)
        saver.save(county, visit)
        check = check_event(county.get(visit.id), 0, EventEntry(level="township", location="屯口", description=words),
                            event_id=new_id(), report_no=None, at=at)
        report_event(county, saver, county.get(visit.id), 0, check.record)
        sent[category] = visit.id
    view = household_view(county, hid, today=date(2026, 11, 29))
    lines = {line.about: line for line in view.events}
    assert set(lines) == {"公共设施损坏", "未成年人受侵害"}
    bridge, harm = lines["公共设施损坏"], lines["未成年人受侵害"]
    assert (bridge.id, bridge.day, bridge.text, bridge.state) == (sent["public_facility"], "2026-11-20", "屯口便桥桥面开裂", "已上报")
    assert harm.id == sent["minor_protection"] and harm.text == MINOR_HIDDEN and "伤" not in harm.text


@pytest.mark.parametrize("role", ["grid_worker", "mediator"])
def test_a_grid_worker_or_mediator_sees_numbers_masked_only_and_nothing_is_audited(county, role):
    from gridapp.errors import GridAppError

    hid = county.list_ids("household")[0]
    pid = county.get(hid).head_person_id
    county.set_meta("server_role", role)  # as signing in to the county server records it
    assert household_view(county, hid).may_unmask is False
    before = county.history(pid)
    with pytest.raises(GridAppError) as caught:
        reveal_id_number(county, pid)
    assert caught.value.code == "unmask.not_allowed" and "乡镇综治中心" in caught.value.message
    assert county.history(pid) == before


def test_township_staff_may_reveal_audited(county):
    hid = county.list_ids("household")[0]
    pid = county.get(hid).head_person_id
    county.set_meta("server_role", "township_staff")
    assert household_view(county, hid).may_unmask is True
    assert reveal_id_number(county, pid) == county.get(pid).id_number
    assert county.history(pid)[-1].action == "unmask"

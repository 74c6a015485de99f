"""Entering a visit without a window: the record the form makes, the problems under their fields,
drafts saved again and again, completion with its number, and a dispute turned into a case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gridapp import demo
from gridapp.errors import InvalidRecord
from gridapp.idnumber import CHINA_TZ
from gridapp.models.dispute import DisputeCase
from gridapp.models.visit import VisitRecord
from gridapp.visit_entry import (
    IssueLine, VisitEntry, VisitSaver, check_visit, entry_of, find_households, household_choice, new_visit,
    open_case,
)

AT = datetime(2025, 3, 4, 9, 30, tzinfo=CHINA_TZ)


@pytest.fixture
def county(store):
    store.import_records(demo.generate(households=6, seed=3))
    return store


@pytest.fixture
def home(county):
    return household_choice(county, county.list_ids("household")[0])


def _entry(home, **changes) -> VisitEntry:
    values = dict(household_id=home.id, started_at=AT, visit_mode="home", interviewee=home.members[0][1],
                  purposes=("info_collection",), notice_given=True,
                  summary="核实了家庭成员和联系电话，户主身体健康，无其他诉求。")
    values.update(changes)
    return VisitEntry(**values)


def test_a_household_is_found_by_its_heads_name(county, home):
    found = find_households(county, home.members[0][1][:2])
    assert home.id in [hid for hid, _label in found]
    assert home.label in [label for _hid, label in found]


def test_the_household_gives_the_visit_its_village_grid_worker_and_interviewee(home):
    check = check_visit(new_visit(), _entry(home), home)
    assert check.can_save
    visit = check.record
    assert (visit.village_code, visit.grid_id, visit.target_kind) == (home.village_code, home.grid_id, "household")
    assert visit.visitor_staff_ids == list(home.visitors) and home.visitors
    assert (visit.interviewee_name_text, visit.interviewee_person_id) == (home.members[0][1], home.members[0][0])


def test_without_a_household_nothing_can_be_saved_and_the_household_field_says_so(home):
    check = check_visit(new_visit(), _entry(home, household_id=None), None)
    assert check.record is None
    assert [form for form in check.by_field()] == ["household"]


def test_a_next_visit_not_after_this_one_is_shown_under_its_field(home):
    check = check_visit(new_visit(), _entry(home, next_visit_due=AT.date()), home)
    assert not check.can_save
    assert [p.code for p in check.by_field()["next_visit_due"]] == ["next_visit_due.not_after_visit"]


def test_completing_asks_for_the_summary_but_a_draft_does_not(home):
    entry = _entry(home, summary="")
    assert check_visit(new_visit(), entry, home).can_save
    completing = check_visit(new_visit(), entry, home, completing=True)
    assert [p.code for p in completing.by_field()["summary"]] == ["summary.required"]
    assert "" not in completing.by_field()  # the number is given on completion, not asked for


def test_an_issue_sent_on_needs_its_report_before_completion(home):
    entry = _entry(home, issues=(IssueLine("fire_hazard", "厨房电线老化", handled_on_spot=False),))
    problems = check_visit(new_visit(), entry, home, completing=True).by_field()["issues"]
    assert [p.code for p in problems] == ["issues.event_report_missing"]


def test_a_draft_saved_many_times_then_completed_is_numbered_and_sealed(county, home):
    visit = new_visit()
    saver = VisitSaver(visit.id)
    for summary in ("核实", "核实了家庭成员", "核实了家庭成员和联系电话，无其他诉求。"):
        saver.save(county, check_visit(visit, _entry(home, summary=summary), home).record)
    record = check_visit(visit, _entry(home, summary="核实了家庭成员和联系电话，无其他诉求。"), home).record
    saver.complete(county, record)
    stored = county.get(visit.id)
    assert stored.state == "COMPLETED" and stored.sealed and stored.content_hash
    assert stored.visit_no.startswith(f"{home.village_code}-ZF-20250304-")
    assert entry_of(stored, home).summary == "核实了家庭成员和联系电话，无其他诉求。"


def test_completing_with_problems_raises_and_writes_nothing(county, home):
    visit = new_visit()
    record = check_visit(visit, _entry(home, summary="太短"), home).record
    with pytest.raises(InvalidRecord) as caught:
        VisitSaver(visit.id).complete(county, record)
    assert "summary.too_short" in caught.value.codes()
    assert not county.exists(visit.id)


def test_a_dispute_found_registers_a_case_linked_to_the_visit_and_the_household(county, home):
    visit = new_visit()
    saver = VisitSaver(visit.id)
    entry = _entry(home, purposes=("dispute_screening",), dispute_screening="dispute_found",
                   issues=(IssueLine("dispute", "与邻居因排水沟占地发生争执", handled_on_spot=False),))
    record = check_visit(visit, entry, home).record
    saver.save(county, record)
    case_id = DisputeCase.model_fields["id"].default_factory()
    open_case(county, saver, record, home, case_id, 0)
    case = county.get(case_id)
    assert (case.state, case.source, case.source_visit_id) == ("REGISTERED", "grid_screening", visit.id)
    assert case.summary == "与邻居因排水沟占地发生争执" and case.village_code == home.village_code
    assert [(p.role, p.person_id) for p in case.parties] == [("applicant", home.members[0][0])]
    linked = county.get(visit.id)
    assert isinstance(linked, VisitRecord)
    assert linked.dispute_case_ids == [case_id] and linked.issues[0].event_report_id == case_id
    # the linked draft now completes: the dispute has its case and the issue its report
    done = check_visit(linked, entry_of(linked, home), home, completing=True)
    assert done.errors == ()
    saver.complete(county, done.record)
    assert county.get(visit.id).sealed


def test_next_visit_date_is_kept(home):
    due = AT.date() + timedelta(days=30)
    assert check_visit(new_visit(), _entry(home, next_visit_due=due), home).record.next_visit_due == due
    assert isinstance(due, date)



def test_two_laptops_of_one_village_completing_visits_on_one_day_never_give_the_same_number(tmp_path, db_key):
    """Visit numbers are given offline when a visit is completed; each laptop's carry its device tag."""
    from gridapp.ids import device_tag
    from gridapp.store import Store

    numbers: dict[str, list[str]] = {}
    for laptop in ("laptop-a", "laptop-b"):
        store = Store.create(tmp_path / f"{laptop}.db", db_key, actor="韦网格员", device_id=laptop)
        try:
            store.import_records(demo.generate(households=6, seed=3))
            home = household_choice(store, store.list_ids("household")[0])
            for _ in range(2):
                visit = new_visit()
                VisitSaver(visit.id).complete(store, check_visit(visit, _entry(home), home).record)
                numbers.setdefault(laptop, []).append(store.get(visit.id).visit_no)
        finally:
            store.close()
    village = home.village_code
    assert device_tag("laptop-a") != device_tag("laptop-b")
    for laptop, given in numbers.items():
        assert given == [f"{village}-ZF-20250304-{device_tag(laptop)}-{n}" for n in (1, 2)]
    assert not set(numbers["laptop-a"]) & set(numbers["laptop-b"])

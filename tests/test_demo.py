"""Demo data (`gridapp.demo.generate`): reproducible, valid, internally consistent and importable."""

from __future__ import annotations

import os
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from gridapp import codes, demo, states, validation
from gridapp.errors import GridAppError
from gridapp.geography import load_geography
from gridapp.idnumber import check_id_number
from gridapp.models import Person, Record, effective_at
from gridapp.store import Store

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

# Ids that name something inside the same record (a topic, a party), not another record.
INTERNAL = {"topic_id", "topic_ref", "party_id", "parties_present", "interviewee_party_id"}
# Grids, staff and event reports have no record type yet: their ids are references only.
ROSTER = {"grid_id", "visitor_staff_ids", "responsible_staff_id", "event_report_id", "convener_id",
          "chair_id", "reviewer_id"}
# A parent's list of its children: the only references allowed to point forward.
FORWARD = {"scan_attachment_id", "original_scan_id", "sign_in_sheet_id", "session_ids", "followup_ids",
           "dispute_case_ids", ("household", "person_id"), ("household", "head_person_id"),
           ("committee", "mediator_id"), ("case", "agreement_id")}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return demo.generate(households=200)


def _refs(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _refs(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v, key)
    elif isinstance(value, str) and UUID.match(value):
        yield key, value


def _staff_only(record: Record, key: str) -> bool:
    # A meeting's recorder is the village clerk, who also captures the meeting's scans.
    return key in ROSTER or (record.RECORD_TYPE == "meeting" and key == "recorder_id") or (
        key == "captured_by" and getattr(record, "owner_type", None) == "meeting")


def test_same_arguments_give_identical_records_and_another_seed_does_not() -> None:
    first = [r.model_dump() for r in demo.generate(households=60, seed=7)]
    again = [r.model_dump() for r in demo.generate(households=60, seed=7)]
    other = [r.model_dump() for r in demo.generate(households=60, seed=8)]
    assert first == again
    assert first != other


def test_ids_are_unique_uuid7_and_sort_in_minting_order(records: list[Record]) -> None:
    ids = [r.id for r in records]
    assert len(set(ids)) == len(ids)
    assert all(UUID.match(i) and uuid.UUID(i).version == 7 for i in ids)
    households_and_people = [r.id for r in records if r.RECORD_TYPE in ("household", "person")]
    assert households_and_people == sorted(households_and_people)  # output in minting order


def test_every_record_is_valid_and_sealed_ones_pass_their_state_guard(records: list[Record]) -> None:
    sealed_types = set()
    for record in records:
        validation.ensure_valid(record)
        if states.is_sealed_state(record.RECORD_TYPE, record.state):
            sealed_types.add(record.RECORD_TYPE)
            errors = [p for p in validation.problems(record) if p.is_error]
            assert errors == [], (record.RECORD_TYPE, record.state, errors)
    assert sealed_types == {"visit", "meeting", "agreement", "session"}
    visit_states = Counter(r.state for r in records if r.RECORD_TYPE == "visit")
    assert visit_states["COMPLETED"] > visit_states["DRAFT"] > 0


def test_id_numbers_are_valid_and_agree_with_sex_and_birth_date(records: list[Record]) -> None:
    holders = [r for r in records if r.RECORD_TYPE == "person"]
    holders += [p for r in records if r.RECORD_TYPE in ("case", "agreement")
                for p in r.parties]  # type: ignore[attr-defined]
    numbers = [h for h in holders if h.id_number]
    assert len(numbers) > 500
    for h in numbers:
        result = check_id_number(h.id_number, sex=h.sex, birth_date=h.birth_date)
        assert result.problems == (), (h.id_number, result.problems)
        assert h.id_number.startswith("450224")
    adults = [p for p in holders if p.birth_date and (demo.DEFAULT_TODAY - p.birth_date).days >= 16 * 366]
    assert all(p.id_number for p in adults)
    person_numbers = [h.id_number for h in holders if isinstance(h, Person) and h.id_number]
    assert len(set(person_numbers)) == len(person_numbers)


def test_households_have_one_head_and_their_members_live_there(records: list[Record]) -> None:
    people = {r.id: r for r in records if r.RECORD_TYPE == "person"}
    households = [r for r in records if r.RECORD_TYPE == "household"]
    assert len(households) == 200
    for h in households:
        heads = [m for m in h.members if m.relation_to_head == codes.HEAD_RELATION]  # type: ignore[attr-defined]
        assert len(heads) == 1 and heads[0].person_id == h.head_person_id  # type: ignore[attr-defined]
        assert 1 <= len(h.members) <= 7  # type: ignore[attr-defined]
        assert {people[m.person_id].current_household_id for m in h.members} == {h.id}  # type: ignore[attr-defined]
        assert h.address_detail.endswith("号") and h.hamlet in h.address_detail  # type: ignore[attr-defined]
    assert sum(len(h.members) for h in households) == len(people)  # type: ignore[attr-defined]


def test_references_exist_and_point_back_except_a_parents_list_of_children(records: list[Record]) -> None:
    position = {r.id: i for i, r in enumerate(records)}
    roster: set[str] = set()
    for record in records:
        for key, value in _refs(record.model_dump(exclude={"id"})):
            if _staff_only(record, key):
                roster.add(value)
    for i, record in enumerate(records):
        for key, value in _refs(record.model_dump(exclude={"id"})):
            if key in INTERNAL or _staff_only(record, key):
                continue
            where = f"{record.RECORD_TYPE}.{key} → {value}"
            if key in FORWARD or (record.RECORD_TYPE, key) in FORWARD:
                assert position.get(value, -1) > i, where
            else:
                assert value in position or (key in ("captured_by", "recorder_id") and value in roster), where
                assert position.get(value, -1) < i, where
    by_id = {r.id: r for r in records}
    for visit in (r for r in records if r.RECORD_TYPE == "visit"):
        assert visit.grid_id == by_id[visit.household_id].grid_id  # type: ignore[attr-defined]


def test_xialingwei_meeting_transfers_only_the_land_of_households_that_signed_yes(records: list[Record]) -> None:
    [meeting] = [r for r in records if r.RECORD_TYPE == "meeting" and r.land_transfer]  # type: ignore[attr-defined]
    assert meeting.hamlet == "下岭尾屯"
    households = {r.id: r for r in records if r.RECORD_TYPE == "household"}
    assert meeting.topics[0].topic_type == "land_transfer"
    assert meeting.meeting_no.startswith("450224101206-YS-")  # 泉头村
    vote = meeting.votes[0]
    assert vote.passed and vote.yes + vote.no + vote.abstain == vote.present == meeting.present_count
    assert 3 * meeting.present_count >= 2 * meeting.eligible_count
    agreed = [c for c in meeting.household_consents if c.decision == "agree"]
    assert len(agreed) == 32
    assert all(c.signature and c.signature.signer_person_id == c.representative_person_id for c in agreed)
    assert all(households[c.household_id].hamlet == "下岭尾屯" for c in meeting.household_consents)
    transfer = meeting.land_transfer
    assert transfer.transferors == [c.household_id for c in agreed]
    assert transfer.total_area_mu == sum((c.area_mu for c in agreed), Decimal(0)) == Decimal("100.0")
    assert transfer.use == "彩椒种植" and transfer.transferee.name.endswith("有限公司")
    assert states.is_sealed_state("meeting", meeting.state)


def test_villages_have_hamlets_and_committees_with_five_elders(records: list[Record]) -> None:
    villages = load_geography().villages_of("450224101")
    assert "下岭尾屯" in demo.hamlet_names(next(v for v in villages if v.name == "泉头村委会"))
    assert all(4 <= len(demo.hamlet_names(v)) <= 12 for v in villages)
    mediators = {r.id: r for r in records if r.RECORD_TYPE == "mediator"}
    committees = [r for r in records if r.RECORD_TYPE == "committee"]
    assert {c.village_code for c in committees} == {v.code for v in villages}
    for c in committees:
        kinds = [mediators[m.mediator_id].mediator_kind for m in c.members]  # type: ignore[attr-defined]
        assert 3 <= len(kinds) <= 5 and "five_elders" in kinds
        assert all(mediators[m.mediator_id].five_elders_category for m in c.members  # type: ignore[attr-defined]
                   if mediators[m.mediator_id].mediator_kind == "five_elders")


def test_cases_cover_the_stages_and_effective_agreements_are_complete(records: list[Record]) -> None:
    by_id = {r.id: r for r in records}
    cases = [r for r in records if r.RECORD_TYPE == "case"]
    assert {"REGISTERED", "ACCEPTED", "MEDIATING", "AGREEMENT_EFFECTIVE", "FOLLOWED_UP"} <= {c.state for c in cases}
    assert len({c.dispute_type for c in cases}) >= 4  # type: ignore[attr-defined]
    effective = [c for c in cases if c.state == "AGREEMENT_EFFECTIVE"]
    for case in effective:
        agreement = by_id[case.agreement_id]  # type: ignore[attr-defined]
        assert agreement.state == "EFFECTIVE"
        assert all(by_id[s].state == "SIGNED" for s in case.session_ids)  # type: ignore[attr-defined]
        scan = by_id[agreement.original_scan_id]  # type: ignore[attr-defined]
        assert scan.owner_id == agreement.id and len(scan.sha256) == 64  # type: ignore[attr-defined]
        assert effective_at(agreement) is not None  # type: ignore[arg-type]
        assert agreement.jc_deadline > effective_at(agreement)  # type: ignore[attr-defined, arg-type, operator]
    found = [c for c in cases if c.source == "grid_screening"]  # type: ignore[attr-defined]
    assert found
    assert all(by_id[c.source_visit_id].dispute_screening == "dispute_found"  # type: ignore[attr-defined]
               for c in found)


def test_county_wide_demo_spreads_households_over_all_townships() -> None:
    records = demo.generate(households=150, township="全县", visits_per_household=0.5)
    geo = load_geography()
    townships = {geo.township_of(r.village_code).code for r in records if r.RECORD_TYPE == "household"}
    assert len(townships) == 12


def test_unknown_township_is_refused() -> None:
    with pytest.raises(GridAppError) as caught:
        demo.generate(households=5, township="不存在乡")
    assert caught.value.code == "demo.unknown_township"


def test_import_into_a_real_store(tmp_path: Any) -> None:
    records = demo.generate(households=50)
    with Store.create(tmp_path / "demo.db", os.urandom(32), actor="t") as store:
        store.import_records(records)
        assert store.check() == []
        expected = Counter(r.RECORD_TYPE for r in records)
        assert {t: store.count(t) for t in expected} == dict(expected)
        for record in records:
            if states.is_sealed_state(record.RECORD_TYPE, record.state):
                assert store.get(record.id).sealed, record.RECORD_TYPE
        assert [h.title for h in store.search("下岭尾", types=["meeting"])] == ["下岭尾屯土地经营权流转建设彩椒基地"]

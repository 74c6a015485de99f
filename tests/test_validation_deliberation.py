"""DeliberationMeeting: quorum arithmetic, votes, notice, and household consent for land transfer."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from gridapp.ids import new_id
from gridapp.models import DeliberationMeeting, VoteResult, quorum_met, vote_passed
from gridapp.models.deliberation import quorum_reached
from gridapp.validation import problems, transition_problems

CST = timezone(timedelta(hours=8))
HELD = datetime(2025, 6, 10, 19, 0, tzinfo=CST)
TOPIC = new_id()


def meeting(**overrides) -> DeliberationMeeting:
    data = dict(
        village_code="450224100201", meeting_no="450224100201-YS-2025-3",
        meeting_type="hamlet_micro_deliberation", scope_level="hamlet", hamlet="大巷屯",
        convener_id=new_id(), chair_id=new_id(), recorder_id=new_id(), held_at=HELD,
        location="大巷屯文化室", notice={"noticed_at": HELD - timedelta(days=3), "method": "posting"},
        topics=[{"topic_id": TOPIC, "title": "修缮屯内道路", "topic_type": "public_works"}],
        quorum_basis="household_reps", eligible_count=30, present_count=20,
        discussion_summary="大家同意集资修路。",
        votes=[{"topic_ref": TOPIC, "method": "show_of_hands", "unit": "household",
                "eligible": 30, "present": 20, "yes": 11, "no": 9, "passed": True}],
        resolutions=[{"topic_ref": TOPIC, "text": "修缮屯内道路", "passed": True}],
    )
    data.update(overrides)
    return DeliberationMeeting(**data)


def codes_of(found, severity="error"):
    return [p.code for p in found if p.severity == severity]


@pytest.mark.parametrize("rule, eligible, present, met", [
    ("two_thirds", 30, 20, True),    # exactly 2/3
    ("two_thirds", 30, 19, False),   # one less
    ("two_thirds", 31, 21, True),    # 21/31 ≥ 2/3 (20.67)
    ("two_thirds", 31, 20, False),
    ("half", 30, 16, True),
    ("half", 30, 15, False),         # exactly half is not more than half
    ("half", 31, 16, True),
])
def test_quorum_arithmetic_is_exact(rule, eligible, present, met):
    assert quorum_reached(rule, eligible, present) is met


@pytest.mark.parametrize("meeting_type, basis, eligible, present, met", [
    ("villager_assembly", "villagers_18", 100, 51, True),
    ("villager_assembly", "villagers_18", 100, 50, False),
    ("villager_assembly", "household_reps", 90, 60, True),
    ("villager_assembly", "household_reps", 90, 59, False),
    ("villager_rep_assembly", "members", 36, 24, True),
    ("villager_rep_assembly", "members", 36, 23, False),
    ("group_meeting", "villagers_18", 60, 40, True),
    ("party_member_assembly", "members", 27, 17, False),
    ("villager_rep_assembly", "villagers_18", 36, 36, None),   # basis does not fit the type
])
def test_quorum_per_meeting_type_and_basis(meeting_type, basis, eligible, present, met):
    m = meeting(meeting_type=meeting_type, quorum_basis=basis, eligible_count=eligible, present_count=present,
                votes=[], resolutions=[])
    assert quorum_met(m) is met


def test_a_valid_meeting_may_be_voted_and_sealed():
    assert transition_problems(meeting().model_copy(update={"state": "HELD"}), "VOTED") == []


def test_passed_needs_strictly_more_than_half_of_those_present():
    m = meeting()
    assert vote_passed(m, VoteResult(present=20, yes=11)) is True
    assert vote_passed(m, VoteResult(present=20, yes=10)) is False   # a tie fails


def test_a_tie_recorded_as_passed_is_an_error():
    tie = {"topic_ref": TOPIC, "method": "show_of_hands", "eligible": 30, "present": 20, "yes": 10, "no": 10,
           "passed": True}
    found = problems(meeting(votes=[tie], resolutions=[]))
    assert [(p.field, p.code, p.message) for p in found] == [
        ("votes.0.passed", "vote.passed_mismatch", "第1项表决：同意10票未超过实到20人的一半，不能记为通过")]


def test_votes_that_do_not_add_up():
    bad = {"topic_ref": TOPIC, "method": "show_of_hands", "eligible": 30, "present": 20, "yes": 12, "no": 8,
           "abstain": 1, "passed": True}
    found = problems(meeting(votes=[bad]))
    assert [(p.code, p.message) for p in found] == [
        ("vote.count_exceeds_present", "第1项表决：同意12+反对8+弃权1多于实到20人")]


def test_present_cannot_exceed_eligible():
    found = problems(meeting(present_count=31, votes=[], resolutions=[]))
    assert codes_of(found) == ["present_count.exceeds_eligible"]


def test_no_valid_vote_without_quorum():
    m = meeting(present_count=19)
    found = problems(m)
    assert codes_of(found) == ["vote.without_quorum", "resolution.passed_mismatch"]
    guard = transition_problems(m.model_copy(update={"state": "HELD"}), "VOTED")
    assert "quorum.not_met" in codes_of(guard)
    failed = meeting(present_count=19, votes=[], resolutions=[]).model_copy(update={"state": "HELD"})
    assert transition_problems(failed, "QUORUM_FAILED") == []
    assert codes_of(transition_problems(meeting(votes=[], resolutions=[]).model_copy(update={"state": "HELD"}),
                                        "QUORUM_FAILED")) == ["quorum.met"]


def test_villager_assembly_needs_ten_days_notice():
    m = meeting(meeting_type="villager_assembly", scope_level="village", quorum_basis="household_reps",
                notice={"noticed_at": HELD - timedelta(days=9)})
    assert [(p.code, p.message) for p in problems(m)] == [
        ("notice.too_late", "村民会议应当于会议召开十日前通知村民")]
    ok = m.model_copy(update={"notice": m.notice.model_copy(update={"noticed_at": HELD - timedelta(days=10)})})
    assert problems(ok) == []


def test_attendance_list_disagreeing_with_present_count_is_a_warning():
    attendees = [{"name": f"户代表{i}", "household_id": new_id(), "role": "household_rep", "signed_in": True}
                 for i in range(19)]
    found = problems(meeting(attendees=attendees))
    assert [(p.code, p.severity) for p in found] == [("present_count.attendees_mismatch", "warning")]


# --- household consent and land transfer -------------------------------------------------

A, B, C = new_id(), new_id(), new_id()


def consent(household, decision="agree", area="2.5", signed=True):
    return {"household_id": household, "representative_name": "户代表", "decision": decision,
            "area_mu": area, "signed_at": HELD + timedelta(days=1),
            "signature": {"method": "sign", "signed_at": HELD + timedelta(days=1)} if signed else None}


def land_meeting(**overrides) -> DeliberationMeeting:
    data = dict(
        topics=[{"topic_id": TOPIC, "title": "连片流转给合作社种沙糖桔", "topic_type": "land_transfer"}],
        affected_household_ids=[A, B],
        household_consents=[consent(A), consent(B, area="1.5")],
        land_transfer={"transferee": {"name": "融安县金桔专业合作社"}, "transferors": [A, B],
                       "total_area_mu": "4.0", "term_start": date(2025, 7, 1), "term_end": date(2030, 6, 30),
                       "contract_period_end": date(2057, 12, 31), "use": "种植沙糖桔",
                       "price_per_mu_year": "800"},
    )
    data.update(overrides)
    return meeting(**data).model_copy(update={"state": "HELD"})


def test_land_transfer_with_every_household_consenting_passes():
    m = land_meeting()
    assert transition_problems(m, "VOTED") == []
    assert m.land_transfer.total_area_mu == Decimal("4.0")


def test_a_majority_vote_does_not_replace_a_missing_household_consent():
    m = land_meeting(affected_household_ids=[A, B, C])
    found = transition_problems(m, "VOTED")
    assert [(p.field, p.code) for p in found] == [("affected_household_ids.2", "consent.missing")]
    assert "多数表决不能代替农户本人同意" in found[0].message


def test_a_household_that_said_no_cannot_be_a_transferor():
    m = land_meeting(household_consents=[consent(A), consent(B, decision="disagree", area="1.5")])
    found = problems(m)
    assert [(p.field, p.code) for p in found] == [
        ("land_transfer.transferors.1", "land_transfer.transferor_without_consent")]
    assert found[0].message == "第2个流出户没有本户签字同意的户同意书，不能列入流转；多数表决不能代替农户本人同意"


def test_an_unsigned_consent_does_not_count():
    m = land_meeting(household_consents=[consent(A), consent(B, area="1.5", signed=False)])
    assert codes_of(transition_problems(m, "VOTED")) == [
        "land_transfer.transferor_without_consent", "consent.missing"]


def test_total_area_is_the_sum_of_consenting_households():
    m = land_meeting()
    wrong = m.model_copy(update={"land_transfer": m.land_transfer.model_copy(update={"total_area_mu": Decimal("5")})})
    found = problems(wrong)
    assert [(p.code, p.message) for p in found] == [
        ("land_transfer.area_mismatch", "流转总面积5亩与同意流转各户面积之和4.0亩不一致")]


def test_term_order_and_remaining_contract_period():
    m = land_meeting()
    lt = m.land_transfer
    backwards = m.model_copy(update={"land_transfer": lt.model_copy(update={"term_end": date(2025, 6, 30)})})
    assert codes_of(problems(backwards)) == ["term_end.not_after_start"]
    too_long = m.model_copy(update={"land_transfer": lt.model_copy(update={"term_end": date(2060, 1, 1)})})
    assert codes_of(problems(too_long)) == ["land_transfer.exceeds_contract_period"]


def test_land_transfer_needs_the_written_contract_clauses():
    m = land_meeting(land_transfer={"transferors": [A, B], "total_area_mu": "4.0"})
    assert codes_of(transition_problems(m, "VOTED")) == [
        "transferee.required", "term_start.required", "term_end.required", "use.required",
        "price_per_mu_year.required"]


def test_consent_signed_before_the_meeting_is_an_error():
    early = consent(B, area="1.5") | {"signed_at": HELD - timedelta(days=2)}
    assert codes_of(problems(land_meeting(household_consents=[consent(A), early]))) == [
        "consent.signed_before_meeting"]

"""People's mediation: case acceptance and outcomes, sessions, the agreement's statutory contents."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from gridapp.errors import InvalidRecord
from gridapp.ids import new_id
from gridapp.models import DisputeCase, FollowUp, MediationAgreement, MediationSession, Party, effective_at
from gridapp.validation import ensure_transition, problems, transition_problems

CST = timezone(timedelta(hours=8))
T0 = datetime(2025, 9, 1, 10, 0, tzinfo=CST)
VILLAGE = "450224100201"


def errors(found):
    return [p.code for p in found if p.is_error]


def parties() -> list[Party]:
    return [
        Party(role="applicant", name="韦秀兰", phone="13800001234", address_or_employer="长安镇大巷村大巷屯12号"),
        Party(role="respondent", name="覃德明", phone="13900002345", address_or_employer="长安镇大巷村大巷屯15号"),
    ]


def accepted_case(**overrides) -> DisputeCase:
    data = dict(
        village_code=VILLAGE, case_no="(2025)大巷人调字第7号", registered_at=T0, registered_by=new_id(),
        source="grid_screening", dispute_type="housing_homestead", summary="两家因宅基地边界滴水发生争执",
        parties=parties(), involved_count=2, escalation_risk="medium", committee_id=new_id(),
        acceptance={"decision": "accept", "decided_at": T0}, rights_notice={"given_at": T0, "method": "written"},
        mediators=[{"mediator_id": new_id(), "assigned_how": "designated"}],
    )
    data.update(overrides)
    return DisputeCase(**data)


def test_accepting_a_complete_case():
    case = accepted_case()
    assert transition_problems(case, "ACCEPTED") == []


def test_a_case_needs_both_sides():
    one_side = accepted_case(parties=[parties()[0], parties()[0].model_copy(update={"party_id": new_id()})])
    found = transition_problems(one_side, "ACCEPTED")
    assert [(p.code, p.message) for p in found] == [("parties.both_sides", "纠纷须至少有两方当事人：申请人和被申请人")]


def test_involved_count_at_least_two_and_other_type_needs_text():
    found = problems(accepted_case(involved_count=1))
    assert errors(found) == ["involved_count.too_small"]
    assert errors(transition_problems(accepted_case(dispute_type="other"), "ACCEPTED")) == [
        "dispute_type_other.required"]


def test_top_risk_needs_a_police_report_before_acceptance():
    case = accepted_case(escalation_risk="criminal")
    found = transition_problems(case, "ACCEPTED")
    assert errors(found) == ["police_report.required"]
    assert "报告当地公安机关" in found[0].message
    reported = accepted_case(escalation_risk="criminal", police_report={"reported_at": T0, "station": "长安派出所"})
    assert transition_problems(reported, "ACCEPTED") == []


def test_rejection_needs_a_reason_and_the_channels_told():
    case = accepted_case(acceptance={"decision": "reject", "decided_at": T0})
    assert errors(transition_problems(case, "REJECTED")) == ["reason.required", "acceptance.channels_required"]
    told = accepted_case(acceptance={"decision": "reject", "decided_at": T0, "reason": "party_refuses",
                                     "channels_told": ["litigation"]})
    assert transition_problems(told, "REJECTED") == []


def test_mediating_needs_a_mediator():
    case = accepted_case(mediators=[]).model_copy(update={"state": "ACCEPTED"})
    assert errors(transition_problems(case, "MEDIATING")) == ["mediators.required"]


def test_invited_participants_need_the_parties_consent_and_five_elders_a_category():
    case = accepted_case(invited_participants=[{"name": "覃老师", "relation": "five_elders"}])
    assert [(p.code, p.message) for p in problems(case)] == [
        ("invited.no_consent", "邀请覃老师参与调解须经当事人同意（人民调解法第二十条）"),
        ("five_elders_category.required", "邀请五老参与调解须注明五老类别"),
    ]


def test_an_outcome_needs_a_session():
    case = accepted_case(outcome="terminated", termination={"at": T0, "reason": "双方分歧太大",
                                                             "channels_told": ["litigation"]})
    mediating = case.model_copy(update={"state": "MEDIATING"})
    assert errors(transition_problems(mediating, "TERMINATED_NO_AGREEMENT")) == ["sessions.required"]
    with_session = mediating.model_copy(update={"session_ids": [new_id()]})
    assert transition_problems(with_session, "TERMINATED_NO_AGREEMENT") == []


def test_termination_must_tell_the_channels():
    case = accepted_case(outcome="terminated", session_ids=[new_id()], termination={"at": T0, "reason": "分歧"})
    found = transition_problems(case.model_copy(update={"state": "MEDIATING"}), "TERMINATED_NO_AGREEMENT")
    assert errors(found) == ["termination.channels_required"]


def test_oral_agreement_with_future_performance_is_warned():
    case = accepted_case(outcome="oral_agreement", session_ids=[new_id()], oral_agreement={
        "agreed_at": T0, "content": "覃家拆除滴水檐", "performance": {"deadline": date(2025, 10, 1)}})
    found = transition_problems(case.model_copy(update={"state": "MEDIATING"}), "ORAL_AGREED")
    assert [(p.code, p.severity) for p in found] == [("oral_agreement.future_performance", "warning")]


def test_session_signed_requires_its_minutes():
    session = MediationSession(village_code=VILLAGE, case_id=new_id())
    assert errors(transition_problems(session, "SIGNED")) == [
        "held_at.required", "place.required", "matter.required", "parties_present.required",
        "mediator_ids.required", "recorder_id.required", "notices_given.required", "statements.required",
        "process.required", "result.required", "signatures.required"]


# --- MediationAgreement -------------------------------------------------------------------

def full_agreement(**overrides) -> MediationAgreement:
    ps = parties()
    data = dict(
        village_code=VILLAGE, case_id=new_id(), agreement_no="(2025)大巷人调字第7号", parties=ps,
        facts_and_issues="覃家屋檐滴水落入韦家院内，双方争执。", responsibilities="覃家负主要责任。",
        terms=[{"no": 1, "obligor": "覃德明", "obligee": "韦秀兰", "content": "拆除滴水檐并赔偿800元",
                "amount_cny": "800"}],
        performance={"method": "cash_lump_sum", "deadline": date(2025, 9, 15), "place": "大巷村委会"},
        copies=3,
        party_signatures=[{"party_id": p.party_id, "method": "fingerprint", "signed_at": T0 + timedelta(hours=i)}
                          for i, p in enumerate(ps)],
        mediator_signatures=[{"signer_name": "黄调解", "method": "sign", "signed_at": T0}],
        seal_affixed={"affixed_at": T0 + timedelta(days=1)}, original_scan_id=new_id(),
    )
    data.update(overrides)
    return MediationAgreement(**data).model_copy(update={"state": "AWAITING_SIGNATURES"})


def test_a_complete_agreement_becomes_effective_on_the_last_signature_or_seal():
    a = full_agreement()
    assert ensure_transition(a, "EFFECTIVE") == []
    assert effective_at(a) == date(2025, 9, 2)


def test_effective_at_is_none_until_everyone_has_signed():
    a = full_agreement()
    assert effective_at(a.model_copy(update={"party_signatures": a.party_signatures[:1]})) is None
    assert effective_at(a.model_copy(update={"seal_affixed": None})) is None


@pytest.mark.parametrize("change, code, message", [
    ({"facts_and_issues": None}, "facts_and_issues.required", "协议书缺少纠纷主要事实、争议事项"),
    ({"responsibilities": ""}, "responsibilities.required", "协议书缺少各方责任"),
    ({"terms": []}, "terms.required", "协议书缺少协议内容"),
    ({"terms": [{"no": 1, "content": "赔偿800元"}]}, "obligor.required", "协议书缺少第1条的义务人"),
    ({"performance": {"method": "transfer", "deadline": date(2025, 9, 15)}}, "place.required",
     "协议书缺少履行地点"),
    ({"performance": {"method": "transfer", "place": "村委会"}}, "deadline.required",
     "协议书缺少履行期限（或注明即时履行）"),
    ({"performance": {"deadline": date(2025, 9, 15), "place": "村委会"}}, "method.required", "协议书缺少履行方式"),
    ({"copies": 2}, "copies.mismatch", "协议书份数应为当事人数加一（2方当事人应为3份），现在是2份"),
    ({"mediator_signatures": []}, "mediator_signature.missing", "协议书缺少调解员签名"),
    ({"seal_affixed": None}, "seal_affixed.missing", "协议书缺少人民调解委员会印章"),
    ({"original_scan_id": None}, "original_scan_id.required", "协议书缺少原件扫描件"),
])
def test_sealing_an_incomplete_agreement_names_each_missing_item(change, code, message):
    a = full_agreement(**change)
    with pytest.raises(InvalidRecord) as caught:
        ensure_transition(a, "EFFECTIVE")
    assert [(p.code, p.message) for p in caught.value.problems] == [(code, message)]


def test_every_party_must_sign():
    a = full_agreement()
    a = a.model_copy(update={"party_signatures": a.party_signatures[:1]})
    found = transition_problems(a, "EFFECTIVE")
    assert [(p.field, p.code, p.message) for p in found] == [
        ("parties.1", "party_signature.missing", "协议书缺少当事人覃德明的签名、盖章或按指印")]


def test_party_details_are_required():
    a = full_agreement()
    bare = a.parties[1].model_copy(update={"address_or_employer": None})
    found = transition_problems(a.model_copy(update={"parties": [a.parties[0], bare]}), "EFFECTIVE")
    assert [(p.code, p.message) for p in found] == [
        ("address_or_employer.required", "协议书缺少当事人第2项（覃德明）的住址或单位")]


def test_all_agreement_messages_are_chinese():
    a = MediationAgreement(village_code=VILLAGE).model_copy(update={"state": "AWAITING_SIGNATURES"})
    for p in transition_problems(a, "EFFECTIVE"):
        assert re.search(r"[\u4e00-\u9fff]", p.message) and not re.search(r"[A-Za-z]{3,}", p.message), p


def test_followup_completion_requires_its_fields():
    f = FollowUp(village_code=VILLAGE, case_id=new_id(), relapse_signs={"flag": True})
    assert errors(transition_problems(f, "COMPLETED")) == [
        "agreement_no.required", "matter.required", "visited_at.required", "mode.required",
        "performance_status.required", "satisfaction.required", "visitor_signature.required",
        "interviewee.required", "text.required"]

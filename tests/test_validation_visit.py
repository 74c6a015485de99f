"""VisitRecord: what a draft may lack, and the guard DRAFT → COMPLETED."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from gridapp.errors import InvalidRecord, TransitionNotAllowed
from gridapp.ids import new_id
from gridapp.models import VisitRecord
from gridapp.validation import ensure_transition, ensure_valid, problems, transition_problems

CST = timezone(timedelta(hours=8))
START = datetime(2025, 5, 6, 9, 30, tzinfo=CST)


def complete_visit(**overrides) -> VisitRecord:
    data = dict(
        village_code="450224100201", visit_no="450224100201-ZF-20250506-1", grid_id=new_id(),
        target_kind="household", household_id=new_id(), visitor_staff_ids=[new_id()],
        started_at=START, ended_at=START + timedelta(minutes=40), visit_mode="home",
        purposes=["dispute_screening"], dispute_screening="none_found",
        summary="走访韦家，了解老人身体和用电情况。", notice_given=True,
    )
    data.update(overrides)
    return VisitRecord(**data)


def error_codes(found):
    return [p.code for p in found if p.is_error]


def test_an_empty_draft_is_valid():
    assert problems(VisitRecord(village_code="450224100201")) == []


def test_a_complete_visit_may_be_completed():
    assert transition_problems(complete_visit(), "COMPLETED") == []
    assert ensure_transition(complete_visit(), "COMPLETED") == []


def test_completing_an_empty_draft_lists_every_missing_field_in_chinese():
    found = transition_problems(VisitRecord(village_code="450224100201"), "COMPLETED")
    assert error_codes(found) == [
        "visit_no.required", "grid_id.required", "target_kind.required", "visitor_staff_ids.required",
        "started_at.required", "visit_mode.required", "purposes.required", "summary.required",
        "notice_given.required",
    ]
    assert found[0].message == "走访记录缺少走访编号"
    assert all(re.search(r"[\u4e00-\u9fff]", p.message) for p in found)


def test_ended_before_started_is_an_error_even_in_a_draft():
    v = VisitRecord(village_code="450224100201", started_at=START, ended_at=START - timedelta(minutes=1))
    assert [(p.field, p.code, p.message) for p in problems(v)] == [
        ("ended_at", "ended_at.before_started_at", "结束时间不能早于开始时间")]


def test_next_visit_must_be_after_this_visit():
    v = complete_visit(next_visit_due=date(2025, 5, 6))
    assert error_codes(problems(v)) == ["next_visit_due.not_after_visit"]
    assert problems(complete_visit(next_visit_due=date(2025, 5, 7))) == []


def test_summary_needs_ten_characters():
    assert error_codes(transition_problems(complete_visit(summary="一切正常"), "COMPLETED")) == ["summary.too_short"]


def test_issue_not_handled_on_the_spot_needs_an_event_report():
    v = complete_visit(issues=[{"category": "fire_hazard", "description": "电线老化", "handled_on_spot": False}])
    found = transition_problems(v, "COMPLETED")
    assert [(p.field, p.code, p.message) for p in found] == [
        ("issues.0.event_report_id", "issues.event_report_missing", "第1个问题未当场解决，须先上报事件")]
    reported = v.issues[0].model_copy(update={"event_report_id": new_id()})
    assert transition_problems(complete_visit(issues=[reported]), "COMPLETED") == []
    on_spot = v.issues[0].model_copy(update={"handled_on_spot": True})
    assert transition_problems(complete_visit(issues=[on_spot]), "COMPLETED") == []


def test_dispute_screening_result_required_for_that_purpose():
    v = complete_visit(dispute_screening=None)
    assert error_codes(transition_problems(v, "COMPLETED")) == ["dispute_screening.required"]


def test_a_found_dispute_needs_a_case():
    v = complete_visit(dispute_screening="dispute_found")
    found = transition_problems(v, "COMPLETED")
    assert [(p.code, p.message) for p in found] == [
        ("dispute_case_ids.required", "排查发现纠纷时，须登记或关联至少一个纠纷案件")]
    assert transition_problems(complete_visit(dispute_screening="dispute_found", dispute_case_ids=[new_id()]),
                               "COMPLETED") == []


def test_notice_not_given_is_a_warning():
    found = transition_problems(complete_visit(notice_given=False), "COMPLETED")
    assert [(p.code, p.severity) for p in found] == [("notice_given.false", "warning")]


def test_household_target_needs_the_household():
    assert error_codes(transition_problems(complete_visit(household_id=None), "COMPLETED")) == [
        "household_id.required"]


def test_completed_visit_keeps_its_requirements():
    v = complete_visit(summary=None).model_copy(update={"state": "COMPLETED"})
    with pytest.raises(InvalidRecord) as caught:
        ensure_valid(v)
    assert caught.value.codes() == ["summary.required"]


def test_draft_cannot_jump_to_reviewed():
    with pytest.raises(TransitionNotAllowed) as caught:
        ensure_transition(complete_visit(), "REVIEWED")
    assert caught.value.message == "走访记录不能从“草稿”直接变为“已审核”"
    assert [p.code for p in transition_problems(complete_visit(), "REVIEWED")] == ["transition.not_allowed"]


def test_a_problem_shown_under_its_field_drops_the_field_title_it_starts_with():
    from gridapp.errors import Problem, problems_by_field

    titled = Problem("summary", "visit.summary_short", "小结：至少写 10 个字")
    plain = Problem("next_visit_on", "visit.next_before", "下次走访日期要在本次走访之后", "warning")
    sentence = Problem("summary", "x", "这是一句很长的话，冒号出现在后面：所以不去掉")
    assert titled.short_message == "至少写 10 个字"
    assert plain.short_message == plain.message and sentence.short_message == sentence.message
    grouped = problems_by_field([plain, titled, sentence], lambda path: path.split(".")[0])
    assert grouped == {"summary": [titled, sentence], "next_visit_on": [plain]}
    assert list(problems_by_field([plain, titled], lambda _: "form")["form"]) == [titled, plain]  # errors first

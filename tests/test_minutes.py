"""Minutes from form values: the quorum and vote sentences, problems under their form fields,
finalising (定稿) to the sealed state, and the printed minutes' text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from gridapp import demo
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.minutes import (
    NO_CONSENTS, Attending, ConsentEntry, LandEntry, MeetingDraft, TopicEntry, MinutesSaver, check_draft, draft_of,
    finalise_problems, path_to, quorum_sentence, vote_sentence,
)
from gridapp.minutes_doc import hamlet_roster, minutes_doc, next_meeting_no, read_minutes

VILLAGE = "450224101206"  # 泉头村委会 (浮石镇)
HELD = datetime(2026, 5, 20, 19, 30, tzinfo=CHINA_TZ)
TODAY = date(2026, 5, 21)


def households(n: int) -> list[Attending]:
    return [Attending(new_id(), new_id(), f"韦{i}") for i in range(n)]


def draft(**overrides) -> MeetingDraft:
    values = dict(
        village_code=VILLAGE, meeting_no=f"{VILLAGE}-YS-2026-1", meeting_type="hamlet_micro_deliberation",
        hamlet="下岭尾屯", convener_id=new_id(), chair_id=new_id(), recorder_id=new_id(),
        noticed_on=date(2026, 5, 15), notice_method="posting", held_at=HELD, location="下岭尾屯文化室",
        quorum_basis="household_reps", eligible_count=42, present_count=30, attending=households(30),
        topics=[TopicEntry(title="屯内道路硬化", topic_type="public_works", voted=True, present=30, yes=25, no=3,
                           abstain=2, resolution="同意硬化屯内主路，群众投工投劳。")],
        discussion_summary="大家同意修路。",
    )
    values.update(overrides)
    return MeetingDraft(**values)


def test_the_quorum_is_said_in_a_sentence_with_the_minimum_needed():
    met = check_draft(draft()).meeting
    assert quorum_sentence(met) == ("应到 42 户，实到 30 户，超过三分之二（至少 28 户），符合法定人数", True)
    short = check_draft(draft(present_count=20, attending=households(20), topics=[])).meeting
    assert quorum_sentence(short) == (
        "应到 42 户，实到 20 户，不足三分之二（至少要 28 户），不符合法定人数，不能表决", False)
    exact = check_draft(draft(eligible_count=42, present_count=28, attending=households(28))).meeting
    assert quorum_sentence(exact)[0] == "应到 42 户，实到 28 户，达到三分之二（至少 28 户），符合法定人数"


def test_a_basis_that_does_not_fit_the_meeting_type_is_said_plainly():
    m = check_draft(draft(meeting_type="villager_rep_assembly", quorum_basis="household_reps", topics=[])).meeting
    text, ok = quorum_sentence(m)
    assert ok is False and text.startswith("村民代表会议不能按户代表计算法定人数")


def test_vote_sentences_check_the_arithmetic_and_the_majority():
    m = check_draft(draft()).meeting
    assert vote_sentence(m, TopicEntry(voted=True, present=30, yes=16)) == (
        "同意 16 票，超过实到 30 户的一半，通过", True)
    assert vote_sentence(m, TopicEntry(voted=True, present=30, yes=15, no=15)) == (
        "同意 15 票，没有超过实到 30 户的一半，未通过", False)
    assert vote_sentence(m, TopicEntry(voted=True, present=30, yes=20, no=8, abstain=5)) == (
        "同意 20 + 反对 8 + 弃权 5 = 33，多于实到 30 户，请核对票数", False)


def test_passed_is_the_arithmetics_and_bad_counts_sit_under_their_topics_vote():
    good = check_draft(draft())
    assert good.can_save and good.meeting.votes[0].passed is True and good.meeting.resolutions[0].passed is True
    second = TopicEntry(title="修缮文化室", topic_type="public_works", voted=True, present=30, yes=20, no=8, abstain=5)
    bad = check_draft(draft(topics=[TopicEntry(title="只讨论不表决"), second]))
    assert not bad.can_save
    assert [p.code for p in bad.by_field()["topic_1_vote"]] == ["vote.count_exceeds_present"]


def test_a_wrongly_shaped_value_names_its_field_and_gives_no_record():
    check = check_draft(draft(consents=[ConsentEntry(new_id(), "韦一", "agree", area_mu="三亩")]))
    assert check.meeting is None and "consent_0" in check.by_field()


def test_finalising_walks_the_machine_and_needs_what_the_sealed_state_needs():
    assert path_to("meeting", "PROPOSED", "VOTED") == ["NOTICED", "HELD", "VOTED"]
    assert finalise_problems(check_draft(draft()).meeting, today=TODAY) == []
    missing = finalise_problems(check_draft(draft(location="", discussion_summary="")).meeting, today=TODAY)
    fields = {check_draft(draft()).form_field(p.field) for p in missing if p.is_error}
    assert fields == {"location", "discussion_summary"}


def test_a_land_topic_without_household_consents_cannot_be_finalised():
    land = TopicEntry(title="土地流转建设彩椒基地", topic_type="land_transfer", voted=True, present=30, yes=25,
                      resolution="同意流转。")
    check = check_draft(draft(topics=[land], land=LandEntry(transferee="柳州市红椒农业科技有限公司")))
    found = finalise_problems(check.meeting, today=TODAY)
    assert any(p.code == "consent.none_listed" and p.message == NO_CONSENTS for p in found)
    assert check.form_field("affected_household_ids") == "consents"


def test_only_households_that_signed_agree_become_transferors():
    a, b = new_id(), new_id()
    land = TopicEntry(title="土地流转", topic_type="land_transfer", voted=True, present=30, yes=25, resolution="同意流转。")
    consents = [ConsentEntry(a, "韦甲", "agree", date(2026, 5, 21), "sign", "3.5"),
                ConsentEntry(b, "韦乙", "disagree", date(2026, 5, 21), "sign", "2")]
    entry = LandEntry("柳州市红椒农业科技有限公司", date(2026, 6, 1), date(2031, 5, 31), "种植彩椒", "600")
    check = check_draft(draft(topics=[land], consents=consents, land=entry))
    assert check.meeting.land_transfer.transferors == [a]
    assert check.meeting.land_transfer.total_area_mu == Decimal("3.5")
    assert finalise_problems(check.meeting, today=TODAY) == []


def test_a_stored_meeting_comes_back_to_the_same_form_values():
    first = check_draft(draft(publicity=[]))
    again = check_draft(draft_of(first.meeting))
    assert again.meeting.model_dump() == first.meeting.model_dump()


@pytest.fixture
def demo_store(store):
    store.import_records(demo.generate(households=30, seed=7))
    return store


def test_a_hamlets_roster_numbering_saving_finalising_and_printing(demo_store):
    rosters = [hamlet_roster(demo_store, h) for h in demo_store.hamlets()]
    roster = max(rosters, key=lambda r: len(r.people))
    hamlet = roster.hamlet
    assert roster.households and len(roster.village_code) == 12 and roster.people
    year = HELD.year
    number = next_meeting_no(demo_store, roster.village_code, year)
    assert number.startswith(f"{roster.village_code}-YS-{year}-")
    ticked = [Attending(h.id, h.head_person_id, h.head_name) for h in roster.households]
    values = draft(village_code=roster.village_code, meeting_no=number, hamlet=hamlet,
                   chair_id=roster.people[0].id, recorder_id=roster.people[1].id,
                   held_at=datetime.now(CHINA_TZ) - timedelta(hours=2), noticed_on=date.today() - timedelta(days=3),
                   eligible_count=len(ticked), present_count=len(ticked), attending=ticked,
                   topics=[TopicEntry(title="屯内道路硬化", topic_type="public_works", voted=True,
                                      present=len(ticked), yes=len(ticked), resolution="同意硬化屯内主路。")])
    meeting = check_draft(values).meeting
    saver = MinutesSaver(meeting.id)
    saver.save(demo_store, meeting)
    assert next_meeting_no(demo_store, roster.village_code, year) != number
    saver.save(demo_store, meeting.model_copy(update={"location": "文化室"}))  # its own saves are not stale
    saver.finalise(demo_store, meeting)
    stored = demo_store.get(meeting.id)
    assert (stored.state, stored.sealed) == ("VOTED", True)
    doc = read_minutes(demo_store, meeting.id)
    assert doc.title.startswith("融安县") and doc.title.endswith("微议事会议记录")
    assert doc.facts[4] == ("主持人", roster.people[0].name)
    assert doc.topics[0].result == "通过" and doc.topics[0].resolution == "同意硬化屯内主路。"
    assert roster.households[0].head_name in doc.attendees


def test_the_printed_minutes_name_the_village_and_leave_unknown_people_blank():
    doc = minutes_doc(check_draft(draft()).meeting, {})
    assert doc.title == "融安县泉头村微议事会议记录"
    assert doc.place_line == "浮石镇　泉头村　下岭尾屯"
    assert dict(doc.facts)["主持人"] == "＿＿＿＿＿＿"
    assert doc.topics[0].vote == "举手表决：实到 30 户，同意 25，反对 3，弃权 2"

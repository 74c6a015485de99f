"""定稿 is all or nothing: the minutes are saved and walked through every state to the sealed one in
one transaction, so a failure on the last step (a full disk, a crash, a guard) leaves the meeting
exactly as it was before 定稿 was pressed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gridapp import demo
from gridapp.errors import InvalidRecord
from gridapp.idnumber import CHINA_TZ
from gridapp.minutes import Attending, MeetingDraft, MinutesSaver, TopicEntry, check_draft
from gridapp.minutes_doc import hamlet_roster, next_meeting_no


@pytest.fixture
def demo_store(store):
    store.import_records(demo.generate(households=30, seed=7))
    return store


def valid_meeting(store):
    roster = max((hamlet_roster(store, h) for h in store.hamlets()), key=lambda r: len(r.people))
    ticked = [Attending(h.id, h.head_person_id, h.head_name) for h in roster.households]
    n = len(ticked)
    draft = MeetingDraft(
        village_code=roster.village_code, meeting_no=next_meeting_no(store, roster.village_code, 2026),
        hamlet=roster.hamlet, convener_id=roster.people[0].id, chair_id=roster.people[0].id,
        recorder_id=roster.people[1].id, noticed_on=date.today() - timedelta(days=3), notice_method="posting",
        held_at=datetime.now(CHINA_TZ) - timedelta(hours=2), location="屯文化室", eligible_count=n,
        present_count=n, attending=ticked, discussion_summary="大家同意修路。",
        topics=[TopicEntry(title="屯内道路硬化", topic_type="public_works", voted=True, present=n, yes=n,
                           resolution="同意硬化屯内主路。")])
    return check_draft(draft).meeting


def snapshot(store, meeting_id: str) -> tuple:
    """Everything 定稿 could write about the meeting: the record, its audit, states and outbox."""
    return (store.get(meeting_id).model_dump(), [e.action for e in store.history(meeting_id)],
            store.state_history(meeting_id), [(o.op, o.record_id, o.payload) for o in store.outbox(status=None)])


def test_finalising_seals_the_saved_draft_through_every_state(demo_store):
    meeting = valid_meeting(demo_store)
    saver = MinutesSaver(meeting.id)
    saver.save(demo_store, meeting)
    saver.finalise(demo_store, meeting.model_copy(update={"location": "屯文化楼"}))
    sealed = demo_store.get(meeting.id)
    assert (sealed.state, sealed.sealed, sealed.location) == ("VOTED", True, "屯文化楼")
    assert [(f, t) for f, t, _at, _why in demo_store.state_history(meeting.id)] == [
        (None, "PROPOSED"), ("PROPOSED", "NOTICED"), ("NOTICED", "HELD"), ("HELD", "VOTED")]


def test_a_failure_on_the_last_step_leaves_the_meeting_exactly_as_before(demo_store):
    meeting = valid_meeting(demo_store)
    saver = MinutesSaver(meeting.id)
    saver.save(demo_store, meeting)
    before = snapshot(demo_store, meeting.id)
    # The disk refuses the last write (HELD → VOTED), after the save and two transitions went through.
    demo_store._conn.execute(
        "CREATE TEMP TRIGGER fail_the_seal BEFORE UPDATE OF state ON main.records WHEN NEW.state = 'VOTED' "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    with pytest.raises(Exception, match="disk I/O error"):
        saver.finalise(demo_store, meeting.model_copy(update={"location": "屯文化楼"}))
    assert snapshot(demo_store, meeting.id) == before
    assert demo_store.get(meeting.id).location == "屯文化室"

    demo_store._conn.execute("DROP TRIGGER fail_the_seal")  # the disk is back: 定稿 again works
    saver.finalise(demo_store, meeting)
    assert (demo_store.get(meeting.id).state, demo_store.get(meeting.id).sealed) == ("VOTED", True)


def test_a_guard_that_refuses_the_last_state_writes_nothing(demo_store):
    meeting = valid_meeting(demo_store)
    MinutesSaver(meeting.id).save(demo_store, meeting)
    unfinished = meeting.model_copy(update={"votes": [], "resolutions": []})
    MinutesSaver(meeting.id, demo_store.get(meeting.id).version).save(demo_store, unfinished)
    before = snapshot(demo_store, meeting.id)
    with pytest.raises(InvalidRecord):
        demo_store.transition_path(meeting.id, ["NOTICED", "HELD", "VOTED"], reason="议事记录定稿")
    assert snapshot(demo_store, meeting.id) == before
    demo_store.transition_path(meeting.id, ["NOTICED", "HELD"], reason="只走到召开")  # the first two steps were fine
    assert demo_store.get(meeting.id).state == "HELD"

"""公示 is recorded after 定稿, outside the seal: the sealed minutes take it, their content hash never
changes, the change is audited and queued for sync; nothing else of a sealed record can be written
this way."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gridapp import sealing
from gridapp.errors import GridAppError, InvalidRecord
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.minutes import Attending, MeetingDraft, MinutesSaver, PublicityEntry, TopicEntry, check_draft
from gridapp.publicity import publicity_values, record_publicity

VILLAGE = "450224101201"


def sealed_meeting(store):
    ticked = [Attending(new_id(), new_id(), f"韦{i}") for i in range(9)]
    draft = MeetingDraft(
        village_code=VILLAGE, meeting_no=f"{VILLAGE}-YS-2026-3", hamlet="下岭尾屯", convener_id=new_id(),
        chair_id=new_id(), recorder_id=new_id(), noticed_on=date.today() - timedelta(days=3), notice_method="posting",
        held_at=datetime.now(CHINA_TZ) - timedelta(hours=2), location="屯文化室", eligible_count=9, present_count=9,
        attending=ticked, discussion_summary="大家同意修路。",
        topics=[TopicEntry(title="屯内道路硬化", topic_type="public_works", voted=True, present=9, yes=9,
                           resolution="同意硬化屯内主路。")])
    meeting = check_draft(draft).meeting
    MinutesSaver(meeting.id).finalise(store, meeting)
    return store.get(meeting.id)


POSTED = PublicityEntry("resolution_public", date.today(), "屯公告栏", 7)


def test_publicity_after_sealing_is_kept_audited_and_queued_and_the_seal_is_untouched(store):
    sealed = sealed_meeting(store)
    before_outbox = len(store.outbox())
    record_publicity(store, sealed.id, [POSTED, PublicityEntry("result_public")])
    after = store.get(sealed.id)
    assert [(p.kind, p.place, p.period_days, p.posted_at.date()) for p in after.publicity] == [
        ("resolution_public", "屯公告栏", 7, date.today())]
    assert (after.sealed, after.state, after.content_hash) == (True, "VOTED", sealed.content_hash)
    assert after.document() == sealed.document()
    assert sealing.content_hash(after.document(), []) == sealed.content_hash and store.verify_seals() == []
    assert store.history(sealed.id)[-1].action == "annotate"
    queued = store.outbox()[before_outbox:]
    assert [(o.op, o.payload["fields"]) for o in queued] == [("update", ["publicity"])]


def test_the_same_publicity_again_writes_nothing_and_objections_typed_elsewhere_are_kept(store):
    sealed = sealed_meeting(store)
    store.annotate(sealed.id, {"publicity": [{**publicity_values([POSTED])[0], "objections": "无异议"}]})
    version = store.get(sealed.id).version
    assert not record_publicity(store, sealed.id, [POSTED])
    assert store.get(sealed.id).version == version
    record_publicity(store, sealed.id, [PublicityEntry("resolution_public", date.today(), "村部公告栏", 7)])
    assert [(p.place, p.objections) for p in store.get(sealed.id).publicity] == [("村部公告栏", "无异议")]


def test_nothing_but_the_annex_of_a_sealed_record_can_be_written_this_way(store):
    sealed = sealed_meeting(store)
    version = store.get(sealed.id).version
    with pytest.raises(GridAppError) as refused:
        store.annotate(sealed.id, {"location": "别处"})
    assert refused.value.code == "annotate.not_annex"
    with pytest.raises(InvalidRecord):
        record_publicity(store, sealed.id, [PublicityEntry("resolution_public", date.today(), "屯公告栏", 400)])
    assert store.get(sealed.id).version == version and store.get(sealed.id).location == "屯文化室"

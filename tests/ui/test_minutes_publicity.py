"""公示 on sealed minutes: the publicity rows stay open after 定稿, what is typed there saves itself,
and the sealed minutes keep their content hash; everything else stays read-only."""

from __future__ import annotations

from datetime import date

from gridapp.listing import ListFilter
from ui.meeting_form import MeetingForm


def test_publicity_is_recorded_on_sealed_minutes_without_touching_the_seal(qtbot, desktop):
    meeting_id = desktop.store.list_ids("meeting", ListFilter(states=("VOTED",)))[0]
    sealed = desktop.store.get(meeting_id)
    form = MeetingForm(desktop.runner, meeting_id)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.sealed and desktop.runner.busy == 0)
    kind, posted, place, days = form.publicity_rows[0]
    assert kind == "resolution_public" and not place.isReadOnly() and not posted.isReadOnly()
    assert form.location.isReadOnly() and form.publicity_note.isVisibleTo(form)

    posted.set_value(date.today())
    place.setText("屯公告栏")
    days.setValue(7)
    qtbot.waitUntil(lambda: bool(desktop.store.get(meeting_id).publicity) and desktop.runner.busy == 0, timeout=5000)
    qtbot.waitUntil(lambda: "公示已保存" in form.status.text() and desktop.runner.busy == 0, timeout=5000)
    stored = desktop.store.get(meeting_id)
    assert [(p.kind, p.place, p.period_days) for p in stored.publicity
            if p.kind == "resolution_public"] == [("resolution_public", "屯公告栏", 7)]
    assert (stored.sealed, stored.state, stored.content_hash) == (True, sealed.state, sealed.content_hash)
    assert stored.document() == sealed.document() and desktop.store.verify_seals() == []
    assert desktop.store.history(meeting_id)[-1].action == "annotate"

    version = stored.version
    form.flush()  # nothing new typed: nothing written
    desktop.runner.wait()
    assert desktop.store.get(meeting_id).version == version

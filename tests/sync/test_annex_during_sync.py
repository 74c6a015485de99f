"""公示 typed on a sealed meeting while a sync runs (the form saves itself after a pause) is not
lost when the same sync pulls another laptop's change to that meeting's annex: the pulled change
keeps our unsent fields on top, the next sync sends them, and both laptops end with both."""

from __future__ import annotations



from gridapp.publicity import record_publicity
from sync.session import sync_now
from tests.support import factories as f
from tests.test_publicity import POSTED, sealed_meeting



def test_publicity_saved_between_push_and_pull_survives_a_pulled_annex_change(worker_pair):
    a, b = worker_pair
    sealed = sealed_meeting(a.store)
    a.sync()
    b.sync()
    b.store.annotate(sealed.id, {"implementation": {"status": "in_progress", "note": "已开工"}}, reason="实施")
    b.sync()

    a.store.save(f.person("韦小明"))  # something to push, so the sync reports a push phase
    typed: list[bool] = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "push" and done >= total and not typed:  # pushed; the pull comes next
            record_publicity(a.store, sealed.id, [POSTED])
            typed.append(True)

    sync_now(a.store, progress, client=a.client)
    assert typed
    mine = a.store.get(sealed.id)
    assert [(p.kind, p.place) for p in mine.publicity] == [("resolution_public", "屯公告栏")]  # not overwritten
    assert mine.implementation is not None and mine.implementation.status == "in_progress"  # theirs arrived
    assert a.store.pending_count() == 1

    a.sync()
    b.sync()
    for laptop in (a, b):
        meeting = laptop.store.get(sealed.id)
        assert [(p.kind, p.place) for p in meeting.publicity] == [("resolution_public", "屯公告栏")]
        assert meeting.implementation.status == "in_progress"
        assert meeting.content_hash == sealed.content_hash and laptop.store.pending_count() == 0
        assert not laptop.store.sync_problems()

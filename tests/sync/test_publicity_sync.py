"""公示 recorded after 定稿 reaches the server and the other laptop: the minutes stay sealed with the
same content hash everywhere; the server's database lets a sealed record's annex change, never its
document."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, text, update
from sqlalchemy.exc import DBAPIError

from gridapp.minutes import PublicityEntry
from gridapp.publicity import record_publicity
from sync.server.tables import records
from tests.test_publicity import sealed_meeting



def test_publicity_after_sealing_syncs_and_the_seal_never_changes(worker_pair):
    a, b = worker_pair
    sealed = sealed_meeting(a.store)
    a.sync()
    b.sync()
    assert b.store.get(sealed.id).content_hash == sealed.content_hash
    record_publicity(a.store, sealed.id, [PublicityEntry("resolution_public", date.today(), "屯公告栏", 7)])
    report = a.sync()
    assert a.store.pending_count() == 0 and not a.store.sync_problems(), report
    b.sync()
    theirs = b.store.get(sealed.id)
    assert [(p.kind, p.place, p.period_days) for p in theirs.publicity] == [("resolution_public", "屯公告栏", 7)]
    assert (theirs.sealed, theirs.state, theirs.content_hash) == (True, "VOTED", sealed.content_hash)
    assert a.store.get(sealed.id).content_hash == sealed.content_hash
    assert b.store.verify_seals() == [] and a.store.verify_seals() == []


def test_the_servers_database_lets_the_annex_of_a_sealed_record_change_but_not_its_document(engine):
    with engine.begin() as conn:
        conn.execute(insert(records).values(
            id="0190a000-0000-7000-8000-000000000002", type="meeting", bucket="450224101201", state="VOTED",
            version=1, change_no=1, sealed=True, content_hash="a" * 64, deleted=False,
            root_id="0190a000-0000-7000-8000-000000000002", revision=1, data='{"location": "屯文化室", "publicity": []}',
            created_at=text("CURRENT_TIMESTAMP"), updated_at=text("CURRENT_TIMESTAMP"), created_by="t",
            updated_by="t", device_id="d"))
    posted = '{"location": "屯文化室", "publicity": [{"kind": "resolution_public", "place": "屯公告栏"}]}'
    with engine.begin() as conn:
        conn.execute(update(records).values(data=posted, version=2, change_no=2))
    with pytest.raises(DBAPIError, match="sealed record"):
        with engine.begin() as conn:
            conn.execute(update(records).values(data=posted.replace("屯文化室", "别处")))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT data FROM records")).scalar_one() == posted

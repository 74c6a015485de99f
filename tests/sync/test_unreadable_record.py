"""A record from the server that this laptop's models cannot read (a newer server, an older
program) stops the sync with a plain message and code, stores nothing of it, and loses nothing
the laptop had: its own changes were sent first and stay; the next sync after the cause is
gone completes."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from sync.client import ProtocolError
from sync.server.tables import records
from tests.server.conftest import grid_of
from tests.support import factories as f


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(f.QUANTOU, 1))


def test_an_unreadable_record_is_said_plainly_and_nothing_is_lost(make_laptop, worker, engine, settings):
    # The record is changed below as no server changes one (no new change number): the cached
    # snapshot from before would still be served, so every snapshot is built anew here.
    settings.snapshot_stale_changes = 0
    a = make_laptop(worker)
    person = f.person("韦小明")
    a.store.save(person)
    a.sync()
    with engine.begin() as conn:  # as a newer server would hold it: a field this program lacks (and
        # a row of the newer program's format, which this laptop's snapshots are not made of)
        data = json.loads(conn.execute(select(records.c.data).where(records.c.id == person.id)).scalar_one())
        conn.execute(update(records).where(records.c.id == person.id)
                     .values(data=json.dumps({**data, "field_of_a_newer_version": 1}, ensure_ascii=False),
                             laptop_row="2.newer\t[]\t{}\t{}"))

    b = make_laptop(worker)
    mine = f.person("覃小红", id_number=None)
    b.store.save(mine)
    with pytest.raises(ProtocolError) as caught:
        b.sync()
    assert caught.value.code == "record.unreadable" and "升级网格工作台" in caught.value.message
    assert not b.store.exists(person.id)  # nothing of it stored
    assert b.store.get(mine.id).full_name == "覃小红" and b.store.pending_count() == 0  # ours was sent first

    with engine.begin() as conn:  # the county repairs the record ...
        conn.execute(update(records).where(records.c.id == person.id)
                     .values(data=json.dumps(data, ensure_ascii=False)))
    a.store.save(a.store.get(person.id).model_copy(update={"full_name": "韦晓明"}))
    a.sync()  # ... and it changes again, so the village's snapshot is made anew
    b.sync()
    assert b.store.get(person.id).full_name == "韦晓明" and b.store.get(mine.id).full_name == "覃小红"

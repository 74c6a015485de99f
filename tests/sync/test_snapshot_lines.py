"""Snapshot lines are parsed and validated in one step (`sync.engine.checked_changes`): the laptop
stores exactly what the plain path (json.loads, then the store validating each record) stores,
and a record that breaks its model is still refused, with nothing of its part written."""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from gridapp import syncing
from gridapp.models import Person, Record
from gridapp.store import Store, now_text
from sync import protocol as p
from sync.engine import checked_changes
from tests.support import factories as f

ROW = ("SELECT rowid, id, type, bucket, state, server_version, sealed, content_hash, root_id, revision, body, annex, "
       "title, sort_key, parent_id, id_hmac, deleted, created_by FROM records ORDER BY rowid")


def line(record: Record, n: int, *, state: str = "ACTIVE", data: dict[str, Any] | None = None) -> bytes:
    """One snapshot line as the server writes it: the change, its record's stored JSON last."""
    head = p.Change(bucket=record.bucket(), change_no=n, record_type=record.RECORD_TYPE, record_id=record.id,
                    version=1, state=state, root_id=record.id, updated_at=datetime(2026, 11, 20, tzinfo=UTC),
                    updated_by="韦网格员").model_dump_json(exclude={"record"})
    body = data if data is not None else record.model_dump(mode="json", exclude=record.document_exclude())
    return f'{head[:-1]},"record":{json.dumps(body, ensure_ascii=False, sort_keys=True)}}}'.encode()


def village() -> list[bytes]:
    head, wife = f.person("韦大山"), f.person("覃秀英", id_number=None)
    home = f.household(head, wife)
    seen = f.visit(home.id, summary="  老人腿脚不便，村医已上门。 ")  # spaces stripped by the model
    return [line(head, 1), line(wife, 2), line(home, 3), line(seen, 4, state="DRAFT")]


@pytest.fixture
def second_store(tmp_path, db_key):
    opened = Store.create(tmp_path / "other.db", db_key, actor="韦网格员", device_id="laptop-1")
    yield opened
    opened.close()


def test_checked_lines_are_stored_exactly_as_the_plain_path_stores_them(store, second_store):
    lines = village()
    checked = checked_changes(lines)
    assert all(isinstance(c, syncing.Checked) for c in checked)
    for s in (store, second_store):
        s.set_id_hmac_key("ab" * 32)
    store.apply_pull(checked, {f.QUANTOU: 4})
    second_store.apply_pull([json.loads(x) for x in lines], {f.QUANTOU: 4})

    def rows(s: Store) -> list[tuple[Any, ...]]:
        return list(s._conn.execute(ROW))

    assert rows(store) == rows(second_store)
    assert len(rows(store)) == 4
    visit_row = store._conn.execute("SELECT state, body FROM records WHERE type = 'visit'").fetchone()
    assert visit_row[0] == "DRAFT" and '"老人腿脚不便，村医已上门。"' in visit_row[1]
    for s in (store, second_store):
        assert [r.title for r in s.search("腿脚不便")] == [r.title for r in store.search("腿脚不便")] != []
        assert [r.title for r in s.search("韦")] == ["韦大山"]
    assert store.sync_cursors() == second_store.sync_cursors() == {f.QUANTOU: 4}


def test_a_record_that_breaks_its_model_is_refused_and_nothing_of_its_part_is_stored(store):
    lines = village()
    bad = f.person("韦小红")
    data = bad.model_dump(mode="json", exclude=bad.document_exclude())
    data["id_number"] = "110105194912310021"  # wrong check character
    lines.insert(2, line(bad, 5, data=data))
    checked = checked_changes(lines)
    assert not isinstance(checked[2], syncing.Checked)  # left to the store's own validation
    assert sum(isinstance(c, syncing.Checked) for c in checked) == 4
    with pytest.raises(ValidationError):
        store.apply_pull(checked, {f.QUANTOU: 5})
    assert store._conn.execute("SELECT count(*) FROM records").fetchone()[0] == 0
    assert store.sync_cursors() == {}


def test_a_line_whose_change_breaks_the_protocol_is_left_to_the_plain_path():
    head = f.person("韦大山")
    good = line(head, 1)
    extra = good[:-1] + b',"surprise":1}'
    odd_state = line(f.person("覃秀英"), 2, state=" ACTIVE")
    [a, b, c] = checked_changes([good, extra, odd_state])
    assert isinstance(a, syncing.Checked) and a.model.state == "ACTIVE" and a["record_id"] == head.id
    assert type(b) is dict and b["surprise"] == 1
    assert type(c) is dict and c["state"] == " ACTIVE"


# ---------------------------------------------------------------- villages prepared ahead

OTHER = "450224101202"


class Snapshots:
    """The county server's snapshot files, as a client hands them over (or fails to)."""

    def __init__(self, files: dict[str, bytes | Exception]) -> None:
        self.files, self.asked = files, []

    def snapshot(self, bucket: str, check: Any = None, rows: str | None = None, stop: Any = None) -> bytes:
        self.asked.append(bucket)
        found = self.files[bucket]
        if isinstance(found, Exception):
            raise found
        if check:
            check({"X-Snapshot-Records": "4", "X-Snapshot-Bytes": str(len(found))})
        return found


def snapshot_file(bucket: str, lines: list[bytes]) -> bytes:
    header = p.SnapshotHeader(bucket=bucket, change_no=len(lines), count=len(lines),
                              checksum=p.BucketChecksum(change_no=len(lines), count=len(lines), xor="0" * 16))
    return gzip.compress(b"\n".join([header.model_dump_json().encode(), *lines]) + b"\n")


def test_a_village_that_fails_ahead_fails_in_its_turn_after_the_ones_before_are_stored(store):
    from sync.client import OfflineError
    from sync.engine import SyncReport, _snapshots

    store.set_id_hmac_key("ab" * 32)
    client = Snapshots({f.QUANTOU: snapshot_file(f.QUANTOU, village()), OTHER: OfflineError("试验：断网")})
    report = SyncReport()
    with pytest.raises(OfflineError):
        _snapshots(store, client, [f.QUANTOU, OTHER], report, lambda *_: None)
    assert client.asked == [f.QUANTOU, OTHER]
    assert store.sync_cursors() == {f.QUANTOU: 4} and report.pulled == 4
    assert store._conn.execute("SELECT count(*) FROM records").fetchone()[0] == 4


def test_the_next_village_downloads_while_the_store_writes_the_one_before(store, monkeypatch):
    """The server builds village 3 while the store writes village 1 (village 2, downloaded, waits
    to be read): a township's first sync no longer waits for each village's build in turn."""
    from sync import engine

    store.set_id_hmac_key("ab" * 32)
    third = "450224101203"
    client = Snapshots({f.QUANTOU: snapshot_file(f.QUANTOU, village()),
                        **{code: snapshot_file(code, [line(Person(village_code=code, full_name="韦二村"), 1)])
                           for code in (OTHER, third)}})
    asked_while_writing = []
    real = store.apply_pull

    def apply_pull(changes, cursors, **kw):  # noqa: ANN001, ANN003, ANN202 - a slow writer
        give_up = time.monotonic() + 5
        while len(client.asked) < 3 and time.monotonic() < give_up:
            time.sleep(0.01)
        asked_while_writing.append(list(client.asked))
        return real(changes, cursors, **kw)

    monkeypatch.setattr(store, "apply_pull", apply_pull)
    engine._snapshots(store, client, [f.QUANTOU, OTHER, third], engine.SyncReport(), lambda *_: None)
    assert asked_while_writing[0] == [f.QUANTOU, OTHER, third]
    assert store.sync_cursors() == {f.QUANTOU: 4, OTHER: 1, third: 1}


def test_the_disk_check_counts_a_village_downloaded_ahead_and_not_yet_written(store, monkeypatch):
    from sync import engine
    from sync.client import DiskSpaceError

    store.set_id_hmac_key("ab" * 32)
    first = snapshot_file(f.QUANTOU, village())
    second = snapshot_file(OTHER, [line(Person(village_code=OTHER, full_name="韦二村"), 1)])
    client = Snapshots({f.QUANTOU: first, OTHER: second})
    # Room for one village's estimate, not two: the second is checked while the first may not
    # be written yet, so it is counted as taken until it is.
    free = len(first) * engine.STORE_BYTES_PER_SNAPSHOT_BYTE + len(second)
    room = engine._DiskRoom(store.path, 0, lambda _path: free)
    held = []
    real = store.apply_pull

    def apply_pull(changes, cursors, **kw):  # noqa: ANN001, ANN003, ANN202 - a slow writer: village 2 is checked
        held.append(dict(room.taken))
        while len(client.asked) < 2:
            time.sleep(0.01)
        time.sleep(0.05)
        return real(changes, cursors, **kw)

    monkeypatch.setattr(store, "apply_pull", apply_pull)
    with pytest.raises(DiskSpaceError):
        engine._snapshots(store, client, [f.QUANTOU, OTHER], engine.SyncReport(), lambda *_: None, room)
    assert held == [{f.QUANTOU: len(first) * engine.STORE_BYTES_PER_SNAPSHOT_BYTE}]
    assert store.sync_cursors() == {f.QUANTOU: 4} and room.taken == {}


def test_the_reading_thread_is_let_go_only_once_the_pages_last_new_records_are_in(store):
    # `written` lets a first sync's reading thread run again while SQLite builds the search index;
    # let go before a page's last inserts, it would make each of them wait for Python's lock.
    lines = village()
    store.apply_pull(checked_changes(lines[2:3]), {})  # the household is here already: the general path
    counts: list[int] = []
    store.apply_pull(checked_changes(lines), {f.QUANTOU: 4},
                     written=lambda: counts.append(store._conn.execute("SELECT count(*) FROM records").fetchone()[0]))
    assert counts[0] == 4 and len(store.search("腿脚不便")) == 1


# ---------------------------------------------------------------- parts prepared ahead (`syncing.Prepared`)


def prepared_batch(store: Store, *parts: list[bytes]) -> syncing.Batch:
    """Parts as the thread reading ahead hands them to the store: lines checked, rows worked out."""
    from sync.engine import prepare, worked_out

    prepared = []
    for lines in parts:
        part = syncing.Prepared(now_text(), lambda lines=lines: worked_out(lines, store.id_number_hmac))
        prepare(part, lines, store.id_number_hmac, as_rows=False)
        prepared.append(part.close())
    return syncing.Batch(prepared)


def other_village() -> list[bytes]:
    from gridapp.models import Household

    people = [Person(village_code=OTHER, full_name=name) for name in ("黄春花", "黄大壮")]
    home = Household(village_code=OTHER, head_person_id=people[0].id, hamlet="大塘屯", address_detail="大塘屯3号",
                     members=[{"person_id": people[0].id, "relation_to_head": "02"},
                              {"person_id": people[1].id, "relation_to_head": "10"}])
    return [line(people[0], 1), line(people[1], 2), line(home, 3)]


def stored(s: Store) -> list[tuple[Any, ...]]:
    return list(s._conn.execute(ROW))


def test_prepared_parts_are_stored_and_found_exactly_as_the_plain_path_stores_them(store, second_store):
    mine, theirs = village(), other_village()
    for s in (store, second_store):
        s.set_id_hmac_key("ab" * 32)
    batch = prepared_batch(store, mine[:2], mine[2:], theirs)
    assert [len(part.rows) for part in batch.parts] == [2, 2, 3] and len(batch) == 7
    changed = store.apply_pull(batch, {f.QUANTOU: 4, OTHER: 3})
    second_store.apply_pull([json.loads(x) for x in mine + theirs], {f.QUANTOU: 4, OTHER: 3})

    assert stored(store) == stored(second_store) and len(stored(store)) == 7
    assert changed.record_types == {"person", "household", "visit"} and len(changed.record_ids) == 7
    for s in (store, second_store):  # each part's search index is under its own records' rowids
        assert [r.title for r in s.search("腿脚不便")] == [store._conn.execute(
            "SELECT title FROM records WHERE type = 'visit'").fetchone()[0]]
        assert [r.title for r in s.search("韦")] == ["韦大山"]
        assert sorted(r.title for r in s.search("黄")) == ["黄大壮", "黄春花"]
        assert [r.title for r in s.search("覃秀英")] == ["覃秀英"]
    assert store.sync_cursors() == second_store.sync_cursors() == {f.QUANTOU: 4, OTHER: 3}
    [audit] = store._conn.execute("SELECT detail FROM audit WHERE action = 'sync_pull'").fetchall()
    assert json.loads(audit[0]) == {"records": 7, "buckets": sorted([f.QUANTOU, OTHER])}


def test_a_tombstone_in_a_prepared_part_takes_the_general_path_after_the_parts_rows(store, second_store):
    mine = village()
    gone = f.person("韦已删")
    tombstone = p.Change(bucket=gone.bucket(), change_no=5, record_type="person", record_id=gone.id, version=2,
                         deleted=True, root_id=gone.id).model_dump_json().encode()
    lines = [mine[0], tombstone, *mine[1:]]
    for s in (store, second_store):
        s.set_id_hmac_key("ab" * 32)
    [part] = prepared_batch(store, lines).parts
    assert len(part.rows) == 4 and [c["record_id"] for c in part.rest] == [gone.id]
    store.apply_pull(syncing.Batch([part]), {f.QUANTOU: 5})
    second_store.apply_pull([json.loads(x) for x in lines], {f.QUANTOU: 5})

    def by_id(s: Store) -> dict[str, tuple[Any, ...]]:
        return {row[1]: row[1:] for row in stored(s)}

    assert by_id(store) == by_id(second_store) and by_id(store)[gone.id][15] == 1  # the tombstone, deleted
    assert [r.title for r in store.search("腿脚不便")] == [r.title for r in second_store.search("腿脚不便")] != []


def test_a_prepared_part_with_a_record_already_here_takes_the_general_path_whole(store, second_store):
    lines = village()
    for s in (store, second_store):
        s.set_id_hmac_key("ab" * 32)
        s.apply_pull(checked_changes(lines[2:3]), {})  # the household is here already
    store.apply_pull(prepared_batch(store, lines), {f.QUANTOU: 4})
    second_store.apply_pull([json.loads(x) for x in lines], {f.QUANTOU: 4})
    assert stored(store) == stored(second_store) and len(stored(store)) == 4
    assert [r.title for r in store.search("腿脚不便")] == [r.title for r in second_store.search("腿脚不便")] != []


def test_a_prepared_part_whose_record_has_an_unanswered_change_here_takes_the_general_path(store):
    lines = village()
    store.set_id_hmac_key("ab" * 32)
    head = checked_changes(lines[:1])[0].model
    store.save(head)  # made on this laptop, not yet sent: the server's copy waits for the answer
    store.apply_pull(prepared_batch(store, lines), {f.QUANTOU: 4})
    assert store.count("person") == 2 and store.pending_count() == 1
    assert store._conn.execute("SELECT count(*) FROM sync_deferred").fetchone()[0] == 1


def test_a_record_in_two_parts_of_a_batch_is_found_only_by_its_newer_text(store, second_store):
    # The second part finds the record here (inserted by the first) and takes the general path:
    # the first part's search entries must be in before, or the old name would stay findable.
    mine = village()
    head = checked_changes(mine[:1])[0].model
    renamed = head.model_copy(update={"full_name": "韦大川"})
    again = line(renamed, 5).replace(b'"version":1', b'"version":2', 1)
    for s in (store, second_store):
        s.set_id_hmac_key("ab" * 32)
    batch = prepared_batch(store, mine, [again])
    assert batch.parts[0].rows is not None and len(batch.parts[1].rows) == 1  # both prepared
    store.apply_pull(batch, {f.QUANTOU: 5})
    second_store.apply_pull([json.loads(x) for x in [*mine, again]], {f.QUANTOU: 5})
    for s in (store, second_store):
        assert [r.title for r in s.search("韦")] == ["韦大川"]
        assert s.search("韦大山") == [] and [r.title for r in s.search("韦大川")] == ["韦大川"]
    assert stored(store) == stored(second_store)


def test_a_prepared_batch_lets_the_reading_thread_go_once_every_part_is_inserted(store):
    store.set_id_hmac_key("ab" * 32)
    counts: list[int] = []
    store.apply_pull(prepared_batch(store, village(), other_village()), {f.QUANTOU: 4, OTHER: 3},
                     written=lambda: counts.append(store._conn.execute("SELECT count(*) FROM records").fetchone()[0]))
    assert counts == [7, 7]  # after the last part's rows, and again before the commit
    assert len(store.search("腿脚不便")) == 1


def test_the_reading_thread_frees_what_the_store_is_done_with_only_while_sqlite_works_alone():
    # Freeing a township's parts takes the interpreter about 0.1 s: the store thread hands them
    # over instead, and the reading thread frees them when the store lets it go on (`resume`).
    import threading
    import weakref

    from sync import engine

    class Part:
        pass

    freed_by: list[str] = []
    with engine._Ahead(Snapshots({}), [], None, str) as ahead:
        assert ahead._next() == ("end",)  # no village: the thread now only frees what it is given
        ahead.pause()  # the store inserts rows: Python is its own
        part = Part()
        weakref.finalize(part, lambda: freed_by.append(threading.current_thread().name))
        ahead.done_with([part])
        del part
        time.sleep(0.3)
        assert freed_by == []
        ahead.resume()  # SQLite builds the search index, commits
        give_up = time.monotonic() + 5
        while not freed_by and time.monotonic() < give_up:
            time.sleep(0.01)
    assert freed_by == ["snapshot-ahead"]


def test_a_store_that_fails_does_not_wait_for_the_next_village_to_download(store, monkeypatch):
    # The next village is still downloading over a slow line when the store fails: the download
    # is told to stop (`Client.snapshot(stop=…)` leaves off within a chunk), and the failure is
    # reported at once, not after the rest of the village has come.
    from gridapp.errors import StoreError
    from sync import engine
    from sync.client import DownloadStopped

    store.set_id_hmac_key("ab" * 32)

    class SlowLine(Snapshots):
        def snapshot(self, bucket: str, check: Any = None, rows: str | None = None, stop: Any = None) -> bytes:
            if bucket == OTHER:
                self.asked.append(bucket)
                give_up = time.monotonic() + 30  # the rest of a village at 256 kbit/s
                while time.monotonic() < give_up:
                    if stop is not None and stop.is_set():  # what the real client checks between chunks
                        raise DownloadStopped("同步已经停止，下载没有做完。", code="sync.stopped")
                    time.sleep(0.02)
            return super().snapshot(bucket, check, rows, stop)

    client = SlowLine({f.QUANTOU: snapshot_file(f.QUANTOU, village()),
                       OTHER: snapshot_file(OTHER, other_village())})

    def apply_pull(changes, cursors, **kw):  # noqa: ANN001, ANN003, ANN202 - the disk fails
        while OTHER not in client.asked:
            time.sleep(0.01)
        raise StoreError("试验：写入失败")

    monkeypatch.setattr(store, "apply_pull", apply_pull)
    started = time.monotonic()
    with pytest.raises(StoreError):
        engine._snapshots(store, client, [f.QUANTOU, OTHER], engine.SyncReport(), lambda *_: None)
    assert time.monotonic() - started < 5

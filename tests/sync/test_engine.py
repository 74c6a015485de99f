"""The sync cycle between laptops and a real county server over loopback."""

from __future__ import annotations

import pytest

from gridapp.errors import RecordNotFound
from gridapp.models import Person, VisitRecord
from sync.client import Client, OfflineError
from sync.session import sync_now
from tests.server.conftest import PASSWORD, grid_of
from tests.support import factories as f

VILLAGE = f.QUANTOU


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


@pytest.fixture
def pair(make_laptop, worker):
    """Two laptops of the same grid worker's village."""
    return make_laptop(worker), make_laptop(worker)


def test_a_household_recorded_on_one_laptop_reaches_the_other(pair):
    a, b = pair
    head, spouse = f.person("韦小明"), f.person("覃小红", id_number=None)
    for record in (head, spouse, f.household(head, spouse)):
        a.store.save(record)
    report = a.sync()
    assert report.pushed == {"applied": 3} and a.store.pending_count() == 0
    got = b.sync()
    assert got.pulled == 3 and got.pulled_by_type == {"person": 2, "household": 1}
    assert b.store.get(head.id).full_name == "韦小明" and b.store.count("household") == 1
    assert "下载：3 条" in got.summary()


def test_a_second_sync_with_nothing_new_moves_nothing(pair):
    a, _ = pair
    a.store.save(f.person())
    a.sync()
    again = a.sync()
    assert (again.pushed, again.pulled) == ({}, 0)


def test_without_a_connection_nothing_is_lost(tmp_path, db_key, worker, pair):
    a, _ = pair
    a.store.save(f.person())
    offline = Client("http://127.0.0.1:9", retries=1, backoff=0.01)  # nothing listens on port 9
    with pytest.raises(OfflineError, match="连不上县服务器"):
        sync_now(a.store, client=offline)
    assert a.store.pending_count() == 1
    assert a.sync().pushed == {"applied": 1}


def test_edits_to_different_fields_on_two_laptops_both_survive(pair):
    a, b = pair
    p = f.person()
    a.store.save(p)
    a.sync()
    b.sync()
    a.store.save(a.store.get(p.id).model_copy(update={"hukou_address": "融安县浮石镇泉头村"}))
    b.store.save(b.store.get(p.id).model_copy(update={"full_name": "韦小明明"}))
    a.sync()
    b.sync()
    a.sync()
    for laptop in (a, b):
        got = laptop.store.get(p.id)
        assert (got.full_name, got.hukou_address) == ("韦小明明", "融安县浮石镇泉头村")
    assert a.store.sync_problems() == b.store.sync_problems() == []


def test_the_same_field_edited_on_two_laptops_is_a_problem_with_both_values(pair):
    a, b = pair
    p = f.person()
    a.store.save(p)
    a.sync()
    b.sync()
    a.store.save(a.store.get(p.id).model_copy(update={"full_name": "韦大明"}))
    b.store.save(b.store.get(p.id).model_copy(update={"full_name": "韦二明"}))
    a.sync()
    report = b.sync()
    assert report.pushed == {"conflict": 1} and report.problems == 1
    [problem] = b.store.sync_problems()
    assert (problem["kind"], problem["field"], problem["server_value"], problem["client_value"]) == \
           ("conflict", "full_name", "韦大明", "韦二明")
    assert b.store.get(p.id).full_name == "韦大明"  # the server's value, and ours is in the problem


def test_an_edit_made_before_the_pull_is_put_back_on_top_of_the_servers_version(pair):
    a, b = pair
    p = f.person()
    a.store.save(p)
    a.sync()
    b.sync()
    a.store.save(a.store.get(p.id).model_copy(update={"hukou_address": "融安县浮石镇"}))
    a.sync()
    b.store.save(b.store.get(p.id).model_copy(update={"full_name": "韦新"}))
    # b pulls a's change while its own edit is unsent: apply the page only (no push first).
    from sync.engine import _pull

    hello = b.client.hello()
    from sync.engine import SyncReport
    _pull(b.store, b.client, hello, 100, SyncReport(), lambda *_: None)
    got = b.store.get(p.id)
    assert (got.full_name, got.hukou_address) == ("韦新", "融安县浮石镇")
    assert b.store.pending_count() == 1
    b.sync()
    a.sync()
    assert a.store.get(p.id).full_name == "韦新"


def test_a_completed_visit_arrives_sealed_with_the_same_fingerprint(pair):
    a, b = pair
    visit = f.visit(f.person().id)
    a.store.save(visit)
    a.store.transition(visit.id, "COMPLETED")
    a.sync()
    b.sync()
    mine, theirs = a.store.get(visit.id), b.store.get(visit.id)
    assert theirs.sealed and theirs.state == "COMPLETED" and theirs.content_hash == mine.content_hash
    assert b.store.verify_seals() == []


def test_a_correction_of_a_sealed_visit_reaches_the_other_laptop(pair):
    a, b = pair
    visit = f.visit(f.person().id)
    a.store.save(visit)
    a.store.transition(visit.id, "COMPLETED")
    a.sync()
    fix = VisitRecord.model_validate({**visit.model_dump(), "id": f.new_id(), "summary": "更正：老人需要轮椅。"})
    a.store.amend(fix, supersedes_id=visit.id, reason="小结写错")
    assert a.sync().pushed == {"applied": 1}
    b.sync()
    got = b.store.get(fix.id)
    assert (got.revision, got.supersedes_id, got.summary) == (2, visit.id, "更正：老人需要轮椅。")


def test_a_delete_reaches_the_other_laptop_and_the_id_never_returns(pair):
    a, b = pair
    p = f.person()
    a.store.save(p)
    a.sync()
    b.sync()
    a.store.delete(p.id, reason="重复登记")
    a.sync()
    b.sync()
    assert not b.store.exists(p.id)
    with pytest.raises(RecordNotFound):  # the tombstone keeps the id from coming back
        b.store.save(Person.model_validate({**p.model_dump(), "version": 0}))


def test_a_change_the_server_refuses_is_reported_and_does_not_block_the_others(pair):
    a, _ = pair
    outside = f.person("韦外村").model_copy(update={"village_code": "450224106201"})
    inside = f.person("韦本村")
    a.store.save(outside)
    a.store.save(inside)
    report = a.sync()
    assert report.pushed == {"rejected": 1, "applied": 1}
    [problem] = a.store.sync_problems()
    assert (problem["kind"], problem["code"], problem["record_id"]) == ("rejected", "territory.outside", outside.id)
    assert a.store.pending_count() == 0


def test_a_bucket_that_does_not_match_its_checksum_is_pulled_again(pair):
    a, b = pair
    people = [f.person(f"韦{i}") for i in range(5)]
    for p in people:
        a.store.save(p)
    a.sync()
    b.sync()
    # Damage b behind the store's back: one record's server version is forgotten.
    b.store._conn.execute("UPDATE records SET server_version = NULL WHERE id = ?", (people[0].id,))
    a.store.save(f.person("韦新来"))
    a.sync()
    report = b.sync()
    assert report.repaired_buckets == [VILLAGE] and report.unverified_buckets == []
    assert b.store.server_versions(VILLAGE) and len(b.store.server_versions(VILLAGE)) == 6


def test_a_worker_moved_to_another_village_while_offline_loses_nothing(engine, pair, worker):
    from sync.server import accounts

    a, _ = pair
    a.sync()  # learns its assignment epoch
    offline_edit = f.person("韦离线")
    a.store.save(offline_edit)
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of("450224101202", 1)])
    report = a.sync()
    assert report.pushed == {"quarantined": 1}
    [problem] = a.store.sync_problems()
    assert problem["kind"] == "quarantined" and problem["record_id"] == offline_edit.id
    # The old village is dropped only now that nothing of it is unsent.
    assert VILLAGE in report.removed_buckets and not a.store.exists(offline_edit.id)


def _attachment(digest: str, size: int, **extra):
    from datetime import datetime

    from gridapp.models import Attachment

    return Attachment(village_code=VILLAGE, kind="photo", sha256=digest, size=size, mime="image/jpeg",
                      captured_at=datetime(2026, 11, 20, 9, 40, tzinfo=f.CST), captured_by=f.STAFF, **extra)


def _photo(n: int = 300_000, seed: int = 1) -> bytes:
    import random

    return random.Random(seed).randbytes(n)


def test_a_photo_of_a_visit_travels_to_the_other_laptop_intact(pair):
    a, b = pair
    visit = f.visit(f.person().id)
    a.store.save(visit)
    data = _photo()
    digest = a.store.put_blob(data, "image/jpeg")
    a.store.save(_attachment(digest, len(data), filename="门前.jpg", owner_type="visit", owner_id=visit.id))
    a.store.transition(visit.id, "COMPLETED")
    report = a.sync()
    assert report.blobs_uploaded == 1 and a.store.blobs_to_upload() == []
    got = b.sync()
    assert got.blobs_downloaded == 1 and b.store.read_blob(digest) == data
    assert b.store.verify_seals() == []  # the seal covers the photo's hash


def test_an_interrupted_photo_upload_resumes_from_the_servers_offset(pair, monkeypatch):
    from sync.client import Client, OfflineError

    a, b = pair
    data = _photo(200_000, seed=2)
    digest = a.store.put_blob(data, "image/jpeg")
    a.store.save(_attachment(digest, len(data)))
    real_append = Client.blob_append
    calls = {"n": 0}

    def flaky(self, d, offset, chunk):
        calls["n"] += 1
        if calls["n"] == 3:  # the link drops after two chunks
            raise OfflineError("连接中断。", code="offline")
        return real_append(self, d, offset, chunk)

    monkeypatch.setattr(Client, "blob_append", flaky)
    with pytest.raises(OfflineError):
        a.sync()
    assert a.store.pending_count() == 0  # the records went before the photo
    [(_, _, confirmed)] = a.store.blobs_to_upload()
    assert confirmed == 2 * 64 * 1024
    a.sync()
    assert calls["n"] == 5  # 2 sent + 1 dropped, then only the 2 missing chunks (of 4)
    b.sync()
    assert b.store.read_blob(digest) == data


def test_a_client_too_old_to_pull_still_pushes_its_work_and_is_told_to_update(pair, monkeypatch):
    from sync import protocol

    a, b = pair
    theirs = f.person("韦别人")
    b.store.save(theirs)
    b.sync()
    mine = f.person("韦自己")
    a.store.save(mine)
    monkeypatch.setattr(protocol, "MIN_PULL_PROTOCOL", protocol.PROTOCOL_VERSION + 1)  # the server moved on
    report = a.sync()
    assert report.client_too_old and report.pushed == {"applied": 1} and report.pulled == 0
    assert "请尽快升级" in report.summary() and a.store.pending_count() == 0
    assert not a.store.exists(theirs.id)


def test_a_copied_laptop_database_is_caught_as_a_clone_and_signs_in_again_without_duplicates(pair, tmp_path, db_key,
                                                                                          worker, server_url):
    from gridapp.store import Store
    from sync.client import AuthError, Client, ConflictError
    from sync.credentials import load_account
    from sync.session import login, sync_now

    a, _ = pair
    a.store.save(f.person("韦原件"))
    a.sync()
    a.store.vacuum_into(tmp_path / "copy.db")  # someone copies the database to another laptop
    copy = Store.open(tmp_path / "copy.db", db_key, actor=worker.username)
    try:
        mine, theirs = f.person("韦本机"), f.person("韦副本")
        a.store.save(mine)
        copy.save(theirs)
        a.sync()
        with pytest.raises(ConflictError) as caught:  # same device, same sequence number, other change
            sync_now(copy, client=Client(server_url, retries=0))
        assert caught.value.code == "device.clone" and "重新登录" in caught.value.message
        assert load_account(copy) is None and copy.pending_count() == 1  # signed out, nothing lost
        with pytest.raises(AuthError):
            sync_now(copy, client=Client(server_url, retries=0))
        login(copy, server_url, worker.username, PASSWORD, client=Client(server_url))
        report = sync_now(copy, client=Client(server_url))
        assert report.pushed == {"applied": 1}
        a.sync()
        names = sorted(s.title for s in a.store.summaries("person"))
        assert names == ["韦副本", "韦原件", "韦本机"]
    finally:
        copy.close()


def test_a_first_sync_pauses_the_cyclic_gc_only_while_the_snapshot_is_applied(pair, monkeypatch):
    import gc

    a, b = pair
    a.store.save(f.person("韦小明"))
    a.sync()
    seen = []
    real = type(b.store).apply_pull

    def apply_pull(store, changes, cursors, **kw):  # noqa: ANN001, ANN003, ANN202
        seen.append(gc.isenabled())
        if len(seen) == 1:
            raise OfflineError("试验：应用快照时断开")
        return real(store, changes, cursors, **kw)

    monkeypatch.setattr(type(b.store), "apply_pull", apply_pull)
    assert gc.isenabled()
    with pytest.raises(OfflineError):
        b.sync()
    assert gc.isenabled()  # back on after a failure
    b.sync()
    assert seen[:2] == [False, False] and gc.isenabled() and b.store.count("person") == 1


def test_signing_in_and_each_sync_record_the_users_role_for_the_window(make_laptop, make_user, engine):
    from sqlalchemy import update

    from sync.server.tables import users

    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    laptop = make_laptop(worker)
    assert laptop.store.get_meta("server_role") == "grid_worker"  # 显示 is hidden for this role
    with engine.begin() as conn:  # the county makes the user township staff
        conn.execute(update(users).where(users.c.username == worker.username).values(role="township_staff"))
    laptop.sync()
    assert laptop.store.get_meta("server_role") == "township_staff"


def test_a_photo_whose_upload_broke_off_reaches_the_server_before_its_village_is_dropped(engine, pair, worker,
                                                                                         monkeypatch):
    """The photo's record went up, its bytes did not (the link dropped), then the worker was moved
    to another village: the bytes still go up before the old village leaves the laptop."""
    from sqlalchemy import select

    from sync.server import accounts
    from sync.server.tables import blobs

    a, _ = pair
    data = _photo(200_000, seed=3)
    digest = a.store.put_blob(data, "image/jpeg")
    photo = _attachment(digest, len(data))
    a.store.save(photo)
    real_append = Client.blob_append

    def dropped(self, d, offset, chunk):
        raise OfflineError("连接中断。", code="offline")

    monkeypatch.setattr(Client, "blob_append", dropped)
    with pytest.raises(OfflineError):
        a.sync()
    monkeypatch.setattr(Client, "blob_append", real_append)
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of("450224101202", 1)])
    first = a.sync()
    assert first.blobs_uploaded == 1
    with engine.connect() as conn:
        assert conn.execute(select(blobs.c.complete).where(blobs.c.sha256 == digest)).scalar_one() is True
    # Kept until its bytes were safe; dropped at the next sync, bytes and all.
    assert VILLAGE not in first.removed_buckets and a.store.exists(photo.id)
    second = a.sync()
    assert VILLAGE in second.removed_buckets and not a.store.exists(photo.id)
    assert not a.store.has_blob(digest)


def _photo_of_a_visit(laptop, seed: int, *, original: bytes | None = None):
    """A visit saved on `laptop` and a photo of it (with a local original when given)."""
    from gridapp import attachments as core

    visit = f.visit(f.person().id)
    laptop.store.save(visit)
    copy = b"\xff\xd8\xff\xe0" + _photo(60_000, seed=seed)
    photo_id, _ = core.add_attachment(laptop.store, core.owner_of(laptop.store, "visit", visit.id),
                                      filename="门前.jpg", data=original or copy,
                                      synced=copy if original else None)
    return visit, photo_id, laptop.store.get(photo_id).sha256


def test_a_removed_photo_leaves_this_laptop_once_the_server_has_taken_the_removal(pair):
    from gridapp import attachments as core

    a, _ = pair
    original = b"\xff\xd8\xff\xe0" + _photo(200_000, seed=6)
    visit, photo_id, copy = _photo_of_a_visit(a, 6, original=original)
    kept = core.original_of(a.store, photo_id)
    other_visit = f.visit(f.person().id)
    a.store.save(other_visit)
    same, _ = core.add_attachment(a.store, core.owner_of(a.store, "visit", other_visit.id), filename="同一张.jpg",
                                  data=original, synced=a.store.read_blob(copy))  # the same photo, twice
    a.sync()
    core.remove(a.store, [photo_id], reason="拍到了身份证")
    assert a.store.has_blob(copy) and a.store.has_blob(kept)  # the server may still refuse it
    report = a.sync()
    assert report.pushed == {"applied": 1} and report.blobs_downloaded == 0
    assert core.original_of(a.store, photo_id) is None
    assert a.store.has_blob(copy) and core.original_of(a.store, same) == kept  # the other one names both
    core.remove(a.store, [same], reason="也拍错了")
    a.sync()
    assert not a.store.has_blob(copy) and not a.store.has_blob(kept)


def test_a_photo_whose_removal_the_server_refuses_comes_back_whole(pair, monkeypatch):
    """Laptop b sealed the visit (its seal covers the photo) while a, offline, removed the photo —
    whose bytes had not even gone up yet: the server refuses the removal, the photo comes back on
    a, and its bytes (and original) are still there; they go up with this very sync."""
    from gridapp import attachments as core

    a, b = pair
    original = b"\xff\xd8\xff\xe0" + _photo(200_000, seed=7)
    visit, photo_id, copy = _photo_of_a_visit(a, 7, original=original)
    real_append = Client.blob_append
    monkeypatch.setattr(Client, "blob_append", lambda self, d, o, c: (_ for _ in ()).throw(
        OfflineError("连接中断。", code="offline")))
    with pytest.raises(OfflineError):
        a.sync()  # the records went up, the photo's bytes did not
    monkeypatch.setattr(Client, "blob_append", real_append)
    b.sync()
    b.store.transition(visit.id, "COMPLETED")
    b.sync()
    core.remove(a.store, [photo_id], reason="拍糊了")
    report = a.sync()
    assert report.pushed == {"rejected": 1} and a.store.exists(photo_id) and a.store.get(visit.id).sealed
    assert a.store.read_blob(copy) and core.original_of(a.store, photo_id) is not None
    assert report.blobs_uploaded == 1
    assert b.sync().blobs_downloaded == 1 and b.store.verify_seals() == []


def test_a_photo_the_server_refuses_keeps_its_bytes_with_its_problem(pair):
    """A photo added offline to a visit the other laptop sealed first is refused (its content is
    kept in the sync problem, as the message says): its bytes stay on the laptop."""
    a, b = pair
    visit = f.visit(f.person().id)
    a.store.save(visit)
    a.sync()
    b.sync()
    a.store.transition(visit.id, "COMPLETED")
    a.sync()
    data = _photo(5000, seed=8)
    digest = b.store.put_blob(data, "image/jpeg")
    b.store.save(_attachment(digest, len(data), owner_type="visit", owner_id=visit.id))
    b.sync()
    [problem] = b.store.sync_problems()
    assert problem["code"] == "owner.sealed"
    b.sync()
    assert b.store.read_blob(digest) == data


def test_a_worker_moved_away_and_back_finds_the_photos_originals_again(engine, pair, worker):
    from gridapp import attachments as core
    from sync.server import accounts

    a, _ = pair
    _, photo_id, copy = _photo_of_a_visit(a, 9, original=b"\xff\xd8\xff\xe0" + _photo(300_000, seed=9))
    a.sync()
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of("450224101202", 1)])
    assert VILLAGE in a.sync().removed_buckets
    assert not a.store.exists(photo_id) and not a.store.has_blob(copy)  # the synced copy is on the server
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of(VILLAGE, 1)])
    a.sync()
    assert a.store.read_blob(copy) and core.original_of(a.store, photo_id) is not None


def test_a_photo_deleted_on_one_laptop_leaves_the_other_at_its_next_sync(pair):
    a, b = pair
    data = _photo(100_000, seed=4)
    digest = a.store.put_blob(data, "image/jpeg")
    photo = _attachment(digest, len(data))
    a.store.save(photo)
    a.sync()
    assert b.sync().blobs_downloaded == 1 and b.store.read_blob(digest) == data
    a.store.delete(photo.id, reason="拍到了身份证")
    a.sync()
    assert not a.store.has_blob(digest)
    b.sync()
    assert not b.store.exists(photo.id) and not b.store.has_blob(digest)


def test_a_removal_held_for_the_county_leaves_the_copy_the_server_has_when_the_village_goes(engine, pair, worker):
    """The worker removed a photo after being moved elsewhere: the server holds the removal for a
    county admin (quarantined). When the village leaves the laptop, the photo's synced copy (on
    the server) goes with it; its original, which exists nowhere else, stays."""
    from gridapp import attachments as core
    from sync.server import accounts

    a, _ = pair
    a.sync()  # learns its assignment epoch
    _, photo_id, copy = _photo_of_a_visit(a, 13, original=b"\xff\xd8\xff\xe0" + _photo(200_000, seed=13))
    kept = core.original_of(a.store, photo_id)
    a.sync()
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of("450224101202", 1)])
    core.remove(a.store, [photo_id], reason="拍到了身份证")
    assert a.sync().pushed == {"quarantined": 1}
    a.sync()
    assert not a.store.has_blob(copy) and a.store.has_blob(kept)


def test_a_purge_keeps_the_files_of_a_removal_not_yet_answered(pair):
    """A photo removed here whose removal has not gone yet may still come back (the server
    refuses it if another laptop sealed the document): a purge of another village meanwhile
    leaves its files alone."""
    from gridapp import attachments as core

    a, _ = pair
    _, photo_id, copy = _photo_of_a_visit(a, 15)
    a.sync()  # the photo and its bytes are on the server
    core.remove(a.store, [photo_id], reason="拍糊了")
    a.store.purge_bucket("450224101202")  # another village, taken away while this removal waits
    assert a.store.has_blob(copy)
    a.sync()
    assert not a.store.has_blob(copy)  # the server took the removal: now it goes

"""Pull: pages by cursor, checksums, what each role sees, snapshots."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from gridapp.models import DisputeCase
from sync import protocol
from sync.mutations import mutation
from sync.server import accounts
from tests.server.conftest import FUSHI, grid_of
from tests.server.test_push import Laptop
from tests.support import factories as f

VILLAGE = f.QUANTOU
OTHER_VILLAGE = "450224101202"  # 隘口村, also in 浮石镇


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


@pytest.fixture
def laptop(client, login, worker):
    return Laptop(client, login(worker))


def _fill(laptop, n, village=VILLAGE):
    people = [f.person(f"韦{i:03d}").model_copy(update={"village_code": village}) for i in range(n)]
    for start in range(0, n, 50):
        laptop.push(*[mutation("create", p, laptop.next()) for p in people[start:start + 50]])
    return people


def _pull_all(laptop, limit):
    cursors, seen, pages, sums = {}, [], 0, {}
    while True:
        page = laptop.pull(cursors, limit=limit)
        pages += 1
        seen += page["changes"]
        cursors = page["cursors"]
        sums.update(page["checksums"])
        if not page["has_more"]:
            return seen, cursors, sums, pages


def test_pages_follow_the_cursor_and_end_with_a_checksum_of_what_was_received(laptop):
    people = _fill(laptop, 120)
    seen, cursors, sums, pages = _pull_all(laptop, limit=50)
    assert pages == 3
    assert sorted(c["record_id"] for c in seen) == sorted(p.id for p in people)
    numbers = [c["change_no"] for c in seen]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    count, xor = protocol.combine((c["record_id"], c["version"]) for c in seen)
    assert sums[VILLAGE] == {"change_no": cursors[VILLAGE], "count": count, "xor": protocol.to_hex(xor)}


def test_a_pull_from_the_last_cursor_returns_only_newer_changes(laptop):
    _fill(laptop, 5)
    _, cursors, _, _ = _pull_all(laptop, limit=100)
    newcomer = f.person("韦新")
    laptop.send("create", newcomer)
    page = laptop.pull(cursors)
    assert [c["record_id"] for c in page["changes"]] == [newcomer.id] and not page["has_more"]


def test_a_worker_never_receives_another_villages_records(client, login, make_user, laptop):
    elsewhere = make_user("grid_worker", grid_of(OTHER_VILLAGE, 1))
    theirs = Laptop(client, login(elsewhere))
    _fill(theirs, 3, OTHER_VILLAGE)
    _fill(laptop, 2)
    page = laptop.pull({OTHER_VILLAGE: 0})
    assert {c["bucket"] for c in page["changes"]} == {VILLAGE}
    assert page["removed_buckets"] == [OTHER_VILLAGE] and OTHER_VILLAGE not in page["cursors"]


def test_township_staff_receive_every_village_of_their_township(client, login, make_user, laptop):
    staff = Laptop(client, login(make_user("township_staff", FUSHI)))
    _fill(laptop, 2)
    buckets = staff.client.get("/v1/sync/hello", headers=staff.headers).json()["buckets"]
    assert VILLAGE in buckets and OTHER_VILLAGE in buckets and all(b.startswith(FUSHI) for b in buckets)
    assert len(staff.pull()["changes"]) == 2


def test_a_mediator_sees_their_cases_and_what_they_hold_but_not_the_rest_of_the_village(
        client, login, make_user, laptop):
    mediator_id = f.new_id()
    mediator = Laptop(client, login(make_user("mediator", FUSHI, mediator_id=mediator_id)))
    party = f.person("覃某")
    bystander = f.person("韦路人")
    case = DisputeCase(village_code=VILLAGE, summary="宅基地边界纠纷", case_no="浮石调〔2026〕1号",
                       parties=[{"name": "覃某", "person_id": party.id}],
                       mediators=[{"mediator_id": mediator_id}])
    other_case = DisputeCase(village_code=VILLAGE, summary="邻里噪音纠纷", case_no="浮石调〔2026〕2号")
    for record in (party, bystander, case, other_case):
        assert laptop.send("create", record)["status"] == "applied", record
    visible = {c["record_id"] for c in mediator.pull()["changes"]}
    assert visible == {case.id, party.id}


def test_a_reassigned_worker_is_told_which_villages_to_drop(engine, laptop, worker):
    _fill(laptop, 1)
    _, cursors, _, _ = _pull_all(laptop, limit=100)
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of(OTHER_VILLAGE, 1)])
    page = laptop.pull(cursors)
    assert page["removed_buckets"] == [VILLAGE] and list(page["cursors"]) == [OTHER_VILLAGE]


def test_a_snapshot_holds_the_whole_village_and_resumes_by_range(laptop):
    people = _fill(laptop, 30)
    response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    assert response.status_code == 200
    lines = gzip.decompress(response.content).decode().splitlines()
    header = json.loads(lines[0])
    assert header["bucket"] == VILLAGE and header["count"] == 30
    assert sorted(json.loads(line)["record_id"] for line in lines[1:]) == sorted(p.id for p in people)
    etag = response.headers["etag"]
    part = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}",
                             headers={**laptop.headers, "Range": "bytes=100-", "If-Range": etag})
    assert part.status_code == 206 and part.content == response.content[100:]


def test_a_snapshot_says_its_size_before_its_body(laptop):
    """What a laptop checks its disk against (docs/sync.md, "Huge first sync"): the village's
    record count and the unpacked size of the JSON lines, in headers, also on the cached file."""
    _fill(laptop, 30)
    for _ in range(2):  # built, then served from the cache
        response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
        assert response.status_code == 200
        assert response.headers["x-snapshot-records"] == "30"
        assert int(response.headers["x-snapshot-bytes"]) == len(gzip.decompress(response.content))


def test_a_village_above_the_snapshot_warning_size_is_logged_and_still_served(laptop, settings, caplog):
    settings.snapshot_warn_records = 20
    settings.snapshot_stale_changes = 0  # the second one is built, not the first served again
    _fill(laptop, 20)
    with caplog.at_level("WARNING", logger="gridapp.server.pull"):
        assert laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers).status_code == 200
        assert not caplog.records  # 20 is not more than 20
        _fill(laptop, 1)
        response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    assert response.status_code == 200 and response.headers["x-snapshot-records"] == "21"
    assert [r.getMessage() for r in caplog.records] == [
        f"village {VILLAGE}: its snapshot holds 21 records, more than snapshot_warn_records (20); "
        "a first sync of it is slow and large"]


def test_a_snapshot_removed_by_another_build_while_served_says_to_ask_again(laptop, monkeypatch):
    """The file a request built can be gone before it is read (another request's build removed
    it): a clear answer the laptop retries, not a traceback; the next request builds it."""
    from sync.server import pull

    _fill(laptop, 2)
    monkeypatch.setattr(pull, "_build", lambda *args, **kwargs: None)  # built, then removed at once
    response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    assert response.status_code == 500
    assert response.json()["code"] == "snapshot.replaced" and "请稍后再同步" in response.json()["message"]
    monkeypatch.undo()
    response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    assert response.status_code == 200 and response.headers["x-snapshot-records"] == "2"


def test_a_snapshot_removed_by_another_build_after_it_was_picked_is_still_sent_whole(laptop, settings, monkeypatch):
    """Between the pick and the last byte, another request's build may remove the file (too old to
    serve): this answer holds a link of its own, sends every byte, and lets the link go after."""
    from sync.server import pull

    _fill(laptop, 5)
    whole = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers).content
    real_hold = pull._hold

    def hold_then_removed(path):
        held = real_hold(path)
        path.unlink()  # another build's clean-up, at the worst moment
        return held

    monkeypatch.setattr(pull, "_hold", hold_then_removed)
    response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    assert response.status_code == 200 and response.content == whole
    assert list((settings.snapshots() / pull.SERVING).iterdir()) == []


def test_links_left_by_a_server_stopped_mid_answer_are_removed_a_day_later(laptop, settings):
    from sync.server import pull

    _fill(laptop, 1)
    serving = settings.snapshots() / pull.SERVING
    serving.mkdir(parents=True)
    old, recent = serving / "1000-1-aaaa.gz", serving / f"{int(time.time()) - 60}-1-bbbb.gz"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")  # an answer of another worker process, still being sent
    assert laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers).status_code == 200
    assert not old.exists() and recent.exists()


@pytest.mark.parametrize("garble", [
    lambda good: "2 4096",  # an older build's: no stamp
    lambda good: "two " + good.split(" ", 1)[1],  # damaged count, stamp still right
    lambda good: "",
], ids=["no-stamp", "bad-count", "empty"])
def test_a_cached_snapshot_whose_size_file_does_not_read_is_built_again(laptop, settings, garble):
    """A `.size` file from an older build or damaged on disk: the snapshot is built again and
    served, not a traceback."""
    _fill(laptop, 2)
    url = f"/v1/sync/snapshot/{VILLAGE}"
    assert laptop.client.get(url, headers=laptop.headers).status_code == 200
    [size] = settings.snapshots().glob(f"{VILLAGE}-*.jsonl.size")
    good = size.read_text()
    size.write_text(garble(good))
    response = laptop.client.get(url, headers=laptop.headers)
    assert response.status_code == 200 and response.headers["x-snapshot-records"] == "2"
    assert size.read_text() == good


def test_a_snapshot_line_is_the_change_a_pull_gives_for_the_record(laptop, engine):
    """The snapshot splices each record's stored JSON text into its line (no parse and dump
    again): the line must still be exactly the change a pull page carries."""
    from sqlalchemy import select

    from sync.server.pull import _COLUMNS, to_change
    from sync.server.tables import records

    people = _fill(laptop, 3)
    visit = f.visit(people[0].id)
    laptop.send("create", visit)
    laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1)
    laptop.send("delete", people[2])
    response = laptop.client.get(f"/v1/sync/snapshot/{VILLAGE}", headers=laptop.headers)
    lines = [json.loads(line) for line in gzip.decompress(response.content).decode().splitlines()[1:]]
    with engine.connect() as conn:
        rows = conn.execute(select(*_COLUMNS).where(records.c.bucket == VILLAGE).order_by(records.c.change_no)).all()
    assert lines == [to_change(row).model_dump(mode="json") for row in rows]
    assert [protocol.Change.model_validate(line) for line in lines] == [to_change(row) for row in rows]
    assert {(c["deleted"], c["sealed"]) for c in lines} == {(False, False), (False, True), (True, False)}


def test_a_snapshot_of_a_village_outside_the_territory_is_not_found(laptop):
    response = laptop.client.get(f"/v1/sync/snapshot/{OTHER_VILLAGE}", headers=laptop.headers)
    assert response.status_code == 404 and response.json()["code"] == "bucket.not_found"

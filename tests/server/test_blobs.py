"""Attachment blobs: chunked upload that resumes after a dropped connection, checked by hash,
ranged download, and who may read what (architecture.md §3, rule 11)."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from sync.server import blobs as blobstore
from sync.server.errors import BadRequest
from sync.server.tables import audit, blobs, record_versions, records
from tests.server.conftest import QUANTOU, grid_of

OTHER_VILLAGE = "450224101202"  # 隘口村, also in 浮石镇
CHUNK_TYPE = {"Content-Type": "application/offset+octet-stream"}


def payload(n: int, seed: int = 1) -> bytes:
    """`n` bytes that look like an encrypted photo (incompressible, reproducible)."""
    out = bytearray()
    block = seed.to_bytes(8, "big")
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:n])


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def url(digest: str) -> str:
    return f"/v1/blobs/{digest}"


def start(client, headers, digest, size, status=201):
    response = client.post(url(digest), json={"size": size}, headers=headers)
    assert response.status_code == status, response.text
    return response.json()


def patch(client, headers, digest, offset, data):
    return client.patch(url(digest), content=data, headers={**headers, **CHUNK_TYPE, "Upload-Offset": str(offset)})


def send_from(client, headers, digest, data, offset, chunk, *, stop_after=None):
    """Send `data` from `offset` in chunks as a laptop does; the last status."""
    sent = 0
    state = None
    while offset < len(data):
        if stop_after is not None and sent == stop_after:
            return state
        response = patch(client, headers, digest, offset, data[offset:offset + chunk])
        assert response.status_code == 200, response.text
        state = response.json()
        assert int(response.headers["Upload-Offset"]) == state["offset"]
        offset = state["offset"]
        sent += 1
    return state


def upload(client, headers, data, chunk):
    digest = sha(data)
    state = start(client, headers, digest, len(data))
    return send_from(client, headers, digest, data, state["offset"], chunk)


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
            and not p.name.startswith("server.db")}


@pytest.fixture
def chunk(settings):
    return settings.blob_chunk_bytes


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(QUANTOU, 1))


@pytest.fixture
def headers(login, worker):
    return login(worker)


_change_numbers = iter(range(1, 1_000_000))


def add_record(engine, record_type, bucket, data, *, parent_id=None, mediator_ids=None, deleted=False,
               created_by="someone", device_id=None):
    """A record and its first version as the push endpoint would have stored them (written
    directly here, from `device_id` or a device nobody has)."""
    record_id = str(uuid.uuid4())
    moment = datetime.now(UTC)
    device_id = device_id or str(uuid.uuid4())
    text = json.dumps({"id": record_id, **data}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with engine.begin() as conn:
        conn.execute(insert(records).values(
            id=record_id, type=record_type, bucket=bucket, state="ACTIVE", version=1,
            change_no=next(_change_numbers), root_id=record_id, parent_id=parent_id, deleted=deleted,
            mediator_ids=json.dumps(mediator_ids) if mediator_ids is not None else None, data=text,
            created_at=moment, updated_at=moment, created_by=created_by, updated_by=created_by, device_id=device_id))
        conn.execute(insert(record_versions).values(record_id=record_id, version=1, state="ACTIVE", data=text,
                                                    device_id=device_id, at=moment))
    return record_id


def add_attachment(engine, digest, size, village=QUANTOU, **kw):
    return add_record(engine, "attachment", village, {"sha256": digest, "size": size, "village_code": village,
                                                      "filename": "调解现场.jpg"}, **kw)


def rename_attachment(engine, record_id, digest):
    """A later version of an attachment record that names another hash."""
    moment = datetime.now(UTC)
    with engine.begin() as conn:
        data = {**json.loads(conn.execute(select(records.c.data).where(records.c.id == record_id)).scalar_one()),
                "sha256": digest}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        conn.execute(update(records).where(records.c.id == record_id).values(data=text, version=2, updated_at=moment))
        conn.execute(insert(record_versions).values(record_id=record_id, version=2, state="ACTIVE", data=text,
                                                    device_id=str(uuid.uuid4()), at=moment))


def device_of(client, headers):
    return client.get("/v1/sync/hello", headers=headers).json()["device_id"]


# ---------------------------------------------------------------- upload and download


def test_an_attachment_uploaded_in_chunks_downloads_as_the_same_bytes(client, headers, chunk, settings, engine):
    data = payload(3 * chunk + 1234)
    digest = sha(data)
    first = start(client, headers, digest, len(data))
    assert first == {"sha256": digest, "size": len(data), "offset": 0, "complete": False}
    final = send_from(client, headers, digest, data, 0, chunk)
    assert final == {"sha256": digest, "size": len(data), "offset": len(data), "complete": True}

    response = client.get(url(digest), headers=headers)
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["etag"].strip('"') == digest
    assert int(response.headers["content-length"]) == len(data)
    # Kept once, at its content address; nothing left half-way.
    assert files_under(settings.blob_dir) == {f"{digest[:2]}/{digest[2:4]}/{digest}"}
    with engine.connect() as conn:
        actions = conn.execute(select(audit.c.action, audit.c.detail).where(audit.c.action == "blob_complete")).all()
    assert [json.loads(detail)["sha256"] for _, detail in actions] == [digest]


def test_a_blob_already_on_the_server_is_not_uploaded_again(client, headers, login, make_user, chunk):
    data = payload(chunk + 10)
    upload(client, headers, data, chunk)
    other_laptop = login(make_user("grid_worker", grid_of(OTHER_VILLAGE, 1)))
    again = start(client, other_laptop, sha(data), len(data), status=200)
    assert again["complete"] is True and again["offset"] == len(data)


def test_an_empty_file_is_complete_as_soon_as_it_is_started(client, headers):
    state = start(client, headers, sha(b""), 0)
    assert state["complete"] is True
    response = client.get(url(sha(b"")), headers=headers)
    assert response.status_code == 200 and response.content == b""


def test_an_interrupted_upload_resumes_from_the_offset_head_reports(client, login, worker, chunk, settings):
    data = payload(5 * chunk)
    digest = sha(data)
    before = login(worker, "笔记本")
    start(client, before, digest, len(data))
    send_from(client, before, digest, data, 0, chunk, stop_after=2)  # … and the connection drops

    after = login(worker, "笔记本")  # the laptop comes back later
    head = client.head(url(digest), headers=after)
    assert head.status_code == 200
    assert (head.headers["Upload-Offset"], head.headers["Upload-Length"], head.headers["X-Complete"]) == \
           (str(2 * chunk), str(len(data)), "false")
    assert client.get(url(digest), headers=after).json()["code"] == "blob.incomplete"
    final = send_from(client, after, digest, data, int(head.headers["Upload-Offset"]), chunk)
    assert final["complete"] is True
    assert client.get(url(digest), headers=after).content == data


def test_bytes_on_disk_that_the_database_never_recorded_are_cut_off(client, headers, chunk, settings):
    """A crash after fsync and before commit leaves the partial file longer than `received`;
    the upload resumes from the recorded offset and the extra bytes do not end up in the file."""
    data = payload(3 * chunk)
    digest = sha(data)
    start(client, headers, digest, len(data))
    send_from(client, headers, digest, data, 0, chunk, stop_after=1)
    with open(blobstore.partial_path(settings, digest), "ab") as fh:
        fh.write(b"\0" * (3 * chunk))  # written, never committed (reaching past the end of the file)
    offset = int(client.head(url(digest), headers=headers).headers["Upload-Offset"])
    assert offset == chunk
    assert send_from(client, headers, digest, data, offset, chunk)["complete"] is True
    assert client.get(url(digest), headers=headers).content == data


def test_a_chunk_at_the_wrong_offset_is_answered_409_with_the_right_one(client, headers, chunk, engine):
    data = payload(3 * chunk)
    digest = sha(data)
    start(client, headers, digest, len(data))
    assert patch(client, headers, digest, 0, data[:chunk]).status_code == 200

    # The answer to that chunk was lost and the laptop sends it again.
    again = patch(client, headers, digest, 0, data[:chunk])
    assert again.status_code == 409
    assert again.headers["Upload-Offset"] == str(chunk)
    body = again.json()
    assert body["code"] == "blob.offset_mismatch" and str(chunk) in body["message"]
    ahead = patch(client, headers, digest, 2 * chunk, data[2 * chunk:])
    assert ahead.status_code == 409 and ahead.headers["Upload-Offset"] == str(chunk)
    with engine.connect() as conn:
        assert conn.execute(select(blobs.c.received).where(blobs.c.sha256 == digest)).scalar_one() == chunk
    assert send_from(client, headers, digest, data, int(again.headers["Upload-Offset"]), chunk)["complete"]


def test_a_retried_last_chunk_after_completion_is_answered_complete(client, headers, chunk):
    data = payload(chunk + 5)
    digest = sha(data)
    upload(client, headers, data, chunk)
    retry = patch(client, headers, digest, chunk, data[chunk:])
    assert retry.status_code == 200 and retry.json()["complete"] is True


def test_bytes_that_do_not_match_the_hash_are_refused_and_a_right_retry_succeeds(client, headers, chunk, settings,
                                                                                 engine):
    data = payload(2 * chunk + 7)
    digest = sha(data)
    start(client, headers, digest, len(data))
    send_from(client, headers, digest, data, 0, chunk, stop_after=2)
    wrong = patch(client, headers, digest, 2 * chunk, b"X" * 7)
    assert wrong.status_code == 422
    assert wrong.json()["code"] == "blob.hash_mismatch"

    with engine.connect() as conn:
        row = conn.execute(select(blobs).where(blobs.c.sha256 == digest)).mappings().one()
    assert (row["complete"], row["received"]) == (False, 0)
    assert files_under(settings.blob_dir) == set()
    head = client.head(url(digest), headers=headers)
    assert (head.headers["Upload-Offset"], head.headers["X-Complete"]) == ("0", "false")
    assert client.get(url(digest), headers=headers).status_code == 404

    retry = start(client, headers, digest, len(data))
    assert retry["offset"] == 0
    assert send_from(client, headers, digest, data, 0, chunk)["complete"] is True
    assert client.get(url(digest), headers=headers).content == data


def test_a_file_larger_than_allowed_is_refused_before_anything_is_sent(client, headers, settings, engine):
    response = client.post(url("ab" * 32), json={"size": settings.max_blob_bytes + 1}, headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "blob.too_large" and "MB" in response.json()["message"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(blobs)).scalar_one() == 0


@pytest.mark.parametrize("extra", [1, 128 * 1024], ids=["just-over", "far-over"])
def test_a_chunk_bigger_than_the_limit_is_refused(client, headers, chunk, engine, extra):
    data = payload(4 * chunk)
    digest = sha(data)
    start(client, headers, digest, len(data))
    response = patch(client, headers, digest, 0, data[:chunk + extra])
    assert response.status_code == 413
    assert response.json()["message"]
    with engine.connect() as conn:
        assert conn.execute(select(blobs.c.received).where(blobs.c.sha256 == digest)).scalar_one() == 0


def test_bytes_beyond_the_declared_size_are_refused(client, headers, chunk, engine):
    data = payload(chunk // 2)
    digest = sha(data)
    start(client, headers, digest, len(data))
    response = patch(client, headers, digest, 0, data + b"extra")
    assert response.status_code == 413 and response.json()["code"] == "blob.beyond_size"
    with engine.connect() as conn:
        assert conn.execute(select(blobs.c.received).where(blobs.c.sha256 == digest)).scalar_one() == 0


def test_a_chunk_without_an_offset_or_as_json_is_refused_clearly(client, headers, chunk):
    data = payload(100)
    digest = sha(data)
    start(client, headers, digest, len(data))
    no_offset = client.patch(url(digest), content=data, headers={**headers, **CHUNK_TYPE})
    assert no_offset.status_code == 422 and no_offset.json()["code"] == "blob.bad_offset"
    for bad in ("-1", "1.0", "0x10", "\u00b2", "9" * 40):  # "²" looks like a digit to str.isdigit()
        odd = client.patch(url(digest), content=data,
                           headers={**headers, **CHUNK_TYPE, "Upload-Offset": bad.encode("latin-1")})
        assert odd.status_code == 422 and odd.json()["code"] == "blob.bad_offset", (bad, odd.text)
    as_json = client.patch(url(digest), json={"data": "..."}, headers={**headers, "Upload-Offset": "0"})
    assert as_json.status_code == 415 and as_json.json()["code"] == "blob.content_type"
    unknown = patch(client, headers, "cd" * 32, 0, data)
    assert unknown.status_code == 404 and unknown.json()["code"] == "blob.unknown"


BAD_NAMES = [
    "ab" * 31,  # too short
    "AB" * 32,  # upper case
    "zz" * 32,  # not hex
    "ab" * 32 + "0",  # too long
    "..",
    "..%2F..%2Fetc%2Fpasswd",
    "%2E%2E%2F" + "ab" * 32,
    "..%5C..%5Cserver.db",
    "ab" * 32 + "%00",
    "partial",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_bad_sha256_or_a_path_trick_is_refused_and_writes_nothing(client, headers, settings, tmp_path, name):
    before = files_under(tmp_path)
    answers = [client.post(f"/v1/blobs/{name}", json={"size": 3}, headers=headers),
               client.patch(f"/v1/blobs/{name}", content=b"abc",
                            headers={**headers, **CHUNK_TYPE, "Upload-Offset": "0"}),
               client.head(f"/v1/blobs/{name}", headers=headers),
               client.get(f"/v1/blobs/{name}", headers=headers)]
    for response in answers:
        assert 400 <= response.status_code < 500 and response.status_code != 401, response.text
    assert answers[0].status_code in (404, 422)
    if answers[0].status_code == 422:
        assert answers[0].json()["code"] == "blob.bad_sha256" and "SHA-256" in answers[0].json()["message"]
    assert files_under(tmp_path) == before
    assert files_under(settings.blob_dir) == set()


def test_a_range_download_returns_206_and_exactly_that_slice(client, headers, chunk):
    data = payload(2 * chunk + 99)
    digest = sha(data)
    upload(client, headers, data, chunk)
    part = client.get(url(digest), headers={**headers, "Range": "bytes=1000-70999"})
    assert part.status_code == 206
    assert part.content == data[1000:71000]
    assert part.headers["content-range"] == f"bytes 1000-70999/{len(data)}"
    rest = client.get(url(digest), headers={**headers, "Range": f"bytes={chunk}-", "If-Range": f'"{digest}"'})
    assert rest.status_code == 206 and rest.content == data[chunk:]


# ---------------------------------------------------------------- who may read


def test_a_worker_reads_a_blob_only_through_an_attachment_in_their_own_village(client, login, make_user, worker,
                                                                               headers, chunk, engine):
    data = payload(chunk + 1)
    digest = sha(data)
    uploader = login(make_user("township_staff", "450224101"))  # 浮石镇
    add_attachment(engine, digest, len(data), QUANTOU)  # a laptop pushes the record, then uploads
    upload(client, uploader, data, chunk)

    assert client.get(url(digest), headers=headers).content == data
    assert client.head(url(digest), headers=headers).headers["X-Complete"] == "true"

    stranger = login(make_user("grid_worker", grid_of(OTHER_VILLAGE, 1)))
    refused = client.get(url(digest), headers=stranger)
    unknown = client.get(url("ef" * 32), headers=stranger)
    assert refused.status_code == 404 and client.head(url(digest), headers=stranger).status_code == 404
    assert refused.json() == unknown.json()  # not even whether it exists


def test_a_deleted_attachment_no_longer_opens_its_blob(client, login, make_user, headers, chunk, engine):
    data = payload(100)
    digest = sha(data)
    add_attachment(engine, digest, len(data), QUANTOU, deleted=True)
    upload(client, login(make_user("county_admin")), data, chunk)
    assert client.get(url(digest), headers=headers).status_code == 404


def test_the_uploader_can_always_download_their_own_blob(client, headers, chunk):
    data = payload(chunk * 2)
    upload(client, headers, data, chunk)  # no attachment record names it (yet)
    assert client.get(url(sha(data)), headers=headers).content == data


def test_naming_a_hash_without_sending_its_bytes_does_not_open_the_blob(client, login, make_user, headers, chunk):
    data = payload(2 * chunk)
    digest = sha(data)
    claimant = login(make_user("grid_worker", grid_of(OTHER_VILLAGE, 1)))
    start(client, claimant, digest, len(data))  # starts first, sends nothing
    upload(client, headers, data, chunk)
    assert start(client, claimant, digest, len(data), status=200)["complete"] is True
    assert client.get(url(digest), headers=claimant).status_code == 404
    assert client.get(url(digest), headers=headers).content == data


@pytest.mark.parametrize("name", ["..", "../x", "ab" * 31 + "/.", "a" * 63 + "\\", "ab" * 32 + "\n"])
def test_only_a_checked_digest_ever_becomes_a_path(settings, name):
    with pytest.raises(BadRequest):
        blobstore.final_path(settings, name)
    with pytest.raises(BadRequest):
        blobstore.partial_path(settings, name)


def test_an_attachment_record_written_after_the_upload_by_someone_else_does_not_open_it(
        client, login, make_user, headers, chunk, engine):
    """Knowing a hash is not having the file: a record naming a foreign blob, written in the
    writer's own village after the bytes arrived, opens nothing (for its author or their village)."""
    data = payload(chunk + 3)
    digest = sha(data)
    owner = login(make_user("grid_worker", grid_of(OTHER_VILLAGE, 1)))
    add_attachment(engine, digest, len(data), OTHER_VILLAGE, device_id=device_of(client, owner))
    upload(client, owner, data, chunk)

    add_attachment(engine, digest, len(data), QUANTOU, device_id=device_of(client, headers))  # the decoy
    decoy = client.get(url(digest), headers=headers)
    assert decoy.status_code == 404 and data not in decoy.content
    assert client.head(url(digest), headers=headers).status_code == 404
    own = add_attachment(engine, sha(b"mine"), 4, QUANTOU, device_id=device_of(client, headers))
    rename_attachment(engine, own, digest)  # an old record made to name the foreign hash
    assert client.get(url(digest), headers=headers).status_code == 404
    assert client.get(url(digest), headers=owner).content == data


def test_a_record_the_uploader_writes_after_the_upload_opens_it_for_their_village(client, login, make_user,
                                                                                  worker, headers, chunk, engine):
    data = payload(700)
    digest = sha(data)
    upload(client, headers, data, chunk)  # bytes first, record later (a retried push)
    colleague = login(make_user("township_staff", "450224101"))
    assert client.get(url(digest), headers=colleague).status_code == 404
    add_attachment(engine, digest, len(data), QUANTOU, device_id=device_of(client, login(worker, "另一台笔记本")))
    assert client.get(url(digest), headers=colleague).content == data


def test_a_mediator_reads_only_the_attachments_of_their_own_cases(client, login, make_user, headers, chunk, engine):
    mediator_id = str(uuid.uuid4())
    mediator = login(make_user("mediator", QUANTOU, mediator_id=mediator_id))
    theirs, others = payload(300, seed=1), payload(300, seed=2)
    case = add_record(engine, "case", QUANTOU, {"title": "宅基地纠纷"}, mediator_ids=[mediator_id])
    add_attachment(engine, sha(theirs), 300, QUANTOU, parent_id=case)
    other_case = add_record(engine, "case", QUANTOU, {"title": "山林纠纷"}, mediator_ids=[str(uuid.uuid4())])
    add_attachment(engine, sha(others), 300, QUANTOU, parent_id=other_case)
    for data in (theirs, others):
        upload(client, headers, data, chunk)

    assert client.get(url(sha(theirs)), headers=mediator).content == theirs
    assert client.get(url(sha(others)), headers=mediator).status_code == 404


def test_the_county_admin_reads_every_blob(client, login, make_user, headers, chunk):
    data = payload(200)
    upload(client, headers, data, chunk)
    admin = login(make_user("county_admin"))
    assert client.get(url(sha(data)), headers=admin).content == data


def test_blobs_need_a_login(client):
    digest = "ab" * 32
    answers = [client.post(url(digest), json={"size": 1}),
               client.head(url(digest)),
               client.patch(url(digest), content=b"x", headers={**CHUNK_TYPE, "Upload-Offset": "0"}),
               client.get(url(digest)),
               client.get(url(digest), headers={"Authorization": "Bearer not-a-token"})]
    assert [r.status_code for r in answers] == [401] * len(answers)


# ---------------------------------------------------------------- two laptops, crashes


def test_two_laptops_uploading_the_same_file_at_once_end_with_one_right_copy(client, login, make_user, headers,
                                                                             chunk, settings):
    data = payload(8 * chunk + 3)
    digest = sha(data)
    other = login(make_user("grid_worker", grid_of(QUANTOU, 2)))
    results: dict[str, dict] = {}
    failures: list[BaseException] = []
    go = threading.Barrier(2)

    def laptop(name: str, auth: dict[str, str]) -> None:
        try:
            go.wait()
            state = {"complete": False}
            for _ in range(400):
                response = client.post(url(digest), json={"size": len(data)}, headers=auth)
                if response.status_code == 409:  # the other laptop is sending it: try again later
                    assert response.json()["code"] == "blob.in_progress"
                    time.sleep(0.02)
                    continue
                state = response.json()
                offset = state["offset"]
                while not state["complete"]:
                    answer = patch(client, auth, digest, offset, data[offset:offset + chunk])
                    if answer.status_code == 409 and answer.json()["code"] == "blob.in_progress":
                        break
                    if answer.status_code == 409:  # our own earlier chunk landed: carry on from there
                        offset = int(answer.headers["Upload-Offset"])
                        state = {"complete": answer.headers["X-Complete"] == "true"}
                        continue
                    assert answer.status_code == 200, answer.text
                    state = answer.json()
                    offset = state["offset"]
                if state["complete"]:
                    break
            results[name] = state
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=laptop, args=(n, h)) for n, h in (("a", headers), ("b", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures, failures
    assert set(results) == {"a", "b"}
    assert blobstore.final_path(settings, digest).read_bytes() == data
    assert files_under(settings.blob_dir) == {f"{digest[:2]}/{digest[2:4]}/{digest}"}


def test_a_file_moved_into_place_before_a_lost_commit_counts_as_complete(client, headers, chunk, engine):
    data = payload(chunk + 9)
    digest = sha(data)
    upload(client, headers, data, chunk)
    with engine.begin() as conn:  # as if the commit after the rename never happened
        conn.execute(update(blobs).where(blobs.c.sha256 == digest).values(complete=False, received=chunk))
    state = start(client, headers, digest, len(data), status=200)
    assert state["complete"] is True and state["offset"] == len(data)


def test_partial_files_stay_private_to_the_server(client, headers, chunk, settings):
    data = payload(3 * chunk)
    digest = sha(data)
    start(client, headers, digest, len(data))
    send_from(client, headers, digest, data, 0, chunk, stop_after=1)
    mode = os.stat(blobstore.partial_path(settings, digest)).st_mode & 0o777
    assert mode & 0o077 == 0

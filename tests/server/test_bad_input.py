"""Bad input gets a clear error and changes nothing (architecture.md §4 "Limits": request size,
batch size; "bad input gets a 4xx with a clear message and changes nothing").

A clear error: a 4xx status, a JSON body with a `code` for programs and a Chinese `message` for
people (sync.protocol.ErrorBody). Changes nothing: the records, their versions, the bucket
counters, conflicts, quarantine, blobs, users — and, for a request refused as a whole, the
stored mutation results — are exactly as before (read through the engine). A single bad
mutation in a good request is answered `rejected` with per-field problems (rule 8); its verdict
is stored so that a repeat gets the same answer, and nothing else is written.

Login: a wrong password reads exactly like an unknown user; after `login_slow_after` failures
the answers slow down, after `login_lock_after` the account is locked (429 + Retry-After) even
for the right password; a right password before that resets the count.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import re
import time
from datetime import date, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, func, select

from gridapp.ids import new_id
from sync.mutations import mutation
from sync.protocol import PROTOCOL_VERSION
from sync.server import auth
from sync.server.tables import (
    blobs, buckets, conflicts, devices, mutations, quarantine, record_versions, records, users,
)
from tests.server.conftest import grid_of
from tests.server.test_push import Laptop
from tests.support import factories as f

VILLAGE = f.QUANTOU  # 450224101201 浮石村
NEIGHBOUR = "450224101202"  # 隘口村, also 浮石镇
JSON = {"Content-Type": "application/json"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):  # noqa: ANN001, ANN202
    """Argon2 at production cost takes ~0.4 s a hash on the CI machines; hashing strength is not
    what this file tests (the login throttling below does not depend on it)."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def worker(make_user):  # noqa: ANN001, ANN201
    return make_user("grid_worker", grid_of(VILLAGE))


@pytest.fixture
def laptop(client, login, worker) -> Laptop:  # noqa: ANN001
    laptop = Laptop(client, login(worker))
    assert laptop.send("create", f.person("韦原有"))["status"] == "applied"  # something to keep intact
    return laptop


# ---------------------------------------------------------------- checks


def assert_clear_error(response, status: int | tuple[int, ...], code: str | None = None) -> dict[str, Any]:  # noqa: ANN001
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body.get("code"), str) and body["code"], body
    assert CJK.search(body.get("message", "")), f"no Chinese message: {body}"
    assert isinstance(body.get("problems", []), list)
    if code is not None:
        assert body["code"] == code, body
    return body


def _tables(engine: Engine, *, with_results: bool = True) -> dict[str, Any]:
    """What bad input must not change. `with_results=False` leaves out the stored mutation
    results (a rejected mutation's verdict is stored on purpose)."""
    tables = [records, record_versions, conflicts, quarantine, blobs, users, devices]
    if with_results:
        tables.append(mutations)
    with engine.connect() as conn:
        out = {t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr) for t in tables}
        out["buckets"] = sorted(map(tuple, conn.execute(select(buckets)).all()))
    return out


@pytest.fixture
def unchanged(engine):  # noqa: ANN001, ANN201
    """unchanged() → a checker that the database is as it was when unchanged() was called."""
    def take(with_results: bool = True):  # noqa: ANN202
        before = _tables(engine, with_results=with_results)

        def check() -> None:
            assert _tables(engine, with_results=with_results) == before
        return check
    return take


def _files(settings) -> set[str]:  # noqa: ANN001
    root = settings.blob_dir.parent
    return {str(p.relative_to(root)) for p in root.rglob("*") if "server.db" not in p.name}


def _body(*mutations_: Any, **top: Any) -> dict[str, Any]:
    return {"protocol_version": PROTOCOL_VERSION, "mutations": list(mutations_), **top}


def _one(laptop: Laptop, **change: Any) -> dict[str, Any]:
    """A good create mutation (as JSON) with `change` applied."""
    m = mutation("create", f.person("韦新人"), laptop.next()).model_dump(mode="json")
    m.update(change)
    return m


# ---------------------------------------------------------------- the shape of a request


@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
@pytest.mark.parametrize("raw", [b'{"protocol_version": 1, "mutations": [', b"{'protocol_version': 1}", b"",
                                 b"null", b"[]", b"42", b'"text"', b'{"protocol_version": NaN}',
                                 b'{"protocol_version": 1,, }'],
                         ids=["truncated", "single-quotes", "empty", "null", "list", "number", "string", "nan",
                              "double-comma"])
def test_a_body_that_is_not_the_json_asked_for_is_422(laptop, unchanged, endpoint, raw):
    check = unchanged()
    response = laptop.client.post(endpoint, content=raw, headers={**laptop.headers, **JSON})
    assert_clear_error(response, 422, "request.invalid")
    check()


@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
def test_a_body_sent_as_text_is_refused(laptop, unchanged, endpoint):
    check = unchanged()
    body = json.dumps(_body()).encode()
    response = laptop.client.post(endpoint, content=body, headers={**laptop.headers, "Content-Type": "text/plain"})
    assert_clear_error(response, (415, 422))
    check()


@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
@pytest.mark.parametrize("raw", [b'{"protocol_version": 1, "mutations": [], "note": "\xff\xfe"}',
                                 b'{"protocol_version": 1, "cursors": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"],
                         ids=["not-utf8", "nested-50000-deep"])
def test_a_body_that_cannot_be_parsed_at_all_is_refused(laptop, unchanged, endpoint, raw):
    check = unchanged()
    response = laptop.client.post(endpoint, content=raw, headers={**laptop.headers, **JSON})
    assert 400 <= response.status_code < 500, response.text
    check()


@pytest.mark.parametrize("raw", [b'{"protocol_version": 1, "mutations": [], "note": "\xff\xfe"}',
                                 b'{"protocol_version": 1, "cursors": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"],
                         ids=["not-utf8", "nested-50000-deep"])
def test_a_body_that_cannot_be_parsed_is_answered_in_chinese(laptop, raw):
    response = laptop.client.post("/v1/sync/push", content=raw, headers={**laptop.headers, **JSON})
    assert_clear_error(response, (400, 422))


PUSH_WRONG_TYPES = {
    "device_seq-a-word": {"device_seq": "seven"},
    "device_seq-a-fraction": {"device_seq": 1.5},
    "device_seq-zero": {"device_seq": 0},
    "device_seq-negative": {"device_seq": -3},
    "device_seq-null": {"device_seq": None},
    "device_seq-a-list": {"device_seq": [1]},
    "record-a-string": {"record": "韦新人"},
    "record-a-list": {"record": [1, 2]},
    "fields-a-string": {"fields": "full_name"},
    "base_version-zero": {"base_version": 0},
    "client_time-not-a-time": {"client_time": "昨天下午"},
    "attachment_hashes-not-a-list": {"attachment_hashes": "abc"},
    "content_hash-short": {"content_hash": "abc"},
    "bucket-not-12-digits": {"bucket": "4502241012"},
    "record_type-empty": {"record_type": ""},
    "record_type-41-chars": {"record_type": "x" * 41},
    "reason-501-chars": {"reason": "理" * 501},
    "op-explode": {"op": "explode"},
    "op-upper-case": {"op": "CREATE"},
    "op-missing": {"op": None},
}


@pytest.mark.parametrize("change", list(PUSH_WRONG_TYPES.values()), ids=list(PUSH_WRONG_TYPES))
def test_a_mutation_field_of_the_wrong_type_or_value_is_422_for_the_whole_request(laptop, unchanged, change):
    check = unchanged()
    m = _one(laptop, **change)
    if change == {"op": None}:
        del m["op"]
    response = laptop.client.post("/v1/sync/push", json=_body(m), headers=laptop.headers)
    body = assert_clear_error(response, 422, "request.invalid")
    assert body["problems"] and body["problems"][0]["field"].startswith("mutations.0."), body
    check()


@pytest.mark.parametrize("body", [
    {"protocol_version": PROTOCOL_VERSION, "mutations": {"0": {}}},
    {"protocol_version": PROTOCOL_VERSION, "mutations": "create"},
    {"protocol_version": PROTOCOL_VERSION, "mutations": None},
    {"protocol_version": PROTOCOL_VERSION},
    {"protocol_version": "one", "mutations": []},
    {"protocol_version": 0, "mutations": []},
    {"mutations": []},
], ids=["mutations-an-object", "mutations-a-string", "mutations-null", "mutations-missing",
        "protocol_version-a-word", "protocol_version-zero", "protocol_version-missing"])
def test_a_push_whose_envelope_has_the_wrong_shape_is_422(laptop, unchanged, body):
    check = unchanged()
    response = laptop.client.post("/v1/sync/push", json=body, headers=laptop.headers)
    assert_clear_error(response, 422, "request.invalid")
    check()


@pytest.mark.parametrize("body", [
    {"protocol_version": PROTOCOL_VERSION, "cursors": [VILLAGE]},
    {"protocol_version": PROTOCOL_VERSION, "cursors": {VILLAGE: "latest"}},
    {"protocol_version": PROTOCOL_VERSION, "cursors": {VILLAGE: 1.5}},
    {"protocol_version": PROTOCOL_VERSION, "limit": 0},
    {"protocol_version": PROTOCOL_VERSION, "limit": "many"},
    {"protocol_version": "one"},
    {"cursors": {}},
], ids=["cursors-a-list", "cursor-a-word", "cursor-a-fraction", "limit-zero", "limit-a-word",
        "protocol_version-a-word", "protocol_version-missing"])
def test_a_pull_with_the_wrong_types_is_422(laptop, body):
    response = laptop.client.post("/v1/sync/pull", json=body, headers=laptop.headers)
    assert_clear_error(response, 422, "request.invalid")


@pytest.mark.parametrize("where", ["envelope", "mutation"])
def test_an_unknown_key_in_a_push_is_422(laptop, unchanged, where):
    check = unchanged()
    m = _one(laptop)
    body = _body(m)
    if where == "envelope":
        body["dry_run"] = True
    else:
        m["priority"] = "high"
    response = laptop.client.post("/v1/sync/push", json=body, headers=laptop.headers)
    problems = assert_clear_error(response, 422, "request.invalid")["problems"]
    assert any(p["code"] == "extra_forbidden" for p in problems), problems
    check()


def test_an_unknown_key_in_a_pull_or_a_login_is_422(laptop, worker, unchanged):
    check = unchanged()
    pulled = laptop.client.post("/v1/sync/pull", json={"protocol_version": 1, "cursors": {}, "since": "2026-01-01"},
                                headers=laptop.headers)
    assert_clear_error(pulled, 422, "request.invalid")
    signed = laptop.client.post("/v1/auth/login", json={"username": worker.username, "password": worker.password,
                                                        "device_name": "笔记本", "remember_me": True})
    assert_clear_error(signed, 422, "request.invalid")
    check()  # no device registered, no failure counted


def test_an_unknown_key_inside_a_record_rejects_that_mutation_with_a_problem(laptop, unchanged):
    check = unchanged(with_results=False)
    m = _one(laptop)
    m["record"]["favourite_colour"] = "红"
    [result] = laptop.client.post("/v1/sync/push", json=_body(m), headers=laptop.headers).json()["results"]
    assert (result["status"], result["status_code"], result["code"]) == ("rejected", 422, "record.invalid")
    assert [p["field"] for p in result["problems"]] == ["favourite_colour"]
    assert CJK.search(result["problems"][0]["message"])
    check()


def test_an_unknown_role_for_a_new_account_is_422(client, login, make_user, unchanged):
    admin = login(make_user("county_admin"))
    check = unchanged()
    for role in ("overlord", "GRID_WORKER", "", None):
        response = client.post("/v1/admin/users", headers=admin, json={
            "username": "newcomer", "password": "correct-horse-42", "role": role})
        problems = assert_clear_error(response, 422, "request.invalid")["problems"]
        assert any(p["field"] == "role" for p in problems), problems
    check()


# ---------------------------------------------------------------- sizes and encodings


def _padded(size: int) -> bytes:
    """A valid push body of `size` bytes (JSON whitespace pads it)."""
    head = json.dumps(_body()).encode()
    return head[:-1] + b" " * (size - len(head)) + b"}"


@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
def test_a_body_over_the_limit_is_413_by_its_length(laptop, settings, unchanged, endpoint):
    check = unchanged()
    response = laptop.client.post(endpoint, content=_padded(settings.max_body_bytes + 1),
                                  headers={**laptop.headers, **JSON})
    assert_clear_error(response, 413, "request.too_large")
    check()


def test_a_body_over_the_limit_without_a_length_is_413_as_it_streams(laptop, settings, unchanged):
    check = unchanged()
    data = _padded(settings.max_body_bytes + 64 * 1024)

    def chunks():  # noqa: ANN202  (no Content-Length: sent chunked)
        for i in range(0, len(data), 64 * 1024):
            yield data[i:i + 64 * 1024]

    response = laptop.client.post("/v1/sync/push", content=chunks(), headers={**laptop.headers, **JSON})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_clear_error(response, 413, "request.too_large")
    check()


@pytest.mark.parametrize("decoded", [1024 * 1024 + 1, 64 * 1024 * 1024], ids=["just-over", "64-MiB-bomb"])
@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
def test_a_gzip_body_whose_decoded_size_is_over_the_limit_is_413(laptop, settings, unchanged, decoded, endpoint):
    assert settings.max_body_bytes == 1024 * 1024
    check = unchanged()
    small = gzip.compress(_padded(decoded), compresslevel=9)
    assert len(small) < settings.max_body_bytes // 4  # small on the wire
    response = laptop.client.post(endpoint, content=small,
                                  headers={**laptop.headers, **JSON, "Content-Encoding": "gzip"})
    assert_clear_error(response, 413, "request.too_large")
    check()


def test_a_gzip_body_under_the_limit_is_decoded_and_applied(laptop):
    """The control for the 413s above: gzip itself is welcome."""
    head = f.person("韦压缩")
    body = gzip.compress(json.dumps(_body(mutation("create", head, laptop.next()).model_dump(mode="json"))).encode())
    response = laptop.client.post("/v1/sync/push", content=body,
                                  headers={**laptop.headers, **JSON, "Content-Encoding": "gzip"})
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "applied", response.text
    assert head.id in laptop.records()


@pytest.mark.parametrize("raw", [b"\x1f\x8b\x08\x00not gzip at all", b"plain text, not gzip",
                                 gzip.compress(b'{"protocol_version": 1, "mutations": []}')[:20]],
                         ids=["bad-deflate-data", "not-gzip", "cut-in-the-middle"])
@pytest.mark.parametrize("endpoint", ["/v1/sync/push", "/v1/sync/pull"])
def test_a_corrupt_gzip_body_is_400(laptop, unchanged, raw, endpoint):
    check = unchanged()
    response = laptop.client.post(endpoint, content=raw,
                                  headers={**laptop.headers, **JSON, "Content-Encoding": "gzip"})
    if raw.startswith(b"\x1f\x8b") and len(raw) == 20:
        # A stream cut short decodes to a prefix of the JSON: refused either way.
        assert_clear_error(response, (400, 422))
    else:
        assert_clear_error(response, 400, "request.bad_gzip")
    check()


def test_a_gzip_body_missing_its_checksum_trailer_is_400(laptop, unchanged):
    check = unchanged()
    whole = gzip.compress(json.dumps(_body(_one(laptop))).encode())
    response = laptop.client.post("/v1/sync/push", content=whole[:-8],
                                  headers={**laptop.headers, **JSON, "Content-Encoding": "gzip"})
    assert_clear_error(response, 400, "request.bad_gzip")
    check()


@pytest.mark.parametrize("encoding", ["br", "deflate", "compress", "gzip, gzip"])
def test_an_unsupported_content_encoding_is_415(laptop, unchanged, encoding):
    check = unchanged()
    response = laptop.client.post("/v1/sync/push", content=json.dumps(_body()).encode(),
                                  headers={**laptop.headers, **JSON, "Content-Encoding": encoding})
    assert_clear_error(response, 415, "request.encoding")
    check()


def test_a_blob_chunk_over_the_blob_body_limit_is_413(laptop, settings, unchanged):
    data = b"\x07" * (settings.blob_chunk_bytes + 64 * 1024 + 1)
    digest = hashlib.sha256(data).hexdigest()
    assert laptop.client.post(f"/v1/blobs/{digest}", json={"size": len(data)}, headers=laptop.headers).status_code == 201
    check = unchanged()
    response = laptop.client.patch(f"/v1/blobs/{digest}", content=data, headers={
        **laptop.headers, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    assert_clear_error(response, 413)
    check()


def test_more_mutations_than_max_batch_is_422_and_applies_none(laptop, settings, unchanged):
    check = unchanged()
    batch = [_one(laptop) for _ in range(settings.max_batch + 1)]
    response = laptop.client.post("/v1/sync/push", json=_body(*batch), headers=laptop.headers)
    body = assert_clear_error(response, 422, "push.batch_too_large")
    assert str(settings.max_batch) in body["message"]
    check()
    exactly = [_one(laptop) for _ in range(settings.max_batch)]  # the limit itself is fine
    results = laptop.client.post("/v1/sync/push", json=_body(*exactly), headers=laptop.headers).json()["results"]
    assert [r["status"] for r in results] == ["applied"] * settings.max_batch


# ---------------------------------------------------------------- numbers too big for the database

HUGE = 2**63  # one more than a BIGINT holds


def test_a_device_seq_too_big_for_the_database_is_422(laptop, unchanged):
    check = unchanged()
    response = laptop.client.post("/v1/sync/push", json=_body(_one(laptop, device_seq=HUGE)), headers=laptop.headers)
    assert_clear_error(response, 422, "request.invalid")
    check()


def test_a_cursor_too_big_for_the_database_is_422(laptop):
    response = laptop.client.post("/v1/sync/pull", json={"protocol_version": PROTOCOL_VERSION,
                                                         "cursors": {VILLAGE: HUGE}}, headers=laptop.headers)
    assert_clear_error(response, 422, "request.invalid")


def test_a_base_version_too_big_for_the_database_is_422(laptop, unchanged):
    head = f.person("韦版本")
    laptop.send("create", head)
    check = unchanged()
    m = mutation("update", head.model_copy(update={"full_name": "韦版本二"}), laptop.next(), base_version=1,
                 fields=["full_name"]).model_dump(mode="json")
    m["base_version"] = HUGE
    response = laptop.client.post("/v1/sync/push", json=_body(m), headers=laptop.headers)
    assert_clear_error(response, 422, "request.invalid")
    check()


@pytest.mark.parametrize("field", ["base_version", "assignment_epoch", "schema_version"])
def test_other_huge_numbers_in_a_create_never_give_a_server_error(laptop, field):
    response = laptop.client.post("/v1/sync/push", json=_body(_one(laptop, **{field: HUGE})), headers=laptop.headers)
    assert response.status_code < 500, response.text


# ---------------------------------------------------------------- bad records: rejected, with problems


def _push_one(laptop: Laptop, m: Any) -> dict[str, Any]:
    payload = m if isinstance(m, dict) else m.model_dump(mode="json")
    response = laptop.client.post("/v1/sync/push", json=_body(payload), headers=laptop.headers)
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    return result


def _assert_rejected(result: dict[str, Any], status_code: int, code: str) -> None:
    assert (result["status"], result["status_code"], result["code"]) == ("rejected", status_code, code), result
    assert CJK.search(result["message"]), result
    for problem in result["problems"]:
        assert problem["field"] is not None and problem["code"] and CJK.search(problem["message"]), problem


def test_a_person_wrong_in_several_fields_is_rejected_with_a_problem_for_each(laptop, unchanged):
    check = unchanged(with_results=False)
    m = mutation("create", f.person("韦多错"), laptop.next())
    m = m.model_copy(update={"record": {**m.record, "phones": [{"number": "12345"}], "sex": "5",
                                        "education": "大学", "birth_date": "2026-13-45"}})
    result = _push_one(laptop, m)
    _assert_rejected(result, 422, "record.invalid")
    fields = {p["field"] for p in result["problems"]}
    assert {"phones.0.number", "sex", "education", "birth_date"} <= fields, result["problems"]
    assert m.record_id not in laptop.records()
    check()
    assert _push_one(laptop, m)["status"] == "duplicate"  # the verdict is kept, not re-decided


def test_a_visit_whose_dates_are_out_of_order_is_rejected_with_a_problem_for_each(laptop, unchanged):
    check = unchanged(with_results=False)
    visit = f.visit()
    bad = visit.model_copy(update={"ended_at": visit.started_at - timedelta(hours=1),
                                   "next_visit_due": visit.started_at.date() - timedelta(days=3)})
    result = _push_one(laptop, mutation("create", bad, laptop.next()))
    _assert_rejected(result, 422, "record.invalid")
    codes = {p["field"]: p["code"] for p in result["problems"]}
    assert codes.get("ended_at") == "ended_at.before_started_at", result["problems"]
    assert codes.get("next_visit_due") == "next_visit_due.not_after_visit", result["problems"]
    check()


def test_an_invalid_update_leaves_the_stored_record_as_it_was(laptop, unchanged):
    head = f.person("韦不变")
    laptop.send("create", head)
    check = unchanged(with_results=False)
    m = mutation("update", head, laptop.next(), base_version=1, fields=["phones", "birth_date"])
    m = m.model_copy(update={"record": {**m.record, "phones": [{"number": "not a phone"}],
                                        "birth_date": (date.today() + timedelta(days=400)).isoformat()}})
    result = _push_one(laptop, m)
    _assert_rejected(result, 422, "record.invalid")
    check()
    stored = laptop.records()[head.id]
    assert (stored["version"], stored["record"]["phones"]) == (1, [])


def test_a_record_whose_village_differs_from_its_bucket_is_rejected(laptop, unchanged):
    check = unchanged(with_results=False)
    m = mutation("create", f.person("韦串村"), laptop.next())
    m = m.model_copy(update={"record": {**m.record, "village_code": NEIGHBOUR}})  # bucket stays 浮石村
    result = _push_one(laptop, m)
    _assert_rejected(result, 422, "record.moved")
    check()


def test_moving_an_existing_record_to_another_bucket_of_the_caller_is_rejected(client, login, make_user, unchanged):
    both = Laptop(client, login(make_user("grid_worker", grid_of(VILLAGE), grid_of(NEIGHBOUR))))
    head = f.person("韦搬家")
    both.send("create", head)
    check = unchanged(with_results=False)
    moved = head.model_copy(update={"village_code": NEIGHBOUR})
    result = _push_one(both, mutation("update", moved, both.next(), base_version=1, fields=["full_name"]))
    _assert_rejected(result, 422, "record.moved")
    check()


def test_an_unknown_record_type_is_rejected(laptop, unchanged):
    check = unchanged(with_results=False)
    m = mutation("create", f.person("韦外星"), laptop.next()).model_copy(update={"record_type": "spaceship"})
    result = _push_one(laptop, m)
    _assert_rejected(result, 422, "record.unknown_type")
    assert "spaceship" in result["message"]
    check()


def test_a_record_whose_own_id_differs_from_the_mutations_is_rejected(laptop, unchanged):
    check = unchanged(with_results=False)
    m = mutation("create", f.person("韦两号"), laptop.next())
    m = m.model_copy(update={"record": {**m.record, "id": new_id()}})
    _assert_rejected(_push_one(laptop, m), 422, "mutation.id_mismatch")
    check()


@pytest.mark.parametrize("change", [
    {"mutation_id": "abc"}, {"record_id": "12345"}, {"mutation_id": "01A22236-C5D1-7003-994C-95A76F769723"},
    {"record_id": "01a22236c5d17003994c95a76f769723"}, {"supersedes_id": "x"}, {"record_id": ""},
    {"mutation_id": "01a22236-c5d1-7003-994c-95a76f769723; DROP TABLE records"},
], ids=["mutation_id-abc", "record_id-digits", "mutation_id-upper-case", "record_id-no-dashes",
        "supersedes_id-x", "record_id-empty", "mutation_id-sql"])
def test_an_id_that_is_not_a_uuid_is_422(laptop, unchanged, change):
    check = unchanged()
    response = laptop.client.post("/v1/sync/push", json=_body(_one(laptop, **change)), headers=laptop.headers)
    body = assert_clear_error(response, 422, "request.invalid")
    assert {p["field"] for p in body["problems"]} == {f"mutations.0.{next(iter(change))}"}, body
    check()


def test_a_reference_inside_a_record_that_is_not_a_uuid_is_rejected(laptop, unchanged):
    check = unchanged(with_results=False)
    head = f.person("韦户主")
    m = mutation("create", f.household(head), laptop.next())
    m = m.model_copy(update={"record": {**m.record, "head_person_id": "../../etc/passwd"}})
    result = _push_one(laptop, m)
    _assert_rejected(result, 422, "record.invalid")
    assert "head_person_id" in {p["field"] for p in result["problems"]}
    check()


# ---------------------------------------------------------------- path tricks

SNAPSHOT_TRICKS = {
    "dot-dot-encoded-slashes": "..%2F..%2Fserver.db",
    "dot-dot-double-encoded": "%252e%252e%252fserver.db",
    "encoded-dots": "%2e%2e",
    "own-then-up": f"{VILLAGE}%2F..%2F{NEIGHBOUR}",
    "own-with-suffix": f"{VILLAGE}.jsonl.gz",
    "own-with-nul": f"{VILLAGE}%00",
    "own-with-newline": f"{VILLAGE}%0A",
    "backslashes": "..%5C..%5Cserver.db",
    "absolute": "%2Fetc%2Fpasswd",
    "very-long": "9" * 20_000,
    "unicode": "浮石村",
    "wildcard": "*",
}


@pytest.mark.parametrize("trick", list(SNAPSHOT_TRICKS.values()), ids=list(SNAPSHOT_TRICKS))
def test_a_snapshot_path_with_tricks_is_4xx_never_500(laptop, settings, unchanged, trick):
    files = _files(settings)
    check = unchanged()
    for method in ("GET", "HEAD"):
        response = laptop.client.request(method, f"/v1/sync/snapshot/{trick}", headers=laptop.headers)
        assert 400 <= response.status_code < 500, (method, response.status_code, response.text[:300])
        if method == "GET":
            assert_clear_error(response, response.status_code)
    check()
    assert _files(settings) == files


BLOB_TRICKS = {
    "dot-dot-encoded-slashes": "..%2F..%2Fserver.db",
    "dot-dot-double-encoded": "%252e%252e%252fserver.db",
    "encoded-dots": "%2e%2e",
    "partial-folder": "partial%2F" + "a" * 64,
    "hash-then-up": "a" * 64 + "%2F..",
    "upper-case-hash": "A" * 64,
    "hash-with-nul": "a" * 63 + "%00",
    "hash-with-newline": "a" * 64 + "%0A",
    "backslashes": "..%5C..%5Cserver.db",
    "very-long": "a" * 20_000,
    "unicode": "附件",
}


@pytest.mark.parametrize("trick", list(BLOB_TRICKS.values()), ids=list(BLOB_TRICKS))
def test_a_blob_path_with_tricks_is_4xx_never_500(laptop, settings, unchanged, trick):
    files = _files(settings)
    check = unchanged()
    url = f"/v1/blobs/{trick}"
    calls = [("GET", {}), ("HEAD", {}), ("POST", {"json": {"size": 5}}),
             ("PATCH", {"content": b"hello", "headers": {"Content-Type": "application/offset+octet-stream",
                                                         "Upload-Offset": "0"}})]
    for method, kw in calls:
        headers = {**laptop.headers, **kw.pop("headers", {})}
        response = laptop.client.request(method, url, headers=headers, **kw)
        assert 400 <= response.status_code < 500, (method, response.status_code, response.text[:300])
        if method != "HEAD":
            assert_clear_error(response, response.status_code)
    check()
    assert _files(settings) == files


async def _raw_asgi(app, method: str, raw_path: str, headers: dict[str, str]) -> tuple[int, bytes]:  # noqa: ANN001
    """Call the app with a path exactly as given (an HTTP client would remove the dot segments)."""
    sent = False
    status, body = 0, b""

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, body
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": raw_path, "raw_path": raw_path.encode(), "query_string": b"",
             "root_path": "", "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    await app(scope, receive, send)
    return status, body


@pytest.mark.parametrize("path", [f"/v1/sync/snapshot/../../{VILLAGE}", "/v1/sync/snapshot/..",
                                  "/v1/sync/snapshot/../../../../etc/passwd", "/v1/blobs/../../server.db",
                                  "/v1/blobs/..", f"/v1/blobs/{'a' * 64}/../../../etc/passwd"])
def test_dot_segments_that_reach_the_app_unresolved_are_4xx(app, laptop, settings, path):
    files = _files(settings)
    status, body = asyncio.run(_raw_asgi(app, "GET", path, laptop.headers))
    assert 400 <= status < 500, (status, body[:300])
    parsed = json.loads(body)
    assert parsed["code"] and CJK.search(parsed["message"]), parsed
    assert _files(settings) == files


# ---------------------------------------------------------------- login

LOGIN = "/v1/auth/login"


def _login(client, username: str, password: str):  # noqa: ANN001, ANN202
    started = time.perf_counter()
    response = client.post(LOGIN, json={"username": username, "password": password, "device_name": "笔记本"})
    return response, time.perf_counter() - started


def test_a_wrong_password_reads_exactly_like_an_unknown_user(client, worker, engine):
    wrong, _ = _login(client, worker.username, "not-the-password")
    unknown, _ = _login(client, "nobody-of-that-name", "not-the-password")
    assert_clear_error(wrong, 401, "auth.bad_credentials")
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(devices)).scalar_one() == 0


def test_failures_slow_down_then_lock_the_account_even_for_the_right_password(client, worker, settings, make_user):
    assert (settings.login_slow_after, settings.login_lock_after) == (3, 6)
    timings = []
    for _ in range(settings.login_lock_after):
        response, took = _login(client, worker.username, "not-the-password")
        assert_clear_error(response, 401, "auth.bad_credentials")
        timings.append(took)
    # Attempts after the third are held back (0.5 s, 1 s, 2 s); the first ones are not.
    assert all(t >= 0.2 for t in timings[settings.login_slow_after:]), timings
    assert timings[settings.login_slow_after] > timings[0], timings

    locked, _ = _login(client, worker.username, worker.password)
    body = assert_clear_error(locked, 429, "auth.locked")
    retry = int(locked.headers["Retry-After"])
    assert 0 < retry <= (settings.login_lock_minutes + 1) * 60, retry
    assert "锁定" in body["message"]
    assert _login(client, worker.username, "not-the-password")[0].status_code == 429  # still locked
    other = make_user("grid_worker", grid_of(NEIGHBOUR))
    assert _login(client, other.username, other.password)[0].status_code == 200  # only that account


def test_the_right_password_before_the_lock_resets_the_count(client, worker, settings):
    for _ in range(settings.login_lock_after - 1):
        assert _login(client, worker.username, "not-the-password")[0].status_code == 401
    assert _login(client, worker.username, worker.password)[0].status_code == 200  # resets
    first_again, took = _login(client, worker.username, "not-the-password")
    # Counted from 1 again: not held back (the shortest hold is 0.5 s; without the reset this
    # would be failure 6, held 2 s and locking the account) …
    assert first_again.status_code == 401 and took < 0.45, took
    assert _login(client, worker.username, worker.password)[0].status_code == 200  # … and not locked


def test_an_unknown_username_is_slowed_and_locked_like_a_known_one(client, worker, settings):
    known = [_login(client, worker.username, "not-the-password") for _ in range(settings.login_lock_after + 1)]
    unknown = [_login(client, "nobody-of-that-name", "not-the-password")
               for _ in range(settings.login_lock_after + 1)]
    assert [r.status_code for r, _ in unknown] == [r.status_code for r, _ in known]
    assert unknown[settings.login_slow_after][1] >= 0.2

"""The authorisation matrix: every role × a territory it does not own × every endpoint → refused,
and no record of another territory in any response (architecture.md §4: "every endpoint checks
role and territory on the server").

The world: a grid worker of 浮石村 (浮石镇) and a grid worker of 太江村 (大将镇) each push a small
village's worth of records (a person, their household, a draft visit, a sealed visit, a dispute
case, an attachment whose bytes they upload as a blob). Every value that could leak carries a
marker (…机密…), so a response is scanned for the foreign records' ids, their marker values and
their blobs' hashes and bytes.

The intruders, each facing a village that is not theirs (the "cells" of the matrix):

- a grid worker of 隘口村 (浮石镇, a neighbouring village of the same township) — against 浮石村
  and against 太江村;
- a mediator of 大将镇 (with a mediator id) — against 浮石村, where a case even names them: a case
  outside a mediator's assigned territory stays invisible to them (territory.mediator_visible_ids
  looks only inside their buckets). In their own township they see nothing either, as no case
  there names them;
- township staff of 大将镇 — against 浮石村.

The endpoints: hello; push — create / create over an existing id / update / delete / transition
/ seal / amend of the foreign village's records, sent once under the foreign bucket and once
smuggled under the caller's own bucket; pull with a cursor for the foreign bucket (and without);
snapshot of the foreign bucket; every blob endpoint for the foreign attachment's blob; every admin
endpoint. Refused means: 403 or 404 for direct access, a `rejected` result for every push
mutation (403 when the bucket is foreign), and for pull the foreign bucket is never served and is
listed in `removed_buckets`. Every case also checks that the records (and conflicts, quarantine,
blobs, users) are exactly as before.

Then authentication: no token → 401 everywhere except /health, /docs, /openapi.json and
/v1/auth/login; a revoked token (logout) → 401; a disabled user → 401.

The endpoint lists are read from the routers at import, so an endpoint added later is covered
without editing this file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.routing import APIRoute
from sqlalchemy import Engine, select, update

from gridapp.ids import new_id
from gridapp.models import Attachment, DisputeCase, VisitRecord
from sync.mutations import mutation
from sync.protocol import PROTOCOL_VERSION
from sync.server import accounts, auth
from sync.server.routes import admin as admin_routes
from sync.server.routes import auth as auth_routes
from sync.server.routes import blobs as blob_routes
from sync.server.routes import health as health_routes
from sync.server.routes import sync as sync_routes
from sync.server.tables import blobs, conflicts, quarantine, records, users
from tests.server.conftest import FUSHI, grid_of
from tests.server.test_push import Laptop
from tests.support import factories as f

FUSHI_V = f.QUANTOU  # 450224101201 浮石村 (浮石镇)
NEIGHBOUR_V = "450224101202"  # 隘口村, also in 浮石镇
# 大将镇 is 450224104 in resources/data/rongan-villages.csv. (conftest.DAJIANG says 450224106, which
# is no township of 融安县; test_the_villages_used_here_are_where_we_say checks ours.)
DAJIANG = "450224104"
DAJIANG_V = "450224104201"  # 太江村 (大将镇)
MEDIATOR_ID = new_id()  # the intruding mediator's Mediator record


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):  # noqa: ANN001, ANN202
    """Argon2 at production cost takes ~0.4 s a hash on the CI machines, and this file makes
    hundreds of accounts and logins; hashing strength is not what it tests. Verification reads
    the cost from the stored hash, so cheap hashes also verify cheaply."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


# ---------------------------------------------------------------- the routes

PUBLIC = {("GET", "/health"), ("POST", "/v1/auth/login"), ("GET", "/docs"), ("GET", "/openapi.json"),
          ("GET", "/docs/oauth2-redirect"), ("GET", "/redoc")}


def _routes(*modules: Any) -> list[tuple[str, str]]:
    out = []
    for module in modules:
        for route in module.router.routes:
            if isinstance(route, APIRoute):
                out += [(method, route.path) for method in sorted(route.methods)]
    return out


ALL_ROUTES = _routes(health_routes, auth_routes, sync_routes, blob_routes, admin_routes)
PROTECTED = [r for r in ALL_ROUTES if r not in PUBLIC]
BLOB_ROUTES = _routes(blob_routes)
ADMIN_ROUTES = _routes(admin_routes)


def _route_id(route: tuple[str, str]) -> str:
    return f"{route[0]} {route[1]}"


def _fill(path: str, values: dict[str, str]) -> str:
    """`path` with each {param} replaced by a value fitting its name."""
    def one(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if "sha" in name or "digest" in name:
            return values.get("sha256", "0" * 64)
        if "bucket" in name:
            return values.get("bucket", FUSHI_V)
        if "username" in name:
            return values.get("username", "nobody")
        return values.get(name, "x")
    return re.sub(r"\{(\w+)(?::\w+)?\}", one, path)


def _call(client, method: str, path: str, headers: dict[str, str], values: dict[str, str] | None = None):  # noqa: ANN001, ANN202
    """Call a route with a body of the right kind (the contents do not matter: the caller is
    refused before they are looked at, or they are invalid and nothing happens)."""
    url = _fill(path, values or {})
    if method == "PATCH" and path.startswith("/v1/blobs"):  # a chunk: raw bytes at an offset
        return client.request(method, url, content=b"\x00" * 16, headers={
            **headers, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    if method in ("POST", "PUT", "PATCH"):
        body = {"size": int(values["size"])} if values and "size" in values and path.startswith("/v1/blobs") else {}
        return client.request(method, url, json=body, headers=headers)
    return client.request(method, url, headers=headers)


# ---------------------------------------------------------------- the world


@dataclass
class Territory:
    village: str
    owner: Laptop
    objects: dict[str, Any]  # "person" → the record as pushed …
    markers: list[str]  # values only this village's records hold
    blob: bytes
    sha256: str
    sealed_hash: str  # content hash of the sealed visit

    @property
    def ids(self) -> dict[str, str]:
        return {name: record.id for name, record in self.objects.items()}

    def secrets(self) -> list[str]:
        return [*self.ids.values(), *self.markers, self.sha256]


def _seed(owner: Laptop, village: str, tag: str, *, case_mediator: str | None) -> Territory:
    phone = "13807720101" if tag == "浮石" else "13907720202"
    person = f.person(f"韦{tag}秘", phones=[{"number": phone}]).model_copy(
        update={"village_code": village, "hukou_address": f"{tag}机密户籍地址一号"})
    household = f.household(person).model_copy(update={"village_code": village,
                                                       "address_detail": f"{tag}机密门牌十二号"})
    draft = f.visit(household.id, summary=f"{tag}机密走访草稿：老人腿脚不便，已联系村医。").model_copy(
        update={"village_code": village, "visit_no": f"{village}-ZF-20261120-1"})
    done = f.visit(household.id, summary=f"{tag}机密走访小结：低保材料已收齐，下月复查。").model_copy(
        update={"village_code": village, "visit_no": f"{village}-ZF-20261120-2"})
    case = DisputeCase(village_code=village, summary=f"{tag}机密纠纷：宅基地边界", case_no=f"{tag}调〔2026〕9号",
                       parties=[{"name": f"韦{tag}秘", "person_id": person.id}],
                       mediators=[{"mediator_id": case_mediator}] if case_mediator else [])
    blob = f"{tag}机密照片的字节。".encode() * 20
    digest = hashlib.sha256(blob).hexdigest()
    attachment = Attachment(village_code=village, kind="photo", sha256=digest, size=len(blob), mime="image/jpeg",
                            filename=f"{tag}机密照片.jpg", captured_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
                            captured_by=f.STAFF, owner_type="household", owner_id=household.id)  # unsealed:
    # the owner's control below deletes it, which the server refuses for a photo of a sealed document
    objects = {"person": person, "household": household, "draft_visit": draft, "sealed_visit": done,
               "case": case, "attachment": attachment}
    batch = [mutation("create", record, owner.next()) for record in objects.values()]
    batch.append(mutation("seal", done, owner.next(), base_version=1, from_state="DRAFT", to_state="COMPLETED"))
    results = owner.push(*batch)
    assert [r["status"] for r in results] == ["applied"] * len(batch), results
    _upload_blob(owner, blob, digest)
    return Territory(village, owner, objects, [f"韦{tag}秘", phone, f"{tag}机密"], blob, digest,
                     results[-1]["content_hash"])


def _upload_blob(owner: Laptop, blob: bytes, digest: str) -> None:
    """Upload the attachment's bytes as its owner's laptop does (routes/blobs.py)."""
    client, headers = owner.client, owner.headers
    started = client.post(f"/v1/blobs/{digest}", json={"size": len(blob)}, headers=headers)
    assert started.status_code == 201, started.text
    sent = client.patch(f"/v1/blobs/{digest}", content=blob, headers={
        **headers, "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    assert sent.status_code == 200 and sent.json()["complete"], sent.text
    got = client.get(f"/v1/blobs/{digest}", headers=headers)
    assert got.status_code == 200 and got.content == blob, got.text[:200]


@dataclass
class World:
    fushi: Territory
    dajiang: Territory

    def village(self, code: str) -> Territory:
        return {FUSHI_V: self.fushi, DAJIANG_V: self.dajiang}[code]


@pytest.fixture
def world(client, login, make_user) -> World:  # noqa: ANN001
    fushi_owner = Laptop(client, login(make_user("grid_worker", grid_of(FUSHI_V))))
    dajiang_owner = Laptop(client, login(make_user("grid_worker", grid_of(DAJIANG_V))))
    return World(_seed(fushi_owner, FUSHI_V, "浮石", case_mediator=MEDIATOR_ID),
                 _seed(dajiang_owner, DAJIANG_V, "大将", case_mediator=None))


ROLES: dict[str, Callable[[Callable[..., Any]], Any]] = {
    "grid_worker": lambda make_user: make_user("grid_worker", grid_of(NEIGHBOUR_V)),
    "mediator": lambda make_user: make_user("mediator", DAJIANG, mediator_id=MEDIATOR_ID),
    "township_staff": lambda make_user: make_user("township_staff", DAJIANG),
}
# What each intruder must never see: grid worker and mediator — both villages; staff — 浮石村.
HIDDEN = {"grid_worker": (FUSHI_V, DAJIANG_V), "mediator": (FUSHI_V, DAJIANG_V), "township_staff": (FUSHI_V,)}
CELLS = {"grid_worker-vs-fushi": ("grid_worker", FUSHI_V), "grid_worker-vs-dajiang": ("grid_worker", DAJIANG_V),
         "mediator-vs-fushi": ("mediator", FUSHI_V), "township_staff-vs-fushi": ("township_staff", FUSHI_V)}


@dataclass
class Intruder:
    role: str
    laptop: Laptop
    target: Territory  # the foreign village of this cell
    secrets: list[str]  # every string that must never appear in an answer to them
    blobs: list[bytes]  # every blob they must never receive
    own_bucket: str

    def push(self, *mutations: Any) -> tuple[Any, list[dict[str, Any]]]:
        response = self.laptop.client.post("/v1/sync/push", headers=self.laptop.headers, json={
            "protocol_version": PROTOCOL_VERSION, "mutations": [m.model_dump(mode="json") for m in mutations]})
        assert response.status_code == 200, response.text
        return response, response.json()["results"]


@pytest.fixture
def intruder(request, client, login, make_user, world) -> Intruder:  # noqa: ANN001
    role, target = CELLS[request.param]
    laptop = Laptop(client, login(ROLES[role](make_user), "别人的笔记本"))
    hidden = [world.village(code) for code in HIDDEN[role]]
    hello = client.get("/v1/sync/hello", headers=laptop.headers).json()
    return Intruder(role, laptop, world.village(target), [s for t in hidden for s in t.secrets()],
                    [t.blob for t in hidden], hello["buckets"][0])


cells = pytest.mark.parametrize("intruder", list(CELLS), indirect=True)


# ---------------------------------------------------------------- checks


def _text(response) -> str:  # noqa: ANN001
    """Everything an answer says — body (gzip opened, Chinese unescaped) and headers."""
    body = response.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    try:
        shown = json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        shown = body.decode("utf-8", "replace")
    return shown + "\n" + json.dumps(dict(response.headers), ensure_ascii=False)


def assert_no_leak(response, secrets: list[str], sent: tuple[str | None, ...] = (), blobs_: list[bytes] = ()) -> None:  # noqa: ANN001
    """No foreign record id, marker value, blob hash or blob bytes in `response`, except what the
    caller itself sent (a push result names the mutation's record id)."""
    text = _text(response)
    leaked = [s for s in secrets if s not in sent and s in text]
    assert not leaked, f"foreign data in the answer: {leaked}\n{text[:2000]}"
    for blob in blobs_:
        assert blob not in response.content and blob[:40] not in response.content


def _state(engine: Engine) -> list[tuple]:
    """Everything a refused request must leave as it was."""
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(records).order_by(records.c.id))]
        for table, key in ((conflicts, conflicts.c.id), (quarantine, quarantine.c.id), (blobs, blobs.c.sha256),
                           (users, users.c.id)):
            rows += [(table.name, *r) for r in conn.execute(select(table).order_by(key))]
    return rows


def assert_clear_refusal(response, *statuses: int) -> None:  # noqa: ANN001
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    if response.request.method == "HEAD":
        return
    body = response.json()
    assert body["code"] and re.search(r"[\u4e00-\u9fff]", body["message"]), body


# ---------------------------------------------------------------- the matrix: sync endpoints


def test_the_villages_used_here_are_where_we_say(engine):
    from sync.server.tables import townships, villages

    with engine.connect() as conn:
        where = dict(conn.execute(select(villages.c.code, villages.c.township_code)).all())
        names = dict(conn.execute(select(townships.c.code, townships.c.name)).all())
    assert (where[FUSHI_V], where[NEIGHBOUR_V], where[DAJIANG_V]) == (FUSHI, FUSHI, DAJIANG)
    assert names[FUSHI] == "浮石镇" and names[DAJIANG] == "大将镇"


def test_the_leak_scan_finds_a_villages_data_in_its_owners_answers(world):
    """The control for assert_no_leak: the owner's own pull, snapshot and blob do show every
    secret the scan looks for, so a clean scan below means something."""
    owner, place = world.fushi.owner, world.fushi
    pulled = owner.client.post("/v1/sync/pull", headers=owner.headers, json={"protocol_version": PROTOCOL_VERSION})
    snapshot = owner.client.get(f"/v1/sync/snapshot/{FUSHI_V}", headers=owner.headers)
    blob = owner.client.get(f"/v1/blobs/{place.sha256}", headers=owner.headers)
    for response, secrets in ((pulled, place.secrets()), (snapshot, place.secrets()), (blob, [])):
        assert response.status_code == 200
        found = [s for s in secrets if s in _text(response)]
        assert found == secrets, set(secrets) - set(found)
    with pytest.raises(AssertionError):
        assert_no_leak(blob, [], blobs_=[place.blob])


@cells
def test_hello_lists_no_foreign_bucket(intruder):
    response = intruder.laptop.client.get("/v1/sync/hello", headers=intruder.laptop.headers)
    assert response.status_code == 200
    buckets = response.json()["buckets"]
    assert buckets and intruder.target.village not in buckets
    assert all(b.startswith(FUSHI if intruder.role == "grid_worker" else DAJIANG) for b in buckets)
    assert_no_leak(response, intruder.secrets)


def _mutations(place: Territory, laptop: Laptop, bucket: str | None = None) -> dict[str, Any]:
    """One mutation of each kind against `place`'s records — under their own bucket, or
    smuggled under `bucket` (record.village_code changed to match, as a forger would)."""
    o = place.objects
    correction = VisitRecord.model_validate({**o["sealed_visit"].model_dump(), "id": new_id(),
                                             "summary": "伪造的更正内容，写得足够长。"})
    made = {
        "create": mutation("create", f.person("韦新来").model_copy(update={"village_code": place.village}),
                           laptop.next()),
        "create_over_existing": mutation("create", o["person"].model_copy(update={"full_name": "韦冒名"}),
                                         laptop.next()),
        "update": mutation("update", o["person"].model_copy(update={"full_name": "韦改名"}), laptop.next(),
                           base_version=1, fields=["full_name"]),
        "update_case": mutation("update", o["case"].model_copy(update={"summary": "篡改的纠纷简要"}), laptop.next(),
                                base_version=1, fields=["summary"]),
        "delete": mutation("delete", o["person"], laptop.next()),
        "delete_case": mutation("delete", o["case"], laptop.next()),
        "delete_attachment": mutation("delete", o["attachment"], laptop.next()),
        "transition": mutation("transition", o["sealed_visit"], laptop.next(), base_version=2,
                               from_state="COMPLETED", to_state="SYNCED"),
        "seal": mutation("seal", o["draft_visit"], laptop.next(), base_version=1, from_state="DRAFT",
                         to_state="COMPLETED"),
        "amend": mutation("amend", correction, laptop.next(), supersedes_id=o["sealed_visit"].id,
                          supersedes_hash=place.sealed_hash, reason="伪造更正"),
    }
    if bucket is not None:
        made = {kind: m.model_copy(update={"bucket": bucket, "record": None if m.record is None else
                                           {**m.record, "village_code": bucket}})
                for kind, m in made.items() if kind != "create"}  # a new record in their own bucket is theirs
    return made


def test_the_owner_can_do_every_one_of_those_mutations(world):
    """The control: the refusals below are about territory, not about broken mutations.
    (`transition` is left out: see the next test.)"""
    place = world.fushi
    made = _mutations(place, place.owner)
    order = ["update", "update_case", "seal", "amend", "create", "create_over_existing", "delete_attachment",
             "delete", "delete_case"]
    results = place.owner.push(*[made[k] for k in order])
    assert {k: r["status"] for k, r in zip(order, results, strict=True)} == {k: "applied" for k in order}


def test_the_owner_can_move_a_sealed_visit_on(world):
    place = world.fushi
    transition = _mutations(place, place.owner)["transition"]  # COMPLETED → SYNCED of the sealed visit
    response = place.owner.client.post("/v1/sync/push", headers=place.owner.headers, json={
        "protocol_version": PROTOCOL_VERSION, "mutations": [transition.model_dump(mode="json")]})
    assert response.status_code == 200, response.text  # today: 500 server.error, the laptop's queue stuck
    [result] = response.json()["results"]
    assert result["status"] == "applied", result
    stored = place.owner.records()[transition.record_id]
    assert (stored["state"], stored["sealed"], stored["content_hash"]) == ("SYNCED", True, place.sealed_hash)


@cells
def test_a_push_into_a_foreign_village_is_rejected_403(intruder, engine):
    before = _state(engine)
    made = _mutations(intruder.target, intruder.laptop)
    response, results = intruder.push(*made.values())
    got = {kind: (r["status"], r["status_code"], r["code"]) for kind, r in zip(made, results, strict=True)}
    allowed = {("rejected", 403, "territory.outside"), ("rejected", 403, "role.type_not_allowed")}
    assert {k: v for k, v in got.items() if v not in allowed} == {}
    if intruder.role != "mediator":
        assert {v[2] for v in got.values()} == {"territory.outside"}
    assert _state(engine) == before
    sent = tuple(x for m in made.values() for x in (m.record_id, m.supersedes_id))
    assert_no_leak(response, intruder.secrets, sent)


@cells
def test_a_foreign_record_smuggled_under_the_callers_own_bucket_is_rejected(intruder, engine):
    before = _state(engine)
    made = _mutations(intruder.target, intruder.laptop, bucket=intruder.own_bucket)
    response, results = intruder.push(*made.values())
    got = {kind: (r["status"], r["status_code"], r["code"]) for kind, r in zip(made, results, strict=True)}
    assert {k: v for k, v in got.items() if v[0] != "rejected" or not 400 <= v[1] < 500} == {}, got
    for r in results:  # no server-side data handed back with the refusal
        assert r["conflicts"] == [] and r["version"] is None and r["content_hash"] is None, r
    assert _state(engine) == before
    sent = tuple(x for m in made.values() for x in (m.record_id, m.supersedes_id))
    assert_no_leak(response, intruder.secrets, sent)


@cells
def test_a_pull_never_serves_a_foreign_bucket(intruder):
    village = intruder.target.village
    negative = intruder.laptop.client.post("/v1/sync/pull", headers=intruder.laptop.headers, json={
        "protocol_version": PROTOCOL_VERSION, "cursors": {village: -5}})
    assert negative.status_code == 422 and negative.json()["code"] == "request.invalid"
    assert_no_leak(negative, intruder.secrets)
    for named in ({village: 0}, {village: 10**12}, {}):
        response = intruder.laptop.client.post("/v1/sync/pull", headers=intruder.laptop.headers, json={
            "protocol_version": PROTOCOL_VERSION, "cursors": named})
        assert response.status_code == 200, response.text
        page = response.json()
        assert [c for c in page["changes"] if c["bucket"] == village] == []
        assert village not in page["cursors"] and village not in page["checksums"]
        assert page["removed_buckets"] == ([village] if named else [])
        assert_no_leak(response, intruder.secrets)


@cells
def test_a_snapshot_of_a_foreign_bucket_is_refused(intruder):
    client, headers = intruder.laptop.client, intruder.laptop.headers
    village = intruder.target.village
    for extra in ({}, {"Range": "bytes=0-"}, {"Range": "bytes=10-20", "If-Range": f'"{village}-1"'}):
        response = client.get(f"/v1/sync/snapshot/{village}", headers={**headers, **extra})
        assert_clear_refusal(response, 403, 404)
        assert_no_leak(response, intruder.secrets)


@cells
@pytest.mark.parametrize("route", BLOB_ROUTES, ids=[_route_id(r) for r in BLOB_ROUTES])
def test_the_blob_of_a_foreign_attachment_is_never_handed_out(intruder, route, engine):
    """GET and HEAD answer 404 exactly as for an unknown hash. POST and PATCH are the upload,
    which any signed-in caller may do (blobs.py: the name is the content's hash): for a blob that
    is already complete they answer its status, but never its bytes, and change nothing."""
    method, path = route
    before = _state(engine)
    digest = intruder.target.sha256
    response = _call(intruder.laptop.client, method, path, intruder.laptop.headers,
                     {"sha256": digest, "size": str(len(intruder.target.blob))})
    if method in ("GET", "HEAD"):
        assert_clear_refusal(response, 404)
        unknown = _call(intruder.laptop.client, method, path, intruder.laptop.headers, {"sha256": "e" * 64})
        assert (response.status_code, response.content) == (unknown.status_code, unknown.content)
    else:
        assert response.status_code < 500, response.text
    assert _state(engine) == before
    assert_no_leak(response, intruder.secrets, sent=(digest,), blobs_=intruder.blobs)
    owner = intruder.target.owner
    got = owner.client.get(f"/v1/blobs/{digest}", headers=owner.headers)
    assert got.status_code == 200 and got.content == intruder.target.blob  # still whole for its owner


@cells
def test_an_attachment_record_naming_a_foreign_hash_does_not_open_the_blob(intruder, engine):
    """A caller who knows (or once saw) a foreign blob's hash writes an attachment record in
    their own village naming it, without ever sending the bytes — then asks for the blob. (The
    hash alone must not be a key: blobs.may_read wants the record that vouches for the blob.)"""
    target = intruder.target
    decoy = Attachment(village_code=intruder.own_bucket, kind="photo", sha256=target.sha256, size=len(target.blob),
                       mime="image/jpeg", filename="随便.jpg", captured_at=datetime(2026, 11, 21, tzinfo=UTC),
                       captured_by=f.STAFF)
    # Two ways: a new attachment naming the hash, and an own attachment edited to name it.
    earlier = decoy.model_copy(update={"id": new_id(), "sha256": "d" * 64})
    laptop = intruder.laptop
    _response, results = intruder.push(
        mutation("create", decoy, laptop.next()), mutation("create", earlier, laptop.next()),
        mutation("update", earlier.model_copy(update={"sha256": target.sha256}), laptop.next(), base_version=1,
                 fields=["sha256"]))
    assert [r["status"] for r in results] == ["applied"] * 3, results  # writing such records is allowed …
    for method in ("GET", "HEAD"):  # … but they must not open the blob
        got = laptop.client.request(method, f"/v1/blobs/{target.sha256}", headers=laptop.headers)
        assert got.status_code == 404 and target.blob not in got.content, (method, got.status_code)


def test_a_stranger_cannot_throw_away_an_upload_in_progress(client, login, make_user, settings):
    owner = login(make_user("grid_worker", grid_of(FUSHI_V)))
    stranger = login(make_user("grid_worker", grid_of(DAJIANG_V)))
    chunk = settings.blob_chunk_bytes
    data = hashlib.sha256(b"seed").digest() * (chunk // 16)  # two chunks
    digest = hashlib.sha256(data).hexdigest()
    raw = {"Content-Type": "application/offset+octet-stream"}
    assert client.post(f"/v1/blobs/{digest}", json={"size": len(data)}, headers=owner).status_code == 201
    first = client.patch(f"/v1/blobs/{digest}", content=data[:chunk], headers={**owner, **raw, "Upload-Offset": "0"})
    assert first.json()["offset"] == chunk
    client.patch(f"/v1/blobs/{digest}", content=b"\0" * (len(data) - chunk),
                 headers={**stranger, **raw, "Upload-Offset": str(chunk)})
    rest = client.patch(f"/v1/blobs/{digest}", content=data[chunk:],
                        headers={**owner, **raw, "Upload-Offset": str(chunk)})
    assert rest.status_code == 200 and rest.json()["complete"], rest.text  # today: 409, the server has 0 bytes


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=[_route_id(r) for r in ADMIN_ROUTES])
def test_admin_endpoints_are_refused_to_every_other_role(role, route, client, login, make_user, world, engine):
    laptop = Laptop(client, login(ROLES[role](make_user)))
    before = _state(engine)
    owner_name = client.get("/v1/sync/hello", headers=world.fushi.owner.headers).json()["user"]["username"]
    with engine.connect() as conn:
        item = conn.execute(select(quarantine.c.id)).scalar()
    response = _call(client, *route, laptop.headers, {"username": owner_name, "item_id": item or new_id()})
    assert_clear_refusal(response, 403)
    assert response.json()["code"] == "auth.admin_only"
    assert _state(engine) == before
    assert_no_leak(response, [*world.fushi.secrets(), *world.dajiang.secrets()])
    assert client.get("/v1/sync/hello", headers=world.fushi.owner.headers).status_code == 200  # not disabled


# ---------------------------------------------------------------- authentication

BAD_AUTHORIZATION = [None, "", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "Token abc",
                     "Bearer not-a-token-anyone-was-given", "bearer " + "A" * 5000]


@pytest.mark.parametrize("route", PROTECTED, ids=[_route_id(r) for r in PROTECTED])
def test_every_endpoint_but_the_public_ones_needs_a_token(client, route, engine):
    """No Authorization header, an empty one, another scheme, a token nobody was given → 401."""
    before = _state(engine)
    for authorization in BAD_AUTHORIZATION:
        headers = {} if authorization is None else {"Authorization": authorization}
        response = _call(client, *route, headers, {"size": "10"})
        assert response.status_code == 401, (authorization and authorization[:40], response.text[:300])
        assert_clear_refusal(response, 401)
    assert _state(engine) == before


def test_the_public_endpoints_need_no_token(client, make_user):
    account = make_user("grid_worker", grid_of(FUSHI_V))
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200
    login = client.post("/v1/auth/login", json={"username": account.username, "password": account.password,
                                                "device_name": "新笔记本"})
    assert login.status_code == 200 and login.json()["token"]


def test_the_route_lists_cover_the_application(app):
    """Every operation of the app's OpenAPI schema is in PUBLIC or PROTECTED (the lists come from
    the routers, so a new router module must be added to ALL_ROUTES above)."""
    schema = app.openapi()
    served = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    assert served == set(ALL_ROUTES)
    assert {("GET", "/v1/sync/hello"), ("POST", "/v1/auth/logout"), ("GET", "/v1/blobs/{sha256}"),
            ("GET", "/v1/admin/users")} <= set(PROTECTED)


@pytest.fixture
def signed_in(client, login, make_user):  # noqa: ANN001
    """A grid worker of 浮石村 whose token works (checked), with one record pushed."""
    account = make_user("grid_worker", grid_of(FUSHI_V))
    laptop = Laptop(client, login(account))
    secret = f.person("韦登出")
    assert laptop.send("create", secret)["status"] == "applied"
    return account, laptop, secret


@pytest.mark.parametrize("route", PROTECTED, ids=[_route_id(r) for r in PROTECTED])
def test_a_revoked_token_or_a_disabled_user_is_refused_everywhere(client, engine, login, signed_in, route):
    """Logout revokes that device's token. Disabling a user (accounts.set_disabled, as the admin
    endpoint does) revokes all their tokens; and a token of a user whose `disabled` flag is set
    without revoking anything is refused by the token check itself."""
    account, laptop, secret = signed_in
    values = {"bucket": FUSHI_V, "size": "10"}
    assert client.post("/v1/auth/logout", headers=laptop.headers).status_code == 204
    revoked = _call(client, *route, laptop.headers, values)
    assert_clear_refusal(revoked, 401)
    assert revoked.request.method == "HEAD" or revoked.json()["code"] == "auth.token_invalid"

    flagged = login(account, "第二台")
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == account.user_id).values(disabled=True))
    refused = _call(client, *route, flagged, values)
    assert_clear_refusal(refused, 401)
    assert refused.request.method == "HEAD" or refused.json()["code"] == "auth.disabled"

    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == account.user_id).values(disabled=False))
    third = login(account, "第三台")
    with engine.begin() as conn:
        assert accounts.set_disabled(conn, account.username, True) == 2  # 第二台 and 第三台
    after = _call(client, *route, third, values)
    assert_clear_refusal(after, 401)
    for response in (revoked, refused, after):
        assert_no_leak(response, [secret.id, "韦登出"])


def test_logout_revokes_only_that_device(client, login, make_user):
    account = make_user("grid_worker", grid_of(FUSHI_V))
    first, second = login(account, "笔记本一"), login(account, "笔记本二")
    assert client.post("/v1/auth/logout", headers=first).status_code == 204
    assert client.get("/v1/sync/hello", headers=first).status_code == 401
    assert client.get("/v1/sync/hello", headers=second).status_code == 200


def test_a_disabled_user_cannot_sign_in(client, engine, make_user):
    account = make_user("grid_worker", grid_of(FUSHI_V))
    with engine.begin() as conn:
        accounts.set_disabled(conn, account.username, True)
    response = client.post("/v1/auth/login", json={"username": account.username, "password": account.password,
                                                   "device_name": "笔记本"})
    assert_clear_refusal(response, 401)
    assert response.json()["code"] == "auth.disabled"

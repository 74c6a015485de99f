"""The admin API: county admins manage accounts, assignments, the audit log and quarantine;
every other role is refused; bad input changes nothing; passwords never come back."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from sync.mutations import mutation
from sync.protocol import PROTOCOL_VERSION
from sync.server.routes import admin as admin_routes
from sync.server.tables import audit, users
from tests.server.conftest import DAJIANG, FUSHI, FUSHI_VILLAGE, PASSWORD, QUANTOU, grid_of
from tests.support import factories as f

NEW_PASSWORD = "another-horse-77"


@pytest.fixture
def admin(make_user):
    return make_user("county_admin")


@pytest.fixture
def headers(login, admin):
    return login(admin)


def _snapshot(engine):
    """Everything an admin request could change: users (with hashes), assignments, audit rows."""
    from sync.server.tables import assignments

    with engine.connect() as conn:
        return (conn.execute(select(users).order_by(users.c.id)).all(),
                conn.execute(select(assignments).order_by(assignments.c.user_id, assignments.c.scope_code)).all(),
                conn.execute(select(func.count()).select_from(audit)).scalar_one())


def test_an_admin_creates_lists_assigns_and_disables_a_user(client, headers, engine):
    created = client.post("/v1/admin/users", headers=headers, json={
        "username": "wei", "password": NEW_PASSWORD, "role": "grid_worker", "display_name": "韦网格员"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert {k: body[k] for k in ("username", "display_name", "role", "disabled", "scopes", "mediator_id")} == {
        "username": "wei", "display_name": "韦网格员", "role": "grid_worker", "disabled": False, "scopes": [],
        "mediator_id": None}

    assigned = client.put("/v1/admin/users/wei/assignment", headers=headers,
                          json={"scopes": [grid_of(QUANTOU, 1), grid_of(QUANTOU, 2)]})
    assert assigned.status_code == 200, assigned.text
    assert assigned.json() == {"username": "wei", "role": "grid_worker",
                               "scopes": [grid_of(QUANTOU, 1), grid_of(QUANTOU, 2)],
                               "buckets": [QUANTOU], "assignment_epoch": 1}

    listed = client.get("/v1/admin/users", headers=headers).json()
    wei = next(u for u in listed["data"] if u["username"] == "wei")
    assert (wei["scopes"], wei["assignment_epoch"], listed["count"]) == (
        [grid_of(QUANTOU, 1), grid_of(QUANTOU, 2)], 1, len(listed["data"]))

    disabled = client.post("/v1/admin/users/wei/disable", headers=headers)
    assert disabled.status_code == 200 and disabled.json()["user"]["disabled"] is True
    enabled = client.post("/v1/admin/users/wei/enable", headers=headers)
    assert enabled.status_code == 200 and enabled.json()["user"]["disabled"] is False

    actions = [row["action"] for row in client.get("/v1/admin/audit", headers=headers).json()["data"]]
    assert actions[-4:] == ["user_add", "assign", "user_disable", "user_enable"]


def test_a_mediator_is_linked_to_their_mediator_record_and_a_township(client, headers):
    mediator_id = "018cc09a-8000-7a33-b088-a062f42ce24b"
    client.post("/v1/admin/users", headers=headers, json={
        "username": "tiaojie", "password": NEW_PASSWORD, "role": "mediator", "mediator_id": mediator_id})
    response = client.put("/v1/admin/users/tiaojie/assignment", headers=headers, json={"scopes": [FUSHI]})
    assert response.status_code == 200, response.text
    assert QUANTOU in response.json()["buckets"] and FUSHI_VILLAGE in response.json()["buckets"]
    user = next(u for u in client.get("/v1/admin/users", headers=headers).json()["data"]
                if u["username"] == "tiaojie")
    assert (user["mediator_id"], user["scopes"]) == (mediator_id, [FUSHI])


def test_a_role_change_takes_the_new_territory(client, headers, make_user):
    worker = make_user("grid_worker", grid_of(QUANTOU))
    response = client.put(f"/v1/admin/users/{worker.username}/assignment", headers=headers,
                          json={"role": "township_staff", "scopes": [DAJIANG]})
    assert response.status_code == 200, response.text
    assert response.json()["role"] == "township_staff"
    assert all(code.startswith(DAJIANG) for code in response.json()["buckets"])


def test_disabling_a_user_revokes_their_devices(client, headers, login, make_user):
    worker = make_user("grid_worker", grid_of(QUANTOU))
    laptop = login(worker)
    assert client.get("/v1/sync/hello", headers=laptop).status_code == 200

    response = client.post(f"/v1/admin/users/{worker.username}/disable", headers=headers)
    assert response.json()["devices_revoked"] == 1
    refused = client.get("/v1/sync/hello", headers=laptop)
    assert refused.status_code == 401 and refused.json()["code"] == "auth.token_invalid"

    # Enabling again does not bring the old token back: the laptop logs in again.
    client.post(f"/v1/admin/users/{worker.username}/enable", headers=headers)
    assert client.get("/v1/sync/hello", headers=laptop).status_code == 401
    assert client.get("/v1/sync/hello", headers=login(worker)).status_code == 200


def test_a_password_reset_revokes_devices_and_the_new_password_works(client, headers, login, make_user):
    worker = make_user("grid_worker", grid_of(QUANTOU))
    laptop = login(worker)
    response = client.post(f"/v1/admin/users/{worker.username}/reset-password", headers=headers,
                           json={"new_password": NEW_PASSWORD})
    assert response.status_code == 200, response.text
    assert response.json()["devices_revoked"] == 1
    assert client.get("/v1/sync/hello", headers=laptop).status_code == 401
    old = client.post("/v1/auth/login", json={"username": worker.username, "password": PASSWORD,
                                              "device_name": "笔记本"})
    assert old.status_code == 401
    new = client.post("/v1/auth/login", json={"username": worker.username, "password": NEW_PASSWORD,
                                              "device_name": "笔记本"})
    assert new.status_code == 200


def test_an_admin_cannot_lock_themself_out(client, headers, admin):
    for method, path, body in (("post", f"/v1/admin/users/{admin.username}/disable", None),
                               ("put", f"/v1/admin/users/{admin.username}/assignment",
                                {"role": "township_staff", "scopes": [FUSHI]})):
        response = client.request(method, path, headers=headers, json=body)
        assert response.status_code == 409 and "自己" in response.json()["message"]
    assert client.get("/v1/admin/users", headers=headers).status_code == 200


BAD_INPUTS = [  # (what, method, path, body, status, part of the message)
    ("unknown role", "post", "/v1/admin/users", {"username": "li", "password": NEW_PASSWORD, "role": "village_head"},
     422, "请求格式不对"),
    ("short password", "post", "/v1/admin/users", {"username": "li", "password": "short", "role": "grid_worker"},
     422, "密码至少"),
    ("space in name", "post", "/v1/admin/users", {"username": "li si", "password": NEW_PASSWORD,
                                                  "role": "grid_worker"}, 422, "用户名"),
    ("duplicate name", "post", "/v1/admin/users", {"username": "{existing}", "password": NEW_PASSWORD,
                                                   "role": "grid_worker"}, 409, "已经有人用了"),
    ("no password", "post", "/v1/admin/users", {"username": "li", "role": "grid_worker"}, 422, "请求格式不对"),
    ("unknown grid", "put", "/v1/admin/users/{existing}/assignment", {"scopes": ["450224101206G99", "nonsense"]},
     422, "不是有效的网格编码"),
    ("township for a grid worker", "put", "/v1/admin/users/{existing}/assignment", {"scopes": [FUSHI]},
     422, "不是有效的网格编码"),
    ("scopes for a county admin", "put", "/v1/admin/users/{existing}/assignment",
     {"role": "county_admin", "scopes": [FUSHI]}, 422, "不需要分配辖区"),
    ("assign an unknown role", "put", "/v1/admin/users/{existing}/assignment", {"role": "chief", "scopes": []},
     422, "请求格式不对"),
    ("assign an unknown user", "put", "/v1/admin/users/nobody/assignment", {"scopes": []}, 404, "没有用户"),
    ("short reset", "post", "/v1/admin/users/{existing}/reset-password", {"new_password": "short"}, 422, "密码至少"),
    ("disable an unknown user", "post", "/v1/admin/users/nobody/disable", None, 404, "没有用户"),
]


def test_bad_input_is_refused_in_chinese_and_changes_nothing(client, headers, engine, make_user, subtests):
    existing = make_user("grid_worker", grid_of(QUANTOU)).username
    for what, method, path, body, status, message in BAD_INPUTS:
        with subtests.test(what):
            path = path.replace("{existing}", existing)
            if body and body.get("username") == "{existing}":
                body = {**body, "username": existing}
            before = _snapshot(engine)
            response = client.request(method, path, headers=headers, json=body)
            assert response.status_code == status, response.text
            assert message in response.json()["message"]
            assert _snapshot(engine) == before


def _every_admin_request(username: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("get", "/v1/admin/users", None),
        ("post", "/v1/admin/users", {"username": "intruder", "password": NEW_PASSWORD, "role": "county_admin"}),
        ("post", f"/v1/admin/users/{username}/disable", None),
        ("post", f"/v1/admin/users/{username}/enable", None),
        ("post", f"/v1/admin/users/{username}/reset-password", {"new_password": NEW_PASSWORD}),
        ("put", f"/v1/admin/users/{username}/assignment", {"role": "county_admin", "scopes": []}),
        ("get", "/v1/admin/audit?limit=10", None),
        ("get", "/v1/admin/quarantine", None),
        ("post", "/v1/admin/quarantine/00000000-0000-4000-8000-000000000000/discard", None),
    ]


def test_the_list_above_covers_every_admin_endpoint():
    listed = {(method.upper(), path.split("?")[0]) for method, path, _ in _every_admin_request("x")}
    routes = {(method, route.path.replace("{username}", "x").replace(
        "{item_id}", "00000000-0000-4000-8000-000000000000"))
        for route in admin_routes.router.routes for method in route.methods}
    assert routes == listed


@pytest.mark.parametrize("role", ["grid_worker", "mediator", "township_staff"])
def test_every_other_role_is_refused_every_admin_endpoint(client, login, make_user, engine, role):
    scopes = {"grid_worker": (grid_of(QUANTOU),), "mediator": (FUSHI,), "township_staff": (FUSHI,)}[role]
    caller = make_user(role, *scopes)
    headers = login(caller)
    before = _snapshot(engine)
    for method, path, body in _every_admin_request(caller.username):
        response = client.request(method, path, headers=headers, json=body)
        assert response.status_code == 403, (method, path, response.text)
        assert response.json()["message"] == "只有县级管理员可以做这项操作。"
    assert _snapshot(engine) == before


def test_without_a_token_every_admin_endpoint_asks_for_a_login(client):
    for method, path, body in _every_admin_request("anyone"):
        assert client.request(method, path, json=body).status_code == 401, (method, path)


def test_passwords_and_hashes_never_appear_in_any_answer(client, headers, make_user):
    worker = make_user("grid_worker", grid_of(QUANTOU))
    answers = [
        client.post("/v1/admin/users", headers=headers,
                    json={"username": "wei", "password": NEW_PASSWORD, "role": "grid_worker"}),
        client.post("/v1/admin/users", headers=headers,
                    json={"username": "wei", "password": NEW_PASSWORD, "role": "grid_worker"}),  # 409
        client.post(f"/v1/admin/users/{worker.username}/reset-password", headers=headers,
                    json={"new_password": "brand-new-pass-1"}),
        client.post("/v1/admin/users/wei/reset-password", headers=headers, json={"new_password": "tiny"}),
        client.get("/v1/admin/users", headers=headers),
        client.post("/v1/admin/users/wei/disable", headers=headers),
        client.get("/v1/admin/audit?limit=1000", headers=headers),
    ]
    for response in answers:
        text = response.text
        for secret in (NEW_PASSWORD, "brand-new-pass-1", "tiny", PASSWORD, "argon2", "password_hash"):
            assert secret not in text, (response.request.url, secret)


def test_the_audit_log_pages_forward_from_an_id(client, headers, make_user):
    for _ in range(3):
        make_user("grid_worker", grid_of(QUANTOU))
    page = client.get("/v1/admin/audit?limit=2", headers=headers).json()
    ids = [row["id"] for row in page["data"]]
    assert len(ids) == 2 and ids == sorted(ids) and page["next_after_id"] == ids[-1]
    everything = client.get("/v1/admin/audit?limit=1000&after_id=0", headers=headers).json()["data"]
    assert [row["id"] for row in everything][-2:] == ids  # the newest two
    assert client.get(f"/v1/admin/audit?after_id={ids[-1]}", headers=headers).json() == {
        "data": [], "next_after_id": ids[-1]}
    assert all(isinstance(row["detail"], dict) for row in everything)
    assert client.get("/v1/admin/audit?limit=0", headers=headers).status_code == 422


def test_quarantined_mutations_are_listed_and_can_be_discarded_once(client, headers, login, make_user, engine):
    worker = make_user("grid_worker", grid_of(f.QUANTOU))
    laptop = login(worker)
    epoch = client.get("/v1/sync/hello", headers=laptop).json()["assignment_epoch"]
    moved = client.put(f"/v1/admin/users/{worker.username}/assignment", headers=headers,
                       json={"scopes": [grid_of("450224101202")]})
    assert moved.status_code == 200
    head = f.person()
    pushed = client.post("/v1/sync/push", headers=laptop, json={
        "protocol_version": PROTOCOL_VERSION,
        "mutations": [mutation("create", head, 1, assignment_epoch=epoch).model_dump(mode="json")]})
    assert pushed.json()["results"][0]["status"] == "quarantined"

    pending = client.get("/v1/admin/quarantine", headers=headers).json()
    assert pending["count"] == 1
    item = pending["data"][0]
    assert (item["record_id"], item["bucket"], item["username"], item["reason"]) == (
        head.id, f.QUANTOU, worker.username, "assignment_changed")
    assert item["mutation"]["record"]["full_name"] == head.full_name

    discarded = client.post(f"/v1/admin/quarantine/{item['id']}/discard", headers=headers)
    assert discarded.status_code == 200 and discarded.json()["decision"] == "discarded"
    assert client.get("/v1/admin/quarantine", headers=headers).json() == {"data": [], "count": 0}
    again = client.post(f"/v1/admin/quarantine/{item['id']}/discard", headers=headers)
    assert again.status_code == 409 and "已经处理过" in again.json()["message"]
    missing = client.post("/v1/admin/quarantine/nope/discard", headers=headers)
    assert missing.status_code == 404

    last = client.get("/v1/admin/audit?limit=1", headers=headers).json()["data"][0]
    assert (last["action"], last["record_id"], json.dumps(last["detail"])) == (
        "quarantine_discard", head.id, json.dumps({"mutation_id": item["mutation_id"], "quarantine_id": item["id"]}))

"""Property-based tests of the server against its own OpenAPI schema (Schemathesis 4).

Schemathesis reads `/openapi.json` from the app and, for every operation, generates requests
from the schema — valid ones and, in its negative and coverage phases, deliberately invalid
ones — and sends them through the ASGI app, signed in as a grid worker of 浮石村 (Authorization
header). Two checks on every answer:

- `not_a_server_error`: never a 5xx — bad input is a 4xx (architecture.md §4);
- `response_schema_conformance`: a documented answer has the documented shape.

Bounded: a handful of examples per operation (`max_examples` below), derandomized so CI runs
are reproducible, and no example database. SQLite only: these tests are about the HTTP contract
(parsing, validation, status codes, response shapes), which is the same code on both engines;
the engine-specific behaviour is what the rest of tests/server runs on SQLite *and* PostgreSQL.
On PostgreSQL every example would also cost a round trip per statement and the run would not fit
in the ~2–3 minutes a CI job should spend here.

Nothing is excluded silently: every operation of the schema runs in `test_the_api_conforms`
except `POST /v1/auth/logout`, which revokes the token the run is signed in with (every later
example would only see the 401 path) and so runs in `test_logout_conforms` with a fresh token for
each example. (Integers beyond a BIGINT once gave a 500; the schema now bounds them, and the
main run sends whatever it allows.) As a grid worker the admin operations can only answer 403, so they are also fuzzed signed in as
a county admin (`test_the_admin_api_conforms_for_an_admin`).

Run time: about 70 s on SQLite (15 examples per operation plus the coverage phase's cases).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from sync.server import auth
from sync.server.app import create_app
from sync.server.config import Settings
from tests.server.conftest import grid_of
from tests.server.test_push import Laptop
from tests.support import factories as f

CHECKS = [not_a_server_error, response_schema_conformance]
BOUNDED = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture(params=["sqlite"])
def database_url(request, tmp_path) -> str:  # noqa: ANN001
    """SQLite only (see the module docstring); overrides conftest's sqlite/postgresql pair."""
    return f"sqlite:///{tmp_path / 'server.db'}"


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):  # noqa: ANN001, ANN202
    """Login is fuzzed too; Argon2 at production cost (~0.4 s a hash here) would eat the budget."""
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def auth_headers(client, login, make_user) -> dict[str, str]:  # noqa: ANN001
    """A grid worker of 浮石村, with a record in their village so pull and snapshot have data."""
    headers = login(make_user("grid_worker", grid_of(f.QUANTOU)))
    laptop = Laptop(client, headers)
    assert laptop.send("create", f.person("韦样本"))["status"] == "applied"
    return headers


def _schema_document() -> dict:
    """The app's OpenAPI document. It depends only on the routes, so a throw-away app over an
    unused database gives it at import (collection) time; every test then calls its own app with
    a migrated database (`app=` below). A lazy schema (schemathesis.pytest.from_fixture) would
    avoid this, but Schemathesis 4.32 reads `request.node._nodeid`, which pytest 9 no longer has."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(database_url=f"sqlite:///{folder}/unused.db", blob_dir=Path(folder) / "blobs"))
        document = app.openapi()
        app.state.engine.dispose()
    return document


schema = schemathesis.openapi.from_dict(_schema_document())


def test_the_schema_lists_every_route(app):
    """The operations fuzzed below are the app's operations (the document is taken at import)."""
    assert app.openapi()["paths"] == schema.raw_schema["paths"]
    assert len(list(schema.get_all_operations())) >= 20


# PATCH /v1/blobs/{sha256} takes the chunk's raw bytes as `application/offset+octet-stream` (tus);
# they are sent like any `application/octet-stream` body.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")


def _call(case, app, headers):  # noqa: ANN001, ANN202
    if case.operation.method.upper() == "PATCH":
        # The chunk's offset travels in a header the schema does not declare; without it every
        # example would stop at `blob.bad_offset`.
        headers = {"Upload-Offset": "0", **headers}
    return case.call_and_validate(app=app, headers=headers, checks=CHECKS)


@schema.exclude(method="POST", path="/v1/auth/logout").parametrize()
@BOUNDED
def test_the_api_conforms(case, app, auth_headers):  # noqa: ANN001
    """Every operation but logout, with whatever integers the schema allows (it bounds them to
    what the database columns hold)."""
    _call(case, app, auth_headers)


@schema.include(method="POST", path="/v1/auth/logout").parametrize()
@BOUNDED
def test_logout_conforms(case, app, login, make_user):  # noqa: ANN001
    headers = login(make_user("grid_worker", grid_of(f.QUANTOU)))  # a fresh token each example
    _call(case, app, headers)


@schema.include(path_regex="^/v1/admin/").parametrize()
@BOUNDED
def test_the_admin_api_conforms_for_an_admin(case, app, login, make_user):  # noqa: ANN001
    """As a grid worker the admin operations only ever answer 403; signed in as a county admin
    the generated bodies and paths reach the account code. (A fresh admin each example: a
    generated password reset or assignment may target the admin's own account.)"""
    _call(case, app, login(make_user("county_admin")))

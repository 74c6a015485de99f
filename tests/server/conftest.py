"""Fixtures for the county server: a migrated database on SQLite *and* PostgreSQL (every test
that uses `engine` runs on both), the FastAPI app over it, accounts per role, and logins."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from gridapp.geography import load_geography
from sync.protocol import Role
from sync.server import accounts, geography
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import make_engine, migrate
from tests.support.pg import pg_cluster, pg_url  # noqa: F401  (fixtures)

FUSHI = "450224101"  # 浮石镇
QUANTOU = "450224101206"  # 浮石镇泉头村
FUSHI_VILLAGE = "450224101201"  # 浮石村
DAJIANG = "450224104"  # 大将镇, another township
PASSWORD = "correct-horse-42"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:  # noqa: ANN001
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def settings(database_url: str, tmp_path) -> Settings:  # noqa: ANN001
    return Settings(database_url=database_url, blob_dir=tmp_path / "blobs", max_body_bytes=1024 * 1024,
                    max_batch=100, max_page=500, blob_chunk_bytes=64 * 1024, max_blob_bytes=4 * 1024 * 1024,
                    login_slow_after=3, login_lock_after=6, login_lock_minutes=15)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A migrated database holding the county's geography and its demo grid plan."""
    engine = make_engine(settings.database_url, pool_size=4)
    migrate(engine)
    with engine.begin() as conn:
        geography.import_geography(conn, load_geography())
        geography.import_grids(conn, geography.demo_grid_rows(load_geography()))
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings: Settings, engine: Engine):  # noqa: ANN201
    return create_app(settings, engine)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # noqa: ANN001
    with TestClient(app) as c:
        yield c


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: Role
    scopes: tuple[str, ...]
    user_id: int


_names = itertools.count(1)


@pytest.fixture
def make_user(engine: Engine) -> Callable[..., Account]:
    """make_user(role, *scopes, mediator_id=None) → an Account with PASSWORD."""

    def make(role: Role | str, *scopes: str, mediator_id: str | None = None, username: str | None = None) -> Account:
        role = Role(role)
        name = username or f"{role.value}{next(_names)}"
        with engine.begin() as conn:
            user_id = accounts.add_user(conn, name, PASSWORD, role, mediator_id=mediator_id)
            if scopes or role is not Role.COUNTY_ADMIN:
                accounts.assign(conn, name, scopes)
        return Account(name, PASSWORD, role, tuple(scopes), user_id)

    return make


@pytest.fixture
def login(client: TestClient) -> Callable[[Account], dict[str, str]]:
    """login(account) → the Authorization header of a fresh device."""

    def do(account: Account, device_name: str = "测试笔记本") -> dict[str, str]:
        response = client.post("/v1/auth/login", json={"username": account.username, "password": account.password,
                                                       "device_name": device_name})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return do


def grid_of(village_code: str, n: int = 1) -> str:
    return f"{village_code}G{n:02d}"

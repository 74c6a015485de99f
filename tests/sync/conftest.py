"""Fixtures for the laptop's sync engine: a real server over loopback (SQLite and PostgreSQL)
and laptops (encrypted stores) signed in to it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from gridapp.store import Store
from sync.client import Client
from sync.session import login as sign_in
from tests.server.conftest import (  # noqa: F401  (fixtures shared with the server tests)
    PASSWORD, app, database_url, engine, grid_of, make_user, settings,
)
from tests.support.pg import pg_cluster, pg_url  # noqa: F401
from tests.support.threaded_server import serving


@pytest.fixture
def server_url(app) -> Iterator[str]:  # noqa: ANN001
    with serving(app) as url:
        yield url


@dataclass
class Laptop:
    store: Store
    client: Client

    def sync(self):  # noqa: ANN201
        from sync.session import sync_now

        return sync_now(self.store, client=self.client)


_n = itertools.count(1)


@pytest.fixture
def make_laptop(server_url: str, tmp_path, db_key) -> Iterator[Callable[..., Laptop]]:  # noqa: ANN001
    """make_laptop(account) → a fresh encrypted store signed in as `account`."""
    made: list[Laptop] = []

    def make(account, *, retries: int = 2) -> Laptop:  # noqa: ANN001
        store = Store.create(tmp_path / f"laptop{next(_n)}.db", db_key, actor=account.username)
        client = Client(server_url, retries=retries, backoff=0.01)
        sign_in(store, server_url, account.username, PASSWORD, client=client)
        laptop = Laptop(store, client)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.store.close()
        laptop.client.close()


@pytest.fixture
def worker_pair(make_laptop, make_user) -> tuple[Laptop, Laptop]:  # noqa: ANN001
    """Two laptops of one grid worker of 泉头村 (two computers of the same village)."""
    from tests.support.factories import QUANTOU

    worker = make_user("grid_worker", grid_of(QUANTOU, 1))
    return make_laptop(worker), make_laptop(worker)

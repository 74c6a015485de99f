"""Two laptops of one grid worker of 泉头村 on a county server over loopback (SQLite: what these
tests look at is the laptop), and a household both hold: where a conflict starts. Fixtures are
imported by the sync-problem tests (core and page)."""

from __future__ import annotations

import pytest

from tests.server.conftest import grid_of
from tests.support import factories as f

VILLAGE = f.QUANTOU


@pytest.fixture
def database_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'server.db'}"


@pytest.fixture
def pair(make_laptop, make_user):
    worker = make_user("grid_worker", grid_of(VILLAGE, 1))
    return make_laptop(worker), make_laptop(worker)


@pytest.fixture
def household_in_both(pair):
    """A household of two recorded on laptop a and synced to b."""
    a, b = pair
    head, spouse = f.person("韦小明"), f.person("覃小红", id_number=None)
    home = f.household(head, spouse, household_tags=["dibao"])
    for record in (head, spouse, home):
        a.store.save(record)
    a.sync()
    b.sync()
    return home


def edit(store, record_id: str, **values) -> None:
    """An ordinary edit of a few fields of a stored record."""
    store.save(store.get(record_id).model_copy(update=values))


def clash(pair, record_id: str, *, theirs: dict, mine: dict) -> None:
    """Laptop a changes `theirs` and syncs first; laptop b changes `mine` and syncs second: b holds
    the conflict."""
    a, b = pair
    edit(a.store, record_id, **theirs)
    edit(b.store, record_id, **mine)
    a.sync()
    b.sync()

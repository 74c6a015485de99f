"""Checks of tests/support/pg.py: the throw-away PostgreSQL server gives each test a working,
separate database, and row locks behave as the county server relies on."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.support import pg
from tests.support.pg import PostgresCluster, fresh_database, pg_cluster, pg_url  # noqa: F401 (fixtures)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:  # noqa: F811 (the imported fixture, by name)
    """An engine on the test's fresh database."""
    engine = create_engine(pg_url, pool_size=3)
    yield engine
    engine.dispose()


def test_a_fresh_database_takes_a_table_a_row_and_a_query(pg_engine: Engine):
    with pg_engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar_one() == 0
        conn.execute(text("CREATE TABLE households (id int PRIMARY KEY, head text NOT NULL)"))
        conn.execute(text("INSERT INTO households VALUES (1, :head)"), {"head": "韦小明"})
    with pg_engine.connect() as conn:
        assert conn.execute(text("SELECT head FROM households WHERE id = 1")).scalar_one() == "韦小明"


def test_two_databases_are_separate_and_dropped_afterwards(pg_cluster: PostgresCluster, pg_url: str):  # noqa: F811
    first = create_engine(pg_url)
    with first.begin() as conn:
        conn.execute(text("CREATE TABLE only_here (id int)"))
    first.dispose()
    with fresh_database(pg_cluster) as other_url:
        assert other_url != pg_url
        # Left connected on purpose: a test that forgets to dispose its engine must not stop the drop.
        second = create_engine(other_url)
        with second.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('only_here')")).scalar_one() is None
            other_name = conn.execute(text("SELECT current_database()")).scalar_one()
    second.dispose()
    assert other_name.startswith("gridapp_test_")
    with pg_cluster._admin() as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (other_name,)).fetchone() is None


def test_select_for_update_blocks_a_second_locker_until_the_first_commits(pg_engine: Engine):
    with pg_engine.begin() as conn:
        conn.execute(text("CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL)"))
        conn.execute(text("INSERT INTO counters VALUES (1, 0)"))
    seen: list[int] = []
    errors: list[BaseException] = []

    def second_locker() -> None:
        try:
            with pg_engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '5s'"))  # a broken test fails, never hangs
                seen.append(conn.execute(text("SELECT value FROM counters WHERE id = 1 FOR UPDATE")).scalar_one())
        except BaseException as error:  # noqa: BLE001 - reported by the asserts below
            errors.append(error)

    thread = threading.Thread(target=second_locker, daemon=True)
    with pg_engine.connect() as first, first.begin():
        assert first.execute(text("SELECT value FROM counters WHERE id = 1 FOR UPDATE")).scalar_one() == 0
        thread.start()
        _wait_until_a_backend_waits_for_a_lock(pg_engine)
        assert seen == [] and thread.is_alive()
        first.execute(text("UPDATE counters SET value = 1 WHERE id = 1"))
    thread.join(timeout=5)
    assert not thread.is_alive() and errors == []
    assert seen == [1]  # it went on only after the commit, and read the committed value


def _wait_until_a_backend_waits_for_a_lock(engine: Engine, timeout: float = 5.0) -> None:
    # Asking the server beats sleeping: it says the second SELECT is queued on our row lock.
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                        " AND wait_event_type = 'Lock'")).scalar_one()
            conn.rollback()  # a fresh snapshot of pg_stat_activity on the next read
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the second SELECT ... FOR UPDATE never waited for the lock")


def test_the_private_cluster_is_set_up_for_speed_on_loopback(pg_cluster: PostgresCluster, pg_engine: Engine):  # noqa: F811
    if pg_cluster.external:
        pytest.skip(f"{pg.URL_ENV} names an existing server; its settings are its own")
    assert pg_cluster.host == "127.0.0.1"
    with pg_engine.connect() as conn:
        settings = {name: conn.execute(text(f"SHOW {name}")).scalar_one()
                    for name in ("listen_addresses", "fsync", "synchronous_commit", "full_page_writes",
                                 "max_connections", "password_encryption")}
    assert settings == {"listen_addresses": "127.0.0.1", "fsync": "off", "synchronous_commit": "off",
                        "full_page_writes": "off", "max_connections": "200", "password_encryption": "scram-sha-256"}


def test_an_existing_server_named_by_the_environment_is_used_as_it_is(pg_cluster: PostgresCluster,  # noqa: F811
                                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(pg.URL_ENV, pg_cluster.url(pg_cluster.admin_db))
    existing = pg.pg_cluster_or_skip()
    assert existing.external and existing is not pg_cluster and existing.port == pg_cluster.port
    with fresh_database(existing) as url:
        assert url.startswith(f"postgresql+psycopg://{pg_cluster.user}:")
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
        engine.dispose()
    existing.stop()  # not ours to stop: the server goes on
    with pg_cluster._admin() as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_without_postgresql_tests_skip_but_ci_fails(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(pg.URL_ENV, raising=False)
    monkeypatch.setattr(pg, "find_bin_dir", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install postgresql"):
        pg.pg_cluster_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(RuntimeError, match="CI=true and PostgreSQL is not installed"):
        pg.pg_cluster_or_skip()


def test_the_newest_installed_version_is_chosen(tmp_path, monkeypatch: pytest.MonkeyPatch):
    for version in ("9", "13", "15", "notes"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "initdb").touch()
    monkeypatch.setattr(pg, "DEBIAN_BIN_DIRS", tmp_path)
    assert pg.find_bin_dir() == tmp_path / "15" / "bin"

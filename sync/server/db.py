"""The server's database: engine creation for SQLite and PostgreSQL, migrations, transactions.

SQLite is the embedded default (one file); PostgreSQL the production engine. Differences are
kept here: on SQLite every transaction starts with BEGIN IMMEDIATE (one writer at a time,
waiting up to `busy_timeout` rather than failing), in WAL mode so readers never block.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for `url` (`sqlite:///path` or `postgresql+psycopg://…`)."""
    if url.startswith("sqlite"):
        # A pool: opening a connection (and its PRAGMAs) costs twenty times the transaction it
        # serves. Sized for uvicorn's thread pool (40 threads).
        engine = create_engine(url, pool_size=pool_size, max_overflow=40, pool_pre_ping=False,
                               connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite_habits(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True,
                         pool_recycle=1800)


def _sqlite_habits(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Readers take no lock (WAL gives them a snapshot); writers queue for the one write lock
        # at BEGIN, so a transaction never fails half-way with "database is locked".
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("readonly") else "BEGIN IMMEDIATE")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction that sees one consistent snapshot (REPEATABLE READ on
    PostgreSQL; a deferred BEGIN under WAL on SQLite)."""
    options: dict[str, Any] = {"readonly": True}
    if not is_sqlite(engine):
        options["isolation_level"] = "REPEATABLE READ"
    with engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn


def is_sqlite(engine_or_conn: Any) -> bool:
    return engine_or_conn.dialect.name == "sqlite"


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (Alembic)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        _ensure_meta(conn)


def _ensure_meta(conn: Connection) -> None:
    from sync.server.tables import server_meta

    have = conn.execute(select(server_meta.c.value).where(server_meta.c.key == "id_hmac_key")).first()
    if have is None:
        conn.execute(insert(server_meta).values(key="id_hmac_key", value=secrets.token_hex(32)))


def meta_value(conn: Connection, key: str) -> str | None:
    from sync.server.tables import server_meta

    return conn.execute(select(server_meta.c.value).where(server_meta.c.key == key)).scalar()


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None before `init`); a read, never a lock."""
    try:
        with reading(engine) as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except Exception:  # noqa: BLE001 - no table yet
        return None
    return row[0] if row else None

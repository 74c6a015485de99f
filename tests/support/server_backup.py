"""The county server's nightly backup, and restoring it after a disk failure, made as
docs/server.md tells the county to make them: SQLite's backup API for a SQLite database,
`pg_dump -Fc` and `pg_restore` for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from tests.support.pg import find_bin_dir


def backup(database_url: str, to: Path) -> None:
    """Back the server's database up into the file `to` while the server runs."""
    if database_url.startswith("sqlite:///"):
        _copy(database_url.removeprefix("sqlite:///"), str(to))
    else:
        _run("pg_dump", "--format=custom", f"--file={to}", _libpq(database_url))


def restore(database_url: str, engine: Engine, backup_file: Path) -> None:
    """Put the backup `backup_file` back in place of the server's database. The server's pooled
    connections are closed first, as stopping the server for a restore would."""
    engine.dispose()
    if database_url.startswith("sqlite:///"):
        _copy(str(backup_file), database_url.removeprefix("sqlite:///"))
    else:
        _run("pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner",
             f"--dbname={_libpq(database_url)}", str(backup_file))


def _copy(src: str, dst: str) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def _libpq(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def _run(tool: str, *args: str) -> None:
    found = find_bin_dir()
    command = str(found / tool) if found and (found / tool).exists() else shutil.which(tool)
    assert command, f"{tool} is not installed (apt-get install postgresql-client)"
    done = subprocess.run([command, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{tool} failed: {done.stderr}"

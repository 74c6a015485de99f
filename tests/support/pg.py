"""A real, throw-away PostgreSQL server for tests: `PostgresCluster` and the `pg_cluster` / `pg_url` fixtures.

One cluster is started per test session (initdb + start: about 1.2 s on an idle machine) in a fresh folder
under the system temp dir; every test that asks for `pg_url` gets its own empty database
`gridapp_test_<hex>`, dropped afterwards.

- `GRIDAPP_TEST_PG_URL=postgresql+psycopg://USER:PASS@HOST:5432/postgres` uses that server
  instead (it must allow CREATE DATABASE); nothing is started or stopped.
- No PostgreSQL binaries: the tests are skipped, except under `CI=true`, where that is an error
  (CI installs `postgresql`, so a missing server is a broken CI image, not a reason to skip).

Wire the fixtures in with `from tests.support.pg import pg_cluster, pg_url  # noqa: F401`. Several
conftests may import them: each import is a separate session fixture to pytest, but they all
share one cluster (`pg_cluster_or_skip` keeps it per process).
"""

from __future__ import annotations

import atexit
import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import pytest

URL_ENV = "GRIDAPP_TEST_PG_URL"
INSTALL_HINT = "PostgreSQL is not installed: apt-get install postgresql"
DEBIAN_BIN_DIRS = Path("/usr/lib/postgresql")
OS_USER = "postgres"  # the Debian package's system user; initdb refuses to run as root

# Appended to postgresql.conf. Durability is pointless for a cluster deleted after the session
# and costs most of the time of CREATE DATABASE and of every commit; 200 connections leave room
# for several pooled engines plus threads in one test.
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}

# Runs detached from the test process, holding the read end of a pipe whose write end only the
# test process has. EOF means the test process is gone, however it went (even kill -9, which
# skips atexit), so the server is stopped and its folder removed. argv: folder, stop command...
WATCHDOG = """
import shutil, subprocess, sys
sys.stdin.buffer.read()
subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


class PostgresCluster:
    """A PostgreSQL server reachable over TCP, and the databases tests create in it.

    `PostgresCluster()` then `start(base_dir)` runs a private cluster on 127.0.0.1;
    `PostgresCluster.existing(url)` uses a server someone else runs (start/stop do nothing to it).
    """

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = 0
        self.user = "gridapp"
        self.password = secrets.token_hex(16)
        self.admin_db = "postgres"
        self.query: dict[str, str] = {}  # extra connection options of an existing server's URL
        self.external = False
        self.timings: dict[str, float] = {}  # seconds: "initdb", "start"
        self._dir: Path | None = None
        self._bin: Path | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    # ------------------------------------------------------------ an existing server

    @classmethod
    def existing(cls, server_url: str) -> PostgresCluster:
        """The server at `server_url` (postgresql[+driver]://USER:PASS@HOST:PORT/ADMIN_DB)."""
        parts = urlsplit(server_url)
        if not parts.scheme.startswith("postgresql") or not parts.hostname:
            raise ValueError(f"{URL_ENV} must look like postgresql+psycopg://USER:PASS@HOST:PORT/postgres")
        cluster = cls()
        cluster.external = True
        cluster.host = parts.hostname
        cluster.port = parts.port or 5432
        cluster.user = unquote(parts.username or "")
        cluster.password = unquote(parts.password or "")
        cluster.admin_db = unquote(parts.path.lstrip("/")) or "postgres"
        cluster.query = dict(parse_qsl(parts.query))
        return cluster

    # ------------------------------------------------------------ life cycle

    @property
    def running(self) -> bool:
        return self.external or self._dir is not None

    def start(self, base_dir: Path) -> None:
        """initdb and start a cluster in a new folder inside `base_dir` (which the `postgres`
        user must be able to enter when running as root: the system temp dir is fine)."""
        if self.running:
            raise RuntimeError("this PostgresCluster is already running (or is an existing server)")
        self._bin = find_bin_dir()
        if self._bin is None:
            raise RuntimeError(INSTALL_HINT)
        self._dir = Path(tempfile.mkdtemp(prefix="gridapp-pg-", dir=base_dir))
        # From here on a half-started cluster is still cleaned up, by stop(), atexit or the watchdog.
        atexit.register(self.stop)
        try:
            self._start_watchdog()
            self._hand_folder_to_server_user()
            self._timed("initdb", self._initdb)
            self._configure()
            self._timed("start", self._start_server)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is worth a checkpoint) and delete its
        folder. Safe to call twice; does nothing to an existing server."""
        if self._dir is None:
            return
        atexit.unregister(self.stop)
        self._stop_watchdog()
        subprocess.run(self._stop_command(), capture_output=True, cwd=self._dir)
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None

    # ------------------------------------------------------------ databases

    def url(self, dbname: str) -> str:
        """The SQLAlchemy URL of database `dbname` on this server."""
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in self.query.items())
        return (f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{quote(dbname, safe='')}"
                + (f"?{query}" if query else ""))

    def create_database(self, name: str) -> str:
        """Create the empty database `name`; returns its URL."""
        from psycopg import sql

        with self._admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name` even if a test left connections open (an undisposed engine)."""
        from psycopg import sql

        with self._admin() as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _admin(self) -> Any:
        """An autocommit connection to the admin database (CREATE/DROP DATABASE refuse to run
        inside a transaction)."""
        import psycopg

        return psycopg.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                               dbname=self.admin_db, autocommit=True, connect_timeout=10, **self.query)

    # ------------------------------------------------------------ starting, step by step

    @property
    def _data(self) -> Path:
        assert self._dir is not None
        return self._dir / "data"

    def _timed(self, step: str, action: Any) -> None:
        began = time.perf_counter()
        action()
        self.timings[step] = time.perf_counter() - began

    def _hand_folder_to_server_user(self) -> None:
        # initdb and the server refuse to run as root; as root we run them as `postgres`, which
        # must own the folder (mkdtemp made it 0700, so nobody else can look in).
        if os.geteuid() == 0:
            user = _server_os_user()
            os.chown(self._dir, user.pw_uid, user.pw_gid)

    def _initdb(self) -> None:
        pwfile = self._dir / "pwfile"
        pwfile.write_text(self.password + "\n")
        pwfile.chmod(0o600)
        if os.geteuid() == 0:
            user = _server_os_user()
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        try:
            # scram-sha-256 for every connection, local or TCP: the superuser has a password, so
            # other local users cannot walk in. --no-sync: the cluster dies with the session.
            self._run_as_server_user(self._tool("initdb"), "-D", str(self._data), "-U", self.user,
                                     f"--pwfile={pwfile}", "-A", "scram-sha-256", "-E", "UTF8",
                                     "--locale=C", "--no-sync", "--no-instructions")
        finally:
            pwfile.unlink(missing_ok=True)

    def _configure(self) -> None:
        # The socket lives in our own folder, not /var/run/postgresql, which a system cluster owns.
        settings = {**SERVER_SETTINGS, "unix_socket_directories": f"'{self._dir}'"}
        lines = "".join(f"{name} = {value}\n" for name, value in settings.items())
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write("\n# tests/support/pg.py\n" + lines)

    def _start_server(self) -> None:
        # The free port is picked before the server binds it, so another process can take it in
        # between; that shows as "could not bind", and a new port is tried.
        for _attempt in range(3):
            self.port = free_port()
            result = self._pg_ctl("start", "-w", "-t", "60", "-l", str(self._log), "-o", f"-p {self.port}")
            if result.returncode == 0:
                return
            if "could not bind" not in self._log_text():
                break
        raise RuntimeError(f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{self._log_text()[-3000:]}")

    @property
    def _log(self) -> Path:
        assert self._dir is not None
        return self._dir / "server.log"

    def _log_text(self) -> str:
        try:
            return self._log.read_text(errors="replace")
        except OSError:
            return ""

    def _tool(self, name: str) -> str:
        assert self._bin is not None
        return str(self._bin / name)

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = _as_server_user([self._tool("pg_ctl"), "-D", str(self._data), *args])
        return subprocess.run(command, capture_output=True, text=True, cwd=self._dir)

    def _run_as_server_user(self, *command: str) -> None:
        # cwd is our folder: `postgres` may not be allowed into the caller's working directory.
        result = subprocess.run(_as_server_user(list(command)), capture_output=True, text=True, cwd=self._dir)
        if result.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")

    def _stop_command(self) -> list[str]:
        return _as_server_user([self._tool("pg_ctl"), "-D", str(self._data), "stop", "-m", "immediate", "-w"])

    # ------------------------------------------------------------ the watchdog

    def _start_watchdog(self) -> None:
        # Its own session: Ctrl-C in the terminal must not kill it before it has cleaned up.
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(self._dir), *self._stop_command()],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _stop_watchdog(self) -> None:
        # An orderly stop() cleans up itself; the watchdog must not also act (on a folder that a
        # later cluster might by then be using).
        if self._watchdog is None:
            return
        self._watchdog.kill()
        self._watchdog.wait()
        self._watchdog.stdin.close()
        self._watchdog = None


# ---------------------------------------------------------------- helpers


def find_bin_dir() -> Path | None:
    """The bin folder of the newest PostgreSQL installed (Debian's /usr/lib/postgresql/<ver>/bin,
    else wherever `initdb` is on PATH), or None."""
    versions = [p for p in DEBIAN_BIN_DIRS.glob("*/bin") if p.parent.name.isdigit() and (p / "initdb").exists()]
    if versions:
        return max(versions, key=lambda p: int(p.parent.name))
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_os_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(OS_USER)
    except KeyError:
        raise RuntimeError(f"running as root, but there is no {OS_USER!r} user to run initdb as "
                           f"(the Debian package creates it: apt-get install postgresql)") from None


def _as_server_user(command: list[str]) -> list[str]:
    """`command`, run as `postgres` when we are root (initdb and postgres refuse root)."""
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", OS_USER, "--", *command]
    return ["su", OS_USER, "-s", "/bin/sh", "-c", shlex.join(command)]


# ---------------------------------------------------------------- for pytest

_shared: PostgresCluster | None = None  # the session's cluster, whichever fixture started it


def pg_cluster_or_skip() -> PostgresCluster:
    """The server for this test session: GRIDAPP_TEST_PG_URL's, else a cluster started now (or
    the one already started); skips when PostgreSQL is not installed (fails under CI=true)."""
    global _shared
    url = os.environ.get(URL_ENV)
    if url:
        return PostgresCluster.existing(url)
    if find_bin_dir() is None:
        _skip_or_fail_without_postgres()
    if _shared is None or not _shared.running:
        cluster = PostgresCluster()
        cluster.start(Path(tempfile.gettempdir()))
        _shared = cluster
    return _shared


def _skip_or_fail_without_postgres() -> None:
    if os.environ.get("CI", "").lower() == "true":
        # CI is where the PostgreSQL code path must be proven; skipping there would hide it.
        raise RuntimeError(f"CI=true and {INSTALL_HINT} (or set {URL_ENV})")
    pytest.skip(INSTALL_HINT)


@contextmanager
def fresh_database(cluster: PostgresCluster) -> Iterator[str]:
    """A new empty database on `cluster` for the block (yields its URL), dropped afterwards."""
    name = f"gridapp_test_{secrets.token_hex(6)}"
    url = cluster.create_database(name)
    try:
        yield url
    finally:
        cluster.drop_database(name)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """The session's PostgreSQL server (skips the test when PostgreSQL is not installed)."""
    cluster = pg_cluster_or_skip()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster) -> Iterator[str]:  # noqa: F811 (the fixture above, by name)
    """The URL of a fresh, empty database `gridapp_test_<hex>`, dropped after the test."""
    with fresh_database(pg_cluster) as url:
        yield url

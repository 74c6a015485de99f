"""Shared pieces of the county-server benchmarks (bench_county.py, bench_pull.py).

- `app()`: the uvicorn factory (`python -m uvicorn --factory bench.server_common:app`), the
  application over `load_settings()`, i.e. GRIDAPP_SERVER_DATABASE_URL / GRIDAPP_SERVER_BLOB_DIR.
- `Postgres`: a throw-away PostgreSQL server: tests/support/pg.py's `PostgresCluster` (or, if
  that module is missing, `PostgresServer` here), with production durability switched back on.
- `fresh_server_db()`: a migrated database with the county's geography (and the demo grid plan).
- `UvicornServer`: one real server process on a free port.
- `CpuMeter`: CPU seconds of the server process, PostgreSQL and this (client) process, and how
  busy the machine's cores were, over a phase.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- the uvicorn factory


def app():  # noqa: ANN201 - the FastAPI app
    """`create_app(load_settings())`: what `gridapp-server serve` runs, configured by environment."""
    from sync.server.app import create_app
    from sync.server.config import load_settings

    return create_app(load_settings())


def app_sqlite_queuepool():  # noqa: ANN201
    """An EXPERIMENT, not the server's behaviour: `app()` over a SQLite engine that keeps its
    connections in a QueuePool (GRIDAPP_BENCH_SQLITE_POOL, default 40: anyio's thread count)
    instead of db.make_engine's NullPool, which opens a new connection (file open, PRAGMAs,
    schema parse) for every transaction. Same PRAGMAs and BEGIN IMMEDIATE (db._sqlite_habits)."""
    from sqlalchemy import create_engine

    from sync.server import db
    from sync.server.app import create_app
    from sync.server.config import load_settings

    settings = load_settings()
    if not settings.database_url.startswith("sqlite") or ":memory:" in settings.database_url:
        return create_app(settings)
    size = int(os.environ.get("GRIDAPP_BENCH_SQLITE_POOL", "40"))
    engine = create_engine(settings.database_url, pool_size=size, max_overflow=size,
                           connect_args={"check_same_thread": False, "timeout": 30})
    db._sqlite_habits(engine)
    return create_app(settings, engine)


# ---------------------------------------------------------------- PostgreSQL

# The production engine's durability: tests/support/pg.py turns these off for speed (its
# cluster dies with the test session); a benchmark of commits must have them on.
DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A throw-away PostgreSQL server for a benchmark: tests/support/pg.py's PostgresCluster
    (initdb in a temp folder, run as `postgres` when we are root), with durability restored
    unless `durable` is False. Falls back to `PostgresServer` below if that module is missing."""

    def __init__(self, durable: bool = True) -> None:
        self.durable = durable
        self.cluster: Any = None
        self.fallback: PostgresServer | None = None
        self.version = ""
        self.port = 0

    def start(self) -> Postgres:
        try:
            from tests.support.pg import PostgresCluster
        except ImportError:
            self.fallback = PostgresServer(durable=self.durable).start()
            self.port, self.version = self.fallback.port, self.fallback.version
            return self
        self.cluster = PostgresCluster()
        self.cluster.start(Path(tempfile.gettempdir()))
        self.port = self.cluster.port
        with self._admin() as conn:
            if self.durable:
                for name, value in DURABLE.items():
                    conn.execute(f"ALTER SYSTEM SET {name} = {value}")
                conn.execute("SELECT pg_reload_conf()")
                time.sleep(0.5)
            self.version = conn.execute("SELECT version()").fetchone()[0].split(" on ")[0]
        return self

    def _admin(self) -> Any:
        import psycopg

        c = self.cluster
        return psycopg.connect(host=c.host, port=c.port, user=c.user, password=c.password, dbname=c.admin_db,
                               autocommit=True)

    def settings(self) -> str:
        """The settings that decide commit cost, as the server reports them."""
        if self.fallback:
            return self.fallback.settings()
        with self._admin() as conn:
            rows = conn.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name IN "
                                "('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', "
                                "'max_connections') ORDER BY name").fetchall()
        return ", ".join(f"{n}={v}" for n, v in rows)

    def postmaster_pid(self) -> int | None:
        """The postmaster: the parent of a backend (for CPU accounting)."""
        if self.fallback:
            return self.fallback.postmaster_pid()
        with self._admin() as conn:
            backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        f = _stat(backend)
        return int(f[1]) if f else None

    def create_database(self, name: str) -> str:
        if self.fallback:
            return self.fallback.create_database(name)
        return self.cluster.create_database(name)

    def stop(self) -> None:
        if self.fallback:
            self.fallback.stop()
        elif self.cluster is not None:
            self.cluster.stop()

    def __enter__(self) -> Postgres:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


class PostgresServer:
    """The same without tests/support/pg.py: a cluster in a temporary folder of its own
    (removed by stop()), trust authentication on 127.0.0.1:`port`."""

    def __init__(self, durable: bool = True) -> None:
        # Its own folder directly under the temp dir: when run as root, initdb runs as
        # `postgres`, which must be able to enter it (a root-only parent would not do).
        self.folder = Path(tempfile.mkdtemp(prefix="gridapp-bench-pg-"))
        self.data = self.folder / "pgdata"
        self.port = free_port()
        self.bin = self._bin_dir()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.durable = durable
        self.version = ""

    @staticmethod
    def _bin_dir() -> Path:
        found = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()
                 and (p / "initdb").exists()]
        if found:
            return max(found, key=lambda p: int(p.parent.name))
        initdb = shutil.which("initdb")
        if initdb:
            return Path(initdb).resolve().parent
        raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql")

    def _run(self, *cmd: str) -> str:
        result = subprocess.run([*self.as_postgres, *cmd], capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self) -> PostgresServer:
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "postgres.log"),
                  "-o", options, "-w", "-t", "60", "start")
        self.version = self._run(str(self.bin / "postgres"), "--version").strip()
        return self

    def settings(self) -> str:
        return "defaults" if self.durable else "fsync=off, synchronous_commit=off, full_page_writes=off"

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                            "-w", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


# ---------------------------------------------------------------- server databases


def fresh_server_db(url: str, *, grids: bool = True) -> Any:
    """Migrate `url` and load the county's geography (and the 1,516-grid demo plan); returns
    the engine (pool of 4)."""
    from gridapp.geography import load_geography
    from sync.server import geography
    from sync.server.db import make_engine, migrate

    engine = make_engine(url, pool_size=4)
    migrate(engine)
    geo = load_geography()
    with engine.begin() as conn:
        geography.import_geography(conn, geo)
        if grids:
            geography.import_grids(conn, geography.demo_grid_rows(geo))
    return engine


@contextlib.contextmanager
def precomputed_password_hashes(hashes: dict[str, str]):
    """Within the block, `auth.hash_password(p)` returns `hashes[p]` (computed beforehand, e.g.
    one hash shared by all bench users): accounts.add_user without paying argon2 per user."""
    from sync.server import auth

    real = auth.hash_password
    auth.hash_password = lambda password: hashes[password] if password in hashes else real(password)
    try:
        yield
    finally:
        auth.hash_password = real


def shown(url: str) -> str:
    """`url` without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def database_url(engine: str, folder: Path, pg: Postgres | None, name: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder / (name + '.db')}"
    assert pg is not None
    return pg.create_database(name)


# ---------------------------------------------------------------- one uvicorn process


class UvicornServer:
    """`python -m uvicorn --factory bench.server_common:app` on 127.0.0.1, one process."""

    def __init__(self, database_url: str, folder: Path, *, env: dict[str, str] | None = None,
                 factory: str = "app") -> None:
        self.database_url = database_url
        self.factory = factory
        self.folder = Path(folder)
        self.port = free_port()
        self.env = env or {}
        self.proc: subprocess.Popen | None = None
        self.log_path = self.folder / f"uvicorn-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> UvicornServer:
        import requests

        self.folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "GRIDAPP_SERVER_DATABASE_URL": self.database_url,
               "GRIDAPP_SERVER_BLOB_DIR": str(self.folder / "blobs"),
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
               **self.env}
        # Logging as `gridapp-server serve` sets it up (sync/server/cli.py): the app's JSON access
        # log at INFO on stderr (here: the log file), uvicorn's own access log off.
        cmd = [sys.executable, "-m", "uvicorn", "--factory", f"bench.server_common:{self.factory}",
               "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log", "--no-server-header"]
        try:
            from sync.server.cli import log_config
        except ImportError:
            cmd += ["--log-level", "info"]
        else:
            config = self.folder / f"log-config-{self.port}.json"
            config.write_text(json.dumps(log_config("INFO")))
            cmd += ["--log-config", str(config), "--log-level", "info"]
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited ({self.proc.returncode}); see {self.log_path}:\n"
                                   + self.log_path.read_text(errors="replace")[-3000:])
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"uvicorn did not answer /health within 60 s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if getattr(self, "_log", None):
            self._log.close()

    def errors_logged(self) -> list[str]:
        """Tracebacks and error lines the server wrote (its log level is `warning`)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return []
        return [line for line in text.splitlines()
                if '"level": "ERROR"' in line or "Traceback" in line or "Error:" in line]

    def __enter__(self) -> UvicornServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# ---------------------------------------------------------------- CPU accounting

_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # fields from "state" on (field 3)


def process_cpu(pid: int | None, *, reaped_children: bool = False) -> float:
    """CPU seconds (user + system) of `pid`, plus its reaped children's if asked."""
    if pid is None:
        return 0.0
    f = _stat(pid)
    if f is None:
        return 0.0
    ticks = int(f[11]) + int(f[12])  # utime, stime (fields 14, 15)
    if reaped_children:
        ticks += int(f[13]) + int(f[14])  # cutime, cstime
    return ticks / _TICK


def tree_cpu(pid: int | None) -> float:
    """CPU seconds of a process, its live children and the children it has reaped (a
    postmaster and its backends)."""
    if pid is None:
        return 0.0
    total = process_cpu(pid, reaped_children=True)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            f = _stat(int(entry))
            if f is not None and f[1] == str(pid):
                total += (int(f[11]) + int(f[12])) / _TICK
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


@dataclass
class CpuUse:
    wall: float
    server: float
    postgres: float
    client: float
    busy: float  # share of all cores that were busy, 0..1

    def describe(self) -> str:
        cores = os.cpu_count() or 1
        parts = [f"server {self.server:.1f}s", f"client {self.client:.1f}s"]
        if self.postgres:
            parts.insert(1, f"postgres {self.postgres:.1f}s")
        other = max(0.0, self.busy * cores * self.wall - self.server - self.postgres - self.client)
        return (f"CPU over {self.wall:.1f}s: " + ", ".join(parts)
                + f", other processes {other:.1f}s; machine {self.busy * 100:.0f}% busy of {cores} cores")


class CpuMeter:
    """Measure CPU over a block: `with CpuMeter(server_pid, pg_pid) as m: ...; m.use`. Each
    pid counts with its children (uvicorn workers, PostgreSQL backends)."""

    def __init__(self, server_pid: int | None, postgres_pid: int | None = None) -> None:
        self.server_pid, self.postgres_pid = server_pid, postgres_pid
        self.use: CpuUse | None = None

    def _snap(self) -> tuple[float, float, float, float, tuple[float, float]]:
        return (time.perf_counter(), tree_cpu(self.server_pid), tree_cpu(self.postgres_pid), time.process_time(),
                machine_cpu())

    def __enter__(self) -> CpuMeter:
        self._start = self._snap()
        return self

    def __exit__(self, *exc: Any) -> None:
        end = self._snap()
        s = self._start
        busy = (end[4][0] - s[4][0]) / max(1, end[4][1] - s[4][1])
        self.use = CpuUse(end[0] - s[0], end[1] - s[1], end[2] - s[2], end[3] - s[3], busy)


# ---------------------------------------------------------------- small statistics


def pct_ms(samples: list[float], q: float) -> float:
    """The q-quantile of `samples` (seconds) in milliseconds: the median for q = 0.5, else the
    nearest rank (p95 of 1,516 samples is the 1,441st smallest)."""
    if not samples:
        return float("nan")
    if q == 0.5:
        return statistics.median(samples) * 1000
    ordered = sorted(samples)
    return ordered[max(1, min(len(ordered), math.ceil(q * len(ordered)))) - 1] * 1000

"""The real county server as a subprocess (`python -m uvicorn --factory …`) for tests that need a
separate process: kill -9, restarts, several servers on one database.

    with LiveServer(database_url, tmp_path) as server:
        device = Device.login(server.url, "grid_worker1", PASSWORD)
        ...
        server.kill()       # SIGKILL, like a power cut of the process
        server.restart()    # same port, same database

The database must already be migrated (the `engine` fixture of tests/server does it). Settings
reach the child through the environment (`GRIDAPP_SERVER_DATABASE_URL`, `GRIDAPP_SERVER_BLOB_DIR`,
and any other `GRIDAPP_SERVER_*` passed in `env`). The child's stdout and stderr go to
`server-<port>.log` in `tmp_dir`; a server that does not come up raises with the log's tail.
The child stops by itself when the test process dies (even by kill -9): see `_exit_with_parent`.
`Device` is a bare HTTP laptop (no retries) for talking to it.

Test-only fault injection, read by `app_from_env` in the child (it lives here, never in server
code; see `install_commit_hooks`):

- `GRIDAPP_TEST_DIE_AFTER_COMMIT=N`: the process SIGKILLs itself right after the N-th database
  commit that wrote to the `mutations` table — the mutation is durable, no answer was sent.
- `GRIDAPP_TEST_COMMIT_DELAY_MS=LO-HI` (or `=MS`): every writing transaction sleeps a random
  LO–HI ms just before COMMIT, holding its locks, so concurrent requests really overlap.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from sync.protocol import PROTOCOL_VERSION

ROOT = Path(__file__).resolve().parents[2]
FACTORY = "tests.support.live_server:app_from_env"
DIE_AFTER_COMMIT = "GRIDAPP_TEST_DIE_AFTER_COMMIT"
COMMIT_DELAY_MS = "GRIDAPP_TEST_COMMIT_DELAY_MS"
EXIT_WITH_PARENT = "GRIDAPP_TEST_EXIT_WITH_PARENT"
_TEST_HOOKS = (DIE_AFTER_COMMIT, COMMIT_DELAY_MS, EXIT_WITH_PARENT)


# ---------------------------------------------------------------- inside the child process


def app_from_env() -> Any:
    """The uvicorn factory: `create_app(load_settings())` from GRIDAPP_SERVER_* variables, plus
    the test-only hooks named by GRIDAPP_TEST_DIE_AFTER_COMMIT and GRIDAPP_TEST_COMMIT_DELAY_MS."""
    from sync.server.app import create_app
    from sync.server.config import load_settings

    app = create_app(load_settings())
    if os.environ.get(EXIT_WITH_PARENT) == "1":
        _exit_with_parent()
    after = int(os.environ.get(DIE_AFTER_COMMIT) or 0)
    delay = os.environ.get(COMMIT_DELAY_MS, "").strip()
    if after > 0 or delay:
        install_commit_hooks(app.state.engine, die_after=after, delay_ms=_range(delay) if delay else None)
    return app


def _exit_with_parent() -> None:
    """Stop (SIGTERM, a graceful shutdown) when the test process is gone, however it went (even
    kill -9): our stdin is a pipe whose only write end the test process holds, so it reads EOF.
    Not in uvicorn's --workers children, whose stdin is not that pipe."""
    import stat

    try:
        if not stat.S_ISFIFO(os.fstat(0).st_mode):
            return
    except OSError:
        return

    def watch() -> None:
        while os.read(0, 4096):
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _range(text: str) -> tuple[float, float]:
    """"30" → (30, 30); "0-30" → (0, 30)."""
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def install_commit_hooks(engine: Any, *, die_after: int = 0, delay_ms: tuple[float, float] | None = None) -> None:
    """Test-only fault injection around the commits of `engine`.

    - `delay_ms=(lo, hi)`: a transaction that wrote anything sleeps a random lo–hi ms just
      before its COMMIT, still holding its locks (widens every race between requests).
    - `die_after=N`: SIGKILL this process right after the N-th commit of a transaction that
      inserted into `mutations`: the DBAPI commit has returned (the effect and the stored
      result are durable) and no byte of the response has been written.
    """
    import random

    from sqlalchemy import event

    wrote: dict[int, str] = {}  # DBAPI connection id → "write" or "mutation", for its open transaction
    lock = threading.Lock()
    count = [0]

    def key(connection: Any) -> int:  # the dialect gets the pool's proxy; unwrap to the DBAPI connection
        return id(getattr(connection, "dbapi_connection", connection))

    @event.listens_for(engine, "before_cursor_execute")
    def _spot(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        head = statement.lstrip()[:30].upper()
        if head.startswith("INSERT INTO MUTATIONS"):
            wrote[key(conn.connection)] = "mutation"
        elif head.startswith(("INSERT", "UPDATE", "DELETE")):
            wrote.setdefault(key(conn.connection), "write")

    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        kind = wrote.pop(key(dbapi_connection), None)
        if kind and delay_ms:
            time.sleep(random.uniform(*delay_ms) / 1000)
        commit(dbapi_connection)
        if kind == "mutation" and die_after:
            with lock:
                count[0] += 1
                if count[0] >= die_after:
                    sys.stderr.write(f"[live_server] SIGKILL after commit {count[0]} that stored a mutation\n")
                    sys.stderr.flush()
                    os.kill(os.getpid(), signal.SIGKILL)

    def do_rollback(dbapi_connection: Any) -> None:
        wrote.pop(key(dbapi_connection), None)
        rollback(dbapi_connection)

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]


# ---------------------------------------------------------------- in the test process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerDidNotStart(RuntimeError):
    pass


class LiveServer:
    """One uvicorn process serving the app over `database_url` on 127.0.0.1:`port`."""

    def __init__(self, database_url: str, tmp_dir: Path | str, port: int | None = None, workers: int = 1, *,
                 env: dict[str, str] | None = None, start_timeout: float = 30.0, start: bool = True) -> None:
        self.database_url = database_url
        self.tmp_dir = Path(tmp_dir)
        self.port = port or free_port()
        self.workers = workers
        self.env = dict(env or {})
        self.start_timeout = start_timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.tmp_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        if start:
            self.start()

    # -- life cycle

    def start(self) -> LiveServer:
        if self.running:
            raise RuntimeError("the server is already running")
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("GRIDAPP_SERVER_") and k not in _TEST_HOOKS}
        env.update({
            "GRIDAPP_SERVER_DATABASE_URL": self.database_url,
            "GRIDAPP_SERVER_BLOB_DIR": str(self.tmp_dir / "blobs"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "PYTHONUNBUFFERED": "1",
            EXIT_WITH_PARENT: "1",
        })
        env.update(self.env)
        command = [sys.executable, "-m", "uvicorn", "--factory", FACTORY, "--host", "127.0.0.1",
                   "--port", str(self.port), "--log-level", "info", "--timeout-graceful-shutdown", "5"]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        self.starts += 1
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps writing to it
        log.write(f"\n===== start {self.starts}: {' '.join(command)}\n".encode())
        log.flush()
        try:
            # Its own session: kill() reaches uvicorn's workers too, and ^C in pytest does not.
            # stdin: a pipe we never write to; the child stops when it reads EOF (we are gone).
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            log.close()
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        last: str = ""
        while True:
            assert self.process is not None
            code = self.process.poll()
            if code is not None:
                self._close_pipe()
                raise ServerDidNotStart(f"the server exited with {code} before answering /health:\n{self.log_tail()}")
            try:
                response = httpx.get(f"{self.url}/health", timeout=2.0)
                if response.status_code == 200:
                    return
                last = f"/health answered {response.status_code}: {response.text[:300]}"
            except httpx.TransportError as exc:
                last = repr(exc)
            if time.monotonic() > deadline:
                self.kill()
                raise ServerDidNotStart(f"the server did not answer /health within {self.start_timeout:.0f} s "
                                        f"({last}):\n{self.log_tail()}")
            time.sleep(0.05)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def _signal(self, sig: int) -> None:
        # Only while our child is unreaped (running or a zombie), so its pid — the id of its
        # process group — cannot have been reused by someone else's process.
        if self.process is None or self.process.returncode is not None:
            return
        try:
            os.killpg(self.process.pid, sig)  # the process group: uvicorn and any workers
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """SIGKILL the process group: no shutdown, no flushing, open transactions die with it."""
        if self.process is not None and self.process.poll() is None:
            self._signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self._close_pipe()

    def _close_pipe(self) -> None:
        if self.process is not None and self.process.stdin is not None and self.process.poll() is not None:
            self.process.stdin.close()

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM and wait (uvicorn finishes the requests in flight); SIGKILL after `timeout`."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)  # uvicorn's supervisor passes it on to its workers
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_pipe()

    def wait_dead(self, timeout: float = 10.0) -> int:
        """Wait for the process to end by itself (e.g. the crash hook); its return code."""
        assert self.process is not None
        code = self.process.wait(timeout=timeout)
        self._close_pipe()
        return code

    def restart(self, env: dict[str, str] | None = None) -> LiveServer:
        """Stop (if still running) and start again on the same port; `env` replaces the extra
        environment given at construction (pass {} to drop a crash hook)."""
        self.stop()
        if env is not None:
            self.env = dict(env)
        return self.start()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return "(no log)"

    def __enter__(self) -> LiveServer:
        if not self.running:
            self.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"LiveServer({self.url}, pid={self.process.pid if self.process else None})"


class Device:
    """A laptop talking plain HTTP to a live server: no retries, so a dropped connection
    surfaces as `httpx.TransportError`. `base_url` may be changed between calls (the same
    device against another server process)."""

    def __init__(self, base_url: str, token: str, device_id: str, *, timeout: float = 30.0) -> None:
        self.base_url, self.token, self.device_id = base_url, token, device_id
        self.http = httpx.Client(timeout=timeout)
        self.seq = 0

    @classmethod
    def login(cls, base_url: str, username: str, password: str, device_name: str = "测试笔记本") -> Device:
        response = httpx.post(f"{base_url}/v1/auth/login", timeout=30.0,
                              json={"username": username, "password": password, "device_name": device_name})
        assert response.status_code == 200, response.text
        body = response.json()
        return cls(base_url, body["token"], body["device_id"])

    def next(self) -> int:
        self.seq += 1
        return self.seq

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def post(self, path: str, body: Any, base_url: str | None = None) -> httpx.Response:
        # gzip both ways, like the laptop's client
        data = gzip.compress(json.dumps(body, ensure_ascii=False).encode())
        return self.http.post(f"{base_url or self.base_url}{path}", content=data,
                              headers={**self.headers, "Content-Type": "application/json",
                                       "Content-Encoding": "gzip", "Accept-Encoding": "gzip"})

    def push(self, *mutations: Any, base_url: str | None = None, status: int = 200) -> Any:
        body = {"protocol_version": PROTOCOL_VERSION,
                "mutations": [m.model_dump(mode="json") if hasattr(m, "model_dump") else m for m in mutations]}
        response = self.post("/v1/sync/push", body, base_url)
        assert response.status_code == status, response.text
        return response.json()["results"] if status == 200 else response.json()

    def pull(self, cursors: dict[str, int] | None = None, limit: int | None = None, *,
             base_url: str | None = None) -> dict[str, Any]:
        response = self.post("/v1/sync/pull", {"protocol_version": PROTOCOL_VERSION, "cursors": cursors or {},
                                               "limit": limit}, base_url)
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, cursors: dict[str, int] | None = None, limit: int | None = None, *,
                 base_url: str | None = None) -> tuple[list[dict[str, Any]], dict[str, int], dict[str, Any]]:
        """Every page until `has_more` is false: (changes, cursors, checksums of the pages)."""
        cursors, changes, sums = dict(cursors or {}), [], {}
        while True:
            page = self.pull(cursors, limit, base_url=base_url)
            changes += page["changes"]
            cursors = page["cursors"]
            sums.update(page["checksums"])
            if not page["has_more"]:
                return changes, cursors, sums

    def close(self) -> None:
        self.http.close()

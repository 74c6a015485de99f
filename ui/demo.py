"""`gridapp demo`: the newcomer's first minute. Starts the demo county server (`gridapp-server
demo`, 浮石镇's synthetic data) on 127.0.0.1 in the background, signs a separate demo laptop
database in as the grid worker of 泉头村 (quantou), opens the window and lets the first sync run.

Everything lives in the user's data folder under `GridApp/demo/` (laptop database, its settings,
the server's log) and `GridApp/server-demo/` (the server's database): never the real database.
The passwords and, without a keyring, the laptop passphrase are the published demo ones: the data
is synthetic. A server already answering on the port is reused; one this command started is
stopped when the window closes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEMO_USER = "quantou"
DEMO_PASSWORD = "quantou-2024"  # published with the demo server's accounts (docs/server.md)
DEMO_PORT = 8765
START_TIMEOUT_S = 90.0
# What the demo server imports from the `server` extra (pyproject.toml); psycopg only for PostgreSQL.
SERVER_MODULES = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "argon2", "pydantic_settings", "zlib_ng")


class DemoError(Exception):
    """The demo could not start; `str()` says why, in words a newcomer understands."""


@dataclass
class DemoServer:
    url: str
    process: subprocess.Popen | None  # None: a server that was already running is reused
    log_path: Path | None = None

    @classmethod
    def start(cls, port: int = DEMO_PORT, data_dir: Path | None = None, log_dir: Path | None = None,
              timeout: float = START_TIMEOUT_S, households: int | None = None) -> DemoServer:
        url = f"http://127.0.0.1:{port}"
        if _answers(url):
            return cls(url, None)
        # The server runs in its own process (not imported here): its extra's packages, checked
        # by name, so a missing one is said plainly instead of as a server that never answers.
        if any(importlib.util.find_spec(name) is None for name in SERVER_MODULES):
            raise DemoError("演示需要县服务器组件：请先运行  pip install -e '.[server]'")
        command = [sys.executable, "-m", "sync.server.cli", "demo", "--port", str(port)]
        if data_dir is not None:
            command += ["--data-dir", str(data_dir)]
        if households is not None:
            command += ["--households", str(households)]
        log_dir = log_dir or _demo_folder()
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / "server.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       env={**os.environ, "PYTHONUNBUFFERED": "1"})
        server = cls(url, process, log_path)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise DemoError(f"演示服务器没有启动起来（端口 {port} 可能被别的程序占用）。详情见 {log_path}")
            if _answers(url):
                return server
            time.sleep(0.2)
        server.stop()
        raise DemoError(f"演示服务器 {timeout:.0f} 秒内没有响应。详情见 {log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def _answers(url: str) -> bool:
    """A GridApp server answers `/health` on this address."""
    import requests

    try:
        reply = requests.get(f"{url}/health", timeout=1.0)
        return reply.ok and reply.json().get("status") == "ok"
    except (requests.RequestException, ValueError):
        return False


def _demo_folder() -> Path:
    from sync.cli import default_db_path

    return default_db_path().parent / "demo"


def demo_passphrase(_creating: bool, _message: str = "") -> str:
    """Only used where the OS has no keyring: the demo's data is synthetic, its passphrase public."""
    from sync.cli import DEMO_PASSPHRASE

    return os.environ.get("GRIDAPP_PASSPHRASE") or DEMO_PASSPHRASE


def sign_in_laptop(db_path: Path, url: str, *, username: str = DEMO_USER, password: str = DEMO_PASSWORD) -> None:
    """Create (once) the demo laptop's database and sign it in to the demo server."""
    from sync.credentials import load_account
    from sync.session import login
    from ui.app import unlock

    store, _key = unlock(db_path, username, demo_passphrase)
    try:
        account = load_account(store)
        if account is None or account.url != url.rstrip("/"):
            login(store, url, username, password)
    finally:
        store.close()


def _quit_on_signals(app) -> None:
    import signal

    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.quit())
    ticker = QTimer(app)  # Python runs signal handlers only between bytecodes: wake up now and then
    ticker.start(300)
    ticker.timeout.connect(lambda: None)


CONFLICT_STAGED = "demo_conflict_staged"


def stage_a_conflict(db_path: Path, url: str, *, username: str = DEMO_USER, password: str = DEMO_PASSWORD) -> str | None:
    """Once per demo laptop: fetch the village, change one household's address here (not yet
    sent) while "another computer" of the same worker changes it differently and syncs first.
    The window's first sync then meets a real conflict, for the 同步问题 page to explain.
    Returns the household's id (None when already staged or the village has no household)."""
    import tempfile

    from sync.session import login, sync_now
    from ui.app import unlock

    store, _key = unlock(db_path, username, demo_passphrase)
    try:
        if store.get_meta(CONFLICT_STAGED):
            return None
        sync_now(store)
        households = store.list_ids("household")
        if not households:
            return None
        household = store.get(households[0])
        with tempfile.TemporaryDirectory(prefix="gridapp-demo-other-") as folder:
            other, _ = unlock(Path(folder) / "other.db", username, demo_passphrase)
            try:
                login(other, url, username, password)
                sync_now(other)
                theirs = other.get(household.id)
                other.save(theirs.model_copy(update={"address_detail": f"{household.address_detail}（另一台电脑改：新门牌 8 号）"}))
                sync_now(other)
            finally:
                other.close()
        store.save(household.model_copy(update={"address_detail": f"{household.address_detail}（本机改：新门牌 18 号）"}))
        store.set_meta(CONFLICT_STAGED, household.id)
        return household.id
    finally:
        store.close()


def run_demo(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gridapp demo", description="演示：县服务器和泉头村网格员的笔记本")
    parser.add_argument("--port", type=int, default=DEMO_PORT, help=f"演示服务器端口（默认 {DEMO_PORT}）")
    options, qt_args = parser.parse_known_args([a for a in args if a != "demo"])

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gridapp.errors import GridAppError
    from sync.client import SyncError
    from ui.app import Desktop, prepare_application
    from ui.errors import message_for
    from ui.settings import Settings

    app = prepare_application(qt_args)
    folder = _demo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    print(f"正在启动演示服务器 http://127.0.0.1:{options.port} ……", flush=True)
    try:
        server = DemoServer.start(options.port)
    except DemoError as exc:
        print(exc, file=sys.stderr)
        QMessageBox.critical(None, "网格工作台", str(exc))
        return 2
    _quit_on_signals(app)  # Ctrl+C or a kill: close the window, so the server is stopped too
    try:
        db_path = folder / "laptop-quantou.db"
        sign_in_laptop(db_path, server.url)
        if stage_a_conflict(db_path, server.url):
            print("演示：另一台电脑和本机同时改了同一户的地址，第一次同步后可在“同步”页面看到这个冲突。", flush=True)
        print(f"演示笔记本数据库：{db_path}（已登录为 {DEMO_USER}，第一次同步在后台进行）", flush=True)
        desktop = Desktop.start(app, db_path, settings=settings, actor=DEMO_USER, prompt=demo_passphrase,
                                sign_in=False)
        code = app.exec()
        desktop.close()
        return code
    except (GridAppError, SyncError) as exc:
        QMessageBox.critical(None, "网格工作台", message_for(exc))
        print(message_for(exc), file=sys.stderr)
        return 2
    finally:
        server.stop()

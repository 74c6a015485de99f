"""The README's first command and the issue's end-to-end test, over a real county server: the demo
server (`gridapp-server demo`, a uvicorn process) on a free loopback port.

- `gridapp demo`'s parts: the server starts, the demo laptop signs in as quantou, the window's
  first sync fills the lists, and closing stops the server it started.
- Two laptops (two desktop instances, offscreen) signed in as two grid workers of 泉头村: one
  records a visit while offline and syncs once back online; the other syncs and sees it.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from sync.credentials import load_account
from ui.app import Desktop
from ui.demo import SERVER_MODULES, DemoError, DemoServer, demo_passphrase, sign_in_laptop
from ui.settings import Settings

pytestmark = pytest.mark.slow
HOUSEHOLDS = 40  # a small 浮石镇: the server starts in a second or two


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("county")
    started = DemoServer.start(free_port(), data_dir=folder, log_dir=folder, households=HOUSEHOLDS)
    started.data_dir = folder
    yield started
    started.stop()


def settings_in(folder: Path) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def start_laptop(qapp, folder: Path, server: DemoServer, username: str, password: str) -> Desktop:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "laptop.db"
    sign_in_laptop(db, server.url, username=username, password=password)
    return Desktop.start(qapp, db, settings=settings_in(folder), actor=username, prompt=demo_passphrase,
                         sign_in=False, auto_sync=False)


def sync(qtbot, desktop: Desktop) -> object:
    with qtbot.waitSignal(desktop.control.sync_finished, timeout=60_000) as finished:
        assert desktop.control.sync_now()
    qtbot.waitUntil(lambda: desktop.runner.busy == 0, timeout=10_000)
    return finished.args[0]


def test_the_demo_signs_in_as_the_grid_worker_and_its_first_sync_fills_the_lists(qtbot, qapp, server, tmp_path):
    laptop = start_laptop(qapp, tmp_path / "quantou", server, "quantou", "quantou-2024")
    try:
        account = load_account(laptop.store)
        assert account is not None and account.username == "quantou" and account.url == server.url
        report = sync(qtbot, laptop)
        assert report.pulled > 0
        page = laptop.window.pages["household"]
        laptop.window.show_page("household")
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
        assert page.model.rowCount() == len(laptop.store.list_ids("household"))
        qtbot.waitUntil(lambda: laptop.control.status is not None and bool(laptop.control.status.last_sync_at))
        assert laptop.control.status.pending == 0
    finally:
        laptop.close()


def test_signing_in_again_keeps_the_account_and_the_data(qtbot, qapp, server, tmp_path):
    folder = tmp_path / "again"
    first = start_laptop(qapp, folder, server, "quantou", "quantou-2024")
    device = load_account(first.store).device_id
    sync(qtbot, first)
    households = len(first.store.list_ids("household"))
    first.close()
    again = start_laptop(qapp, folder, server, "quantou", "quantou-2024")  # the demo started a second time
    try:
        assert load_account(again.store).device_id == device
        assert len(again.store.list_ids("household")) == households > 0
    finally:
        again.close()


def test_the_demo_command_stops_the_server_it_started(tmp_path):
    port = free_port()
    started = DemoServer.start(port, data_dir=tmp_path, log_dir=tmp_path, households=10)
    assert started.process is not None and started.process.poll() is None
    reused = DemoServer.start(port, data_dir=tmp_path, log_dir=tmp_path)  # a second demo: same server
    assert reused.process is None and reused.url == started.url
    started.stop()
    assert started.process.poll() is not None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def add_second_worker(server: DemoServer) -> tuple[str, str]:
    """A second grid worker of 泉头村 with the same grids as quantou (a village's two workers)."""
    from sync.server.cli import QUANTOU

    db = server.data_dir / "gridapp-server-demo.db"
    with sqlite3.connect(db) as conn:
        grids = [code for (code,) in conn.execute("SELECT code FROM grids WHERE village_code = ?", (QUANTOU,))]
    assert grids
    url = f"sqlite:///{db}"
    base = [sys.executable, "-m", "sync.server.cli", "--database", url]
    username, password = "quantou2", "quantou2-secret"
    subprocess.run([*base, "user", "add", username, "--role", "grid_worker", "--display-name", "泉头村第二网格员",
                    "--password-stdin"], input=password, text=True, check=True, capture_output=True)
    subprocess.run([*base, "assign", username, *grids], check=True, capture_output=True)
    return username, password


def test_a_visit_recorded_offline_on_one_laptop_reaches_the_other(qtbot, qapp, server, tmp_path):
    second_user, second_password = add_second_worker(server)
    one = start_laptop(qapp, tmp_path / "one", server, "quantou", "quantou-2024")
    two = start_laptop(qapp, tmp_path / "two", server, second_user, second_password)
    try:
        sync(qtbot, one)
        sync(qtbot, two)
        household_id = one.store.list_ids("household")[0]

        # laptop one goes offline: its server address points nowhere, the sync fails, nothing is lost
        account_url = one.store.get_meta("server_url")
        one.store.set_meta("server_url", f"http://127.0.0.1:{free_port()}")
        # the grid worker records the visit in the form: household, purpose, notice, summary, 完成
        one.window.show_page("visit")
        visits = one.window.pages["visit"]
        visits.new_visit()
        form = visits.form
        form.choose_household(household_id)
        qtbot.waitUntil(lambda: form.household is not None and form.household.id == household_id)
        form.purpose_boxes["info_collection"].setChecked(True)
        form.notice.setCurrentIndex(1)
        form.summary.setPlainText("离线记下：屋顶漏雨，已报村委安排维修。")
        form.complete()
        qtbot.waitUntil(lambda: form.sealed and one.runner.busy == 0, timeout=10_000)
        visit_id = form.base.id
        assert one.store.get(visit_id).sealed
        with qtbot.waitSignal(one.control.sync_failed, timeout=60_000) as failed:
            one.control.sync_now()
        assert "服务器" in failed.args[0] or "网络" in failed.args[0]
        assert one.store.pending_count() >= 1

        # back online: the visit is sent once, and the other laptop sees it in its visit list
        one.store.set_meta("server_url", account_url)
        report = sync(qtbot, one)
        assert sum(report.pushed.values()) >= 1 and one.store.pending_count() == 0
        sync(qtbot, two)
        seen = two.store.get(visit_id)
        assert seen.summary == "离线记下：屋顶漏雨，已报村委安排维修。" and seen.sealed
        assert seen.content_hash == one.store.get(visit_id).content_hash
        page = two.window.pages["visit"]
        two.window.show_page("visit")
        qtbot.waitUntil(lambda: page.model.row_of(visit_id) >= 0, timeout=10_000)
    finally:
        one.close()
        two.close()


def test_the_demo_shows_a_newcomer_a_real_conflict_explained_on_the_sync_page(qtbot, qapp, server, tmp_path):
    from ui.demo import stage_a_conflict

    folder = tmp_path / "newcomer"
    folder.mkdir()
    db = folder / "laptop.db"
    sign_in_laptop(db, server.url)
    household_id = stage_a_conflict(db, server.url)
    assert household_id is not None
    assert stage_a_conflict(db, server.url) is None  # once per demo laptop
    laptop = Desktop.start(qapp, db, settings=settings_in(folder), actor="quantou", prompt=demo_passphrase,
                           sign_in=False, auto_sync=False)
    try:
        sync(qtbot, laptop)
        qtbot.waitUntil(lambda: laptop.control.status is not None and laptop.control.status.problems == 1)
        laptop.window.show_page("sync")
        problems = laptop.window.pages["sync"].problems
        qtbot.waitUntil(lambda: len(problems.items) == 1)
        mine = laptop.store.get(household_id).address_detail
        assert "本机改" in mine or "另一台电脑改" in mine
        rows = [p for p in laptop.store.sync_problems() if p["record_id"] == household_id]
        assert [r["field"] for r in rows] == ["address_detail"]
        assert "本机改" in rows[0]["client_value"] and "另一台电脑改" in rows[0]["server_value"]
        from tests.ui.screens import save

        problems.list.setCurrentRow(0)
        qtbot.waitUntil(lambda: problems.view is not None)
        laptop.window.resize(1366, 705)
        save(laptop.window, "demo-conflict-zh_CN-standard")  # what the newcomer sees
    finally:
        laptop.close()


def test_the_demo_says_plainly_when_a_server_package_is_missing(tmp_path, monkeypatch):
    # A machine whose server extra predates zlib-ng: told to install it, not that the port is taken.
    import importlib.util

    assert all(importlib.util.find_spec(name) for name in SERVER_MODULES)  # the names are real ones
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "zlib_ng" else real(name, *args))
    with pytest.raises(DemoError, match=r"pip install -e '\.\[server\]'"):
        DemoServer.start(free_port(), data_dir=tmp_path / "county", log_dir=tmp_path / "logs")
    assert not (tmp_path / "logs").exists()  # nothing was started

"""`gridapp-server`: init, users, assignments, geography and the demo, run in-process on SQLite;
`serve` as a real process answering /health."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from gridapp.demo import generate
from gridapp.rows import row_format
from sync.server import cli
from sync.server.push import import_records
from sync.server.writes import kept_prefix
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import make_engine
from sync.server.tables import grids, records, townships, users, villages
from tests.server.conftest import FUSHI, QUANTOU, grid_of

PASSWORD = "correct-horse-42"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_outside_configuration(monkeypatch):
    for name in ("GRIDAPP_SERVER_CONFIG", "GRIDAPP_SERVER_DATABASE_URL", "GRIDAPP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'county.db'}"


@pytest.fixture
def run(url, capsys):
    """run(*args, stdin=None) → (exit code, stdout, stderr) of `gridapp-server --database URL args`."""

    def do(*args: str, stdin: str | None = None, database: str | None = url) -> tuple[int, str, str]:
        saved = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = cli.main((["--database", database] if database else []) + list(args))
        finally:
            sys.stdin = saved
        out, err = capsys.readouterr()
        return code, out, err

    return do


@pytest.fixture
def county(run):
    """An initialised database with the demo grid plan."""
    assert run("init")[0] == 0
    assert run("import-geography", "--demo-grids")[0] == 0
    return run


def count(url: str, table) -> int:  # noqa: ANN001
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def user_row(url: str, username: str) -> dict:
    from sync.server import accounts

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return next(u for u in accounts.list_users(conn) if u["username"] == username)
    finally:
        engine.dispose()


def can_log_in(url: str, tmp_path: Path, username: str, password: str) -> bool:
    app = create_app(Settings(database_url=url, blob_dir=tmp_path / "blobs"))
    with TestClient(app) as client:
        response = client.post("/v1/auth/login", json={"username": username, "password": password,
                                                       "device_name": "测试"})
    app.state.engine.dispose()
    return response.status_code == 200


def test_init_creates_the_schema_and_geography_and_can_run_again(run, url):
    code, out, err = run("init")
    assert (code, err) == (0, "")
    assert "数据库结构版本：0003" in out and "新增乡镇 12 个、村/社区 149 个" in out
    code, out, _ = run("init")
    assert code == 0 and "新增乡镇 0 个、村/社区 0 个（已全部导入）" in out
    assert (count(url, townships), count(url, villages)) == (12, 149)


def test_init_after_an_upgrade_makes_again_the_snapshot_lines_kept_in_an_older_format(run, url):
    run("init")
    engine = make_engine(url)
    try:
        import_records(engine, generate(3, seed=5))
        with engine.begin() as conn:
            total = conn.execute(select(func.count()).select_from(records)).scalar_one()
            conn.execute(update(records).values(laptop_row="0.older\t[]\t{}\tnull"))
        code, out, _ = run("init")
        assert code == 0 and f"快照行：按本版本重新计算了 {total} 条记录" in out
        assert "快照行" not in run("init")[1]  # nothing left to do
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(records).where(
                records.c.laptop_row.startswith(kept_prefix(row_format())))).scalar_one() == total
    finally:
        engine.dispose()


def test_the_demo_grid_plan_has_the_countys_1516_grids(county, url):
    code, out, _ = county("import-geography", "--demo-grids")  # again: updates, never duplicates
    assert code == 0 and "网格：写入 1516 个（共 1516 个）" in out
    assert count(url, grids) == 1516


def test_grids_come_from_a_csv_and_a_bad_row_writes_nothing(run, url, tmp_path):
    run("init")
    good = tmp_path / "grids.csv"
    good.write_text("grid_code,grid_name,village_code,hamlets\n"
                    f"{QUANTOU}-1,泉头第一网格,{QUANTOU},下岭尾屯、上岭尾屯\n", encoding="utf-8")
    assert run("import-geography", "--grids", str(good))[0] == 0
    assert count(url, grids) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("grid_code,grid_name,village_code,hamlets\nX-1,某网格,999999999999,\n", encoding="utf-8")
    code, _, err = run("import-geography", "--grids", str(bad))
    assert code == 1 and err.startswith("错误：第 2 行") and err.count("\n") == 1
    assert count(url, grids) == 1


def test_users_are_added_listed_disabled_enabled_and_reset(county, url, tmp_path, monkeypatch):
    code, out, err = county("user", "add", "wei", "--role", "grid_worker", "--display-name", "韦网格员",
                            "--password-stdin", stdin=PASSWORD + "\n")
    assert (code, err) == (0, "") and "已创建用户 wei（网格员）" in out

    monkeypatch.setenv("GRIDAPP_PASSWORD", "mediator-pass-1")
    assert county("user", "add", "tiaojie", "--role", "mediator", "--mediator-id",
                  "018cc09a-8000-7a33-b088-a062f42ce24b")[0] == 0
    monkeypatch.delenv("GRIDAPP_PASSWORD")

    code, out, _ = county("assign", "wei", grid_of(QUANTOU, 1), grid_of(QUANTOU, 2))
    assert code == 0 and f"同步范围：1 个村/社区：{QUANTOU}" in out
    assert county("assign", "tiaojie", FUSHI)[0] == 0

    code, out, _ = county("user", "list")
    lines = out.splitlines()
    assert lines[0].split() == ["用户名", "姓名", "角色", "辖区", "停用"]
    assert lines[2].split() == ["tiaojie", "tiaojie", "mediator（调解员）", FUSHI]
    assert lines[3].split() == ["wei", "韦网格员", "grid_worker（网格员）",
                                f"{grid_of(QUANTOU, 1)},{grid_of(QUANTOU, 2)}"]
    assert lines[-1] == "共 2 个用户"

    assert can_log_in(url, tmp_path, "wei", PASSWORD)
    code, out, _ = county("user", "disable", "wei")
    assert code == 0 and "已停用 wei" in out and "收回了 1 台设备" in out
    assert county("user", "list")[1].splitlines()[3].split()[-1] == "是"
    assert not can_log_in(url, tmp_path, "wei", PASSWORD)
    assert county("user", "enable", "wei")[0] == 0
    assert user_row(url, "wei")["disabled"] is False

    code, out, _ = county("user", "reset-password", "wei", "--password-stdin", stdin="a-new-password\n")
    assert code == 0 and "已重设 wei 的密码" in out
    assert can_log_in(url, tmp_path, "wei", "a-new-password")
    assert not can_log_in(url, tmp_path, "wei", PASSWORD)


def test_an_interactive_password_is_asked_twice(county, url, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["typed-password-1", "typed-password-1", "typed-password-2", "typed-password-3"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda _prompt: next(answers))
    monkeypatch.setattr(sys, "stdin", Tty())
    assert cli.main(["--database", url, "user", "add", "li", "--role", "township_staff"]) == 0
    assert cli.main(["--database", url, "user", "add", "zhao", "--role", "township_staff"]) == 2  # mismatch
    assert user_row(url, "li")["role"] == "township_staff"
    assert count(url, users) == 1


@pytest.mark.parametrize(("args", "stdin", "code", "message"), [
    (("user", "add", "li", "--role", "grid_worker"), None, 2, "--password-stdin"),  # no password, no terminal
    (("user", "add", "li", "--role", "grid_worker", "--password-stdin"), "short\n", 2, "密码至少 8 位"),
    (("user", "add", "li", "--role", "village_head", "--password-stdin"), PASSWORD, 2, "无效的选项"),
    (("user", "add", "li si", "--role", "grid_worker", "--password-stdin"), PASSWORD, 2, "用户名不能"),
    (("assign", "nobody", FUSHI), None, 2, "没有用户“nobody”"),
    (("user", "disable", "nobody"), None, 2, "没有用户“nobody”"),
    (("user", "reset-password", "nobody", "--password-stdin"), PASSWORD, 2, "没有用户“nobody”"),
    (("user",), None, 2, "usage"),
    (("frobnicate",), None, 2, "无效的选项"),
])
def test_bad_usage_exits_2_with_one_chinese_line_and_writes_nothing(county, url, args, stdin, code, message):
    got, _, err = county(*args, stdin=stdin)
    assert got == code and message in err and "Traceback" not in err
    if message != "usage":
        assert err.strip().splitlines()[-1].startswith("错误：")
    assert count(url, users) == 0


def test_a_taken_name_and_an_unknown_grid_are_refused(county, url):
    county("user", "add", "wei", "--role", "grid_worker", "--password-stdin", stdin=PASSWORD)
    code, _, err = county("user", "add", "wei", "--role", "mediator", "--password-stdin", stdin=PASSWORD)
    assert (code, err) == (1, "错误：用户名“wei”已经有人用了。\n")
    county("assign", "wei", grid_of(QUANTOU))
    code, _, err = county("assign", "wei", grid_of(QUANTOU), "450224101206G99")
    assert code == 2 and err == "错误：这些不是有效的网格编码：450224101206G99\n"
    assert user_row(url, "wei")["scopes"] == [grid_of(QUANTOU)]  # unchanged
    assert user_row(url, "wei")["role"] == "grid_worker"


def test_a_county_admin_needs_no_territory(county, url):
    county("user", "add", "admin", "--role", "county_admin", "--password-stdin", stdin=PASSWORD)
    code, _, err = county("assign", "admin", FUSHI)
    assert code == 2 and "不需要分配辖区" in err
    code, out, _ = county("assign", "admin")
    assert code == 0 and "全县 149 个村/社区" in out


def test_commands_need_an_initialised_database(run, url, tmp_path):
    code, _, err = run("user", "list")
    assert code == 2 and "找不到数据库文件" in err and "gridapp-server init" in err
    assert not (tmp_path / "county.db").exists()  # nothing created by looking
    empty = make_engine(url)
    with empty.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
    empty.dispose()
    code, _, err = run("user", "list")
    assert (code, err) == (2, "错误：数据库还没有初始化。请先运行 gridapp-server init。\n")


def test_settings_come_from_the_config_file(run, tmp_path):
    db = tmp_path / "from-config" / "server.db"
    config = tmp_path / "server.toml"
    config.write_text(f'[server]\ndatabase_url = "sqlite:///{db.as_posix()}"\nlog_level = "WARNING"\n',
                      encoding="utf-8")
    code, out, _ = run("--config", str(config), "init", database=None)
    assert code == 0 and db.exists() and str(db) in out
    assert "GRIDAPP_SERVER_CONFIG" not in os.environ  # restored after the command
    code, _, err = run("--config", str(tmp_path / "missing.toml"), "init", database=None)
    assert code == 2 and "找不到配置文件" in err
    config.write_text('[server]\ndatabase_ulr = "sqlite:///x.db"\n', encoding="utf-8")
    code, _, err = run("--config", str(config), "init", database=None)
    assert code == 2 and err.startswith("错误：配置有误：database_ulr")


def test_serve_refuses_an_uninitialised_database(run, url):
    code, _, err = run("serve", "--port", "1")
    assert code == 2 and "找不到数据库文件" in err
    empty = make_engine(url)
    with empty.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
        conn.commit()
    empty.dispose()
    code, _, err = run("serve", "--port", "1")
    assert (code, err) == (2, "错误：数据库还没有初始化。请先运行 gridapp-server init。\n")


def test_the_demo_creates_one_account_per_role_and_reuses_its_database(run, tmp_path):
    folder = tmp_path / "demo"
    code, out, err = run("demo", "--no-serve", "--data-dir", str(folder), "--households", "60", database=None)
    assert code == 0, err
    url = f"sqlite:///{folder / 'gridapp-server-demo.db'}"
    accounts = {u["username"]: u for u in (user_row(url, name) for name in ("quantou", "tiaojie", "fushi", "rongan"))}
    assert {name: u["role"] for name, u in accounts.items()} == {
        "quantou": "grid_worker", "tiaojie": "mediator", "fushi": "township_staff", "rongan": "county_admin"}
    assert accounts["quantou"]["scopes"] and all(g.startswith(QUANTOU + "G") for g in accounts["quantou"]["scopes"])
    assert accounts["fushi"]["scopes"] == [FUSHI] and accounts["tiaojie"]["scopes"] == [FUSHI]
    assert accounts["tiaojie"]["mediator_id"]
    for username, password, _role, _name in cli.DEMO_ACCOUNTS:
        assert f"{username}  " in out and password in out
    assert "http://127.0.0.1:8765" in out

    loaded = count(url, records)
    if "import_records 尚未提供" not in out:
        assert loaded > 60  # households, people, visits, cases …
        engine = make_engine(url)
        with engine.connect() as conn:
            cases = conn.execute(select(records.c.mediator_ids).where(records.c.type == "case")).scalars().all()
        engine.dispose()
        assert any(accounts["tiaojie"]["mediator_id"] in json.loads(m or "[]") for m in cases)
        assert can_log_in(url, tmp_path, "tiaojie", "tiaojie-2024")

    code, out, _ = run("demo", "--no-serve", "--data-dir", str(folder), "--households", "60", database=None)
    assert code == 0 and "使用已有的" in out
    assert count(url, users) == 4 and count(url, records) == loaded

    code, _, err = run("demo", "--no-serve", "--data-dir", str(folder))  # with --database
    assert code == 2 and "--data-dir" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_command() -> list[str]:
    script = Path(sys.executable).with_name("gridapp-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sync.server.cli"]


@pytest.mark.parametrize("command", [pytest.param(_server_command(), id="console-script"),
                                     pytest.param([sys.executable, "-m", "sync.server.cli"], id="python-m")])
def test_serve_runs_a_real_server_that_answers_health(run, url, tmp_path, command):
    assert run("init")[0] == 0
    port = _free_port()
    env = {**os.environ, "GRIDAPP_SERVER_BLOB_DIR": str(tmp_path / "blobs")}
    server = subprocess.Popen([*command, "--database", url, "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        answer = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                if answer.status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, server.poll()
        assert answer.json() == {"status": "ok", "database": "sqlite", "schema": "0003"}
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}" in out
    logged = [json.loads(line) for line in err.splitlines() if line.strip()]  # every line is JSON
    assert any(entry.get("path") == "/health" and entry.get("status") == 200 for entry in logged)


def test_serve_says_when_the_port_is_taken(run):
    assert run("init")[0] == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code, _, err = run("serve", "--port", str(busy.getsockname()[1]))
    assert code == 2 and "端口已被占用" in err


def test_init_and_users_work_on_postgresql(run, pg_url):
    code, out, err = run("init", database=pg_url)
    assert (code, err) == (0, "") and "数据库结构版本：0003" in out
    assert "@" not in out or "***" in out  # the password of the URL is never printed
    assert run("import-geography", "--demo-grids", database=pg_url)[0] == 0
    assert run("user", "add", "wei", "--role", "grid_worker", "--password-stdin", stdin=PASSWORD,
               database=pg_url)[0] == 0
    code, out, _ = run("assign", "wei", grid_of(QUANTOU), database=pg_url)
    assert code == 0 and QUANTOU in out
    assert count(pg_url, grids) == 1516 and user_row(pg_url, "wei")["scopes"] == [grid_of(QUANTOU)]

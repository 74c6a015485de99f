"""`gridapp login`, `gridapp sync`, `gridapp status`: the headless sync commands for support staff."""

from __future__ import annotations

from sync.cli import main
from tests.server.conftest import PASSWORD, grid_of
from tests.support import factories as f


def test_login_sync_and_status_from_the_command_line(server_url, make_user, make_laptop, tmp_path, monkeypatch,
                                                      capsys):
    worker = make_user("grid_worker", grid_of(f.QUANTOU, 1))
    other = make_laptop(worker)
    other.store.save(f.person("韦远方"))
    other.sync()
    db = str(tmp_path / "cli.db")
    monkeypatch.setenv("GRIDAPP_PASSWORD", PASSWORD)
    assert main(["--db", db, "login", "--server", server_url, "--user", worker.username]) == 0
    assert "已登录" in capsys.readouterr().out
    assert main(["--db", db, "sync"]) == 0
    out = capsys.readouterr().out
    assert "同步完成" in out and "下载：1 条（人员 1）" in out
    assert main(["--db", db, "status"]) == 0
    out = capsys.readouterr().out
    assert "待同步修改：0 条" in out and "同步问题：0 个" in out and worker.username in out


def test_a_wrong_password_is_a_clear_error_and_no_account_is_kept(server_url, make_user, tmp_path, monkeypatch,
                                                                   capsys):
    worker = make_user("grid_worker", grid_of(f.QUANTOU, 1))
    db = str(tmp_path / "cli.db")
    monkeypatch.setenv("GRIDAPP_PASSWORD", "not-the-password")
    assert main(["--db", db, "login", "--server", server_url, "--user", worker.username]) == 1
    assert "用户名或密码不对" in capsys.readouterr().err
    assert main(["--db", db, "sync"]) == 1
    assert "还没有登录" in capsys.readouterr().err


def test_sync_without_a_server_says_so_and_keeps_the_work(server_url, make_user, tmp_path, monkeypatch, capsys):
    worker = make_user("grid_worker", grid_of(f.QUANTOU, 1))
    db = str(tmp_path / "cli.db")
    monkeypatch.setenv("GRIDAPP_PASSWORD", PASSWORD)
    assert main(["--db", db, "login", "--server", "http://127.0.0.1:9", "--user", worker.username]) == 1
    assert "连不上县服务器" in capsys.readouterr().err

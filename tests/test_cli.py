"""The headless `gridapp` commands, run as a support person would: a real child process."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "融安县泉头村-2024"


def gridapp(*args: str, db: Path, passphrase: str | None = PASSPHRASE, timeout: int = 120):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDAPP_")}
    env.update(PYTHONPATH=str(ROOT), GRIDAPP_DB=str(db), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    if passphrase is not None:
        env["GRIDAPP_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "ui.main", *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "data" / "gridapp.db"
    result = gridapp("demo-data", "--households", "20", db=path)
    assert result.returncode == 0, result.stderr
    assert "已生成演示数据" in result.stdout
    return path


def test_self_check_passes():
    result = gridapp("--self-check", db=Path("/nonexistent/never-used.db"))
    assert result.returncode == 0, result.stderr
    assert "自检通过" in result.stdout


def test_check_on_a_healthy_database(db):
    result = gridapp("check", db=db)
    assert result.returncode == 0, result.stderr
    assert "检查通过" in result.stdout and "待同步修改" in result.stdout


def test_check_reports_a_damaged_file(db):
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = os.urandom(4096)  # a page of garbage, as a failing disk leaves
    db.write_bytes(bytes(data))
    result = gridapp("check", db=db)
    assert result.returncode in (1, 2)
    assert ("问题" in result.stdout) or ("错误" in result.stderr)
    assert "Traceback" not in result.stderr


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = gridapp("check", db=db, passphrase="not-the-passphrase")
    assert result.returncode == 2
    assert "口令或钥匙不对" in result.stderr and "Traceback" not in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_no_passphrase_and_no_keyring_is_a_clear_error(db):
    result = gridapp("check", db=db, passphrase=None)
    assert result.returncode == 2
    assert "口令" in result.stderr and "Traceback" not in result.stderr


def test_missing_database_is_a_clear_error(tmp_path):
    result = gridapp("check", db=tmp_path / "nope.db")
    assert result.returncode == 2 and "找不到数据库" in result.stderr


def test_backup_then_restore_round_trip(db, tmp_path):
    backup = gridapp("backup", "--to", str(tmp_path / "bk"), db=db)
    assert backup.returncode == 0, backup.stderr
    [made] = list((tmp_path / "bk").glob("gridapp-backup-*.db"))
    # Unsynced changes exist (nothing has been synced): restore asks for --yes first.
    refused = gridapp("restore", str(made), db=db)
    assert refused.returncode == 1 and "--yes" in refused.stdout
    restored = gridapp("restore", str(made), "--yes", db=db)
    assert restored.returncode == 0, restored.stderr
    assert "原数据库已另存为" in restored.stdout
    assert list(db.parent.glob("gridapp.db.before-restore-*"))
    assert gridapp("check", db=db).returncode == 0


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(db, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 8192)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = gridapp("restore", str(junk), "--yes", db=db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_demo_data_is_deterministic(tmp_path):
    counts = []
    for name in ("a", "b"):
        result = gridapp("demo-data", "--households", "10", "--seed", "7", db=tmp_path / name / "g.db")
        assert result.returncode == 0, result.stderr
        counts.append(result.stdout.split("：", 1)[1])
    assert counts[0] == counts[1]

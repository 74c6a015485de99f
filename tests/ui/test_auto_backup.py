"""The desktop backs itself up once a day (architecture.md: periodic local backups), in the
database thread, and says so in the status bar; a backup that fails is said plainly and the
work goes on."""

from __future__ import annotations

from datetime import datetime, timedelta

from gridapp.backup import backup_dir, list_backups
from gridapp.store import Store


def _check(qtbot, desktop) -> None:  # noqa: ANN001
    desktop.backups.check()
    qtbot.waitUntil(lambda: not desktop.backups.running and desktop.runner.busy == 0, timeout=20_000)


def test_the_desktop_makes_one_encrypted_backup_a_day(qtbot, desktop):  # noqa: ANN001
    now = [datetime(2026, 11, 20, 8, 0)]
    desktop.backups.clock = lambda: now[0]
    with qtbot.waitSignal(desktop.backups.made, timeout=20_000):
        desktop.backups.check()
    assert desktop.window.status.currentMessage() == "已自动备份本机数据"
    [first] = list_backups(backup_dir(desktop.store.path))
    with Store.open(first.path, desktop.key, actor="check") as copy:
        assert copy.count("household") == desktop.store.count("household") > 0
    now[0] += timedelta(hours=23)
    _check(qtbot, desktop)
    assert len(list_backups(backup_dir(desktop.store.path))) == 1
    now[0] += timedelta(hours=1)
    _check(qtbot, desktop)
    assert len(list_backups(backup_dir(desktop.store.path))) == 2


def test_a_backup_that_fails_is_said_and_the_work_goes_on(qtbot, desktop):  # noqa: ANN001
    backup_dir(desktop.store.path).write_bytes(b"a file where the backups folder should be")
    _check(qtbot, desktop)
    message = desktop.window.status.currentMessage()
    assert message.startswith("自动备份没有成功：无法读写“") and "本机数据没有受影响" in message
    households = desktop.store.count("household")
    assert households > 0 and desktop.store.check() == []


def test_a_full_disk_is_said_in_plain_words(qtbot, desktop, monkeypatch):  # noqa: ANN001
    import errno
    import os

    from gridapp import backup

    def full(store, now):  # noqa: ANN001, ANN202
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(backup.backup_dir(store.path)))

    monkeypatch.setattr("ui.auto_backup.back_up_if_due", full)
    _check(qtbot, desktop)
    assert desktop.window.status.currentMessage() == \
        "自动备份没有成功：硬盘空间不够，请删除不用的文件后再试。 本机数据没有受影响，一小时后再试。"


def test_a_disk_filled_by_the_copy_is_said_in_plain_words(qtbot, desktop, monkeypatch):  # noqa: ANN001
    import sqlite3

    def full(store, now):  # noqa: ANN001, ANN202
        raise sqlite3.OperationalError("database or disk is full")  # what SQLite says as the copy fills it

    monkeypatch.setattr("ui.auto_backup.back_up_if_due", full)
    _check(qtbot, desktop)
    assert desktop.window.status.currentMessage().startswith("自动备份没有成功：硬盘空间不够")

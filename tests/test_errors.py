"""`gridapp.errors.message_for`: any exception as a sentence a grid worker reads, never the
system's English."""

from __future__ import annotations

import errno
import sqlite3

from gridapp.errors import GridAppError, message_for


def test_a_full_disk_is_said_plainly_whoever_noticed_it():
    expected = "硬盘空间不够，请删除不用的文件后再试。"
    assert message_for(OSError(errno.ENOSPC, "No space left on device", "/backups/x.db")) == expected
    assert message_for(sqlite3.OperationalError("database or disk is full")) == expected


def test_a_file_problem_names_the_file_not_the_systems_english():
    assert message_for(NotADirectoryError(errno.ENOTDIR, "Not a directory", "/home/w/backups")) == \
        "无法读写“/home/w/backups”，请检查这个文件或文件夹。"
    assert message_for(PermissionError(errno.EACCES, "Permission denied", "/x")) == "没有权限读写该文件，请检查文件夹权限。"
    assert message_for(GridAppError("身份证号码第18位校验码不对")) == "身份证号码第18位校验码不对"
    assert message_for(KeyError("x")) == "程序内部错误，请联系技术支持（KeyError）。"

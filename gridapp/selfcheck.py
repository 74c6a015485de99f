"""`gridapp --self-check`: proves an installed or frozen build can encrypt, write and read."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def run_self_check(out: Callable[[str], object] = print) -> int:
    """Open a throw-away encrypted database, write and read one record; 0 when all is well.

    Checks on the way: the file is encrypted (no SQLite header, a plain open fails), the record
    reads back equal after a reopen, FTS5 trigram search finds it, and integrity_check is ok."""
    import sqlite3

    from gridapp.models import Person
    from gridapp.store import Store

    folder = Path(tempfile.mkdtemp(prefix="gridapp-selfcheck-"))
    try:
        key = os.urandom(32)
        path = folder / "selfcheck.db"
        written = Person(village_code="450224101201", full_name="自检测试员", id_number="11010519491231002X")
        with Store.create(path, key, actor="self-check") as store:
            store.save(written)
        with Store.open(path, key, actor="self-check") as store:
            read = store.get(written.id)
            found = [hit.id for hit in store.search("检测试")]
            healthy = store.check() == [] and store.integrity_check() == ["ok"]
        if path.read_bytes()[:16] == b"SQLite format 3\x00":
            out("自检失败：数据库文件没有加密")
            return 1
        try:
            sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
            out("自检失败：不用钥匙也能打开数据库")
            return 1
        except sqlite3.DatabaseError:
            pass
        expected = written.document() | {"id_number_hmac": read.id_number_hmac}  # filled by the store
        if read.document() != expected or not read.id_number_hmac or found != [written.id] or not healthy:
            out("自检失败：读出的记录与写入的不一致")
            return 1
        out("自检通过：加密数据库可以写入、读取和搜索")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)

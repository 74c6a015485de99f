"""Encrypted local backups with rotation (recent, daily, weekly, monthly) and restore.

A backup is a consistent copy of the database made by `VACUUM INTO`, which SQLCipher writes
encrypted under the same key: a backup on a USB stick reveals no more than the laptop does.
Rotation keeps, like Anki: the newest few, then one per day for a week, one per ISO week for
two months, one per month for a year. A restore first copies the current file aside, so a
restore can itself be undone.

The desktop app makes one a day by itself (`back_up_if_due`, docs/desktop.md), so a laptop whose
disk fails keeps at most a day of work that was not synced; `gridapp backup` makes one whenever
asked. Copies set aside beside the database — before a schema upgrade
(`<db>.pre-v<N>-<time>.bak`) and before a restore (`<db>.before-restore-<time>`) — are removed
with the rotation once they are older than the oldest backup it keeps (a year), but the newest of
each kind: they hold data the user may since have deleted, and an upgrade or restore that went
wrong shows long before. Backups dated in the future (a clock set wrong) do not hold up the next.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gridapp.errors import GridAppError, StoreCorrupt, WrongKey

KEEP_RECENT = 4
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_WEEKS = 8
KEEP_MONTHLY_MONTHS = 12
_NAME = re.compile(r"^gridapp-backup-(\d{8}-\d{6})(?:-\d+)?\.db$")
BACKUP_EVERY = timedelta(hours=24)  # the desktop's own backups (`back_up_if_due`)
KEEP_ASIDE = timedelta(days=31 * KEEP_MONTHLY_MONTHS)  # copies set aside by an upgrade or a restore
_ASIDE = re.compile(r"\.(pre-v\d+|before-restore)-(\d{8}-\d{6})(?:\.bak)?")  # after the database's name


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime


def backup_dir(db_path: Path) -> Path:
    """Where the backups of `db_path` live: a `backups` folder beside it."""
    return Path(db_path).parent / "backups"


def list_backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first (files not named by us are ignored)."""
    found = []
    if folder.exists():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                found.append(Backup(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def backups_to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """Which backups the rotation keeps (a pure function of their times and `now`)."""
    ordered = sorted(backups, key=lambda b: b.made_at, reverse=True)
    keep = {b.path for b in ordered[:KEEP_RECENT]}
    seen_days: set[object] = set()
    seen_weeks: set[object] = set()
    seen_months: set[object] = set()
    for b in ordered:  # newest first: the newest backup of each period is the one kept
        age = now - b.made_at
        day = b.made_at.date()
        week = b.made_at.isocalendar()[:2]
        month = (b.made_at.year, b.made_at.month)
        if age <= timedelta(days=KEEP_DAILY_DAYS) and day not in seen_days:
            seen_days.add(day)
            keep.add(b.path)
        if age <= timedelta(weeks=KEEP_WEEKLY_WEEKS) and week not in seen_weeks:
            seen_weeks.add(week)
            keep.add(b.path)
        if age <= timedelta(days=31 * KEEP_MONTHLY_MONTHS) and month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    return keep


def make_backup(store, folder: Path | None = None, *, now: datetime | None = None,
                rotate: bool = True) -> Path:
    """Write an encrypted backup of `store` into `folder` and rotate old ones; returns its path."""
    folder = Path(folder) if folder else backup_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now()
    stem = f"gridapp-backup-{now:%Y%m%d-%H%M%S}"
    target = folder / f"{stem}.db"
    n = 1
    while target.exists():
        target = folder / f"{stem}-{n}.db"
        n += 1
    partial = target.with_suffix(".partial")
    try:
        store.vacuum_into(partial)
    except BaseException:
        partial.unlink(missing_ok=True)  # (a full disk: no half copy left behind)
        raise
    os.replace(partial, target)
    if rotate:
        keep = backups_to_keep(list_backups(folder), now)
        for b in list_backups(folder):
            if b.path not in keep:
                b.path.unlink(missing_ok=True)
        forget_aside_copies(store.path, now)
    return target


def backup_due(folder: Path, now: datetime) -> bool:
    """Whether the newest backup in `folder` is `BACKUP_EVERY` old, or there is none. Backups
    dated after `now` do not count: made while the clock was wrong, they would otherwise stop
    the backups until it caught up with them."""
    made = [b.made_at for b in list_backups(folder) if b.made_at <= now]
    return not made or now - max(made) >= BACKUP_EVERY


def back_up_if_due(store, now: datetime | None = None) -> Path | None:
    """The desktop's daily backup: make one (and rotate) when `backup_due`; else None."""
    now = now or datetime.now()
    if not backup_due(backup_dir(store.path), now):
        return None
    return make_backup(store, now=now)


def forget_aside_copies(db_path: Path, now: datetime) -> list[Path]:
    """Remove the copies an upgrade or a restore set aside beside `db_path` that are older than
    `KEEP_ASIDE`, but the newest of each kind (its date may be a wrong clock's); returns them."""
    name = Path(db_path).name
    kinds: dict[str, list[tuple[datetime, Path]]] = {}
    for path in Path(db_path).parent.glob(f"{name}.*"):
        match = _ASIDE.fullmatch(path.name[len(name):])
        if match and path.is_file():
            kind = "restore" if match.group(1) == "before-restore" else "upgrade"
            kinds.setdefault(kind, []).append((datetime.strptime(match.group(2), "%Y%m%d-%H%M%S"), path))
    gone = []
    for copies in kinds.values():
        for made, path in sorted(copies)[:-1]:  # the newest stays
            if now - made > KEEP_ASIDE:
                path.unlink(missing_ok=True)
                gone.append(path)
    return gone


def restore_backup(backup: Path, db_path: Path, key: bytes, *, now: datetime | None = None) -> Path:
    """Replace the database at `db_path` by `backup`; returns where the old file was kept.

    The backup is opened and checked with `key` first: a backup that does not open or fails
    `integrity_check` raises (WrongKey / StoreCorrupt) and nothing is replaced. The store must
    be closed. After a restore the device must register again before syncing (the restored
    outbox may reuse sequence numbers the server has already seen); the store records that in
    its `restored_at` setting."""
    from gridapp.store import Store

    backup = Path(backup)
    db_path = Path(db_path)
    if not backup.exists():
        raise GridAppError(f"找不到备份文件：{backup}", code="restore.missing")
    with Store.open(backup, key, actor="restore", device_id="restore") as probe:
        problems = probe.check()
        if problems:
            raise StoreCorrupt("备份文件已损坏，未恢复：" + "；".join(problems))
    now = now or datetime.now()
    kept = db_path.with_name(f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    if db_path.exists():
        shutil.copy2(db_path, kept)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    tmp = db_path.with_name(db_path.name + ".restoring")
    shutil.copy2(backup, tmp)
    os.replace(tmp, db_path)
    try:
        with Store.open(db_path, key, actor="restore", device_id="restore") as restored:
            restored.set_meta("restored_at", now.isoformat())
            restored.set_meta("restored_from", backup.name)
    except WrongKey:
        raise
    return kept

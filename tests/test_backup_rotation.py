"""Backup rotation keeps the newest few, then one a day, one a week, one a month."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from gridapp.backup import Backup, backups_to_keep, list_backups

NOW = datetime(2026, 11, 28, 18, 0, 0)


def _backups(times: list[datetime]) -> list[Backup]:
    return [Backup(Path(f"gridapp-backup-{t:%Y%m%d-%H%M%S}.db"), t) for t in times]


def test_keeps_the_four_newest_whatever_their_age():
    times = [NOW - timedelta(minutes=10 * i) for i in range(10)]
    kept = backups_to_keep(_backups(times), NOW)
    for t in times[:4]:
        assert Path(f"gridapp-backup-{t:%Y%m%d-%H%M%S}.db") in kept


def test_keeps_one_per_day_for_a_week_and_drops_the_rest_of_a_busy_day():
    # Hourly backups for 20 days.
    times = [NOW - timedelta(hours=h) for h in range(0, 24 * 20)]
    kept = backups_to_keep(_backups(times), NOW)
    days_last_week = {t.date() for t in times if NOW - t <= timedelta(days=7)}
    kept_days = {datetime.strptime(p.name[15:30], "%Y%m%d-%H%M%S").date() for p in kept}
    assert days_last_week <= kept_days
    # Far fewer than 480 files survive: 4 recent + ≤8 daily + a few weekly + monthly.
    assert len(kept) <= 4 + 8 + 9 + 13


def test_keeps_one_per_month_for_a_year_and_forgets_older():
    times = [NOW - timedelta(days=30 * m) for m in range(0, 24)]
    kept = backups_to_keep(_backups(times), NOW)
    kept_times = sorted(datetime.strptime(p.name[15:30], "%Y%m%d-%H%M%S") for p in kept)
    assert kept_times[0] >= NOW - timedelta(days=31 * 12)
    assert len({(t.year, t.month) for t in kept_times}) == len(kept_times)


def test_list_backups_ignores_foreign_files_and_sorts_newest_first(tmp_path):
    for name in ("gridapp-backup-20261101-100000.db", "gridapp-backup-20261120-100000.db",
                 "notes.txt", "gridapp-backup-junk.db"):
        (tmp_path / name).write_bytes(b"x")
    assert [b.path.name for b in list_backups(tmp_path)] == [
        "gridapp-backup-20261120-100000.db", "gridapp-backup-20261101-100000.db",
    ]

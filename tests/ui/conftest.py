"""Fixtures of the desktop tests: a small demo county in a real encrypted store, settings in a
temporary ini file, and a started desktop (window, runner, sync control) without network."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gridapp import demo
from ui.app import Desktop
from ui.settings import Settings


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    from sync.credentials import open_local_store

    path = tmp_path / "gridapp.db"
    with open_local_store(path, actor="韦网格员") as store:
        store.import_records(demo.generate(households=30, seed=7))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def desktop(qapp, demo_db: Path, settings: Settings):
    started = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False,
                            auto_backup=False)  # (tests make it happen: tests/ui/test_auto_backup.py)
    yield started
    started.close()

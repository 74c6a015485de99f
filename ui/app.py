"""The desktop application's start: unlock the local database (keyring, or the passphrase without
one — never the network), sign in on the first start (or work offline), open the main window
where the user left off.

`Desktop` holds what lives as long as the app: the store, the runner (database thread), the sync
control and the window; tests build one with `Desktop.start(...)` and drive it with pytest-qt.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from gridapp.errors import GridAppError, WrongKey
from gridapp.store import Store
from ui import i18n
from ui.auto_backup import AutoBackup
from ui.errors import message_for
from ui.main_window import MainWindow
from ui.settings import FONT_SIZES, Settings
from ui.sync_control import SyncControl
from ui.worker import Runner

Prompt = Callable[[bool], str | None]
log = logging.getLogger("gridapp.ui")


_INDICATORS = "QCheckBox::indicator, QRadioButton::indicator { width: 0.8em; height: 0.8em; }"


def apply_font(app: QApplication, points: int) -> None:
    """The whole UI follows one text size (widgets inherit the application font)."""
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)
    # Check boxes and radio buttons grow with the text (Qt draws them 13 px at any size): a tick
    # box an elderly mediator can see and hit at 特大.
    # Set once: setting an application style sheet re-polishes every widget alive, which grows
    # with each window opened in one process (the em size follows each widget's font anyway).
    if app.styleSheet() != _INDICATORS:
        app.setStyleSheet(_INDICATORS)


def dialog_prompt(creating: bool, message: str = "") -> str | None:
    env = os.environ.get("GRIDAPP_PASSPHRASE")
    if env and not message:
        return env
    from ui.unlock import PassphraseDialog

    return PassphraseDialog.ask(creating, message)


def unlock(db_path: Path, actor: str, prompt: Callable[..., str | None] = dialog_prompt,
           attempts: int = 5) -> tuple[Store, bytes]:
    """Open the laptop's database; a wrong passphrase is asked again (up to `attempts` times).

    Raises KeyUnavailable/WrongKey (with a message for the user) when it cannot be opened."""
    from sync.credentials import store_key

    message = ""
    for attempt in range(attempts):
        key = store_key(db_path, lambda creating: prompt(creating, message) if message else prompt(creating))
        try:
            if db_path.exists():
                return Store.open(db_path, key, actor=actor), key
            return Store.create(db_path, key, actor=actor), key
        except WrongKey as exc:
            message = exc.message
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


class Desktop:
    def __init__(self, app: QApplication, store: Store, key: bytes, settings: Settings, *,
                 auto_sync: bool = True) -> None:
        self.app = app
        self.store = store
        self.key = key
        self.settings = settings
        self.runner = Runner(store)
        path, actor, device = store.path, store.actor, store.device_id
        self.control = SyncControl(self.runner, lambda: Store.open(path, key, actor=actor, device_id=device),
                                   auto=auto_sync)
        self.backups = AutoBackup(self.runner, app)
        self.backups.said.connect(self._say)
        self.window: MainWindow | None = None

    @classmethod
    def start(cls, app: QApplication, db_path: Path, *, settings: Settings | None = None, actor: str = "",
              prompt: Callable[..., str | None] = dialog_prompt, sign_in: bool = True,
              auto_sync: bool = True, auto_backup: bool = True) -> Desktop:
        settings = settings or Settings()
        i18n.install(app, settings.language)
        apply_font(app, settings.font_points)
        from sync.cli import default_actor

        store, key = unlock(db_path, actor or default_actor(), prompt)
        desktop = cls(app, store, key, settings, auto_sync=auto_sync)
        if sign_in and not settings.offline_chosen and not desktop._signed_in():
            from ui.sign_in import SignInDialog

            dialog = SignInDialog(desktop.runner)
            dialog.exec()
            settings.offline_chosen = dialog.offline or not dialog.result()
        desktop.open_window()
        if auto_backup:
            desktop.backups.start()
        if auto_sync:
            desktop.control.sync_if_signed_in()
        return desktop

    def _say(self, message: str, msecs: int) -> None:
        if self.window is not None:
            self.window.status.showMessage(message, msecs)

    def _signed_in(self) -> bool:
        from sync.credentials import load_account

        return load_account(self.store) is not None

    def open_window(self) -> MainWindow:
        window = MainWindow(self.runner, self.control, self.settings)
        window.language_chosen.connect(self.switch_language)
        window.font_chosen.connect(self.switch_font)
        window.show()
        self.window = window
        return window

    def switch_font(self, name: str) -> None:
        self.settings.font_size_name = name
        apply_font(self.app, FONT_SIZES[name])

    def switch_language(self, language: str) -> None:
        """Rebuild the window in the new language; typed drafts are saved first (`flush`)."""
        self.settings.language = language
        i18n.install(self.app, language)
        old = self.window
        if old is not None:
            for page in old.pages.values():
                flush = getattr(page, "flush", None)
                if callable(flush):
                    flush()
            self.runner.wait()
            self.settings.save_window_state(old.saveGeometry(), old.saveState())
            old.hide()
            old.deleteLater()
        self.open_window()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        self.backups.stop()
        self.control.stop()
        self.runner.close()
        self.store.close()


def prepare_application(qt_args: list[str]) -> QApplication:
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("GridApp")
    app.setOrganizationName("GridApp")
    app.setApplicationDisplayName("网格工作台")
    return app


def run_desktop(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gridapp", description="网格工作台")
    parser.add_argument("--db", default=None, help="数据库文件（默认：本用户的数据文件夹）")
    options, qt_args = parser.parse_known_args(args)
    from sync.cli import default_db_path

    app = prepare_application(qt_args)
    db_path = Path(options.db) if options.db else default_db_path()
    try:
        desktop = Desktop.start(app, db_path)
    except GridAppError as exc:
        QMessageBox.critical(None, "网格工作台", message_for(exc))
        return 2
    code = app.exec()
    desktop.close()
    return code

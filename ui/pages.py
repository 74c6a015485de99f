"""The pages of the main window, in navigation order. Each factory builds its page from the
runner (database thread) and the sync control; page modules are imported only here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ui.sync_control import SyncControl
from ui.worker import Runner


def _households(runner: Runner, control: SyncControl) -> QWidget:
    from ui.households import HouseholdsPage

    return HouseholdsPage(runner)


def _visits(runner: Runner, control: SyncControl) -> QWidget:
    from ui.visits import VisitsPage

    return VisitsPage(runner)


def _meetings(runner: Runner, control: SyncControl) -> QWidget:
    from ui.meetings import MeetingsPage

    return MeetingsPage(runner)


def _cases(runner: Runner, control: SyncControl) -> QWidget:
    from ui.cases import CasesPage

    return CasesPage(runner)


def _sync(runner: Runner, control: SyncControl) -> QWidget:
    from ui.sync_page import SyncPage

    return SyncPage(runner, control)


PAGES = [
    ("household", QT_TRANSLATE_NOOP("pages", "住户"), _households),
    ("visit", QT_TRANSLATE_NOOP("pages", "走访"), _visits),
    ("meeting", QT_TRANSLATE_NOOP("pages", "议事"), _meetings),
    ("case", QT_TRANSLATE_NOOP("pages", "调解"), _cases),
    ("sync", QT_TRANSLATE_NOOP("pages", "同步"), _sync),
]

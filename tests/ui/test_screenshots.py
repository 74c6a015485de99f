"""Every main screen rendered in Chinese and in English, at the standard and the largest text size,
on a 1366×768 laptop's window, to PNG files reviewers look at (`build/screenshots/`, or the folder
in `GRIDAPP_SCREENSHOTS`); and no label, button or box title is cut off.

A scene drives one page to the state worth looking at (a record selected, a form open)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.screens import clipped_texts, save
from ui.app import Desktop
from ui.settings import FONT_SIZES

SCREEN = (1366, 705)  # a 1366×768 screen less the Windows task bar


def _first(desktop: Desktop, record_type: str) -> str:
    return desktop.store.list_ids(record_type)[0]


def _show_first(record_type: str) -> Callable:
    def scene(desktop: Desktop, qtbot) -> None:
        page = desktop.window.pages[record_type]
        page.show_record(_first(desktop, record_type))

    return scene


SCENES: dict[str, tuple[str, Callable]] = {
    "households": ("household", _show_first("household")),
    "visits": ("visit", _show_first("visit")),
    "meetings": ("meeting", _show_first("meeting")),
    "cases": ("case", _show_first("case")),
    "sync": ("sync", lambda desktop, qtbot: None),
}


@pytest.mark.parametrize("font", ["标准", "特大"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_each_screen_renders_without_cut_off_text(qtbot, qapp, demo_db: Path, settings, scene, language, font):
    settings.language = language
    settings.font_size_name = font
    settings.offline_chosen = True
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        window = desktop.window
        window.resize(*SCREEN)
        key, drive = SCENES[scene]
        window.show_page(key)
        qtbot.waitUntil(lambda: desktop.runner.busy == 0, timeout=10_000)
        drive(desktop, qtbot)
        qtbot.waitUntil(lambda: desktop.runner.busy == 0, timeout=10_000)
        qtbot.wait(50)  # layouts settle after the last rows arrive
        QApplication.processEvents()
        assert QApplication.font().pointSize() == FONT_SIZES[font]
        path = save(window, f"{scene}-{language}-{'large' if font == '特大' else 'standard'}")
        assert path.stat().st_size > 10_000
        assert window.width() <= SCREEN[0] and window.height() <= SCREEN[1], "the window outgrew the laptop's screen"
        assert clipped_texts(window) == []
    finally:
        desktop.close()


def test_the_cut_off_check_sees_a_label_too_narrow_for_its_words(qtbot):
    from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    fits = QLabel("户主姓名", form)
    narrow = QLabel("下次走访日期不能早于本次走访", form)
    narrow.setObjectName("narrow")
    box = QCheckBox("当场解决", form)
    layout.addWidget(fits)
    layout.addWidget(narrow)
    layout.addWidget(box)
    form.show()
    qtbot.waitExposed(form)
    assert clipped_texts(form) == []
    narrow.setFixedWidth(narrow.fontMetrics().horizontalAdvance(narrow.text()) // 2)
    box.setFixedWidth(20)
    found = clipped_texts(form)
    assert len(found) == 2 and found[0].startswith("narrow") and "当场解决" in found[1]


def _dialogs(desktop: Desktop) -> dict[str, object]:
    from datetime import datetime

    from gridapp.drafts import DraftSaver
    from gridapp.event_report import entry_for
    from gridapp.idnumber import CHINA_TZ
    from gridapp.ids import new_id
    from gridapp.membership import places
    from gridapp.models.visit import VisitRecord
    from ui.event_dialog import EventDialog
    from ui.household_form import HouseholdDialog
    from ui.new_household import NewHouseholdDialog
    from ui.person_form import PersonDialog
    from ui.remove_member import RemoveMemberDialog
    from ui.sign_in import SignInDialog
    from ui.unlock import PassphraseDialog

    store = desktop.store
    household = store.get(store.list_ids("household")[0])
    names = {m.person_id: store.get(m.person_id).full_name for m in household.members}
    head = store.get(household.head_person_id)
    first_visit = store.get(store.list_ids("visit")[0])
    visit = VisitRecord.model_validate({**first_visit.model_dump(), "issues": [
        {"category": "public_facility", "description": "屯口便桥桥面开裂，雨天危险", "handled_on_spot": False}]})
    return {
        "sign-in": SignInDialog(desktop.runner, desktop.window),
        "passphrase": PassphraseDialog(True, desktop.window),
        "household-edit": HouseholdDialog(desktop.runner, household, names, store.hamlets(), desktop.window),
        "person-edit": PersonDialog(desktop.runner, household, head, desktop.window),
        "new-household": NewHouseholdDialog(desktop.runner, places(store), None, desktop.window),
        "remove-member": RemoveMemberDialog(desktop.runner, household, head, names, desktop.window),
        "event-report": EventDialog(desktop.runner, DraftSaver(visit.id), visit, 0,
                                    entry_for(visit, 0, "泉头村下岭尾屯12号"), new_id(), datetime.now(CHINA_TZ),
                                    desktop.window),
    }


@pytest.mark.parametrize("font", ["标准", "特大"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_dialog_renders_without_cut_off_text(qtbot, qapp, demo_db: Path, settings, language, font):
    settings.language = language
    settings.font_size_name = font
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        for name, dialog in _dialogs(desktop).items():
            dialog.show()
            qtbot.waitExposed(dialog)
            qtbot.waitUntil(lambda: desktop.runner.busy == 0, timeout=10_000)
            QApplication.processEvents()
            save(dialog, f"dialog-{name}-{language}-{'large' if font == '特大' else 'standard'}")
            room = dialog.screen().availableGeometry()  # dialogs size themselves to the screen they are on
            assert dialog.width() <= room.width() and dialog.height() <= room.height(), name
            assert clipped_texts(dialog) == [], name
            dialog.reject()
    finally:
        desktop.close()

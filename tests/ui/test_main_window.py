"""The main window over a real encrypted store: lists load off the GUI thread, search narrows
them, the list model passes qtmodeltester, and the window remembers the page left open."""

from __future__ import annotations

import pytest

from gridapp.listing import ListFilter
from ui.app import Desktop
from ui.table_model import LOADING, RecordListModel
from ui.worker import Runner


def test_the_household_list_shows_the_stores_households(qtbot, desktop):
    window = desktop.window
    window.show_page("household")
    page = window.pages["household"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 30 and desktop.runner.busy == 0)
    expected = desktop.store.list_ids("household")
    assert [page.model.id_at(row) for row in range(30)] == expected
    page.model.data(page.model.index(0, 0))  # asks for the first page of columns
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 0)) != LOADING)
    head = desktop.store.list_rows("household", expected[:1])[expected[0]][0]
    assert page.model.data(page.model.index(0, 0)) == head and head


def test_typing_a_name_narrows_the_list(qtbot, desktop):
    page = desktop.window.pages["household"]
    desktop.window.show_page("household")
    qtbot.waitUntil(lambda: page.model.rowCount() == 30)
    surname = desktop.store.list_rows("household", desktop.store.list_ids("household")[:1]).popitem()[1][0][0]
    page.search.setText(surname)
    wanted = desktop.store.list_ids("household", ListFilter(text=surname))
    assert 0 < len(wanted) < 30
    qtbot.waitUntil(lambda: page.model.rowCount() == len(wanted) and page.count_label.text() != "")


def test_the_window_opens_where_the_user_left_off(qtbot, qapp, demo_db, settings):
    first = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    first.window.show_page("meeting")
    first.close()
    again = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        assert again.window.current_key() == "meeting"
    finally:
        again.close()


def test_the_status_bar_counts_unsent_changes(qtbot, desktop):
    pending = desktop.store.pending_count()
    assert pending > 0
    qtbot.waitUntil(lambda: desktop.control.status is not None)
    assert desktop.control.status.pending == pending
    assert str(pending) in desktop.window.status.pending.text()


@pytest.mark.parametrize("record_type", ["household", "visit", "meeting", "case"])
def test_every_list_model_passes_qtmodeltester(qtbot, qtmodeltester, desktop, record_type):
    model = RecordListModel(Runner(desktop.store), record_type)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.runner.busy == 0)
    qtmodeltester.check(model)
    model.runner.wait()


def test_a_store_error_is_shown_in_words_not_a_crash(qtbot, desktop):
    messages: list[str] = []
    desktop.runner.failed.disconnect()
    desktop.runner.failed.connect(messages.append)
    desktop.runner.query(lambda store: store.get("no-such-record"))
    qtbot.waitUntil(lambda: messages != [])
    assert "找不到这条记录" in messages[0]


def test_closing_the_app_drops_late_requests_instead_of_showing_errors_about_a_closed_store(
        qtbot, qapp, demo_db, settings):
    """A view that asks the database after the window closed (a thumbnail, a page of rows) gets no
    answer and raises no message box: the store is closed and nobody is looking."""
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    runner = desktop.runner
    failures, answers = [], []
    runner.failed.connect(failures.append)
    desktop.close()
    runner.query(lambda store: store.count("household"), answers.append)
    runner.op(lambda store: store.set_meta("late", "1"), answers.append)
    qtbot.wait(100)
    assert runner.busy == 0 and answers == [] and failures == []


def test_a_laptop_working_offline_is_offered_to_sign_in_on_the_sync_page(qtbot, desktop):
    desktop.window.show_page("sync")
    page = desktop.window.pages["sync"]
    qtbot.waitUntil(lambda: desktop.control.status is not None and page.sign_in_button.isVisibleTo(page))
    assert not desktop.control.status.signed_in
    assert not page.sync_button.isVisibleTo(page)

"""The minutes form fits beside the list in the window of a 1366×768 laptop at the largest text, in
English too (the longer language): no sideways scrolling, a new meeting with a land topic included."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gridapp.minutes import TopicEntry
from ui.app import Desktop
from ui.meeting_form import MeetingForm


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("which", ["stored", "new"])
def test_the_form_needs_no_sideways_scrolling_at_the_largest_text(qtbot, qapp, demo_db, settings, language, which):
    settings.language = language
    settings.font_size_name = "特大"
    settings.offline_chosen = True
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        desktop.window.resize(1366, 705)  # a 1366×768 screen less the task bar
        desktop.window.show_page("meeting")
        qtbot.waitUntil(lambda: desktop.runner.busy == 0, timeout=10_000)
        page = desktop.window.pages["meeting"]
        if which == "stored":
            page.show_record(desktop.store.list_ids("meeting")[0])
        else:
            page.new_meeting()
        qtbot.waitUntil(lambda: isinstance(page.detail, MeetingForm) and desktop.runner.busy == 0, timeout=10_000)
        form = page.detail
        if which == "new":  # the land section shows: its contract, its consents
            form.add_topic(TopicEntry(title="土地流转", topic_type="land_transfer"))
        qtbot.wait(50)
        QApplication.processEvents()
        assert form.content.minimumSizeHint().width() <= form.scroll.viewport().width()
        assert form.scroll.horizontalScrollBar().maximum() == 0
    finally:
        desktop.close()

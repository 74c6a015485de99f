"""打印会议记录 from the form: the call returns at once, the PDF is drawn off the GUI thread and is
readable; a path that cannot be written is said in the status line, and the form stays usable."""

from __future__ import annotations

import shutil
import subprocess
import threading

import pytest

from gridapp.listing import ListFilter
from ui.meeting_form import MeetingForm

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


@pytest.fixture
def sealed_form(qtbot, desktop):
    meeting_id = desktop.store.list_ids("meeting", ListFilter(states=("VOTED",)))[0]
    form = MeetingForm(desktop.runner, meeting_id)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.sealed and desktop.runner.busy == 0)
    yield form
    desktop.runner.wait()


def test_printing_returns_before_the_file_exists_and_writes_a_readable_pdf(qtbot, desktop, sealed_form, tmp_path):
    import ui.minutes_pdf

    threads: list[threading.Thread] = []
    write = ui.minutes_pdf.write_minutes_pdf

    def watched(doc, path):  # only notes the thread the real writer runs in
        threads.append(threading.current_thread())
        return write(doc, path)

    meeting = desktop.store.get(sealed_form.record_id)
    target = tmp_path / "会议记录.pdf"
    ui.minutes_pdf.write_minutes_pdf = watched
    try:
        sealed_form.print_to(str(target))
        assert not target.exists()  # the call came back before any page was drawn
        assert not sealed_form.print_button.isEnabled() and "正在保存" in sealed_form.status.text()
        qtbot.waitUntil(lambda: sealed_form.print_button.isEnabled() and desktop.runner.busy == 0, timeout=20000)
    finally:
        ui.minutes_pdf.write_minutes_pdf = write
    assert threads and threads[0] is not threading.main_thread()
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert meeting.topics[0].title in "".join(text.split())
    assert str(target) in sealed_form.status.text()


def test_a_folder_that_cannot_be_written_is_said_and_printing_can_be_tried_again(qtbot, desktop, sealed_form,
                                                                                tmp_path):
    sealed_form.print_to(str(tmp_path / "没有这个文件夹" / "会议记录.pdf"))
    qtbot.waitUntil(lambda: sealed_form.print_button.isEnabled() and desktop.runner.busy == 0, timeout=20000)
    assert sealed_form.status.text().startswith("会议记录没有保存")
    target = tmp_path / "会议记录.pdf"
    sealed_form.print_to(str(target))
    qtbot.waitUntil(lambda: target.exists() and sealed_form.print_button.isEnabled(), timeout=20000)

"""The 议事 page and the minutes form over a real encrypted store: drafts save themselves, the quorum
sentence follows the sign-in list, bad votes and missing consents are said next to their fields and
block 定稿, a finalised meeting is sealed and shown read-only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gridapp.listing import ListFilter
from gridapp.minutes import TopicEntry
from gridapp.minutes_doc import hamlet_roster
from ui.meeting_form import HouseholdChecklist, MeetingForm
from ui.meetings import MeetingsPage


@pytest.fixture
def hamlet(desktop) -> str:
    """The demo hamlet with the most households (two in the small demo county)."""
    return max(desktop.store.hamlets(), key=lambda h: len(hamlet_roster(desktop.store, h).households))


@pytest.fixture
def form(qtbot, desktop, hamlet):
    made = MeetingForm(desktop.runner, hamlet=hamlet)
    qtbot.addWidget(made)
    qtbot.waitUntil(lambda: bool(made.households.lines and made.meeting_no) and desktop.runner.busy == 0)
    yield made
    made.save_timer.stop()
    desktop.runner.wait()


def fill_valid(form: MeetingForm) -> None:
    form.location.setText("屯文化室")
    form.noticed_on.set_value(date.today() - timedelta(days=3))
    for combo in (form.convener, form.chair, form.recorder):
        combo.setCurrentIndex(1)
    form.households.set_all(True)
    row = form.add_topic(TopicEntry(title="屯内道路硬化", topic_type="public_works"))
    row.voted.setChecked(True)
    row.yes.setValue(len(form.households.lines))
    row.resolution.setPlainText("同意硬化屯内主路，群众投工投劳。")
    form.discussion.setPlainText("大家同意修路。")


def stored(desktop, meeting_id: str):
    return desktop.store.get(meeting_id) if desktop.store.exists(meeting_id) else None


def test_a_valid_meeting_saves_itself_and_finalising_seals_it(qtbot, desktop, form):
    fill_valid(form)
    qtbot.waitUntil(lambda: stored(desktop, form.record_id) is not None and desktop.runner.busy == 0, timeout=5000)
    draft = stored(desktop, form.record_id)
    assert (draft.state, draft.sealed, draft.location) == ("PROPOSED", False, "屯文化室")
    assert "已自动保存" in form.status.text()

    with qtbot.waitSignal(form.finalised, timeout=5000):
        form.finalise()
    qtbot.waitUntil(lambda: form.sealed and desktop.runner.busy == 0)
    sealed = stored(desktop, form.record_id)
    assert (sealed.state, sealed.sealed) == ("VOTED", True)
    assert sealed.votes[0].passed is True and sealed.resolutions[0].passed is True
    assert form.location.isReadOnly() and not form.finalise_button.isVisible()
    assert not form.households.flags(form.households.index(0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_the_scan_of_the_signed_paper_is_attached_before_finalising_and_sealed_with_the_minutes(
        qtbot, desktop, form, tmp_path):
    from PySide6.QtGui import QColor, QImage

    fill_valid(form)
    qtbot.waitUntil(lambda: stored(desktop, form.record_id) is not None and desktop.runner.busy == 0, timeout=5000)
    scan = QImage(800, 1100, QImage.Format.Format_RGB32)
    scan.fill(QColor("white"))
    assert scan.save(str(tmp_path / "签字页.jpg"), "JPEG")
    qtbot.waitUntil(lambda: form.attachments.owner is not None and not form.attachments.is_read_only())
    form.attachments.add_files([str(tmp_path / "签字页.jpg")])
    qtbot.waitUntil(lambda: len(form.attachments.attachment_ids()) == 1 and desktop.runner.busy == 0)
    with qtbot.waitSignal(form.finalised, timeout=5000):
        form.finalise()
    qtbot.waitUntil(lambda: form.sealed and desktop.runner.busy == 0)
    attachment = desktop.store.get(form.attachments.attachment_ids()[0])
    assert attachment.owner_id == form.record_id and desktop.store.read_blob(attachment.sha256)
    from gridapp import sealing

    sealed = desktop.store.get(form.record_id)
    assert sealed.content_hash == sealing.content_hash(sealed.document(), [attachment.sha256])
    assert desktop.store.verify_seals() == []
    qtbot.waitUntil(lambda: form.attachments.is_read_only())
    before = desktop.store.count("attachment")
    form.attachments.add_files([str(tmp_path / "签字页.jpg")])  # after 定稿 only a correction adds scans
    qtbot.waitUntil(lambda: desktop.runner.busy == 0)
    assert desktop.store.count("attachment") == before
    assert form.attachments.attachment_ids() == [attachment.id]


def test_the_quorum_sentence_follows_the_ticked_households(qtbot, form):
    n = len(form.households.lines)
    form.households.set_all(True)
    assert form.quorum_label.text() == f"应到 {n} 户，实到 {n} 户，超过三分之二（至少 {-(-2 * n // 3)} 户），符合法定人数"
    form.households.setData(form.households.index(0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert form.present.value() == n - 1
    assert form.quorum_label.text().startswith(f"应到 {n} 户，实到 {n - 1} 户，不足三分之二")
    assert "不符合法定人数" in form.quorum_label.text()


def test_bad_vote_arithmetic_is_said_next_to_the_vote_and_nothing_is_saved_or_sealed(qtbot, desktop, form):
    fill_valid(form)
    row = form.topic_rows[0]
    row.no.setValue(5)  # yes = everyone present, and five more against
    label = form.findChild(QLabel, "topic_0_vote_error")
    assert not label.isHidden()
    assert "多于实到" in label.text()
    form.flush()
    form.finalise()
    qtbot.wait(50)
    desktop.runner.wait()
    assert stored(desktop, form.record_id) is None
    assert "不能定稿" in form.status.text()


def test_a_land_topic_without_household_consents_cannot_be_finalised(qtbot, desktop, form):
    fill_valid(form)
    land = form.add_topic(TopicEntry(title="土地流转建设彩椒基地", topic_type="land_transfer"))
    land.resolution.setPlainText("同意流转，各户自愿签字。")
    form.transferee.setText("柳州市红椒农业科技有限公司")
    form.flush()
    qtbot.waitUntil(lambda: stored(desktop, form.record_id) is not None and desktop.runner.busy == 0)
    form.finalise()
    qtbot.wait(50)
    desktop.runner.wait()
    consents = form.findChild(QLabel, "consents_error")
    assert "请逐户填写户同意书" in consents.text()
    assert stored(desktop, form.record_id).sealed is False


def test_a_consent_area_that_is_not_a_number_is_refused_next_to_it(qtbot, desktop, form):
    fill_valid(form)
    form.add_topic(TopicEntry(title="土地流转", topic_type="land_transfer"))
    form.consent_pick.setCurrentIndex(0)
    form.add_consent_button.click()
    form.consent_rows[0].area.setText("三亩")
    assert form.findChild(QLabel, "consent_0_error").text() != ""
    form.flush()
    desktop.runner.wait()
    assert stored(desktop, form.record_id) is None


def test_the_household_checklist_passes_qtmodeltester(qtmodeltester, form):
    qtmodeltester.check(form.households)
    model = HouseholdChecklist()
    qtmodeltester.check(model)


def test_the_meetings_page_opens_a_sealed_meeting_read_only_and_starts_new_ones(qtbot, desktop):
    page = MeetingsPage(desktop.runner)
    qtbot.addWidget(page)
    sealed_id = desktop.store.list_ids("meeting", ListFilter(states=("VOTED",)))[0]
    page.show_record(sealed_id)
    qtbot.waitUntil(lambda: isinstance(page.detail, MeetingForm) and page.detail.sealed)
    assert page.detail.location.isReadOnly() and page.detail.location.text() == desktop.store.get(sealed_id).location
    page.new_button.click()
    qtbot.waitUntil(lambda: isinstance(page.detail, MeetingForm) and not page.detail.sealed
                    and desktop.runner.busy == 0)
    assert page.detail.heading.text() == "新的议事记录"
    desktop.runner.wait()


def test_opening_a_draft_meeting_writes_nothing(qtbot, desktop):
    held = desktop.store.list_ids("meeting", ListFilter(states=("HELD",)))[0]
    before = desktop.store.get(held)
    form = MeetingForm(desktop.runner, held)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.loaded and desktop.runner.busy == 0)
    form.flush()
    desktop.runner.wait()
    assert desktop.store.get(held).version == before.version
    assert form.present.value() == before.present_count  # typed counts kept: the demo has no sign-in list


def test_opening_a_stored_meeting_shows_no_error_the_user_did_not_make(qtbot, desktop):
    """A meeting noticed but not held has no quorum basis yet: the form offers one that fits the
    meeting type (a 村民代表会议 counts its members), not a red error on a record just opened."""
    for meeting_id in desktop.store.list_ids("meeting"):
        stored_meeting = desktop.store.get(meeting_id)
        form = MeetingForm(desktop.runner, meeting_id)
        qtbot.addWidget(form)
        qtbot.waitUntil(lambda: form.loaded and desktop.runner.busy == 0)
        shown = [label.text() for label in form.findChildren(QLabel)
                 if label.objectName().endswith("_error") and label.text() and not label.text().startswith("提示")]
        assert shown == [], (stored_meeting.meeting_type, stored_meeting.state, shown)
        form.save_timer.stop()
        desktop.runner.wait()
        assert desktop.store.get(meeting_id).version == stored_meeting.version


@pytest.mark.parametrize("points", [12, 17])
def test_the_form_fits_beside_the_list_on_a_1366_by_768_screen(qtbot, qapp, desktop, points):
    font = qapp.font()
    bigger = qapp.font()
    bigger.setPointSize(points)
    qapp.setFont(bigger)
    try:
        page = MeetingsPage(desktop.runner)
        qtbot.addWidget(page)
        page.resize(1366 - 150, 768 - 90)  # less the navigation, menu and status bars
        page.show()
        page.show_record(desktop.store.list_ids("meeting", ListFilter(states=("VOTED",)))[0])
        qtbot.waitUntil(lambda: isinstance(page.detail, MeetingForm) and page.detail.sealed)
        form = page.detail
        qtbot.waitUntil(lambda: form.scroll.viewport().width() > 0)
        assert form.content.minimumSizeHint().width() <= form.scroll.viewport().width()
    finally:
        qapp.setFont(font)
        desktop.runner.wait()

"""The printed minutes: an A4 PDF whose text holds the village, the topics, the vote figures and
the resolution; the form's 打印 writes the stored minutes."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.minutes import Attending, ConsentEntry, LandEntry, MeetingDraft, TopicEntry, check_draft
from gridapp.minutes_doc import minutes_doc
from ui.minutes_pdf import write_minutes_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out


def plain(text: str) -> str:
    """NFKC (full-width punctuation as ASCII) without whitespace: the words, whatever the line breaks."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_the_pdf_holds_the_village_topics_votes_and_resolution(qapp, tmp_path):
    household = new_id()
    draft = MeetingDraft(
        village_code="450224101206", meeting_no="450224101206-YS-2026-7", hamlet="下岭尾屯",
        held_at=datetime(2026, 5, 20, 19, 30, tzinfo=CHINA_TZ), location="下岭尾屯文化室",
        eligible_count=36, present_count=30, attending=[Attending(household, None, "韦大山")],
        topics=[TopicEntry(title="下岭尾屯土地经营权流转建设彩椒基地", topic_type="land_transfer", voted=True,
                           present=30, yes=25, no=3, abstain=2,
                           resolution="同意流转约100亩承包地建设彩椒基地，是否流转由各户自愿签字决定。")],
        consents=[ConsentEntry(household, "韦大山", "agree", date(2026, 5, 21), "sign", "3.5")],
        land=LandEntry("柳州市红椒农业科技有限公司", date(2026, 6, 1), date(2031, 5, 31), "种植彩椒", "600"),
        discussion_summary="与会户代表充分讨论。",
    )
    doc = minutes_doc(check_draft(draft).meeting, {household: "韦大山户"})
    path = write_minutes_pdf(doc, tmp_path / "minutes.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    raw = pdf_text(path)
    assert not any(0x2E80 <= ord(c) < 0x2FE0 for c in raw), "radicals in the text layer (韦 read as ⻙)"
    text = plain(raw)
    for expected in ("融安县泉头村微议事会议记录", "下岭尾屯", "下岭尾屯土地经营权流转建设彩椒基地",
                     "实到 30 户，同意 25，反对 3，弃权 2", "通过", "是否流转由各户自愿签字决定",
                     "韦大山户", "柳州市红椒农业科技有限公司", "主持人（签字）", "记录人（签字）"):
        assert plain(expected) in text, expected
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89" in info or "A4" in info


def test_the_forms_print_writes_the_stored_minutes(qtbot, desktop, tmp_path):
    from gridapp.listing import ListFilter
    from ui.meeting_form import MeetingForm

    meeting_id = desktop.store.list_ids("meeting", ListFilter(states=("VOTED",)))[0]
    meeting = desktop.store.get(meeting_id)
    form = MeetingForm(desktop.runner, meeting_id)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.sealed and desktop.runner.busy == 0)
    target = tmp_path / "printed.pdf"
    form.print_to(str(target))
    qtbot.waitUntil(lambda: target.exists() and desktop.runner.busy == 0)
    text = plain(pdf_text(target))
    assert plain(meeting.topics[0].title) in text
    assert plain(f"同意 {meeting.votes[0].yes}，反对 {meeting.votes[0].no}") in text
    assert any(a.action == "print" for a in desktop.store.history(meeting_id))

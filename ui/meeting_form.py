"""The 微议事 minutes form: meeting facts, attendance by household with the quorum in a sentence,
topics with their votes and resolutions, household consents and the transfer contract when land is
involved, publicity; drafts save themselves, 定稿 seals the minutes, and they print as a PDF.

The form only gathers values: `gridapp.minutes` builds the record, checks it and says where each
problem belongs; every read and write goes through the runner.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from gridapp import codes, states
from gridapp.errors import InvalidRecord, Problem
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.minutes import (
    LandEntry, MeetingDraft, MinutesCheck, MinutesSaver, PublicityEntry, check_draft, draft_of, finalise_problems,
    quorum_sentence, vote_sentence,
)
from gridapp.minutes_doc import Roster
from gridapp.models.deliberation import QUORUM_RULES, DeliberationMeeting
from ui.errors import message_for
from ui.i18n import words
from ui.meeting_attendance import Attendance, HouseholdChecklist
from ui.meeting_consents import ConsentRow, ConsentsAndLand
from ui.meeting_facts import MeetingFacts
from ui.meeting_fields import GREEN, RED, error_label, set_code
from ui.meeting_finalise import Finalising
from ui.meeting_printing import Printing
from ui.meeting_publicity import Publicity
from ui.meeting_topics import TopicRow, TopicsAndVotes
from ui.worker import Runner

__all__ = ["HouseholdChecklist", "MeetingForm"]

SAVE_DELAY_MS = 800  # a pause in typing this long saves the draft


def _dump(meeting: DeliberationMeeting | None) -> dict[str, Any] | None:
    """What a save would change: the meeting without the store's metadata."""
    return None if meeting is None else meeting.model_dump(mode="json", exclude=set(meeting.META_FIELDS))


class MeetingForm(QWidget, MeetingFacts, Attendance, TopicsAndVotes, ConsentsAndLand, Publicity, Finalising,
                  Printing):
    """Edit one meeting's minutes (a new one when `meeting_id` is None). Drafts save themselves
    after a pause; `flush()` saves at once; 定稿 seals; a sealed meeting is shown read-only."""

    saved = Signal(str)  # the meeting id, after each save
    finalised = Signal(str)

    def __init__(self, runner: Runner, meeting_id: str | None = None, parent: QWidget | None = None, *,
                 hamlet: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_form")
        self.runner = runner
        self.base: DeliberationMeeting | None = None
        self.record_id = meeting_id or new_id()
        self.saver = MinutesSaver(self.record_id)
        self.roster = Roster("", "", (), ())
        self.village_code = ""
        self.meeting_no = ""
        self.check: MinutesCheck | None = None
        self.sealed = False
        self.loaded = meeting_id is None  # False until the stored meeting arrives
        self._loading = True
        self._dirty = False
        self._saving = False
        self._again = False
        self._finalise_tried = False
        self._finalise_problems: list[Problem] = []
        self._want_hamlet = hamlet
        self._saved_dump: dict[str, Any] | None = None
        self.counts_follow_list = meeting_id is None  # 应到/实到 counted from the ticked households
        self._labels: dict[str, QLabel] = {}
        self.topic_rows: list[TopicRow] = []
        self.consent_rows: list[ConsentRow] = []

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)

        self._build()
        self._loading = False
        runner.query(lambda store: store.hamlets(), self._hamlets_arrived)
        if meeting_id is not None:
            runner.query(lambda store: store.get(meeting_id), self._meeting_arrived, error=self._load_failed)
        else:
            self._refresh()

    # ------------------------------------------------------------------ building

    def _error(self, key: str) -> QLabel:
        label = error_label(key)
        self._labels[key] = label
        return label

    def _build(self) -> None:
        self.heading = QLabel(self.tr("新的议事记录"))
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        content = QWidget()
        self.content = content
        column = QVBoxLayout(content)
        column.addWidget(self._meeting_group())
        column.addWidget(self._attendance_group())
        column.addWidget(self._topics_group())
        column.addWidget(self._discussion_group())
        column.addWidget(self._land_group())
        column.addWidget(self._publicity_group())
        column.addWidget(self._attachments_group())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("meeting_scroll")
        scroll.setWidgetResizable(True)
        # Read-only choices keep the text colour: a sealed record must be easy to read, not greyed out.
        content.setStyleSheet("QComboBox:disabled, QCheckBox:disabled { color: palette(text); }")
        scroll.setWidget(content)
        self.scroll = scroll

        self.status = QLabel()
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        self.form_error = self._error("form")
        self.finalise_button = QPushButton(self.tr("定稿"))
        self.finalise_button.setObjectName("finalise")
        self.finalise_button.setToolTip(self.tr("检查并封存会议记录；定稿后不能再修改"))
        self.finalise_button.clicked.connect(self.finalise)
        self.print_button = QPushButton(self.tr("打印会议记录"))
        self.print_button.setObjectName("print_minutes")
        self.print_button.clicked.connect(self._print_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.finalise_button)
        bar.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(bar)

    def _row(self, form: QFormLayout, label: str, field: QWidget | QHBoxLayout, key: str) -> None:
        form.addRow(label, field)
        form.addRow("", self._error(key))

    def _attachments_group(self) -> QGroupBox:
        """The scans of the signed paper (minutes, sign-in sheet, consents): printed from the draft,
        signed, scanned and attached here, then 定稿 seals minutes and scans together."""
        from ui.attachments import AttachmentsPanel

        box = QGroupBox(self.tr("签字纸件的扫描件"))
        box.setObjectName("attachments_box")
        layout = QVBoxLayout(box)
        note = QLabel(self.tr("先打印会议记录，签字后扫描或拍照附在这里，再定稿；定稿后附件随会议记录一起封存。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.attachments = AttachmentsPanel(self.runner, "meeting", self.record_id, box)
        layout.addWidget(self.attachments)
        return box

    def _rename_rows(self) -> None:
        for i, row in enumerate(self.topic_rows):
            row.name(i)
        for i, consent in enumerate(self.consent_rows):
            consent.name(i)

    # ------------------------------------------------------------------ data in

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText(message_for(exc))

    def _meeting_arrived(self, meeting: DeliberationMeeting) -> None:
        self.base = meeting
        self.saver = MinutesSaver(meeting.id, meeting.version)
        self.loaded = True
        self._saved_dump = _dump(meeting)
        d = draft_of(meeting)
        # A meeting recorded without a sign-in list keeps its typed counts until households are ticked.
        self.counts_follow_list = bool(d.attending)
        self._fill(d)
        self.sealed = meeting.sealed or states.is_sealed_state("meeting", meeting.state)
        self._show_state()
        self._hamlet_chosen(keep=True)

    def _fill(self, d: MeetingDraft) -> None:
        self._loading = True
        self.village_code, self.meeting_no = d.village_code, d.meeting_no
        set_code(self.meeting_type, d.meeting_type)
        if d.hamlet and self.hamlet.findText(d.hamlet) < 0:
            self.hamlet.addItem(d.hamlet)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findText(d.hamlet)))
        if d.held_at:
            h = d.held_at.astimezone(CHINA_TZ)
            self.held_at.setDateTime(QDateTime(QDate(h.year, h.month, h.day), QTime(h.hour, h.minute)))
        self.location.setText(d.location)
        self.noticed_on.set_value(d.noticed_on)
        set_code(self.notice_method, d.notice_method)
        self._people = (d.convener_id, d.chair_id, d.recorder_id)
        set_code(self.basis, d.quorum_basis)
        if d.quorum_basis is None:  # not chosen yet: one that fits the meeting type, not an error
            self._fit_basis()
        self.eligible.setValue(d.eligible_count or 0)
        self.present.setValue(d.present_count or 0)
        self._checked = {a.household_id for a in d.attending}
        for row in list(self.topic_rows):
            self._remove_topic(row)
        for entry in d.topics:
            self.add_topic(entry)
        self.discussion.setPlainText(d.discussion_summary)
        for row in list(self.consent_rows):
            self._remove_consent(row)
        for consent in d.consents:
            self.add_consent(consent)
        land = d.land
        self.transferee.setText(land.transferee)
        self.term_start.set_value(land.term_start)
        self.term_end.set_value(land.term_end)
        self.use.setText(land.use)
        self.price.setText(land.price_per_mu_year)
        by_kind = {p.kind: p for p in d.publicity}
        for kind, posted, place, days in self.publicity_rows:
            p = by_kind.get(kind)
            posted.set_value(p.posted_on if p else None)
            place.setText(p.place if p else "")
            days.setValue((p.period_days or 0) if p else 0)
        self._loading = False

    # ------------------------------------------------------------------ values out

    def draft(self) -> MeetingDraft:
        """The meeting as the form now shows it."""
        qdt = self.held_at.dateTime()
        d, t = qdt.date(), qdt.time()
        return MeetingDraft(
            village_code=self.village_code, meeting_no=self.meeting_no, meeting_type=self.meeting_type.currentData(),
            hamlet=self.hamlet.currentText(), convener_id=self.convener.currentData(),
            chair_id=self.chair.currentData(), recorder_id=self.recorder.currentData(),
            noticed_on=self.noticed_on.value(), notice_method=self.notice_method.currentData(),
            held_at=datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ),
            location=self.location.text(), quorum_basis=self.basis.currentData(),
            eligible_count=self.eligible.value(), present_count=self.present.value(),
            attending=self.households.attending(), topics=[row.entry() for row in self.topic_rows],
            discussion_summary=self.discussion.toPlainText(), consents=[row.entry() for row in self.consent_rows],
            land=LandEntry(self.transferee.text(), self.term_start.value(), self.term_end.value(), self.use.text(),
                           self.price.text()),
            publicity=[PublicityEntry(kind, posted.value(), place.text(), days.value() or None)
                       for kind, posted, place, days in self.publicity_rows if posted.value() or place.text().strip()],
            base=self.base, record_id=self.record_id,
        )

    # ------------------------------------------------------------------ live checks

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._refresh()
        if self.loaded and (not self.sealed or self._publicity_key() != self._saved_publicity):
            self._dirty = True
            self.save_timer.start()

    def _refresh(self) -> None:
        by_households = self.basis.currentData() == "household_reps" and self.counts_follow_list
        for spin in (self.eligible, self.present):
            spin.setReadOnly(by_households or self.sealed)
        if by_households and self.loaded and self.households.lines:
            self._loading = True
            self.eligible.setValue(len(self.households.lines))
            self.present.setValue(len(self.households.checked))
            self._loading = False
        for row in self.topic_rows:
            row.follow_present(self.present.value())
        self.meeting_no_label.setText(self.meeting_no or self.tr("（选好屯/组后自动编号）"))
        self.land_group.setVisible(any(r.kind.currentData() in codes.LAND_TOPIC_TYPES for r in self.topic_rows)
                                   or bool(self.consent_rows))
        self.check = check = check_draft(self.draft())
        meeting = check.meeting
        if meeting is not None:
            text, ok = quorum_sentence(meeting)
            self.quorum_label.setText(words(text))
            self.quorum_label.setStyleSheet(f"color: {RED if ok is False else GREEN if ok else 'palette(text)'};")
        for row in self.topic_rows:
            text, ok = vote_sentence(meeting, row.entry())
            row.result.setText(words(text))
            colour = GREEN if ok else RED if ok is False and "未通过" not in text else "palette(text)"
            row.result.setStyleSheet(f"color: {colour};")
        problems = list(check.problems)
        if self._finalise_tried and meeting is not None and not self.sealed:
            self._finalise_problems = finalise_problems(meeting)
            problems += self._finalise_problems
        self._show_problems(check, problems)

    def _fit_basis(self, *_args: object) -> None:
        """A quorum basis the meeting type allows (户代表 where it may), unless one already fits."""
        allowed = QUORUM_RULES.get(self.meeting_type.currentData() or "", {})
        if allowed and self.basis.currentData() not in allowed:
            set_code(self.basis, "household_reps" if "household_reps" in allowed else next(iter(allowed)))

    def _show_problems(self, check: MinutesCheck, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for p in sorted(problems, key=lambda p: not p.is_error):
            text = words(p.message) if p.is_error else self.tr("提示：") + words(p.message)
            texts = by_field.setdefault(check.form_field(p.field), [])
            if text not in texts:
                texts.append(text)
        labels = dict(self._labels)
        for row in self.topic_rows:
            for label in (row.title_error, row.vote_error, row.resolution_error):
                labels[label.objectName().removesuffix("_error")] = label
        for consent in self.consent_rows:
            labels[consent.error.objectName().removesuffix("_error")] = consent.error
        unplaced = [t for key, texts in by_field.items() if key not in labels for t in texts]
        for key, label in labels.items():
            texts = by_field.get(key, []) + (unplaced if key == "form" else [])
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        for row in self.topic_rows:  # a wrong count is said once, in red, under the vote
            row.result.setVisible(not row.vote_error.text())
        errors = sum(1 for p in check.problems if p.is_error)
        if self.sealed:
            return
        if check.meeting is None or errors:
            self.status.setText(self.tr("有 %n 处错误，改正前草稿不会保存", "", max(errors, 1)))
            self.status.setStyleSheet(f"color: {RED};")
        elif self.status.styleSheet() == f"color: {RED};" or not self.status.text():
            self.status.setText(self.tr("草稿会自动保存"))
            self.status.setStyleSheet("")

    # ------------------------------------------------------------------ saving

    def save_now(self) -> None:
        """Save the draft if it changed and is valid (the pause timer calls this); on sealed minutes,
        only their publicity."""
        self.save_timer.stop()
        if self.sealed:
            self._save_publicity()
            return
        check = self.check
        if self.sealed or check is None or not check.can_save or _dump(check.meeting) == self._saved_dump:
            return
        if self._saving:
            self._again = True
            return
        self._saving, self._dirty = True, False
        meeting, saver = check.meeting, self.saver
        assert meeting is not None
        self.runner.op(lambda store: saver.save(store, meeting), lambda _c: self._saved(meeting),
                       error=self._save_failed)

    def flush(self) -> None:
        """Save what is typed now (the window closes, another meeting opens)."""
        self.save_now()

    def _saved(self, meeting: DeliberationMeeting) -> None:
        self._saving = False
        self._saved_dump = _dump(meeting)
        meeting_id = meeting.id
        now = datetime.now(CHINA_TZ)
        self.status.setText(self.tr("草稿已自动保存（%1）").replace("%1", f"{now:%H:%M}"))
        self.status.setStyleSheet(f"color: {GREEN};")
        self.saved.emit(meeting_id)
        if self._again:
            self._again = False
            self.save_now()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving, self._dirty = False, True
        if isinstance(exc, InvalidRecord) and self.check is not None:
            self._show_problems(self.check, exc.problems)
        self.status.setText(self.tr("草稿没有保存：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")

    # ------------------------------------------------------------------ 定稿


"""定稿: the minutes are checked, sealed with their scans and shown read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox

from gridapp import states
from gridapp.errors import InvalidRecord
from ui.errors import message_for
from ui.i18n import code_label
from ui.meeting_fields import RED


class Finalising:
    """The minutes form's 定稿 (a part of `MeetingForm`)."""

    def finalise(self) -> None:
        """Check what the sealed minutes need; show each problem next to its field, or seal."""
        self._finalise_tried = True
        self._refresh()
        check = self.check
        if self.sealed or check is None or check.meeting is None:
            return
        errors = [p for p in check.problems if p.is_error] + [p for p in self._finalise_problems if p.is_error]
        if errors:
            self.status.setText(self.tr("还有 %1 处需要改正或补全，不能定稿").replace("%1", str(len(errors))))
            self.status.setStyleSheet(f"color: {RED};")
            shown = [label for label in self.content.findChildren(QLabel)
                     if label.objectName().endswith("_error") and not label.isHidden()]
            if shown:  # the first message, in reading order, comes into view
                first = min(shown, key=lambda label: label.mapTo(self.content, label.rect().topLeft()).y())
                self.scroll.ensureWidgetVisible(first)
            return
        self.save_timer.stop()
        meeting, saver = check.meeting, self.saver
        self._dirty = False
        self.finalise_button.setEnabled(False)
        self.runner.op(lambda store: saver.finalise(store, meeting), lambda _c: self._finalised(meeting.id),
                       error=self._finalise_failed)

    def _finalised(self, meeting_id: str) -> None:
        self.finalised.emit(meeting_id)
        self.runner.query(lambda store: store.get(meeting_id), self._meeting_arrived)

    def _finalise_failed(self, exc: BaseException) -> None:
        self.finalise_button.setEnabled(True)
        if isinstance(exc, InvalidRecord) and self.check is not None:
            self._show_problems(self.check, exc.problems)
        self.status.setText(self.tr("没有定稿：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")

    def _show_state(self) -> None:
        m = self.base
        if m is None:
            return
        label = code_label(states.state_label("meeting", m.state))
        untitled = self.tr("议事记录")
        self.heading.setText(f"{m.meeting_no or untitled}　{label}")
        if self.sealed:
            self._read_only()
            self.status.setText(self.tr("已定稿封存，不能再修改；如有错误，请做更正。"))
            self.status.setStyleSheet("")

    def _read_only(self) -> None:
        self.save_timer.stop()
        self.households.read_only = True
        for edit in self.content.findChildren(QLineEdit) + self.content.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for spin in self.content.findChildren(QSpinBox) + self.content.findChildren(QDateEdit):
            spin.setReadOnly(True)
        self.held_at.setReadOnly(True)
        for w in self.content.findChildren(QComboBox) + self.content.findChildren(QCheckBox):
            w.setEnabled(False)
        for button in self.content.findChildren(QPushButton):
            button.setVisible(False)
        self.household_search.setReadOnly(False)  # finding a household still helps when reading
        self.finalise_button.setVisible(False)
        self._publicity_editable()  # posted after 定稿: recorded outside the seal

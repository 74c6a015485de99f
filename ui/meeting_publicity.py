"""Publicity (公示): where and when the resolution and the result were posted, and for how long.
Posting happens after 定稿, so this section stays editable on sealed minutes: what is typed there is
saved after a pause as the minutes' annex (`gridapp.publicity`), outside the seal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from gridapp import codes
from gridapp.errors import InvalidRecord
from gridapp.idnumber import CHINA_TZ
from gridapp.publicity import record_publicity
from ui.errors import message_for
from ui.i18n import code_label
from ui.meeting_fields import GREEN, RED, OptionalDate


class Publicity:
    """The minutes form's publicity section (a part of `MeetingForm`)."""

    _saved_publicity: list[Any] | None = None

    def _publicity_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("公示"))
        box.setObjectName("publicity_group")
        grid = QGridLayout(box)
        self.publicity_note = QLabel(self.tr("公示在定稿后张贴，这里随时可以补记，不改动已封存的会议记录。"))
        self.publicity_note.setWordWrap(True)
        self.publicity_note.setVisible(False)
        grid.addWidget(self.publicity_note, 0, 0, 1, 3)
        self.publicity_rows: list[tuple[str, OptionalDate, QLineEdit, QSpinBox]] = []
        for n, kind in enumerate(codes.PUBLICITY_KIND):
            row = 1 + 2 * n  # the kind above its fields: beside them, long names widen the form
            posted, place, days = OptionalDate(), QLineEdit(), QSpinBox()
            posted.setObjectName(f"publicity_{kind}_date")
            place.setObjectName(f"publicity_{kind}_place")
            place.setPlaceholderText(self.tr("公示地点"))
            days.setObjectName(f"publicity_{kind}_days")
            days.setRange(0, 365)
            days.setSpecialValueText(self.tr("天数"))
            days.setSuffix(self.tr(" 天"))
            grid.addWidget(QLabel(code_label(codes.PUBLICITY_KIND[kind])), row, 0, 1, 3)
            grid.addWidget(posted, row + 1, 0)
            grid.addWidget(place, row + 1, 1)
            grid.addWidget(days, row + 1, 2)
            grid.setColumnStretch(1, 1)
            posted.dateChanged.connect(self._changed)
            place.textChanged.connect(self._changed)
            days.valueChanged.connect(self._changed)
            self.publicity_rows.append((kind, posted, place, days))
        grid.addWidget(self._error("publicity"), 1 + 2 * len(codes.PUBLICITY_KIND), 0, 1, 3)
        return box

    def _publicity_key(self) -> list[Any]:
        return [(e.kind, e.posted_on, e.place.strip(), e.period_days) for e in self.draft().publicity]

    def _publicity_editable(self) -> None:
        """On sealed minutes: the publicity rows stay open for what is posted after 定稿."""
        self.publicity_note.setVisible(True)
        for _kind, posted, place, days in self.publicity_rows:
            for field in (posted, place, days):
                field.setReadOnly(False)
        self._saved_publicity = self._publicity_key()

    def _save_publicity(self) -> None:
        """Save the publicity of sealed minutes if it changed and has no error (the pause timer)."""
        key = self._publicity_key()
        check = self.check
        wrong = check is None or any(p.is_error and p.field.startswith("publicity") for p in check.problems)
        if key == self._saved_publicity or wrong:
            return
        if self._saving:
            self._again = True
            return
        self._saving = True
        meeting_id, entries = self.record_id, self.draft().publicity
        self.runner.op(lambda store: record_publicity(store, meeting_id, entries),
                       lambda _c: self._publicity_saved(key), error=self._publicity_failed)

    def _publicity_saved(self, key: list[Any]) -> None:
        self._saving = False
        self._saved_publicity = key
        now = datetime.now(CHINA_TZ)
        self.status.setText(self.tr("公示已保存（%1）").replace("%1", f"{now:%H:%M}"))
        self.status.setStyleSheet(f"color: {GREEN};")
        if self._again:
            self._again = False
            self._save_publicity()

    def _publicity_failed(self, exc: BaseException) -> None:
        self._saving = False
        if isinstance(exc, InvalidRecord) and self.check is not None:
            self._show_problems(self.check, exc.problems)
        self.status.setText(self.tr("公示没有保存：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")

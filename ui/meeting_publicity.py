"""Publicity (公示): where and when the resolution and the result were posted, and for how long."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from gridapp import codes
from ui.i18n import code_label
from ui.meeting_fields import OptionalDate


class Publicity:
    """The minutes form's publicity section (a part of `MeetingForm`)."""

    def _publicity_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("公示"))
        grid = QGridLayout(box)
        self.publicity_rows: list[tuple[str, OptionalDate, QLineEdit, QSpinBox]] = []
        for row, kind in enumerate(codes.PUBLICITY_KIND):
            posted, place, days = OptionalDate(), QLineEdit(), QSpinBox()
            posted.setObjectName(f"publicity_{kind}_date")
            place.setPlaceholderText(self.tr("公示地点"))
            days.setRange(0, 365)
            days.setSpecialValueText(self.tr("天数"))
            days.setSuffix(self.tr(" 天"))
            grid.addWidget(QLabel(code_label(codes.PUBLICITY_KIND[kind])), row, 0)
            grid.addWidget(posted, row, 1)
            grid.addWidget(place, row, 2)
            grid.addWidget(days, row, 3)
            grid.setColumnStretch(2, 1)
            posted.dateChanged.connect(self._changed)
            place.textChanged.connect(self._changed)
            days.valueChanged.connect(self._changed)
            self.publicity_rows.append((kind, posted, place, days))
        grid.addWidget(self._error("publicity"), len(codes.PUBLICITY_KIND), 0, 1, 4)
        return box


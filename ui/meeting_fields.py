"""Small pieces the minutes form's sections share: a combo of code labels, an optional date, the
red message under a field."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from ui.i18n import code_label

RED, GREEN = "#b00020", "#1b5e20"


def code_combo(table: dict[str, str], *, blank: str | None = None) -> QComboBox:
    """A combo of a code table's labels (translated), each item's data its code."""
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, label in table.items():
        box.addItem(code_label(label), code)
    return box


def set_code(box: QComboBox, code: Any) -> None:
    """Show the item whose data is `code` (the first item when none is)."""
    index = box.findData(code)
    box.setCurrentIndex(index if index >= 0 else 0)


def error_label(name: str) -> QLabel:
    """The hidden red label under a field, named `<name>_error`."""
    label = QLabel()
    label.setObjectName(f"{name}_error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {RED};")
    label.setVisible(False)
    return label


class OptionalDate(QDateEdit):
    """A date that may be left empty: the earliest date shows as "未填写" and reads as None."""

    EMPTY = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(self.tr("未填写"))
        self.setDate(self.EMPTY)

    def value(self) -> date | None:
        d = self.date()
        return None if d == self.EMPTY else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else self.EMPTY)


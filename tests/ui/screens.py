"""Looking at screens in tests: render a widget to PNG where reviewers find it, and list the texts
a user would see cut off (a label narrower than its words, a button whose caption does not fit)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QCheckBox, QGroupBox, QLabel, QPushButton, QRadioButton, QWidget,
)

ROOT = Path(__file__).resolve().parents[2]


def screenshot_dir() -> Path:
    """`GRIDAPP_SCREENSHOTS`, else `build/screenshots/` in the checkout (ignored by git)."""
    folder = Path(os.environ.get("GRIDAPP_SCREENSHOTS") or ROOT / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(widget: QWidget, name: str) -> Path:
    QApplication.processEvents()
    path = screenshot_dir() / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path


def _visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def clipped_texts(top: QWidget) -> list[str]:
    """Texts of visible labels, check boxes, radio buttons, push buttons and group box titles that
    do not fit the space they were given at the current font."""
    found: list[str] = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if not text or not _visible(label, top) or label.textFormat() == Qt.TextFormat.RichText:
            continue
        if "<" in text and ">" in text:  # rich text decided by Qt: its layout is Qt's own business
            continue
        metrics = label.fontMetrics()
        room = label.contentsRect()
        if label.wordWrap():
            needed = label.heightForWidth(room.width())
            if needed > room.height() + 2:
                found.append(f"{label.objectName() or 'QLabel'} {text!r}: needs {needed}px high, has {room.height()}")
        else:
            lines = text.split("\n")
            wide = max(metrics.horizontalAdvance(line) for line in lines)
            high = metrics.height() * len(lines)
            if wide > room.width() + 1 or high > room.height() + 2:
                found.append(f"{label.objectName() or 'QLabel'} {text!r}: needs {wide}x{high}px, "
                             f"has {room.width()}x{room.height()}")
    for button in top.findChildren(QAbstractButton):
        text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text or not _visible(button, top) or not isinstance(button, (QPushButton, QCheckBox, QRadioButton)):
            continue
        hint = button.sizeHint()
        if button.width() + 1 < hint.width() or button.height() + 1 < min(hint.height(), button.fontMetrics().height()):
            found.append(f"{button.objectName() or type(button).__name__} {text!r}: needs {hint.width()}px, "
                         f"has {button.width()}")
    for box in top.findChildren(QGroupBox):
        title = box.title().replace("&", "")
        if title and _visible(box, top) and box.fontMetrics().horizontalAdvance(title) + 16 > box.width():
            found.append(f"{box.objectName() or 'QGroupBox'} {title!r}: title wider than the box ({box.width()}px)")
    return found

"""The attachment viewer: a photo fitted to the window, zoom (Ctrl+wheel, +/−, 0 to fit), the next
and previous attachment (←/→); a PDF shows its name and an 打开 button that hands a temporary copy
to the system's PDF reader.

Images are read and decoded on the database thread; the GUI thread only turns the QImage into a
pixmap. A scaled photo shows its local original when this laptop keeps it. Viewing an attachment
that shows a minor or an identity document (C3, domain.md §12.4) is audited as a `view`.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

from gridapp import attachments as core
from gridapp import codes
from gridapp.models import Attachment
from gridapp.store import Store
from ui.attachment_images import decode
from ui.errors import message_for
from ui.worker import Runner

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.05, 8.0

_temp_dirs: list[Path] = []


@atexit.register
def _remove_temp_copies() -> None:
    """Opened PDFs are decrypted copies: they go when the program ends."""
    for folder in _temp_dirs:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Picture:
    image: QImage | None
    original: bool = False  # the local-only original of a scaled photo
    missing: bool = False   # the bytes are not on this laptop (not downloaded yet)


def load_picture(store: Store, record: Attachment) -> Picture:
    """The full image of an attachment (its original when kept here); None for a PDF."""
    original = core.original_of(store, record.id)
    digest = original or record.sha256
    if not digest or not store.has_blob(digest):
        return Picture(None, missing=True)
    if not core.is_image(record.mime):
        return Picture(None)
    image = decode(store.read_blob(digest))
    return Picture(None if image.isNull() else image, original=original is not None)


def write_temp_copy(store: Store, record: Attachment) -> Path:
    """A decrypted copy of the attachment in a private temporary folder (removed at exit); the
    export is audited like a print."""
    if not record.sha256 or not store.has_blob(record.sha256):
        raise core.AttachmentRefused("这个附件的内容还没有下载到本机，请先同步。", code="blob.missing")
    store.log_access(record.id, "export", {"to": "temporary file, opened in the system viewer"})
    folder = Path(tempfile.mkdtemp(prefix="gridapp-"))
    _temp_dirs.append(folder)
    name = Path(record.filename or "附件.pdf").name or "附件.pdf"
    target = folder / name
    target.write_bytes(store.read_blob(record.sha256))
    return target


class ImageViewer(QDialog):
    """Shows `records[index]`; ←/→ move through `records`."""

    def __init__(self, runner: Runner, records: list[Attachment], index: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("image_viewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.runner = runner
        self.records = list(records)
        self.index = max(0, min(index, len(self.records) - 1))
        self.zoom: float | None = None  # None: fit to the window
        self._image: QImage | None = None
        self._generation = 0

        self.previous_button = QPushButton(self.tr("← 上一个"), self)
        self.previous_button.setObjectName("previous")
        self.next_button = QPushButton(self.tr("下一个 →"), self)
        self.next_button.setObjectName("next")
        self.zoom_out_button = QPushButton(self.tr("缩小"), self)
        self.zoom_in_button = QPushButton(self.tr("放大"), self)
        self.fit_button = QPushButton(self.tr("适合窗口"), self)
        self.position = QLabel(self)
        self.position.setObjectName("position")
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.position, 1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)

        self.picture = QLabel(self)
        self.picture.setObjectName("picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(False)
        self.scroll.viewport().installEventFilter(self)

        self.pdf_page = QWidget(self)
        self.pdf_page.setObjectName("pdf_page")
        self.pdf_label = QLabel(self.pdf_page)
        self.pdf_label.setObjectName("pdf_label")
        self.pdf_label.setWordWrap(True)
        self.pdf_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(self.tr("打开"), self.pdf_page)
        self.open_button.setObjectName("open_pdf")
        self.open_button.clicked.connect(self.open_externally)
        self.pdf_note = QLabel(self.tr("用本机的 PDF 阅读器打开。打开时会生成一份临时副本，关闭本程序时删除。"), self.pdf_page)
        self.pdf_note.setWordWrap(True)
        self.pdf_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pdf_layout = QVBoxLayout(self.pdf_page)
        pdf_layout.addStretch(1)
        pdf_layout.addWidget(self.pdf_label)
        pdf_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        pdf_layout.addWidget(self.pdf_note)
        pdf_layout.addStretch(1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.pdf_page)

        self.caption = QLabel(self)
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)

        for keys, slot in (((Qt.Key.Key_Right, Qt.Key.Key_PageDown), self.show_next),
                           ((Qt.Key.Key_Left, Qt.Key.Key_PageUp), self.show_previous),
                           ((Qt.Key.Key_Plus, Qt.Key.Key_Equal), lambda: self.zoom_by(ZOOM_STEP)),
                           ((Qt.Key.Key_Minus,), lambda: self.zoom_by(1 / ZOOM_STEP)),
                           ((Qt.Key.Key_0,), self.fit)):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom_by(ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom_by(1 / ZOOM_STEP))

        self.resize(QSize(960, 700))
        self.show_index(self.index)

    # ---------------------------------------------------------------- moving

    def image(self) -> QImage | None:
        """The picture being shown at full size (None while loading, for a PDF or missing bytes)."""
        return self._image

    def current(self) -> Attachment | None:
        return self.records[self.index] if self.records else None

    def show_next(self) -> None:
        if self.index + 1 < len(self.records):
            self.show_index(self.index + 1)

    def show_previous(self) -> None:
        if self.index > 0:
            self.show_index(self.index - 1)

    def show_index(self, index: int) -> None:
        record = self.records[index] if 0 <= index < len(self.records) else None
        if record is None:
            return
        self.index = index
        self._generation += 1
        self._image = None
        self.zoom = None
        kind = codes.label(codes.ATTACHMENT_KIND, record.kind)
        title = record.description or record.filename or kind
        self.setWindowTitle(self.tr("附件：%1").replace("%1", title))
        self.position.setText(self.tr("第 %1 个，共 %2 个").replace("%1", str(index + 1))
                              .replace("%2", str(len(self.records))))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self.records))
        self.caption.setText(self._caption(record, original=False))
        if record.contains_minor or record.contains_id_document:  # C3 content: its viewing is audited
            self.runner.op(lambda store: store.log_access(record.id, "view", {"shown": "attachment viewer"}))
        if not core.is_image(record.mime):
            self.stack.setCurrentWidget(self.pdf_page)
            self.pdf_label.setText(self.tr("PDF 文件：%1").replace("%1", record.filename or kind))
            self._set_zoom_enabled(False)
            return
        self.stack.setCurrentWidget(self.scroll)
        self._set_zoom_enabled(False)
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("正在打开…"))
        self.picture.adjustSize()
        generation = self._generation
        self.runner.query(lambda store: load_picture(store, record), lambda p: self._arrived(generation, p),
                          error=lambda exc: self._not_shown(generation, message_for(exc)))

    def _caption(self, record: Attachment, *, original: bool) -> str:
        parts = [codes.label(codes.ATTACHMENT_KIND, record.kind)]
        if record.captured_at is not None:
            parts.append(self.tr("采集于 %1").replace("%1", record.captured_at.strftime("%Y-%m-%d %H:%M")))
        if record.contains_minor:
            parts.append(self.tr("含未成年人"))
        if record.contains_id_document:
            parts.append(self.tr("含身份证件"))
        if original:
            parts.append(self.tr("显示的是本机保存的原图"))
        return " · ".join(p for p in parts if p)

    def _arrived(self, generation: int, picture: Picture) -> None:
        if generation != self._generation:
            return
        record = self.records[self.index]
        if picture.image is None:
            self._not_shown(generation, self.tr("这个附件的内容还没有下载到本机，请先同步。") if picture.missing
                            else self.tr("这张照片打不开（文件可能已损坏）。"))
            return
        self._image = picture.image
        self.caption.setText(self._caption(record, original=picture.original))
        self._set_zoom_enabled(True)
        self._render()

    def _not_shown(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.picture.setPixmap(QPixmap())
        self.picture.setText(message)
        self.picture.setWordWrap(True)
        self.picture.resize(self.scroll.viewport().size())

    # ---------------------------------------------------------------- zoom

    def _set_zoom_enabled(self, enabled: bool) -> None:
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(enabled)

    def fit(self) -> None:
        self.zoom = None
        self._render()

    def zoom_by(self, factor: float) -> None:
        if self._image is None:
            return
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, self.shown_scale() * factor))
        self._render()

    def shown_scale(self) -> float:
        """The scale the picture is shown at (1.0 = one image pixel per screen pixel)."""
        if self._image is None:
            return 1.0
        if self.zoom is not None:
            return self.zoom
        area = self.scroll.viewport().size()
        return min(1.0, area.width() / max(1, self._image.width()), area.height() / max(1, self._image.height()))

    def _render(self) -> None:
        if self._image is None:
            return
        scale = self.shown_scale()
        width = max(1, round(self._image.width() * scale))
        height = max(1, round(self._image.height() * scale))
        pixmap = QPixmap.fromImage(self._image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        self.picture.setText("")
        self.picture.setPixmap(pixmap)
        self.picture.resize(pixmap.size())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scroll.viewport():
            if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
                return True
            if event.type() == QEvent.Type.Resize and self.zoom is None:
                self._render()
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- PDF

    def open_externally(self) -> None:
        record = self.current()
        if record is None:
            return
        self.open_button.setEnabled(False)
        self.runner.op(lambda store: write_temp_copy(store, record), self._open_path, error=self._open_failed)

    def _open_path(self, path: Any) -> None:
        self.open_button.setEnabled(True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.pdf_note.setText(self.tr("本机没有能打开 PDF 的程序。"))

    def _open_failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.pdf_note.setText(message_for(exc))

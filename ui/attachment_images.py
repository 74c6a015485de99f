"""Images of attachments, safe off the GUI thread (QImage only): decoding a photo upright, the
scaled JPEG that syncs in place of a big photo, thumbnails and the list model that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QAbstractListModel, QBuffer, QByteArray, QIODevice, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt,
)
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPen, QPixmap

from gridapp import attachments as core
from gridapp import codes
from gridapp.models import Attachment
from gridapp.store import Store
from ui.worker import Runner

THUMB = 128  # px of a thumbnail's longer side (an image, not text: it does not follow the font)
IdRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------- images (any thread: QImage only)

def _reader(data: bytes) -> tuple[QImageReader, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phone photos stand upright through their EXIF orientation
    return reader, buffer


def decode(data: bytes, *, fit: int | None = None) -> QImage:
    """The image in `data`, upright, scaled to fit `fit`×`fit` when given; a null QImage when it
    cannot be read. Safe off the GUI thread (QImage, not QPixmap)."""
    reader, _buffer = _reader(data)
    size = reader.size()
    if fit is not None and size.isValid() and max(size.width(), size.height()) > fit:
        reader.setScaledSize(size.scaled(fit, fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull() and fit is None and size.isValid():  # too large to decode whole: decode it scaled
        reader, _buffer = _reader(data)
        w, h = core.sync_size(size.width(), size.height())
        reader.setScaledSize(QSize(w, h))
        image = reader.read()
    return image


def sync_copy(data: bytes) -> bytes | None:
    """The JPEG to sync instead of a big photo or one carrying Exif (`gridapp.attachments` decides
    when), or None when the photo can sync as it is. Raises AttachmentRefused for an unreadable image."""
    reader, _buffer = _reader(data)
    size = reader.size()
    if not size.isValid():
        raise core.AttachmentRefused("这张照片打不开（文件可能已损坏），没有添加。", code="attachment.unreadable")
    exif = core.carries_exif(data)
    if not exif and not core.needs_sync_copy(len(data), size.width(), size.height()):
        return None
    image = decode(data)
    if image.isNull():
        raise core.AttachmentRefused("这张照片打不开（文件可能已损坏），没有添加。", code="attachment.unreadable")
    w, h = core.sync_size(image.width(), image.height())
    scaled = image.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    flat = QImage(scaled.size(), QImage.Format.Format_RGB32)  # JPEG has no transparency: white behind it
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, scaled)
    painter.end()
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    flat.save(out, "JPEG", core.JPEG_QUALITY)
    copy = bytes(out.data().data())
    # A copy that came out bigger than a merely heavy photo is not worth it; a location must go anyway.
    return copy if exif or len(copy) < len(data) or max(size.width(), size.height()) > core.SYNC_MAX_SIDE else None


# ---------------------------------------------------------------- thumbnails

@dataclass(frozen=True)
class Thumb:
    """What the worker hands back for one attachment: its scaled image, or why there is none."""

    image: QImage | None
    missing: bool = False


def load_thumb(store: Store, record: Attachment) -> Thumb:
    if not record.sha256 or not store.has_blob(record.sha256):
        return Thumb(None, missing=True)
    if not core.is_image(record.mime):
        return Thumb(None)
    image = decode(store.read_blob(record.sha256), fit=THUMB)
    if image.isNull():
        return Thumb(None)
    square = QImage(THUMB, THUMB, QImage.Format.Format_ARGB32_Premultiplied)  # names line up under square icons
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)
    painter.drawImage((THUMB - image.width()) // 2, (THUMB - image.height()) // 2, image)
    painter.end()
    return Thumb(square)


def placeholder(text: str, tint: str) -> QPixmap:
    """A page-shaped icon with a word on it, for PDFs and files not downloaded yet."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#888888"), 2))
    painter.setBrush(QColor("#fafafa"))
    painter.drawRoundedRect(THUMB // 6, 4, THUMB * 2 // 3, THUMB - 8, 6, 6)
    painter.setPen(QColor(tint))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(THUMB // 6)  # drawn into an image of fixed pixels, not a widget's text
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class ThumbnailModel(QAbstractListModel):
    """The attachments of one owner: Attachment records, thumbnails loaded on the database thread
    the first time the view asks for one."""

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._records: list[Attachment] = []
        self._icons: dict[str, QIcon] = {}
        self._asked: set[str] = set()
        self._generation = 0
        self._pdf: QIcon | None = None
        self._missing: QIcon | None = None
        self._loading: QIcon | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.description or record.filename or codes.label(codes.ATTACHMENT_KIND, record.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record)
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(record.id)
            if icon is None:
                self._ask(record)
                icon = self._loading_icon()
            return icon
        if role == IdRole:
            return record.id
        if role == RecordRole:
            return record
        return None

    def _tooltip(self, record: Attachment) -> str:
        lines = [record.filename or "", self.tr("类别：%1").replace("%1", codes.label(codes.ATTACHMENT_KIND, record.kind))]
        if record.description:
            lines.append(self.tr("说明：%1").replace("%1", record.description))
        if record.contains_minor:
            lines.append(self.tr("含未成年人"))
        if record.contains_id_document:
            lines.append(self.tr("含身份证件"))
        return "\n".join(line for line in lines if line)

    def set_records(self, records: list[Attachment]) -> None:
        self.beginResetModel()
        self._generation += 1
        keep = {r.id: r.sha256 for r in records}
        old = {r.id: r.sha256 for r in self._records}
        # a thumbnail stays while its bytes are the same (a description edit does not reload it)
        self._icons = {k: v for k, v in self._icons.items() if k in keep and keep[k] == old.get(k)}
        self._asked = set(self._icons)
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[Attachment]:
        return list(self._records)

    def ids(self) -> list[str]:
        return [r.id for r in self._records]

    def row_of(self, attachment_id: str) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == attachment_id), -1)

    def thumbnails_loaded(self) -> bool:
        return all(r.id in self._icons for r in self._records)

    def _ask(self, record: Attachment) -> None:
        if record.id in self._asked:
            return
        self._asked.add(record.id)
        generation = self._generation
        self.runner.query(lambda store: load_thumb(store, record),
                          lambda thumb: self._arrived(generation, record.id, thumb),
                          error=lambda _exc: self._arrived(generation, record.id, Thumb(None, missing=True)))

    def _arrived(self, generation: int, attachment_id: str, thumb: Thumb) -> None:
        if not shiboken6.isValid(self):  # the form (and this list) went away while it loaded
            return
        if generation != self._generation:
            self._asked.discard(attachment_id)
            return
        row = self.row_of(attachment_id)
        if row < 0:
            return
        record = self._records[row]
        if thumb.image is not None:
            icon = QIcon(QPixmap.fromImage(thumb.image))
        elif thumb.missing:
            icon = self._missing_icon()
        else:
            icon = self._pdf_icon() if record.mime == core.PDF else self._missing_icon()
        self._icons[attachment_id] = icon
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _pdf_icon(self) -> QIcon:
        if self._pdf is None:
            self._pdf = QIcon(placeholder("PDF", "#b3261e"))
        return self._pdf

    def _missing_icon(self) -> QIcon:
        if self._missing is None:
            self._missing = QIcon(placeholder(self.tr("未下载"), "#666666"))
        return self._missing

    def _loading_icon(self) -> QIcon:
        if self._loading is None:
            self._loading = QIcon(placeholder("…", "#999999"))
        return self._loading

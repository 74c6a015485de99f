"""The attachments panel over a real encrypted store: files added by the button's path list or by a
drop become attachments of the owner with their bytes kept, refused files leave nothing behind,
a big photo syncs as a scaled copy while its original stays on the laptop, and the thumbnails
model passes qtmodeltester."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication

from gridapp import attachments as core
from ui.attachment_images import ThumbnailModel
from ui.attachments import AttachmentsPanel, ReasonDialog
from ui.image_viewer import ImageViewer


def _photo(path: Path, width: int = 400, height: int = 300, fmt: str = "JPEG") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    painter = QPainter(image)  # some detail, so the picture is not trivially small
    for x in range(0, width, 50):
        painter.fillRect(x, 0, 3, height, QColor("#f5c542"))
    painter.end()
    assert image.save(str(path), fmt)
    return path


def _ids(store, owner_id: str) -> list[str]:
    return [s.id for s in store.summaries("attachment", parent_id=owner_id)]


@pytest.fixture
def draft_visit(desktop) -> str:
    return next(s.id for s in desktop.store.summaries("visit") if s.state == "DRAFT")


@pytest.fixture
def panel(qtbot, desktop, draft_visit):
    widget = AttachmentsPanel(desktop.runner, "visit", draft_visit)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.owner is not None and desktop.runner.busy == 0)
    return widget


def _settle(qtbot, desktop) -> None:
    qtbot.waitUntil(lambda: desktop.runner.busy == 0)


def test_an_added_photo_becomes_an_attachment_of_the_record_with_its_bytes(qtbot, desktop, panel, draft_visit,
                                                                           tmp_path):
    photo = _photo(tmp_path / "现场.jpg")
    with qtbot.waitSignal(panel.attachments_changed) as announced:
        panel.add_files([str(photo)])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    assert announced.args == [[attachment_id]]
    record = desktop.store.get(attachment_id)
    data = photo.read_bytes()
    assert (record.owner_type, record.owner_id, record.kind, record.mime, record.filename, record.size) == \
        ("visit", draft_visit, "photo", "image/jpeg", "现场.jpg", len(data))
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert desktop.store.read_blob(record.sha256) == data
    assert record.village_code == desktop.store.get(draft_visit).village_code
    assert panel.model.ids() == [attachment_id]


def test_files_dropped_on_the_panel_are_added(qtbot, desktop, panel, draft_visit, tmp_path):
    photo = _photo(tmp_path / "a.png", fmt="PNG")
    scan = tmp_path / "协议.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a tiny scan\n%%EOF\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(scan))])
    at, buttons, keys = QPoint(10, 10), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys)  # a drop follows an accepted enter
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, keys)
    with qtbot.waitSignal(panel.attachments_changed):
        QApplication.sendEvent(panel, drop)
    assert drop.isAccepted()
    kinds = sorted((r.filename, r.kind) for r in (desktop.store.get(i) for i in _ids(desktop.store, draft_visit)))
    assert kinds == [("a.png", "photo"), ("协议.pdf", "scan")]


def test_an_oversize_file_is_refused_with_a_message_and_nothing_is_kept(qtbot, desktop, panel, draft_visit, tmp_path):
    big = tmp_path / "巨大.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (core.MAX_FILE_BYTES + 1))
    attachments_before = desktop.store.count("attachment")
    blobs_before = desktop.store._conn.execute("SELECT count(*) FROM blobs").fetchone()[0]
    panel.add_files([str(big)])
    qtbot.waitUntil(lambda: panel.error.isVisibleTo(panel))
    assert "巨大.jpg" in panel.error.text() and "20 MB" in panel.error.text()
    _settle(qtbot, desktop)
    assert desktop.store.count("attachment") == attachments_before
    assert desktop.store._conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == blobs_before


def test_a_file_that_is_neither_photo_nor_pdf_is_refused(qtbot, desktop, panel, draft_visit, tmp_path):
    notes = tmp_path / "名单.jpg"  # the name says photo, the content is a spreadsheet's text
    notes.write_text("姓名,电话\n韦某,13800000000\n", encoding="utf-8")
    panel.add_files([str(notes)])
    qtbot.waitUntil(lambda: panel.error.isVisibleTo(panel))
    assert "不是照片或 PDF" in panel.error.text()
    _settle(qtbot, desktop)
    assert _ids(desktop.store, draft_visit) == []


def test_a_big_photo_syncs_as_a_scaled_copy_and_keeps_its_original_on_the_laptop(qtbot, desktop, panel,
                                                                                  draft_visit, tmp_path):
    photo = _photo(tmp_path / "大图.png", 4000, 3000, fmt="PNG")
    original = photo.read_bytes()
    with qtbot.waitSignal(panel.attachments_changed, timeout=20_000):
        panel.add_files([str(photo)])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    record = desktop.store.get(attachment_id)
    synced = desktop.store.read_blob(record.sha256)
    image = QImage.fromData(synced)
    assert (record.mime, record.filename, image.width(), image.height()) == ("image/jpeg", "大图.jpg", 2048, 1536)
    assert record.sha256 == hashlib.sha256(synced).hexdigest() and record.size == len(synced)
    kept = core.original_of(desktop.store, attachment_id)
    assert kept == hashlib.sha256(original).hexdigest()
    assert desktop.store.read_blob(kept) == original
    uploads = {digest for digest, _size, _offset in desktop.store.blobs_to_upload()}
    assert record.sha256 in uploads and kept not in uploads


def test_thumbnails_model_passes_qtmodeltester(qtbot, qtmodeltester, desktop, panel, draft_visit, tmp_path):
    paths = [str(_photo(tmp_path / f"{n}.jpg", 300 + n * 40, 200)) for n in range(3)]
    with qtbot.waitSignal(panel.attachments_changed):
        panel.add_files(paths)
    model = ThumbnailModel(desktop.runner)
    model.set_records(core.attachments_of(desktop.store, draft_visit))
    for row in range(model.rowCount()):
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(model.thumbnails_loaded)
    qtmodeltester.check(model)
    assert panel.view.model().rowCount() == 3


def test_a_photo_with_a_minor_needs_a_reason_before_it_is_saved(qtbot, desktop, panel, draft_visit, tmp_path):
    with qtbot.waitSignal(panel.attachments_changed):
        panel.add_files([str(_photo(tmp_path / "p.jpg"))])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert panel.details.isVisibleTo(panel)
    panel.contains_minor.setChecked(True)
    panel.save_details()
    assert panel.minor_reason_error.isVisibleTo(panel) and "理由" in panel.minor_reason_error.text()
    _settle(qtbot, desktop)
    assert desktop.store.get(attachment_id).contains_minor is False
    panel.minor_reason.setText("记录留守儿童住房安全隐患")
    panel.description.setText("厨房屋顶")
    with qtbot.waitSignal(desktop.runner.changes_applied):
        panel.save_details()
    _settle(qtbot, desktop)
    saved = desktop.store.get(attachment_id)
    assert (saved.minor_reason, saved.description) == ("记录留守儿童住房安全隐患", "厨房屋顶")
    assert not panel.minor_reason_error.isVisibleTo(panel)


def test_removing_asks_a_reason_and_leaves_it_in_the_audit(qtbot, desktop, panel, draft_visit, tmp_path, monkeypatch):
    with qtbot.waitSignal(panel.attachments_changed):
        panel.add_files([str(_photo(tmp_path / "错拍.jpg"))])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, count: "拍错了"))
    with qtbot.waitSignal(panel.attachments_changed) as announced:
        panel.remove_selected()
    assert announced.args == [[]]
    assert not desktop.store.exists(attachment_id)
    assert desktop.store.history(attachment_id)[-1].detail == {"reason": "拍错了"}


def test_a_sealed_records_attachments_are_shown_but_cannot_change(qtbot, desktop, tmp_path):
    owners = {s.parent_id for s in desktop.store.summaries("attachment")}
    sealed = next(s for s in desktop.store.summaries("session") if s.sealed and s.id in owners)
    panel = AttachmentsPanel(desktop.runner, "session", sealed.id)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.owner is not None and panel.model.rowCount() > 0)
    assert panel.is_read_only() and not panel.add_button.isEnabled()
    assert "封存" in panel.hint.text()
    before = desktop.store.count("attachment")
    panel.add_files([str(_photo(tmp_path / "x.jpg"))])
    _settle(qtbot, desktop)
    assert desktop.store.count("attachment") == before


def test_without_a_saved_record_there_is_nothing_to_attach_to(qtbot, desktop):
    panel = AttachmentsPanel(desktop.runner, "visit", None)
    qtbot.addWidget(panel)
    assert panel.is_read_only() and "先保存" in panel.hint.text()


def test_double_click_opens_the_viewer_with_the_local_original_zoom_and_next(qtbot, desktop, panel, tmp_path):
    big = _photo(tmp_path / "大图.png", 4000, 3000, fmt="PNG")
    scan = tmp_path / "协议.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with qtbot.waitSignal(panel.attachments_changed, timeout=20_000):
        panel.add_files([str(big), str(scan)])
    row = next(r for r in range(2) if panel.model.records()[r].mime == "image/jpeg")
    panel.view.doubleClicked.emit(panel.model.index(row, 0))
    viewer = panel.findChild(ImageViewer)
    qtbot.waitUntil(lambda: viewer.image() is not None)
    assert (viewer.image().width(), viewer.image().height()) == (4000, 3000)  # the original, not the 2048 copy
    assert "原图" in viewer.caption.text()
    fitted = viewer.shown_scale()
    assert fitted < 1
    viewer.zoom_by(2)
    assert viewer.shown_scale() == pytest.approx(fitted * 2)
    viewer.fit()
    assert viewer.shown_scale() == pytest.approx(fitted)
    (viewer.show_next if row == 0 else viewer.show_previous)()
    assert viewer.stack.currentWidget() is viewer.pdf_page and "协议.pdf" in viewer.pdf_label.text()
    viewer.close()


def test_a_photo_with_exif_syncs_without_it_and_keeps_the_original_locally(qtbot, desktop, panel, draft_visit,
                                                                           tmp_path):
    plain = _photo(tmp_path / "plain.jpg").read_bytes()
    payload = b"Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0"
    with_exif = plain[:2] + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + plain[2:]
    phone = tmp_path / "手机照片.jpg"
    phone.write_bytes(with_exif)
    assert core.carries_exif(with_exif)
    with qtbot.waitSignal(panel.attachments_changed):
        panel.add_files([str(phone)])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    synced = desktop.store.read_blob(desktop.store.get(attachment_id).sha256)
    assert not core.carries_exif(synced)
    assert QImage.fromData(synced).size() == QImage.fromData(with_exif).size()
    assert desktop.store.read_blob(core.original_of(desktop.store, attachment_id)) == with_exif


def test_viewing_a_photo_of_an_id_document_is_audited(qtbot, desktop, panel, draft_visit, tmp_path):
    with qtbot.waitSignal(panel.attachments_changed):
        panel.add_files([str(_photo(tmp_path / "身份证.jpg"))])
    (attachment_id,) = _ids(desktop.store, draft_visit)
    _settle(qtbot, desktop)  # the database thread is idle: the test may write directly
    core.update_details(desktop.store, attachment_id, description=None, kind="id_copy", contains_minor=False,
                        minor_reason=None, contains_id_document=True)
    viewer = ImageViewer(desktop.runner, core.attachments_of(desktop.store, draft_visit), 0)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.image() is not None and desktop.runner.busy == 0)
    assert [e.action for e in desktop.store.history(attachment_id)][-1] == "view"


def test_a_thumbnail_arriving_after_its_list_was_closed_is_dropped(qtbot, desktop):
    """The minutes form is rebuilt (another meeting opened) while a scan's thumbnail still loads:
    its answer finds the list gone and goes nowhere, instead of raising in Qt's event loop."""
    import shiboken6

    from ui.attachment_images import Thumb

    from gridapp.models import Attachment
    from tests.support.factories import QUANTOU

    scan = Attachment(village_code=QUANTOU, mime="application/pdf", filename="签到表.pdf")
    model = ThumbnailModel(desktop.runner)
    model._records = [scan]  # listed, its thumbnail asked for
    generation = model._generation
    shiboken6.delete(model)
    model._arrived(generation, scan.id, Thumb(None, missing=True))

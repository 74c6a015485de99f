"""The attachments panel 附件 that forms embed: add photos and PDF scans (button or drag and drop),
see them as thumbnails, describe them, flag minors and ID documents, remove them with a reason.

Public API (other forms embed it):

    panel = AttachmentsPanel(runner, owner_type, owner_id, parent)
    panel.set_owner(owner_type, owner_id)   # another record (or None: nothing to attach to yet)
    panel.set_read_only(True)               # a sealed owner is read-only by itself
    panel.attachments_changed.connect(...)  # list[str]: the owner's attachment ids after the user
                                            # added or removed some

Files are read, checked, decoded and scaled on the database thread (`runner.op`), never on the GUI
thread; sizes and the local-only original of a big photo are explained in `gridapp.attachments`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
    QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget,
)

from gridapp import attachments as core
from gridapp import codes
from gridapp.errors import GridAppError, RecordNotFound
from gridapp.models import Attachment
from gridapp.store import Changes, Store
from ui.attachment_images import THUMB, RecordRole, ThumbnailModel, sync_copy
from ui.errors import message_for
from ui.i18n import code_label
from ui.worker import Runner


def add_files(store: Store, owner: core.Owner, paths: list[str]) -> core.Added:
    """Add each file as an attachment of `owner` (on the database thread). A refused file is named
    in `refused` and nothing of it is kept; the others are added."""
    added: list[str] = []
    refused: list[str] = []
    changes = Changes()
    for path in paths:
        name = Path(path).name
        try:
            core.check_size(name, os.path.getsize(path))
            data = Path(path).read_bytes()
            mime = core.check_content(name, data)
            copy = sync_copy(data) if core.is_image(mime) else None
            attachment_id, done = core.add_attachment(store, owner, filename=name, data=data, synced=copy)
        except (GridAppError, OSError) as exc:
            text = message_for(exc)
            refused.append(text if name in text else f"“{name}”：{text}")
            continue
        added.append(attachment_id)
        changes |= done
    return core.Added(changes.record_types, changes.record_ids, tuple(added), tuple(refused))


# ---------------------------------------------------------------- the panel

class ReasonDialog:
    """Asks why attachments are removed; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget, count: int) -> str | None:
        text, ok = QInputDialog.getText(parent, QCoreApplication.translate("AttachmentsPanel", "删除附件"),
                                        QCoreApplication.translate("AttachmentsPanel", "删除 %1 个附件。请写明删除原因：").replace("%1", str(count)))
        return text.strip() if ok else None


class AttachmentsPanel(QWidget):
    """Thumbnails of one record's attachments, with adding, describing and removing.

    `attachments_changed(ids)` after the user added or removed attachments: the owner's
    attachment ids now, oldest first."""

    attachments_changed = Signal(list)

    def __init__(self, runner: Runner, owner_type: str, owner_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments_panel")
        self.runner = runner
        self.owner_type = owner_type
        self.owner_id: str | None = None
        self.owner: core.Owner | None = None
        self._read_only = False
        self._generation = 0
        self._detail_id: str | None = None
        self._announce_after_reload = False  # attachments_changed follows a user's add or remove
        self._reloading = False
        self._detail_version: int | None = None

        self.add_button = QPushButton(self.tr("添加照片/扫描件…"), self)
        self.add_button.setObjectName("add_attachment")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.remove_button.setObjectName("remove_attachment")
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(self)
        self.hint.setObjectName("attachments_hint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.hint, 1)

        self.error = QLabel(self)
        self.error.setObjectName("attachments_error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        self.model = ThumbnailModel(runner, self)
        self.view = QListView(self)
        self.view.setObjectName("attachments")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWrapping(True)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setDragEnabled(False)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(self._open_viewer)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._fit_grid()

        self.details = self._build_details()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self.setAcceptDrops(True)

        runner.changes_applied.connect(self._changes_applied)
        self.set_owner(owner_type, owner_id)

    # ---------------------------------------------------------------- building

    def _build_details(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("attachment_details")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kind = QComboBox(box)
        self.kind.setObjectName("kind")
        for code, label in codes.ATTACHMENT_KIND.items():
            self.kind.addItem(code_label(label), code)
        self.description = QLineEdit(box)
        self.description.setObjectName("description")
        self.description.setMaxLength(200)
        self.description.setPlaceholderText(self.tr("例如：纠纷现场、签到表第1页"))
        self.contains_minor = QCheckBox(self.tr("含未成年人"), box)
        self.contains_minor.setObjectName("contains_minor")
        self.minor_reason = QLineEdit(box)
        self.minor_reason.setObjectName("minor_reason")
        self.minor_reason.setMaxLength(200)
        self.minor_reason.setPlaceholderText(self.tr("为什么必须保留含未成年人的照片"))
        self.minor_reason_error = QLabel(box)
        self.minor_reason_error.setObjectName("minor_reason_error")
        self.minor_reason_error.setWordWrap(True)
        self.minor_reason_error.setStyleSheet("color: #b3261e;")
        self.minor_reason_error.hide()
        self.contains_id_document = QCheckBox(self.tr("含身份证件"), box)
        self.contains_id_document.setObjectName("contains_id_document")
        self.save_button = QPushButton(self.tr("保存附件说明"), box)
        self.save_button.setObjectName("save_attachment")
        self.save_button.clicked.connect(self.save_details)
        self.local_note = QLabel(box)
        self.local_note.setObjectName("local_note")
        self.local_note.setWordWrap(True)
        flags = QHBoxLayout()
        flags.addWidget(self.contains_minor)
        flags.addWidget(self.contains_id_document)
        flags.addStretch(1)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("说明"), self.description)
        form.addRow(flags)
        form.addRow(self.tr("理由"), self.minor_reason)
        form.addRow("", self.minor_reason_error)
        form.addRow(self.local_note)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form.addRow(save_row)
        self._form = form
        self.contains_minor.toggled.connect(self._minor_toggled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.setRowVisible(self.minor_reason, False)
        box.hide()
        return box

    def _fit_grid(self) -> None:
        metrics = self.view.fontMetrics()
        width = max(THUMB + 24, metrics.horizontalAdvance("测试测试测试测") + 12)
        self.view.setGridSize(QSize(width, THUMB + metrics.lineSpacing() * 2 + 16))
        self.view.setMinimumHeight(THUMB + metrics.lineSpacing() * 2 + 24)

    # ---------------------------------------------------------------- public API

    def set_owner(self, owner_type: str, owner_id: str | None) -> None:
        """Show the attachments of another record; None means there is nothing to attach to yet."""
        self.owner_type, self.owner_id, self.owner = owner_type, owner_id, None
        self._generation += 1
        self.model.set_records([])
        self._show_details(None)
        self._update_controls()
        if owner_id:
            self.reload()

    def set_read_only(self, read_only: bool) -> None:
        """No adding, removing or describing (a sealed owner is read-only whatever this says)."""
        self._read_only = read_only
        self._update_controls()

    def is_read_only(self) -> bool:
        return self._read_only or self.owner is None or self.owner.sealed

    def attachment_ids(self) -> list[str]:
        return self.model.ids()

    def reload(self) -> None:
        owner_type, owner_id, generation = self.owner_type, self.owner_id, self._generation
        if not owner_id:
            return

        def read(store: Store) -> tuple[core.Owner | None, list[Attachment]]:
            try:
                owner = core.owner_of(store, owner_type, owner_id)
            except RecordNotFound:
                owner = None  # not saved yet: its attachments (none) wait for the first save
            return owner, core.attachments_of(store, owner_id)

        self.runner.query(read, lambda found: self._loaded(generation, *found))

    # ---------------------------------------------------------------- adding

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("添加照片或扫描件"), "",
            self.tr("照片或 PDF 扫描件 (%1)").replace("%1", " ".join(core.FILE_PATTERNS)))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Add files (from the dialog or a drop) on the database thread; refusals are shown above
        the thumbnails."""
        if self.is_read_only() or self.owner is None or not paths:
            return
        owner = self.owner
        self._set_error("")
        self.add_button.setEnabled(False)
        self.hint.setText(self.tr("正在添加 %n 个文件…", "", len(paths)))
        self.runner.op(lambda store: add_files(store, owner, list(paths)), self._added, error=self._failed)

    def _added(self, result: core.Added) -> None:
        self._set_error("\n".join(result.refused))
        self._update_controls()
        # The broadcast before this call has queued the reload that shows them: announce it.
        self._announce_after_reload = bool(result)

    def _failed(self, exc: BaseException) -> None:
        self._update_controls()
        self._set_error(message_for(exc))

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ---------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if not self.is_read_only() and _local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        paths = _local_files(event.mimeData())
        if self.is_read_only() or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # ---------------------------------------------------------------- removing and describing

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [self.model.ids()[r] for r in rows]

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.is_read_only():
            return
        reason = ReasonDialog.ask(self, len(ids))
        if reason is None:
            return
        if len(reason) < 2:
            self._set_error(self.tr("请写明删除原因（至少两个字），附件没有删除。"))
            return
        self._set_error("")
        self.runner.op(lambda store: core.remove(store, ids, reason=reason), self._removed, error=self._failed)

    def _removed(self, changes: Changes) -> None:
        self._announce_after_reload = bool(changes)

    def save_details(self) -> None:
        attachment_id = self._detail_id
        if attachment_id is None or self.is_read_only():
            return
        minor = self.contains_minor.isChecked()
        reason = self.minor_reason.text().strip()
        if minor and not reason:
            self.minor_reason_error.setText(self.tr("附件含未成年人，请注明必要的理由。"))
            self.minor_reason_error.show()
            self.minor_reason.setFocus()
            return
        self.minor_reason_error.hide()
        values = dict(description=self.description.text(), kind=self.kind.currentData(), contains_minor=minor,
                      minor_reason=reason, contains_id_document=self.contains_id_document.isChecked())
        self.runner.op(lambda store: core.update_details(store, attachment_id, **values), lambda _c: None,
                       error=self._failed)

    def _minor_toggled(self, checked: bool) -> None:
        self._form.setRowVisible(self.minor_reason, checked)  # the reason is asked only when it is needed
        if not checked:
            self.minor_reason_error.hide()

    def _kind_changed(self) -> None:
        if self.kind.currentData() == "id_copy":
            self.contains_id_document.setChecked(True)

    def _selection_changed(self) -> None:
        if self._reloading:
            return
        rows = self.view.selectionModel().selectedIndexes()
        record = self.model.data(rows[0], RecordRole) if len(rows) == 1 else None
        self._show_details(record)
        self._update_controls()

    def _show_details(self, record: Attachment | None) -> None:
        self._detail_id = record.id if record is not None else None
        self._detail_version = record.version if record is not None else None
        self.details.setVisible(record is not None)
        self.minor_reason_error.hide()
        if record is None:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(record.kind)))
        self.description.setText(record.description or "")
        self.contains_minor.setChecked(record.contains_minor)
        self.minor_reason.setText(record.minor_reason or "")
        self.contains_id_document.setChecked(record.contains_id_document)
        self.local_note.setText("")
        self.runner.query(lambda store: core.original_of(store, record.id) is not None,
                          lambda kept: self._show_local_note(record.id, kept))
        self._update_controls()

    def _show_local_note(self, attachment_id: str, kept: bool) -> None:
        if attachment_id == self._detail_id:
            self.local_note.setText(self.tr("这张照片已缩小后同步，原图只保存在本机。") if kept else "")
            self.local_note.setVisible(kept)

    # ---------------------------------------------------------------- state

    def _loaded(self, generation: int, owner: core.Owner | None, records: list[Attachment]) -> None:
        if generation != self._generation:
            return
        self.owner = owner
        chosen = set(self.selected_ids())
        self._reloading = True  # the reset clears the selection; put it back without touching the form
        try:
            self.model.set_records(records)
            selection = self.view.selectionModel()
            for row, record in enumerate(records):
                if record.id in chosen:
                    selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
        finally:
            self._reloading = False
        shown = next((r for r in records if r.id == self._detail_id), None)
        if shown is None or len(self.selected_ids()) != 1:
            self._show_details(None)
        elif shown.version != self._detail_version:  # saved, or changed by a sync: show what is stored
            self._show_details(shown)
        self._update_controls()
        if self._announce_after_reload:
            self._announce_after_reload = False
            self.attachments_changed.emit(self.model.ids())

    def _update_controls(self) -> None:
        read_only = self.is_read_only()
        editable = not read_only
        self.add_button.setVisible(not self._read_only)
        self.remove_button.setVisible(not self._read_only)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(self.view.selectionModel().selectedIndexes()))
        for widget in (self.kind, self.description, self.contains_minor, self.contains_id_document):
            widget.setEnabled(editable)
        self.minor_reason.setEnabled(editable)
        self.save_button.setVisible(editable)
        # read-only and empty: a sentence says so instead of a blank box
        self.view.setVisible(not (self._read_only and self.model.rowCount() == 0))
        if not self.owner_id:
            self.hint.setText(self.tr("先保存这条记录，再添加附件。"))
        elif self.owner is not None and self.owner.sealed:
            self.hint.setText(self.tr("这份记录已封存，附件不能再增加或删除。"))
        elif self._read_only:
            self.hint.setText("" if self.model.rowCount() else self.tr("没有附件。"))
        elif self.owner is None:
            self.hint.setText(self.tr("先保存这条记录，再添加附件。"))
        else:
            self.hint.setText(self.tr("也可以把照片或 PDF 文件拖到这里。"))

    def _changes_applied(self, changes: Changes) -> None:
        if not self.owner_id:
            return
        if "attachment" in changes.record_types or self.owner_id in changes.record_ids:
            self.reload()

    def _open_viewer(self, index: QModelIndex) -> None:
        from ui.image_viewer import ImageViewer

        viewer = ImageViewer(self.runner, self.model.records(), index.row(), self)
        viewer.show()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._fit_grid()
        return super().event(event)


def _local_files(mime: Any) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and os.path.isfile(url.toLocalFile())]

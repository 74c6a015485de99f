"""Printing the minutes: the stored minutes are read on the database thread and drawn as an A4 PDF
on a worker thread, so the form stays responsive while the pages are laid out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from gridapp.minutes_doc import MinutesDoc, read_minutes
from ui.errors import message_for
from ui.meeting_fields import GREEN, RED


class Printing:
    """The minutes form's 打印会议记录 (a part of `MeetingForm`)."""

    def _print_clicked(self) -> None:
        untitled = self.tr("议事记录")
        name = f"{self.meeting_no or untitled}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存会议记录"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.print_to(path)

    def print_to(self, path: str) -> None:
        """Save what is typed, then write the stored minutes to `path` as a PDF. Returns at once:
        the minutes are read on the database thread (the print is audited there) and the PDF is
        drawn on a worker thread (QTextDocument and QPainter on a QPdfWriter, both made in that
        thread, are safe there: no pixmaps, Qt renders fonts off the GUI thread)."""
        self.flush()
        meeting_id = self.record_id
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("正在保存会议记录……"))
        self.status.setStyleSheet("")

        def read(doc: MinutesDoc) -> None:
            self.runner.network(_writer(doc, path), self._printed, error=self._print_failed)

        self.runner.query(lambda store: read_minutes(store, meeting_id), read, error=self._print_failed)

    def _printed(self, path: Path) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("会议记录已保存为 %1").replace("%1", str(path)))
        self.status.setStyleSheet(f"color: {GREEN};")

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("会议记录没有保存：") + message_for(exc))
        self.status.setStyleSheet(f"color: {RED};")


def _writer(doc: MinutesDoc, path: str) -> Callable[[Any], Path]:
    """The worker thread's job: `fn(progress) -> path` (the runner's long-work shape)."""
    from ui.minutes_pdf import write_minutes_pdf

    return lambda _progress: write_minutes_pdf(doc, path)

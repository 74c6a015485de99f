"""The one table model every list uses: a column list per record type (`gridapp.listing.LISTS`),
ids held in order, the columns of the rows on screen fetched lazily on the database thread.

A list of 100,000 visits shows its first screenful after a LIMIT query (~1 ms), then its ids
in full (one indexed query, ~0.5 s on a modest laptop) and then a page of 100
rows whenever the view asks for a row it has not seen: a placeholder is shown until the page
arrives (a few milliseconds later), so scrolling never waits on the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from gridapp.listing import FAMILY_HIDDEN, LISTS, ListFilter
from gridapp.store import Changes, Store
from ui.worker import Runner

PAGE = 100
FIRST_SCREEN = 2 * PAGE
LOADING = "…"
IdRole = Qt.ItemDataRole.UserRole + 1

# Types whose change can alter a list's columns (a visit changes a household's "last visit").
_DEPENDS = {"household": {"household", "person", "visit"}, "visit": {"visit", "household", "person"},
            "meeting": {"meeting"}, "case": {"case"}}

Index = QModelIndex | QPersistentModelIndex


def column_title(title: str) -> str:
    """A column heading in the user's language (the Chinese heading is the source text)."""
    return QCoreApplication.translate("columns", title)


def code_labels(shown: str) -> str:
    """Code-table labels joined by 、, each in the user's language (Chinese stays as it is)."""
    parts = shown.split("、")
    translated = [QCoreApplication.translate("codes", part) for part in parts]
    return "、".join(parts) if translated == parts else ", ".join(translated)


class RecordListModel(QAbstractTableModel):
    """Rows are record ids; `filter` decides which. Emits `loaded(count)` after each reload."""

    loaded = Signal(int)

    def __init__(self, runner: Runner, record_type: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.record_type = record_type
        self.columns = LISTS[record_type]
        self.filter = ListFilter()
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._cache: dict[str, tuple[str, ...]] = {}
        self._asked: set[int] = set()  # page numbers requested and not yet arrived
        self._generation = 0  # answers for an older id list are dropped
        self._partial_for = -1  # the generation whose first screenful is shown
        self._complete_for = -1  # the generation whose whole list is shown
        runner.changes_applied.connect(self._changes_applied)

    # ---------------------------------------------------------------- Qt's interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        record_id = self._ids[index.row()]
        if role == IdRole:
            return record_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._cache.get(record_id)
        if row is None:
            self._ask(index.row() // PAGE)
            return LOADING
        value = row[index.column()]
        if value == FAMILY_HIDDEN:
            return column_title(value)
        return code_labels(value) if value and self.columns[index.column()].coded else value

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return column_title(self.columns[section].title)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    # ---------------------------------------------------------------- ours

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        return self._row_of.get(record_id, -1)

    def cached_row(self, record_id: str) -> tuple[str, ...] | None:
        return self._cache.get(record_id)

    def reload(self, where: ListFilter | None = None) -> None:
        """Fetch the ids again (with a new filter, or the same one after a change).

        Two steps: the first screenful (a LIMIT query, about a millisecond) is shown at once,
        then the whole list is appended below it without moving what the user sees."""
        if where is not None:
            self.filter = where
        self._generation += 1
        generation, record_type, chosen = self._generation, self.record_type, self.filter
        first = replace(chosen, limit=FIRST_SCREEN) if chosen.limit is None else chosen

        def first_screen(store: Store) -> tuple[list[str], dict[str, tuple[str, ...]]]:
            ids = store.list_ids(record_type, first)  # with the rows of its first page: painted at once
            return ids, store.list_rows(record_type, ids[:PAGE])

        self.runner.query(first_screen, lambda answer: self._first_arrived(generation, *answer))
        if chosen.limit is None:
            self.runner.query(lambda store: store.list_ids(record_type, chosen),
                              lambda ids: self._ids_arrived(generation, ids, complete=True))

    def showing_current(self) -> bool:
        """The rows shown are those of the latest filter (not the previous list's)."""
        return self._partial_for == self._generation

    def _first_arrived(self, generation: int, ids: list[str], rows: dict[str, tuple[str, ...]]) -> None:
        self._ids_arrived(generation, ids, complete=len(ids) < FIRST_SCREEN)
        if generation == self._generation and self._partial_for == generation:
            self._rows_arrived(generation, 0, ids[:PAGE], rows)

    def _ids_arrived(self, generation: int, ids: list[str], *, complete: bool) -> None:
        if generation != self._generation:
            return
        if self._complete_for == generation:
            return  # the short answer came after the whole one (it cannot, the thread is serial)
        shown = len(self._ids)
        if self._partial_for == generation and ids[:shown] == self._ids:
            if len(ids) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                self._ids = ids
                self._row_of.update((record_id, row) for row, record_id in enumerate(ids) if row >= shown)
                self.endInsertRows()
        else:
            self.beginResetModel()
            self._ids = ids
            self._row_of = {record_id: row for row, record_id in enumerate(ids)}
            self._cache.clear()
            self._asked.clear()
            self.endResetModel()
        self._partial_for = generation
        if complete:
            self._complete_for = generation
            self.loaded.emit(len(ids))

    def _ask(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        ids = self._ids[page * PAGE:(page + 1) * PAGE]
        generation, record_type = self._generation, self.record_type
        self.runner.query(lambda store: store.list_rows(record_type, ids),
                          lambda rows: self._rows_arrived(generation, page, ids, rows))

    def _rows_arrived(self, generation: int, page: int, ids: Sequence[str],
                      rows: dict[str, tuple[str, ...]]) -> None:
        if generation != self._generation:
            return
        self._asked.discard(page)
        blank = tuple("" for _ in self.columns)
        for record_id in ids:  # an id deleted meanwhile shows blank until the reload removes it
            self._cache[record_id] = rows.get(record_id, blank)
        first, last = page * PAGE, min(len(self._ids), (page + 1) * PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def _changes_applied(self, changes: Changes) -> None:
        if changes.record_types & _DEPENDS.get(self.record_type, {self.record_type}):
            self.reload()

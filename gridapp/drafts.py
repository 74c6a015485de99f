"""Saving a record the user is still typing: the same record saved again and again, a second
after each pause (visits, minutes). Runs on the database thread only."""

from __future__ import annotations

from dataclasses import dataclass

from gridapp.models.base import Record
from gridapp.store import Changes, Store


@dataclass
class DraftSaver:
    """Remembers the version it last wrote, so its own saves never look stale to the store while a
    change that sync made meanwhile still does (and is refused, not overwritten)."""

    record_id: str
    version: int = 0

    def save(self, store: Store, record: Record) -> Changes:
        """Save `record` as the draft; raises InvalidRecord (nothing written) and the store's errors."""
        if self.version:
            record = record.model_copy(update={"version": self.version})
        changes = store.save(record)
        self.version = store.get(record.id).version
        return changes

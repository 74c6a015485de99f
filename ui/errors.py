"""One function that turns any exception into a sentence for the person at the keyboard, and a log
of the ones that are our fault (internal errors), so support can see what happened."""

from __future__ import annotations

import logging

from gridapp.errors import GridAppError
from gridapp.errors import message_for as core_message
from ui.i18n import words

log = logging.getLogger("gridapp.ui")


def message_for(exc: BaseException) -> str:
    """No jargon, in the user's language (the core's sentence through `ui.i18n.words`); sync errors carry
    their own message (`sync.client.SyncError`)."""
    from sync.client import SyncError

    if isinstance(exc, SyncError):
        return exc.message
    if not isinstance(exc, (GridAppError, OSError)):
        log.error("internal error", exc_info=exc)
    return words(core_message(exc))

"""公示 (publicity) of deliberation minutes: the resolution and the result are posted after the
minutes are sealed (四议两公开: 决议公开, 结果公开), so publicity is recorded after 定稿, outside the
seal, through `Store.annotate`: audited, synced, and the minutes' content hash never changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gridapp.minutes import PublicityEntry, at_china
from gridapp.models.deliberation import DeliberationMeeting, Publicity

if TYPE_CHECKING:
    from gridapp.store import Changes, Store


def publicity_values(entries: Sequence[PublicityEntry], stored: Sequence[Publicity] = ()) -> list[dict[str, Any]]:
    """The meeting's `publicity` from the form's rows (a row with neither date nor place is left
    out); what the form does not show of a posting (objections, the photo) is kept from `stored`."""
    kept = {p.kind: p for p in stored}
    out = []
    for e in entries:
        if not (e.posted_on or e.place.strip()):
            continue
        old = kept.get(e.kind)
        out.append({"kind": e.kind, "posted_at": at_china(e.posted_on) if e.posted_on else None,
                    "place": e.place.strip() or None, "period_days": e.period_days,
                    "objections": old.objections if old else None, "photo_id": old.photo_id if old else None})
    return out


def record_publicity(store: Store, meeting_id: str, entries: Sequence[PublicityEntry]) -> Changes:
    """Record the minutes' publicity as the form shows it, sealed or not (database thread).

    Raises InvalidRecord (e.g. a period of 0 days) with fields "publicity.<i>.<name>", and the
    store's errors; then nothing is written."""
    meeting = store.get(meeting_id)
    assert isinstance(meeting, DeliberationMeeting)
    return store.annotate(meeting_id, {"publicity": publicity_values(entries, meeting.publicity)}, reason="公示")

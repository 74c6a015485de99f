"""Building wire mutations from records: what a laptop sends for each kind of change.

Used by the sync engine for its outbox and by tests that play a laptop against the server."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from gridapp import sealing
from gridapp.ids import new_id
from gridapp.models import Record
from sync.protocol import Mutation, Op


def record_payload(record: Record) -> dict:
    """The record as the server keeps it: JSON values, the store's metadata left out."""
    return record.model_dump(mode="json", exclude=set(record.META_FIELDS))


def mutation(op: Op | str, record: Record, device_seq: int, *, base_version: int | None = None,
             fields: Iterable[str] | None = None, from_state: str | None = None, to_state: str | None = None,
             reason: str | None = None, attachment_hashes: Iterable[str] = (), supersedes_id: str | None = None,
             supersedes_hash: str | None = None, assignment_epoch: int = 0,
             mutation_id: str | None = None) -> Mutation:
    """A mutation carrying `record`. Seals and amendments get the content hash of the
    record's document plus `attachment_hashes` (sealing.content_hash)."""
    op = Op(op)
    hashes = sorted(attachment_hashes)
    content_hash = sealing.content_hash(record.document(), hashes) if op in (Op.SEAL, Op.AMEND) else None
    return Mutation(
        mutation_id=mutation_id or new_id(), device_seq=device_seq, op=op, record_type=record.RECORD_TYPE,
        record_id=record.id, bucket=record.bucket(), base_version=base_version,
        record=None if op is Op.DELETE else record_payload(record),
        fields=sorted(fields) if fields is not None else None, from_state=from_state, to_state=to_state,
        reason=reason, content_hash=content_hash, supersedes_id=supersedes_id, supersedes_hash=supersedes_hash,
        attachment_hashes=hashes, assignment_epoch=assignment_epoch, client_time=datetime.now(UTC))

"""The append-only, hash-chained audit log (domain.md §12.4): who, which device, when, what.

Each row's hash covers the previous row's hash, so a row removed, edited or slipped in behind
the triggers' back breaks the chain at that row; `first_broken` finds it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
_SEP = "\x1f"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    device_id: str
    action: str
    record_type: str | None
    record_id: str | None
    version: int | None
    detail: dict[str, Any]


def audit_hash(prev: str, at: str, actor: str, device: str, action: str, record_type: str | None,
               record_id: str | None, version: int | None, detail: str) -> str:
    fields = (prev, at, actor, device, action, record_type or "", record_id or "",
              "" if version is None else str(version), detail)
    return hashlib.sha256(_SEP.join(fields).encode("utf-8")).hexdigest()


def last_hash(conn: Any) -> str:
    row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS_HASH


INSERT_SQL = (
    "INSERT INTO audit (at, actor, device_id, action, record_type, record_id, version, detail, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def audit_row(prev: str, at: str, actor: str, device: str, action: str, record_type: str | None,
              record_id: str | None, version: int | None, detail: dict[str, Any]) -> tuple:
    """The values of one audit row (for INSERT_SQL) chained after `prev`; its hash is last."""
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    digest = audit_hash(prev, at, actor, device, action, record_type, record_id, version, text)
    return (at, actor, device, action, record_type, record_id, version, text, prev, digest)


def first_broken(conn: Any) -> int | None:
    """The seq of the first audit row whose hash does not follow, or None if the chain is intact."""
    prev = GENESIS_HASH
    for seq, at, actor, device, action, rtype, rid, version, detail, prev_hash, digest in conn.execute(
        "SELECT seq, at, actor, device_id, action, record_type, record_id, version, detail, "
        "prev_hash, hash FROM audit ORDER BY seq"
    ):
        if prev_hash != prev or digest != audit_hash(prev, at, actor, device, action, rtype, rid, version, detail):
            return int(seq)
        prev = digest
    return None


def entries(conn: Any, record_id: str) -> list[AuditEntry]:
    cur = conn.execute(
        "SELECT seq, at, actor, device_id, action, record_type, record_id, version, detail "
        "FROM audit WHERE record_id = ? ORDER BY seq",
        (record_id,),
    )
    return [AuditEntry(*r[:8], json.loads(r[8])) for r in cur]

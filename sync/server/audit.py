"""The server's append-only audit log: who changed what, from which device, at server time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from sync.server.tables import audit


def write(conn: Connection, *, action: str, user_id: int | None = None, username: str | None = None,
          device_id: str | None = None, record_type: str | None = None, record_id: str | None = None,
          bucket: str | None = None, detail: dict[str, Any] | None = None) -> None:
    """Append one audit row in the caller's transaction (so it commits with the change)."""
    conn.execute(audit.insert().values(
        at=datetime.now(UTC), user_id=user_id, username=username, device_id=device_id, action=action,
        record_type=record_type, record_id=record_id, bucket=bucket,
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)))

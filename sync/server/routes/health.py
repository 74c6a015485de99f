"""`GET /health`: the process is up and its database answers."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from sync.server.db import reading, schema_revision
from sync.server.deps import EngineDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(engine: EngineDep) -> dict[str, str | None]:
    with reading(engine) as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "database": engine.dialect.name, "schema": schema_revision(engine)}

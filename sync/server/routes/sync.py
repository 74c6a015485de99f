"""The sync endpoints: hello, push, pull and snapshot (architecture.md §3)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask
from sqlalchemy import func, select

from sync import protocol as p
from sync.server import pull as pulling
from sync.server import push as pushing
from sync.server import territory
from sync.server.db import meta_value, reading, schema_revision
from sync.server.deps import CallerDep, EngineDep, SettingsDep
from sync.server.errors import BadRequest
from sync.server.tables import mutations

router = APIRouter(prefix="/v1/sync", tags=["sync"])


def _schema_number(engine) -> int:  # noqa: ANN001
    revision = schema_revision(engine) or "0"
    return int(revision) if revision.isdigit() else 0


@router.get("/hello", response_model=p.Hello)
def hello(caller: CallerDep, engine: EngineDep, settings: SettingsDep) -> p.Hello:
    with reading(engine) as conn:
        buckets = territory.buckets_for(conn, caller.user_id, caller.role)
        hmac_key = meta_value(conn, "id_hmac_key") or ""
        last_seq = conn.execute(select(func.max(mutations.c.device_seq)).where(
            mutations.c.device_id == caller.device_id)).scalar() or 0
    return p.Hello(
        id_hmac_key=hmac_key, last_seq=last_seq,
        protocol_version=p.PROTOCOL_VERSION, min_push_protocol=p.MIN_PUSH_PROTOCOL,
        min_pull_protocol=p.MIN_PULL_PROTOCOL, schema_version=_schema_number(engine),
        server_time=datetime.now(UTC), device_id=caller.device_id,
        user=p.UserInfo(username=caller.username, display_name=caller.display_name, role=caller.role,
                        mediator_id=caller.mediator_id),
        buckets=buckets, assignment_epoch=caller.assignment_epoch,
        limits=p.Limits(max_body_bytes=settings.max_body_bytes, max_batch=settings.max_batch,
                        max_page=settings.max_page, max_blob_bytes=settings.max_blob_bytes,
                        blob_chunk_bytes=settings.blob_chunk_bytes),
    )


@router.post("/push", response_model=p.PushResponse)
def push(body: p.PushRequest, caller: CallerDep, engine: EngineDep, settings: SettingsDep) -> p.PushResponse:
    if body.protocol_version < p.MIN_PUSH_PROTOCOL:
        raise BadRequest("这个版本的网格工作台太旧了，请先升级。", code="client.too_old")
    if len(body.mutations) > settings.max_batch:
        raise BadRequest(f"一次最多发送 {settings.max_batch} 条修改，请分批发送。", code="push.batch_too_large")
    return p.PushResponse(results=pushing.push(engine, caller, body.mutations))


@router.post("/pull", response_model=p.PullResponse)
def pull(body: p.PullRequest, caller: CallerDep, engine: EngineDep, settings: SettingsDep) -> p.PullResponse:
    if body.protocol_version < p.MIN_PULL_PROTOCOL:
        raise BadRequest("这个版本的网格工作台太旧了，不能再接收新数据，请先升级；您的修改仍会上传。",
                         code="client.too_old")
    limit = min(body.limit or settings.max_page, settings.max_page)
    return pulling.pull(engine, caller, body.cursors, limit)


@router.get("/snapshot/{bucket}", response_class=FileResponse,
            responses={200: {"content": {"application/gzip": {}}}, 206: {"description": "a byte range"}})
def snapshot(bucket: str, request: Request, caller: CallerDep, engine: EngineDep,
             settings: SettingsDep, rows: Annotated[str | None, Query(max_length=40)] = None) -> FileResponse:
    snap = pulling.snapshot_file(engine, caller, bucket, settings.snapshots(),
                                 warn_records=settings.snapshot_warn_records, rows=rows,
                                 stale_changes=settings.snapshot_stale_changes)
    return FileResponse(snap.path, media_type="application/gzip", headers=snap.headers(),
                        filename=f"{bucket}.jsonl.gz", background=BackgroundTask(snap.release))

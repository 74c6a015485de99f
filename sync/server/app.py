"""The county server's FastAPI application: `create_app(settings)`.

Layout follows the FastAPI full-stack template: routes/ (one module per area), deps.py,
tables.py, and the domain logic in small modules (push.py, pull.py, blobs.py, territory.py).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from sync.server.config import Settings
from sync.server.db import make_engine
from sync.server.errors import ServerError
from sync.server.limits import BodyLimit

log = logging.getLogger("gridapp.server")


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The application over `settings.database_url` (the schema must exist: `gridapp-server init`)."""
    from sync.server.routes import admin, auth, blobs, health, sync

    app = FastAPI(title="GridApp 县级同步服务器", version="1", docs_url="/docs",
                  description="融安县网格工作台的同步服务器：账号、辖区与同步接口。")
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url, pool_size=settings.pool_size)
    settings.blob_dir.mkdir(parents=True, exist_ok=True)
    for module in (health, auth, sync, blobs, admin):
        app.include_router(module.router)
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes,
                       blob_max_bytes=settings.blob_chunk_bytes + 64 * 1024)
    app.middleware("http")(_access_log)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServerError)
    async def _server_error(_request: Request, exc: ServerError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
                     "code": str(err.get("type", "invalid")), "message": str(err.get("msg", ""))}
                    for err in exc.errors()]
        first = problems[0]["field"] if problems else ""
        return JSONResponse({"code": "request.invalid",
                             "message": f"请求格式不对{f'（{first}）' if first else ''}，未做任何修改。",
                             "problems": problems[:50]}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {400: "请求内容无法读取（不是有效的 UTF-8 JSON），未做任何修改。", 404: "没有这个地址。",
                    405: "这个地址不支持这种请求方式。"}
        return JSONResponse({"code": f"http.{exc.status_code}",
                             "message": messages.get(exc.status_code, str(exc.detail)), "problems": []},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> JSONResponse:
        if "database is locked" in str(exc):  # SQLite's one writer was busy for the whole timeout
            log.warning("database busy on %s %s", request.method, request.url.path)
            return JSONResponse({"code": "server.busy", "message": "服务器正忙，请稍后再同步；数据没有丢失。",
                                 "problems": []}, status_code=503, headers={"Retry-After": "10"})
        return await _unexpected(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"code": "server.error", "message": "服务器出错了，请稍后再试；数据没有丢失。",
                             "problems": []}, status_code=500)


async def _access_log(request: Request, call_next: Any) -> Any:
    started = time.perf_counter()
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
    response = await call_next(request)
    caller = getattr(request.state, "caller", None)
    log.info(json.dumps({
        "event": "request", "id": request_id, "method": request.method, "path": request.url.path,
        "status": response.status_code, "ms": round((time.perf_counter() - started) * 1000, 1),
        "user": getattr(caller, "username", None), "device": getattr(caller, "device_id", None),
    }, ensure_ascii=False))
    response.headers["X-Request-Id"] = request_id
    return response

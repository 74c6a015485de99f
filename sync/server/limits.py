"""ASGI middleware for request bodies: a size limit (413 before the app reads too much) and
gzip-encoded bodies decoded with the same limit on the decoded size (no zip bombs)."""

from __future__ import annotations

import json
import zlib
from typing import Any

Scope = dict[str, Any]


class BodyLimit:
    """Refuse bodies over `max_bytes` (as sent, and after gzip decoding) with 413."""

    def __init__(self, app: Any, max_bytes: int, blob_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.blob_max_bytes = blob_max_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.blob_max_bytes if scope["path"].startswith("/v1/blobs") else self.max_bytes
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        encoding = headers.get("content-encoding", "").lower()
        if encoding not in ("", "identity", "gzip"):
            await _error(send, 415, "request.encoding", f"不支持的压缩方式：{encoding}")
            return
        gzipped = encoding == "gzip"
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await _too_large(send, limit)
                return
        if gzipped:
            try:
                decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
                data = decoder.decompress(bytes(body), limit + 1)
                if len(data) > limit or decoder.unconsumed_tail:
                    await _too_large(send, limit)
                    return
                if not decoder.eof:  # cut off: no CRC and length trailer to check it against
                    raise zlib.error("truncated gzip body")
            except zlib.error:
                await _error(send, 400, "request.bad_gzip", "请求内容的 gzip 压缩已损坏。")
                return
            body = bytearray(data)
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"]
                                if k.lower() not in (b"content-encoding", b"content-length")]
            scope["headers"].append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


async def _too_large(send: Any, limit: int) -> None:
    await _error(send, 413, "request.too_large", f"请求太大（上限 {limit // 1024} KB），请分批发送。")


async def _error(send: Any, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message, "problems": []}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

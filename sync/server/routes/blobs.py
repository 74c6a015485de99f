"""Attachments: content-addressed, chunked, resumable blob upload and download (logic in sync/server/blobs.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from sync import protocol as p
from sync.server import blobs
from sync.server.deps import CallerDep, EngineDep, SettingsDep

router = APIRouter(prefix="/v1/blobs", tags=["blobs"])


def _digest(sha256: str) -> str:
    return blobs.check_digest(sha256)


# Declared after the caller in every route: an unauthenticated request is answered 401 first.
Digest = Annotated[str, Depends(_digest)]

_STATUS = {"model": p.BlobStatus}


def _errors(described: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """Error answers (all of the ErrorBody shape) for the OpenAPI document."""
    return {status: {"model": p.ErrorBody, "description": text} for status, text in described.items()}


_NOT_FOUND = "unknown, not complete, or not the caller's to read (the same answer for each)"
_BAD_NAME = "the name is not 64 lowercase hex digits"


@router.post("/{sha256}", response_model=p.BlobStatus, status_code=201,
             responses={200: {**_STATUS, "description": "already complete: skip the upload"},
                        **_errors({413: "larger than max_blob_bytes",
                                   422: f"{_BAD_NAME}; or, for size 0, the name is not the empty file's hash"})})
def start(body: p.BlobStart, caller: CallerDep, digest: Digest, engine: EngineDep,
          settings: SettingsDep) -> JSONResponse:
    """Start an upload of `size` bytes, or learn how far it got."""
    started = blobs.start(engine, settings, caller, digest, body.size)
    return JSONResponse(started.status.model_dump(mode="json"), status_code=200 if started.existed_complete else 201,
                        headers=blobs.status_headers(started.status))


@router.head("/{sha256}", response_class=Response,
             responses={200: {"description": "Upload-Offset, Upload-Length and X-Complete headers"},
                        **_errors({404: _NOT_FOUND, 422: _BAD_NAME})})
def head(caller: CallerDep, digest: Digest, engine: EngineDep) -> Response:
    """Where an upload stands (to resume from), or whether a blob the caller may read is complete."""
    state = blobs.status(engine, caller, digest)
    headers = blobs.status_headers(state)
    if state.complete:
        headers["ETag"] = f'"{digest}"'
    return Response(status_code=200, headers=headers)


@router.patch("/{sha256}", response_model=p.BlobStatus,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
              responses=_errors({404: "no upload of this name was started",
                                 409: "wrong Upload-Offset: resume from the one in the Upload-Offset header",
                                 413: "chunk larger than blob_chunk_bytes, or past the declared size",
                                 415: "the chunk is not application/offset+octet-stream",
                                 422: f"{_BAD_NAME}; a bad Upload-Offset header; or the finished bytes do not "
                                      "match the hash (`blob.hash_mismatch`: the upload starts again from 0)"}))
async def append(request: Request, caller: CallerDep, digest: Digest, engine: EngineDep,
                 settings: SettingsDep) -> JSONResponse:
    """Append one chunk at `Upload-Offset`."""
    blobs.check_chunk_type(request.headers.get("content-type"))
    offset = blobs.parse_offset(request.headers.get("upload-offset"))
    data = await request.body()  # BodyLimit has already capped it near blob_chunk_bytes
    state = await run_in_threadpool(blobs.append, engine, settings, caller, digest, offset, data)
    return JSONResponse(state.model_dump(mode="json"), headers=blobs.status_headers(state))


@router.get("/{sha256}", response_class=FileResponse,
            responses={200: {"content": {"application/octet-stream": {}}}, 206: {"description": "a byte range"},
                       **_errors({404: _NOT_FOUND, 422: _BAD_NAME})})
def download(caller: CallerDep, digest: Digest, engine: EngineDep, settings: SettingsDep) -> FileResponse:
    """The bytes of a complete blob; `Range: bytes=a-b` for a resumed download (206)."""
    path = blobs.download_path(engine, settings, caller, digest)
    # The bytes are immutable and named by their hash. `Content-Encoding: identity` keeps the
    # app's GZip middleware off: attachments are photos and encrypted files that do not shrink,
    # and a whole-file gzip would hide the length a resumed download needs.
    return FileResponse(path, media_type="application/octet-stream",
                        headers={"ETag": f'"{digest}"', "Cache-Control": "private, max-age=0",
                                 "Content-Encoding": "identity", "X-Content-Type-Options": "nosniff"})

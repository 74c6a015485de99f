"""The laptop's HTTP client for the county server: timeouts, gzip, bearer token, TLS, retries.

Every failure becomes one exception of this tree, with a Chinese message for the grid worker:

    SyncError
    ├── OfflineError      no connection, DNS, refused, reset, timeout, an answer cut off
    │                     (retried, then raised)
    ├── TLSError          the server's certificate cannot be verified (never retried)
    ├── AuthError         401: not logged in, token revoked, account disabled; 429 locked
    ├── ForbiddenError    403
    ├── ConflictError     409 for a whole request (e.g. `device.clone`)
    ├── RequestError      other 4xx: the request itself is wrong (not retried)
    ├── ServerError       5xx after retries
    └── ProtocolError     an answer that is not what the protocol says (bad JSON, wrong shape)

Only transient failures are retried (connection errors, timeouts, 502/503/504), with
exponential backoff and jitter; 401/403/409/422 never are.
"""

from __future__ import annotations

import gzip
import json
import random
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, ValidationError

from sync import protocol as p

T = TypeVar("T", bound=BaseModel)

USER_AGENT = "GridApp-desktop"
RETRY_STATUSES = frozenset({502, 503, 504})
# A connection that failed, or an answer cut off in its body: worth another try.
TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
             requests.exceptions.ContentDecodingError)


class SyncError(Exception):
    def __init__(self, message: str, *, code: str = "sync.error", status: int | None = None,
                 body: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message, self.code, self.status, self.body = message, code, status, body or {}


class OfflineError(SyncError):
    pass


class TLSError(SyncError):
    pass


class AuthError(SyncError):
    pass


class ForbiddenError(SyncError):
    pass


class ConflictError(SyncError):
    pass


class RequestError(SyncError):
    pass


class ServerError(SyncError):
    pass


class ProtocolError(SyncError):
    pass


class DiskSpaceError(SyncError):
    """The laptop's disk cannot hold what the sync would download (a village's first sync)."""


class DownloadStopped(SyncError):
    """A download left off because the sync that asked for it has stopped (`stop` was set)."""


def _stopped() -> DownloadStopped:
    return DownloadStopped("同步已经停止，下载没有做完。", code="sync.stopped")


class Client:
    """One county server. `token` is set after `login`."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 30.0,
                 ca_bundle: str | None = None, verify_tls: bool = True, retries: int = 4,
                 backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"})
        self.session.verify = ca_bundle if ca_bundle else verify_tls
        self.round_trips = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------------ endpoints

    def login(self, username: str, password: str, device_name: str) -> p.LoginResponse:
        answer = self._call("POST", "/v1/auth/login", p.LoginResponse,
                            body=p.LoginRequest(username=username, password=password, device_name=device_name),
                            authenticated=False)
        self.token = answer.token
        return answer

    def hello(self) -> p.Hello:
        return self._call("GET", "/v1/sync/hello", p.Hello)

    def push(self, mutations: list[dict[str, Any]]) -> p.PushResponse:
        body = {"protocol_version": p.PROTOCOL_VERSION, "mutations": mutations}
        return self._call("POST", "/v1/sync/push", p.PushResponse, body=body)

    def pull(self, cursors: dict[str, int], limit: int | None = None) -> p.PullResponse:
        body = p.PullRequest(protocol_version=p.PROTOCOL_VERSION, cursors=cursors, limit=limit)
        return self._call("POST", "/v1/sync/pull", p.PullResponse, body=body)

    def snapshot(self, bucket: str, check: Callable[[Mapping[str, str]], None] | None = None, *,
                 rows: str | None = None, stop: threading.Event | None = None) -> bytes:
        """The gzip JSON-lines snapshot of a bucket (resumed with Range after a dropped read).
        `check` sees the answer's headers (`X-Snapshot-Records`, `X-Snapshot-Bytes`) before the
        body is read, and may raise to leave it undownloaded. `rows`: this laptop's row format
        (`gridapp.rows.row_format`); a server of the same format sends the records as rows.
        `stop`: once set, the download leaves off within a chunk (`DownloadStopped`)."""
        query = f"?rows={quote(rows, safe='')}" if rows else ""
        return self._download(f"/v1/sync/snapshot/{bucket}{query}", check, stop)

    def blob_start(self, digest: str, size: int) -> p.BlobStatus:
        """Start (or look up) an upload; `offset` says where to resume, `complete` to skip it."""
        return self._call("POST", f"/v1/blobs/{digest}", p.BlobStatus, body=p.BlobStart(size=size))

    def blob_append(self, digest: str, offset: int, data: bytes) -> p.BlobStatus:
        """Send one chunk at `offset`. When the server holds a different offset (a chunk whose
        answer was lost), its status is returned so the caller resumes from there."""
        headers = {"Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset)}
        try:
            response = self._send("PATCH", f"/v1/blobs/{digest}", data=data, headers=headers)
        except TRANSIENT as exc:
            raise OfflineError(_offline_message(exc), code="offline") from exc
        if response.status_code == 409 and response.headers.get("Upload-Offset", "").isdigit():
            return p.BlobStatus(sha256=digest, size=int(response.headers.get("Upload-Length") or 0),
                                offset=int(response.headers["Upload-Offset"]), complete=False)
        return self._decode(response, p.BlobStatus)

    def blob_download(self, digest: str) -> bytes:
        """The bytes of a blob, resuming with Range after a dropped connection."""
        return self._download(f"/v1/blobs/{digest}")

    # ------------------------------------------------------------------ plumbing

    def _download(self, path: str, check: Callable[[Mapping[str, str]], None] | None = None,
                  stop: threading.Event | None = None) -> bytes:
        """GET a large immutable answer, resuming from the bytes already received (`Range`,
        guarded by `If-Range` with the ETag so a changed file starts again). `check(headers)`
        runs on a whole answer (200) before its body is read. Once `stop` is set, it leaves off
        after the chunk being read (16 KiB: half a second at 256 kbit/s), or at once when it waits
        to try again; an answer it waits for still takes up to the timeout."""
        got = bytearray()
        etag: str | None = None
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if stop is not None and stop.is_set():
                raise _stopped()
            headers = {"Range": f"bytes={len(got)}-", **({"If-Range": etag} if etag else {})} if got else {}
            try:
                response = self._send("GET", path, headers=headers, stream=True)
                if response.status_code in RETRY_STATUSES and attempt < self.retries:
                    self._pause(attempt, response.headers.get("Retry-After"), stop)
                    continue
                if response.status_code >= 400:
                    response.content  # noqa: B018 - read the error body before decoding it
                    self._decode(response, p.ErrorBody)  # raises the mapped error
                if response.status_code != 206:
                    got.clear()
                    if check is not None:
                        try:
                            check(response.headers)
                        except SyncError:
                            response.close()
                            raise
                etag = response.headers.get("ETag", etag)
                for chunk in response.iter_content(16 * 1024):
                    got += chunk
                    if stop is not None and stop.is_set():
                        response.close()
                        raise _stopped()
                return bytes(got)
            except TRANSIENT as exc:
                last = exc
                if attempt == self.retries:
                    break
                self._pause(attempt, stop=stop)
        raise OfflineError(_offline_message(last), code="offline") from last

    def _call(self, method: str, path: str, model: type[T], *, body: Any = None,
              authenticated: bool = True) -> T:
        data = None
        headers = {"Content-Type": "application/json"}
        if body is not None:
            raw = body.model_dump_json().encode() if isinstance(body, BaseModel) else \
                json.dumps(body, ensure_ascii=False).encode()
            if len(raw) > 1024:
                raw = gzip.compress(raw, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
            data = raw
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                response = self._send(method, path, data=data, headers=headers, authenticated=authenticated)
            except TRANSIENT as exc:
                last = exc
                if attempt < self.retries:
                    self._pause(attempt)
                    continue
                raise OfflineError(_offline_message(exc), code="offline") from exc
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                self._pause(attempt, response.headers.get("Retry-After"))
                continue
            return self._decode(response, model)
        raise OfflineError(_offline_message(last), code="offline")

    def _send(self, method: str, path: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
              authenticated: bool = True, stream: bool = False) -> requests.Response:
        headers = dict(headers or {})
        if authenticated:
            if not self.token:
                raise AuthError("还没有登录县服务器。", code="auth.required")
            headers["Authorization"] = f"Bearer {self.token}"
        self.round_trips += 1
        self.bytes_sent += len(data or b"")
        try:
            # `verify` per request: requests would otherwise let REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE
            # override the county's CA bundle (psf/requests#3829).
            response = self.session.request(method, self.base_url + path, data=data, headers=headers,
                                            timeout=self.timeout, stream=stream, verify=self.session.verify)
        except requests.exceptions.SSLError as exc:
            raise TLSError("县服务器的安全证书无法验证（证书过期、电脑时间不对，或连到了假冒的服务器），"
                           "为安全起见没有同步。请联系县里的技术支持。", code="tls.invalid") from exc
        self.bytes_received += int(response.headers.get("Content-Length") or 0)
        return response

    def _pause(self, attempt: int, retry_after: str | None = None, stop: threading.Event | None = None) -> None:
        """Wait before a retry (a `stop` set meanwhile ends the wait, and the download)."""
        delay = self.backoff * (2 ** attempt)
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(float(retry_after), 60.0))
        delay *= 0.5 + random.random()  # jitter: laptops don't return in lockstep
        if stop is None:
            self._sleep(delay)
        elif stop.wait(delay):
            raise _stopped()

    def _decode(self, response: requests.Response, model: type[T]) -> T:
        status = response.status_code
        try:
            body = response.json() if response.content else {}
        except ValueError:
            if status < 400:
                raise ProtocolError("服务器的回答无法读取（不是 JSON）。", code="protocol.bad_json", status=status) from None
            body = {}
        if status >= 400:
            raise _error_for(status, body if isinstance(body, dict) else {})
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            raise ProtocolError(f"服务器的回答格式不对：{exc.errors()[0].get('msg', '')}",
                                code="protocol.bad_shape", status=status) from None


def _error_for(status: int, body: dict[str, Any]) -> SyncError:
    code = str(body.get("code") or f"http.{status}")
    message = str(body.get("message") or "")
    if status in (401, 429):
        return AuthError(message or "需要重新登录。", code=code, status=status, body=body)
    if status == 403:
        return ForbiddenError(message or "没有权限。", code=code, status=status, body=body)
    if status == 409:
        return ConflictError(message or "与服务器上的数据冲突。", code=code, status=status, body=body)
    if status >= 500:
        return ServerError(message or "服务器出错了，请稍后再试；本机数据不受影响。", code=code, status=status, body=body)
    return RequestError(message or f"请求被服务器拒绝（{status}）。", code=code, status=status, body=body)


def _offline_message(exc: Exception | None) -> str:
    if isinstance(exc, requests.Timeout):
        return "连接县服务器超时，网络可能太慢；修改都保存在本机，有网时会自动同步。"
    return "连不上县服务器（没有网络或服务器没开）；修改都保存在本机，有网时会自动同步。"

"""A TCP proxy on 127.0.0.1 between a laptop's client and the county server that breaks the
network on purpose (sync-failure-modes.md rows 1, 4, 7, 13).

    with FaultProxy(server_url) as proxy:
        laptop.client.base_url = proxy.url
        proxy.inject("reset_after", path="/v1/sync/push", times=1)   # the server commits, the laptop hears nothing
        ...
        proxy.clear()

The proxy speaks just enough HTTP/1.1 to find request boundaries on a keep-alive connection
(Content-Length, or chunked bodies): it reads each request whole, forwards it on a fresh upstream
connection with `Connection: close`, reads the whole answer (until the server closes), and
relays it on the laptop's connection, which stays open when the answer's framing allows it.
That is what makes faults countable and targetable per request.

Modes (one at a time; `inject` replaces the current one, `clear` goes back to `pass`):

- `pass`          forward everything.
- `refuse`        close the listening socket (connections are refused, as when the server is
                  down) and reset the open ones; `clear` listens again on the same port.
- `reset_before`  read the request, then reset the connection: the server never sees it.
- `reset_after`   forward the request, let the server answer (so it committed), then reset the
                  laptop's connection without sending the answer.
- `duplicate`     send the request to the server twice; the laptop gets the second answer.
- `delay`         wait `delay_ms` before forwarding (the request still reaches the server later
                  even when the laptop gave up waiting, like a packet stuck in a queue).
- `truncate`      forward only the first `keep_bytes` bytes of the answer, then close (default:
                  the headers and half of the body).
- `throttle`      limit both directions to `rate_bps` bits per second and add `latency_ms` per
                  round trip (half on the way there, half on the way back; a new connection
                  costs one more round trip, the TCP handshake).

Request-level faults can be limited to requests whose path starts with `path` (a str, or a
compiled regex searched in the path) and to one `method`, to the next `times` matching requests,
after letting `skip` matching requests through. Counters: `requests_seen`, `faults_injected`, `forwarded`
(requests the server received), and `log` (one `Seen` per request). Faults were applied to
requests only: `refuse` counts nothing (nothing reaches the proxy).
"""

from __future__ import annotations

import contextlib
import re
import select
import socket
import struct
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

MODES = ("pass", "refuse", "reset_before", "reset_after", "duplicate", "delay", "truncate", "throttle")
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


@dataclass
class Fault:
    mode: str
    path: str | re.Pattern[str] | None = None
    times: int | None = None  # None: until cleared
    skip: int = 0
    delay_ms: float = 0.0
    keep_bytes: int | None = None
    rate_bps: float | None = None
    latency_ms: float = 0.0
    method: str | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and method.upper() != self.method.upper():
            return False
        if self.path is None:
            return True
        if isinstance(self.path, re.Pattern):
            return self.path.search(path) is not None
        return path.startswith(self.path)


@dataclass
class Seen:
    """One request that reached the proxy, and what was done to it."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes  # as sent (gzip-encoded when the laptop compressed it)
    fault: str  # "pass" or the mode applied
    status: int | None = None  # the server's answer (None: not forwarded, or no answer)
    forwarded: int = 0  # how many times the server received it


@dataclass
class _Request:
    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def wants_close(self) -> bool:
        value = (self.header("connection") or "").lower()
        return "close" in value or (self.version == "HTTP/1.0" and "keep-alive" not in value)

    def upstream_bytes(self) -> bytes:
        lines = [f"{self.method} {self.target} HTTP/1.1"]
        lines += [f"{k}: {v}" for k, v in self.headers
                  if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"]
        if self.body or self.method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(self.body)}")
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


class _Closed(Exception):
    """The peer closed the connection."""


class _Reader:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = bytearray()

    def _fill(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise _Closed
        self.buf += data

    def until(self, marker: bytes, limit: int = 1 << 20) -> bytes:
        while True:
            at = self.buf.find(marker)
            if at >= 0:
                out = bytes(self.buf[:at + len(marker)])
                del self.buf[:at + len(marker)]
                return out
            if len(self.buf) > limit:
                raise ValueError("header too long")
            self._fill()

    def exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out


def _parse_headers(lines: list[bytes]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        if b":" in line:
            k, v = line.split(b":", 1)
            out.append((k.decode("latin-1").strip(), v.decode("latin-1").strip()))
    return out


def _read_request(reader: _Reader) -> _Request | None:
    try:
        head = reader.until(b"\r\n\r\n")
    except _Closed:
        if reader.buf:
            raise
        return None
    lines = head[:-4].split(b"\r\n")
    method, target, version = lines[0].decode("latin-1").split(" ", 2)
    headers = _parse_headers(lines[1:])
    req = _Request(method, target, version, headers, b"")
    if "chunked" in (req.header("transfer-encoding") or "").lower():
        body = bytearray()
        while True:
            size = int(reader.until(b"\r\n")[:-2].split(b";")[0], 16)
            if size == 0:
                while reader.until(b"\r\n") != b"\r\n":  # trailers
                    pass
                break
            body += reader.exact(size)
            reader.exact(2)
        req.body = bytes(body)
    else:
        req.body = reader.exact(int(req.header("content-length") or 0))
    return req


def _rst(sock: socket.socket) -> None:
    """Close with a TCP reset (RST), not a clean FIN. Shutting the reading side first wakes a
    thread blocked in recv() on it (closing alone would not)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    with contextlib.suppress(OSError):
        sock.close()


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class FaultProxy:
    """See the module docstring. Threads: one accepting, one per laptop connection."""

    def __init__(self, upstream_url: str, *, upstream_timeout: float = 60.0) -> None:
        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.upstream_timeout = upstream_timeout
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._fault = Fault("pass")
        self._listener: socket.socket | None = None
        self._port = 0
        self._clients: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._stopped = threading.Event()
        self._in_flight = 0
        self.requests_seen = 0
        self.faults_injected = 0
        self.forwarded = 0
        self.connections = 0
        self.log: list[Seen] = []
        self._listen()
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._acceptor.start()

    # ------------------------------------------------------------------ control

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def mode(self) -> str:
        with self._lock:
            return self._fault.mode

    def inject(self, mode: str, *, path: str | re.Pattern[str] | None = None, times: int | None = None,
               skip: int = 0, delay_ms: float = 0.0, keep_bytes: int | None = None,
               rate_bps: float | None = None, latency_ms: float = 0.0, method: str | None = None) -> None:
        """Make `mode` the current fault (replacing the previous one); see the module docstring."""
        if mode not in MODES:
            raise ValueError(f"unknown fault {mode!r}; one of {MODES}")
        if mode == "refuse" and (path is not None or times is not None or skip or method):
            raise ValueError("`refuse` acts on connections, not requests: no path, method, times or skip")
        if mode == "throttle" and not rate_bps and not latency_ms:
            raise ValueError("`throttle` needs rate_bps and/or latency_ms")
        with self._lock:
            self._fault = Fault(mode, path, times, skip, delay_ms, keep_bytes, rate_bps, latency_ms, method)
            if mode == "refuse":
                self._stop_listening()
            elif self._listener is None:
                self._listen()

    def clear(self) -> None:
        """Back to `pass` (and listening again after `refuse`)."""
        self.inject("pass")

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no request is being forwarded (a delayed one may still be on its way to
        the server after the laptop gave up on it)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self._in_flight} request(s) still in flight")
                self._idle.wait(left)

    def reset_counters(self) -> None:
        """Forget the log and zero the counters (e.g. after a test's set-up)."""
        with self._lock:
            self.log.clear()
            self.requests_seen = self.faults_injected = self.forwarded = self.connections = 0

    def seen(self, path: str | None = None, *, fault: str | None = None) -> list[Seen]:
        """The log, filtered by path prefix and/or the fault applied."""
        with self._lock:
            return [s for s in self.log if (path is None or s.path.startswith(path))
                    and (fault is None or s.fault == fault)]

    def close(self) -> None:
        self._stopped.set()
        with self._lock:
            self._stop_listening()
        self._acceptor.join(timeout=5)
        for t in list(self._threads):
            t.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ listening

    def _listen(self) -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self._port))
        s.listen(64)
        self._port = s.getsockname()[1]
        self._listener = s

    def _stop_listening(self) -> None:  # with self._lock held
        if self._listener is not None:
            _close(self._listener)
            self._listener = None
        for c in list(self._clients):
            _rst(c)
        self._clients.clear()

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            with self._lock:
                listener = self._listener
            if listener is None:
                time.sleep(0.01)
                continue
            try:
                ready, _, _ = select.select([listener], [], [], 0.05)
                if not ready:
                    continue
                conn, _ = listener.accept()
            except (OSError, ValueError):
                continue
            with self._lock:
                if self._listener is not listener or self._stopped.is_set():
                    _rst(conn)
                    continue
                self._clients.add(conn)
                self.connections += 1
                t = threading.Thread(target=self._serve, args=(conn,), name="fault-proxy-conn", daemon=True)
                self._threads = [x for x in self._threads if x.is_alive()] + [t]
            t.start()

    # ------------------------------------------------------------------ one laptop connection

    def _take(self, req: _Request) -> tuple[Fault, Seen]:
        """Count the request and decide which fault (if any) applies to it."""
        with self._lock:
            self.requests_seen += 1
            fault = self._fault
            applied = Fault("pass")
            if fault.mode not in ("pass", "refuse") and fault.matches(req.method, req.path):
                if fault.skip > 0:
                    fault.skip -= 1
                elif fault.times is None or fault.times > 0:
                    applied = fault
                    self.faults_injected += 1
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._fault = Fault("pass")
            seen = Seen(req.method, req.path, {k.lower(): v for k, v in req.headers}, req.body, applied.mode)
            self.log.append(seen)
            self._in_flight += 1
            return applied, seen

    def _done(self) -> None:
        with self._idle:
            self._in_flight -= 1
            self._idle.notify_all()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(self.upstream_timeout)
        reader = _Reader(conn)
        first = True
        try:
            while not self._stopped.is_set():
                try:
                    req = _read_request(reader)
                except (OSError, _Closed, ValueError):
                    break
                if req is None:
                    break
                fault, seen = self._take(req)
                try:
                    keep = self._handle(conn, req, fault, seen, first)
                finally:
                    self._done()
                first = False
                if not keep:
                    return  # _handle closed or reset the connection
        finally:
            with self._lock:
                self._clients.discard(conn)
            _close(conn)

    def _handle(self, conn: socket.socket, req: _Request, fault: Fault, seen: Seen, first: bool) -> bool:
        """Forward one request under `fault`; False when the laptop's connection is finished."""
        mode = fault.mode
        if mode == "reset_before":
            _rst(conn)
            return False
        if mode == "delay":
            time.sleep(fault.delay_ms / 1000)
        throttle = fault if mode == "throttle" else None
        if throttle is not None:
            # the handshake of a new connection, then half a round trip to the server
            time.sleep(throttle.latency_ms / 1000 * (1.5 if first else 0.5))
        try:
            answer = self._exchange(req, seen, throttle)
            if mode == "duplicate":
                answer = self._exchange(req, seen, None)
        except OSError:
            _rst(conn)  # the server is gone: the laptop sees a dropped connection
            return False
        if mode == "reset_after":
            _rst(conn)
            return False
        head, body, framed = _split_response(answer)
        keep = framed and not req.wants_close()
        out = _client_head(head, keep) + body
        try:
            if mode == "truncate":
                k = fault.keep_bytes if fault.keep_bytes is not None else len(_client_head(head, keep)) + len(body) // 2
                conn.sendall(out[:k])
                _close(conn)
                return False
            if throttle is not None:
                time.sleep(throttle.latency_ms / 2000)
                _paced_send(conn, out, throttle.rate_bps)
            else:
                conn.sendall(out)
        except OSError:
            return False  # the laptop gave up (a timeout) or went away
        return keep

    def _exchange(self, req: _Request, seen: Seen, throttle: Fault | None) -> bytes:
        """One round trip to the server on a fresh connection: the whole raw answer."""
        with socket.create_connection(self.upstream, timeout=self.upstream_timeout) as up:
            data = req.upstream_bytes()
            if throttle is not None:
                _paced_send(up, data, throttle.rate_bps)
            else:
                up.sendall(data)
            with self._lock:
                self.forwarded += 1
                seen.forwarded += 1
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        answer = b"".join(chunks)
        if not answer:
            raise ConnectionResetError("the server closed without answering")
        status_line = answer.split(b"\r\n", 1)[0].split(b" ")
        if len(status_line) > 1 and status_line[1].isdigit():
            seen.status = int(status_line[1])
        return answer


def _split_response(answer: bytes) -> tuple[bytes, bytes, bool]:
    """(head without the final blank line, body, whether the body's end is marked by its framing)."""
    at = answer.find(b"\r\n\r\n")
    head, body = (answer[:at], answer[at + 4:]) if at >= 0 else (answer, b"")
    names = {line.split(b":", 1)[0].strip().lower() for line in head.split(b"\r\n")[1:] if b":" in line}
    te = b""
    for line in head.split(b"\r\n")[1:]:
        if line.lower().startswith(b"transfer-encoding:"):
            te = line.split(b":", 1)[1].strip().lower()
    status = answer.split(b" ", 2)[1] if answer.count(b" ") >= 2 else b""
    bodiless = status[:1] == b"1" or status in (b"204", b"304")
    return head, body, bool(b"content-length" in names or b"chunked" in te or bodiless)


def _client_head(head: bytes, keep_alive: bool) -> bytes:
    lines = [line for line in head.split(b"\r\n")
             if not line.lower().startswith((b"connection:", b"keep-alive:"))]
    if not keep_alive:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _paced_send(sock: socket.socket, data: bytes, rate_bps: float | None) -> None:
    if not rate_bps:
        sock.sendall(data)
        return
    per_second = rate_bps / 8
    started = time.monotonic()
    sent = 0
    step = max(256, int(per_second / 50))  # ~20 ms slices
    while sent < len(data):
        piece = data[sent:sent + step]
        sock.sendall(piece)
        sent += len(piece)
        wait = started + sent / per_second - time.monotonic()
        if wait > 0:
            time.sleep(wait)

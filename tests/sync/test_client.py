"""The laptop's HTTP client (sync/client.py): how every failure maps onto the SyncError tree, what
is retried (connection errors, timeouts, 502/503/504) and what never is (401/403/409/422),
gzip request bodies, and TLS verification.

Most tests talk to `ScriptedServer`, a tiny http.server in a thread that answers each request
with the next scripted `Reply` and records what it received; a few use the real county server.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sync import protocol as p
from sync.client import (
    AuthError,
    Client,
    ConflictError,
    ForbiddenError,
    OfflineError,
    ProtocolError,
    RequestError,
    ServerError,
    SyncError,
    TLSError,
)
from tests.support.threaded_server import free_port

LOGIN_OK = {"device_id": "dev-1", "token": "tok-1",
            "user": {"username": "grid_worker1", "display_name": "韦网格员", "role": "grid_worker"}}


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; str → UTF-8 text; bytes as they are
    headers: dict[str, str] = field(default_factory=dict)
    cut_at: int | None = None  # send only this many body bytes (Content-Length still says all), then close
    drop: bool = False  # close the connection without any answer
    delay: float = 0.0  # seconds before answering

    def payload(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body, ensure_ascii=False).encode()


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes


class ScriptedServer:
    """Answers request n with script[n] (the last reply repeats; a callable gets the request and
    returns the Reply); records every request."""

    def __init__(self, *replies: Reply | Callable[[Received], Reply], tls: ssl.SSLContext | None = None) -> None:
        self.script = list(replies)
        self.received: list[Received] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.received.append(Received(self.command, self.path,
                                               {k.lower(): v for k, v in self.headers.items()}, body))
                n = len(outer.received) - 1
                reply = outer.script[min(n, len(outer.script) - 1)] if outer.script else Reply(500)
                if callable(reply):
                    reply = reply(outer.received[-1])
                if reply.delay:
                    threading.Event().wait(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                data = reply.payload()
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json", **reply.headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if reply.cut_at is not None:
                    self.wfile.write(data[:reply.cut_at])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_HEAD = do_PUT = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[Callable[..., ScriptedServer]]:
    started: list[ScriptedServer] = []

    def start(*replies: Reply | Callable[[Received], Reply], tls: ssl.SSLContext | None = None) -> ScriptedServer:
        server = ScriptedServer(*replies, tls=tls)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client_for(sleeps) -> Iterator[Callable[..., Client]]:
    """client_for(url, **kw) → a Client whose backoff sleeps are recorded, not slept."""
    made: list[Client] = []

    def make(url: str, **kw: Any) -> Client:
        kw.setdefault("retries", 3)
        kw.setdefault("backoff", 0.5)
        kw.setdefault("timeout", 5.0)
        client = Client(url, sleep=sleeps.append, **kw)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def login(client: Client) -> p.LoginResponse:
    return client.login("grid_worker1", "correct-horse-42", "测试笔记本")


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---------------------------------------------------------------- retries


@pytest.mark.parametrize("statuses", [[502], [503], [504], [502, 503, 504]], ids=["502", "503", "504", "all-three"])
def test_gateway_errors_are_retried_with_growing_backoff_then_succeed(statuses, serve, client_for, sleeps):
    server = serve(*[Reply(s, {"code": "gateway", "message": "网关忙"}) for s in statuses], Reply(200, LOGIN_OK))
    client = client_for(server.url, retries=4)
    assert login(client).token == "tok-1" and client.token == "tok-1"
    assert len(server.received) == len(statuses) + 1
    assert [r.body for r in server.received] == [server.received[0].body] * len(server.received)  # same request
    assert len(sleeps) == len(statuses)
    for attempt, slept in enumerate(sleeps):  # backoff * 2**attempt, jittered by ×0.5–1.5
        assert 0.5 * 2 ** attempt * 0.5 <= slept <= 0.5 * 2 ** attempt * 1.5


def test_retry_after_is_honoured(serve, client_for, sleeps):
    server = serve(Reply(503, {}, headers={"Retry-After": "8"}), Reply(200, LOGIN_OK))
    login(client_for(server.url))
    [slept] = sleeps
    assert 8 * 0.5 <= slept <= 8 * 1.5


def test_a_gateway_error_that_lasts_becomes_a_server_error_after_the_retries(serve, client_for, sleeps):
    server = serve(Reply(503, "<html>503 Service Unavailable</html>", headers={"Content-Type": "text/html"}))
    client = client_for(server.url, retries=3)
    with pytest.raises(ServerError) as caught:
        login(client)
    assert len(server.received) == 4 and len(sleeps) == 3
    assert caught.value.status == 503 and has_chinese(caught.value.message)


def test_a_500_is_a_server_error_at_once(serve, client_for, sleeps):
    server = serve(Reply(500, {"code": "server.error", "message": "服务器出错了，请稍后再试；数据没有丢失。"}))
    with pytest.raises(ServerError) as caught:
        login(client_for(server.url))
    assert len(server.received) == 1 and sleeps == []
    assert (caught.value.code, caught.value.status) == ("server.error", 500)


@pytest.mark.parametrize(("status", "error"), [
    (401, AuthError), (403, ForbiddenError), (409, ConflictError), (422, RequestError),
    (400, RequestError), (404, RequestError), (413, RequestError), (429, AuthError),
])
def test_client_errors_are_never_retried(status, error, serve, client_for, sleeps):
    body = {"code": f"test.{status}", "message": "服务器说不行。", "problems": []}
    server = serve(Reply(status, body), Reply(200, LOGIN_OK))
    with pytest.raises(error) as caught:
        login(client_for(server.url, retries=4))
    assert len(server.received) == 1 and sleeps == []
    error_seen = (caught.value.status, caught.value.code, caught.value.message)
    assert error_seen == (status, f"test.{status}", "服务器说不行。")
    assert caught.value.body == body


@pytest.mark.parametrize("status", [401, 403, 409, 422])
def test_an_error_without_a_body_still_has_a_chinese_message(status, serve, client_for):
    server = serve(Reply(status, b"", headers={"Content-Type": "text/plain"}))
    with pytest.raises(SyncError) as caught:
        login(client_for(server.url))
    assert has_chinese(caught.value.message) and caught.value.code == f"http.{status}"


def test_without_a_token_nothing_is_sent(serve, client_for):
    server = serve(Reply(200, {}))
    with pytest.raises(AuthError) as caught:
        client_for(server.url).hello()
    assert caught.value.code == "auth.required" and server.received == []


def test_the_token_goes_in_the_authorization_header(serve, client_for):
    server = serve(Reply(200, {"results": []}))
    client = client_for(server.url, token="tok-9")
    client.push([])
    headers = server.received[0].headers
    assert headers["authorization"] == "Bearer tok-9" and "gzip" in headers["accept-encoding"]
    assert headers["user-agent"].startswith("GridApp")


# ---------------------------------------------------------------- no connection


def test_connection_refused_is_offline_with_a_chinese_message(client_for, sleeps):
    port = free_port()  # nothing listens there
    client = client_for(f"http://127.0.0.1:{port}", retries=2)
    with pytest.raises(OfflineError) as caught:
        login(client)
    assert caught.value.code == "offline" and "连不上县服务器" in caught.value.message
    assert "本机" in caught.value.message  # tells the worker nothing is lost
    assert len(sleeps) == 2  # retried, then given up


def test_a_timeout_is_offline_and_says_so(serve, client_for, sleeps):
    server = serve(Reply(200, LOGIN_OK, delay=1.0))
    with pytest.raises(OfflineError) as caught:
        login(client_for(server.url, timeout=0.2, retries=1))
    assert "超时" in caught.value.message and len(server.received) == 2 and len(sleeps) == 1


def test_a_dropped_connection_is_retried(serve, client_for, sleeps):
    server = serve(Reply(drop=True), Reply(200, LOGIN_OK))
    assert login(client_for(server.url)).device_id == "dev-1"
    assert len(server.received) == 2 and len(sleeps) == 1


def test_an_answer_cut_off_in_its_body_is_retried(serve, client_for, sleeps):
    server = serve(Reply(200, LOGIN_OK, cut_at=20), Reply(200, LOGIN_OK))
    assert login(client_for(server.url)).device_id == "dev-1"
    assert len(server.received) == 2


def test_an_answer_always_cut_off_is_offline_in_the_end(serve, client_for):
    server = serve(Reply(200, LOGIN_OK, cut_at=20))
    with pytest.raises(OfflineError):
        login(client_for(server.url, retries=2))
    assert len(server.received) == 3


# ---------------------------------------------------------------- answers that are not the protocol


@pytest.mark.parametrize("body", [b"<html>Welcome to nginx!</html>", b"", b"{\"device_id\": "],
                         ids=["html", "empty", "broken-json"])
def test_an_ok_answer_that_is_not_json_is_a_protocol_error(body, serve, client_for, sleeps):
    server = serve(Reply(200, body, headers={"Content-Type": "text/html"}))
    with pytest.raises(ProtocolError) as caught:
        login(client_for(server.url))
    assert caught.value.code in ("protocol.bad_json", "protocol.bad_shape") and has_chinese(caught.value.message)
    assert len(server.received) == 1 and sleeps == []


def test_non_json_is_named_as_such(serve, client_for):
    server = serve(Reply(200, b"<html>captive portal</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(ProtocolError) as caught:
        login(client_for(server.url))
    assert caught.value.code == "protocol.bad_json" and caught.value.status == 200


@pytest.mark.parametrize("body", [
    {"device_id": "dev-1"},  # fields missing
    {**LOGIN_OK, "surprise": 1},  # unknown field (messages forbid extras)
    {**LOGIN_OK, "user": {**LOGIN_OK["user"], "role": "emperor"}},  # bad value
    [LOGIN_OK],  # not an object
], ids=["missing", "extra", "bad-value", "array"])
def test_an_ok_json_answer_of_the_wrong_shape_is_a_protocol_error(body, serve, client_for):
    server = serve(Reply(200, body))
    with pytest.raises(ProtocolError) as caught:
        login(client_for(server.url))
    assert caught.value.code == "protocol.bad_shape" and has_chinese(caught.value.message)
    assert len(server.received) == 1


def test_a_pull_answer_of_the_wrong_shape_is_a_protocol_error(serve, client_for):
    server = serve(Reply(200, {"changes": "none", "cursors": {}, "has_more": False}))
    with pytest.raises(ProtocolError):
        client_for(server.url, token="t").pull({"450224101201": 0})


# ---------------------------------------------------------------- snapshots and blobs


@pytest.mark.parametrize(("status", "error"), [(401, AuthError), (403, ForbiddenError), (404, RequestError),
                                               (500, ServerError)])
def test_a_snapshot_refused_by_the_server_raises_the_mapped_error(status, error, serve, client_for):
    server = serve(Reply(status, {"code": f"test.{status}", "message": "不行。"}))
    with pytest.raises(error):
        client_for(server.url, token="t").snapshot("450224101201")
    assert len(server.received) == 1


def test_a_snapshot_behind_a_busy_gateway_is_retried(serve, client_for):
    data = gzip.compress(b'{"bucket": "450224101201"}\n')
    server = serve(Reply(503, {}), Reply(200, data, headers={"Content-Type": "application/gzip"}))
    assert client_for(server.url, token="t").snapshot("450224101201") == data


def test_a_snapshot_cut_off_midway_resumes_with_a_range_request(serve, client_for):
    data = bytes(range(256)) * 1200  # 300 KiB
    cut = 200 * 1024
    headers = {"Content-Type": "application/gzip", "ETag": '"b-7"'}

    def ranged(request: Received) -> Reply:
        if "range" not in request.headers:
            return Reply(200, data, headers=headers)
        start = int(request.headers["range"].removeprefix("bytes=").rstrip("-"))
        span = f"bytes {start}-{len(data) - 1}/{len(data)}"
        return Reply(206, data[start:], headers={**headers, "Content-Range": span})

    server = serve(Reply(200, data, headers=headers, cut_at=cut), ranged)
    assert client_for(server.url, token="t").snapshot("450224101201") == data
    resumed = server.received[1].headers
    assert 0 < int(resumed["range"].removeprefix("bytes=").rstrip("-")) <= cut and resumed["if-range"] == '"b-7"'


def test_a_blob_download_behind_a_busy_gateway_is_retried(serve, client_for):
    data = b"photo" * 100
    server = serve(Reply(503, {}), Reply(200, data, headers={"Content-Type": "application/octet-stream"}))
    assert client_for(server.url, token="t").blob_download("ab" * 32) == data


def test_a_blob_download_refused_raises_the_mapped_error(serve, client_for):
    server = serve(Reply(403, {"code": "blob.forbidden", "message": "无权下载。"}))
    with pytest.raises(ForbiddenError):
        client_for(server.url, token="t").blob_download("ab" * 32)


# ---------------------------------------------------------------- gzip


def _mutations(n: int) -> list[dict[str, Any]]:
    return [{"mutation_id": f"00000000-0000-4000-8000-{i:012d}", "note": "融安县浮石镇" * 5} for i in range(n)]


def test_request_bodies_above_1_kib_are_gzipped(serve, client_for):
    server = serve(Reply(200, {"results": []}))
    client = client_for(server.url, token="t")
    client.push(_mutations(1))  # small: sent as it is
    client.push(_mutations(40))  # large: gzipped
    small, large = server.received
    assert "content-encoding" not in small.headers and json.loads(small.body)["mutations"] == _mutations(1)
    assert large.headers["content-encoding"] == "gzip" and large.headers["content-type"] == "application/json"
    sent = json.loads(gzip.decompress(large.body))
    assert sent == {"protocol_version": p.PROTOCOL_VERSION, "mutations": _mutations(40)}
    assert len(large.body) < len(json.dumps(sent, ensure_ascii=False).encode()) // 3
    assert client.bytes_sent == len(small.body) + len(large.body)


def test_the_real_server_takes_a_gzipped_push(make_laptop, make_user, server_url):
    """Through the fault proxy (in pass mode) to see what went over the wire."""
    from tests.server.conftest import grid_of
    from tests.support import factories as f
    from tests.support.fault_proxy import FaultProxy

    laptop = make_laptop(make_user("grid_worker", grid_of(f.QUANTOU, 1)))
    with FaultProxy(server_url) as proxy:
        laptop.client.base_url = proxy.url
        laptop.sync()
        for i in range(12):
            laptop.store.save(f.person(f"韦压缩{i}", id_number=None, hukou_address="融安县浮石镇浮石村下岭尾屯"))
        report = laptop.sync()
        [push] = proxy.seen("/v1/sync/push")
    assert report.pushed == {"applied": 12}
    assert push.headers["content-encoding"] == "gzip" and push.status == 200
    assert len(json.loads(gzip.decompress(push.body))["mutations"]) == 12


# ---------------------------------------------------------------- TLS


def test_tls_verification_is_on_by_default_and_a_ca_bundle_sets_it(tmp_path):
    bundle = tmp_path / "county-ca.pem"
    bundle.write_text("")
    assert Client("https://sync.rongan.example").session.verify is True
    assert Client("https://sync.rongan.example", ca_bundle=str(bundle)).session.verify == str(bundle)
    assert Client("https://sync.rongan.example", verify_tls=False).session.verify is False


@dataclass
class Pki:
    ca_pem: Path
    server_context: ssl.SSLContext


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    """A county CA of our own and a certificate it signed for 127.0.0.1."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = tmp_path_factory.mktemp("pki")
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "融安县测试CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_pem, cert_pem, key_pem = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_pem, key_pem)
    return Pki(ca_pem, context)


@pytest.fixture
def clean_ca_env(monkeypatch):
    """No CA bundle from the environment (requests reads REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE)."""
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)


def test_a_server_certificate_from_an_unknown_ca_is_refused(pki, serve, client_for, clean_ca_env):
    server = serve(Reply(200, LOGIN_OK), tls=pki.server_context)
    with pytest.raises(TLSError, match="安全证书"):  # not retried, and not called "offline"
        login(client_for(server.url, retries=3))
    assert server.received == []


def test_the_county_ca_bundle_makes_the_server_trusted(pki, serve, client_for, clean_ca_env):
    server = serve(Reply(200, LOGIN_OK), tls=pki.server_context)
    assert login(client_for(server.url, ca_bundle=str(pki.ca_pem))).token == "tok-1"


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_switching_verification_off_is_possible(pki, serve, client_for, clean_ca_env):
    server = serve(Reply(200, LOGIN_OK), tls=pki.server_context)
    assert login(client_for(server.url, verify_tls=False)).token == "tok-1"


def test_the_county_ca_bundle_wins_over_the_environment(pki, serve, client_for, monkeypatch):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ssl.get_default_verify_paths().openssl_cafile or "/etc/ssl/certs/"
                       "ca-certificates.crt")
    server = serve(Reply(200, LOGIN_OK), tls=pki.server_context)
    assert login(client_for(server.url, ca_bundle=str(pki.ca_pem), retries=0)).token == "tok-1"


def test_a_snapshot_download_leaves_off_soon_once_the_sync_stops(serve, client_for):
    # A sync that fails while the next village still downloads over a slow line ends without
    # waiting for the rest of it (about ten seconds here, 45 s for a village at 256 kbit/s).
    from sync.client import DownloadStopped
    from tests.support.fault_proxy import FaultProxy

    data = bytes(range(256)) * 1200  # 300 KiB: 10 s at 256 kbit/s
    server = serve(Reply(200, data, headers={"Content-Type": "application/gzip"}))
    with FaultProxy(server.url) as proxy:
        proxy.inject("throttle", rate_bps=256_000)
        stop = threading.Event()
        threading.Timer(1.0, stop.set).start()
        started = time.monotonic()
        with pytest.raises(DownloadStopped) as stopped:
            client_for(proxy.url, token="t").snapshot("450224101201", stop=stop)
        assert 1.0 <= time.monotonic() - started < 5.0
    assert has_chinese(stopped.value.message) and stopped.value.code == "sync.stopped"
    assert len(server.received) == 1  # not retried: it was asked to stop


def test_a_snapshot_waiting_to_be_asked_again_gives_up_at_once_when_the_sync_stops(serve, client_for):
    from sync.client import DownloadStopped

    server = serve(Reply(503, {"code": "server.busy", "message": "服务器忙"}, headers={"Retry-After": "10"}))
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(DownloadStopped):
        client_for(server.url, token="t").snapshot("450224101201", stop=stop)
    assert time.monotonic() - started < 5.0 and len(server.received) == 1  # not the 10 s it was told to wait

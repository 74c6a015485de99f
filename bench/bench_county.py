"""The county load: every grid's laptop logs in once, then runs one sync cycle, against ONE
uvicorn server process, on SQLite and on PostgreSQL.

The issue: "simulate the 1,516 grids' devices, each logging in once and then running a sync
cycle (push 20 mutations, pull) against one server process on PostgreSQL and on SQLite; report
throughput, median and p95 latency, errors. Target: all 1,516 cycles within 60 s on this 2-core
machine with zero errors."

Per engine: a fresh server database (migrated, the county's geography, the 1,516-grid demo plan,
one grid_worker per grid assigned to it; all before the clock), one `python -m uvicorn --factory
bench.server_common:app` process, then three timed phases over real HTTP (requests; a new
connection per device; `--concurrency` client threads in this process):

1. baseline: GET /health once per device (an empty request through the same stack);
2. login: POST /v1/auth/login per device (argon2 verify on the server);
3. sync cycle per device: GET /v1/sync/hello, POST /v1/sync/push of 20 mutations (gzip body),
   POST /v1/sync/pull from empty cursors until has_more is false.

A device's 20 mutations are a grid worker's day in its own village, built with
sync.mutations.mutation from gridapp.demo records: 13 creates of households and their people,
1 update of one of those households (base_version 1), 3 visits each created as a draft and
then sealed (create + seal). The bodies are built and gzipped before the clock.

    .venv/bin/python bench/bench_county.py [--devices 1516] [--concurrency 32] [--engine both]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.server_common import (  # noqa: E402
    CpuMeter, CpuUse, Postgres, UvicornServer, database_url, fresh_server_db, shown, pct_ms,
    precomputed_password_hashes,
)
from gridapp.demo import generate  # noqa: E402
from gridapp.geography import load_geography  # noqa: E402
from sync.mutations import mutation  # noqa: E402
from sync.protocol import PROTOCOL_VERSION  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.geography import demo_grid_rows  # noqa: E402

HOME_RECORDS = 13  # creates of households and people per device
VISITS = 3  # visits per device, each create (draft) + seal
PER_DEVICE = HOME_RECORDS + 1 + 2 * VISITS  # + 1 update = 20
SHARED_PASSWORD = "bench-grid-password-2026"
TIMEOUT = 300


@dataclass
class Device:
    username: str
    password: str
    grid: str
    village: str
    push_body: bytes = b""
    own_ids: set[str] = field(default_factory=set)
    token: str | None = None


@dataclass
class Outcome:
    """One device's request(s) in a phase: wall latency, an error message or None, details."""

    latency: float
    error: str | None = None
    parts: dict[str, float] = field(default_factory=dict)
    pulled: int = 0
    pages: int = 0
    statuses: Counter = field(default_factory=Counter)


# ---------------------------------------------------------------- devices and their outboxes


def pick_devices(n: int, distinct_passwords: bool) -> list[Device]:
    """`n` grids spread over the county (all of them for 1,516), one grid worker each."""
    rows = demo_grid_rows(load_geography())
    if not 1 <= n <= len(rows):
        raise SystemExit(f"--devices must be 1 … {len(rows)} (one per grid)")
    chosen = [rows[i * len(rows) // n] for i in range(n)]
    return [Device(username=f"gw{r['grid_code']}", grid=r["grid_code"], village=r["village_code"],
                   password=f"pw-{r['grid_code']}-2026" if distinct_passwords else SHARED_PASSWORD)
            for r in chosen]


def record_pools(devices: list[Device]) -> tuple[dict[str, list[Any]], dict[str, list[Any]], int]:
    """Per village: a stream of household/person records (each household before its people)
    and completed visits, from gridapp.demo county-wide, enough for every device there."""
    need = Counter(d.village for d in devices)
    homes: dict[str, list[Any]] = {v: [] for v in need}
    visits: dict[str, list[Any]] = {v: [] for v in need}
    generated = 0
    for seed in itertools.count(2024):
        households = 10_000 if seed == 2024 else 3_000
        for r in generate(households, seed=seed, township="全县", visits_per_household=2.0):
            v = r.bucket()
            if v not in need:
                continue
            if r.RECORD_TYPE in ("household", "person"):
                homes[v].append(r)
            elif r.RECORD_TYPE == "visit" and r.state == "COMPLETED":
                visits[v].append(r)
        generated += households
        if all(len(homes[v]) >= HOME_RECORDS * k + 10 and len(visits[v]) >= VISITS * k for v, k in need.items()):
            return homes, visits, generated
    raise AssertionError("unreachable")


def build_outboxes(devices: list[Device]) -> int:
    """Fill each device's gzipped push body (20 mutations); returns households generated."""
    homes, visits, generated = record_pools(devices)
    taken_h: Counter = Counter()
    taken_v: Counter = Counter()
    for d in devices:
        h0 = taken_h[d.village]
        mine = homes[d.village][h0:h0 + HOME_RECORDS]
        taken_h[d.village] += HOME_RECORDS
        v0 = taken_v[d.village]
        seen = visits[d.village][v0:v0 + VISITS]
        taken_v[d.village] += VISITS
        seq = itertools.count(1)
        muts = [mutation("create", r, next(seq)) for r in mine]
        household = next(r for r in mine if r.RECORD_TYPE == "household")
        moved = household.model_copy(update={"address_detail": (household.address_detail or "") + "（已搬新房）"})
        muts.append(mutation("update", moved, next(seq), base_version=1, fields=["address_detail"]))
        for visit in seen:
            muts.append(mutation("create", visit.model_copy(update={"state": "DRAFT"}), next(seq)))
            muts.append(mutation("seal", visit, next(seq), from_state="DRAFT", to_state="COMPLETED", base_version=1))
        assert len(muts) == PER_DEVICE
        body = {"protocol_version": PROTOCOL_VERSION, "mutations": [m.model_dump(mode="json") for m in muts]}
        d.push_body = gzip.compress(json.dumps(body, ensure_ascii=False).encode())
        d.own_ids = {r.id for r in mine} | {v.id for v in seen}
    return generated


def _hash(password: str) -> str:
    from sync.server.auth import hash_password

    return hash_password(password)


def password_hashes(devices: list[Device]) -> dict[str, str]:
    """argon2 hashes of the devices' passwords (the server's parameters), on every core."""
    passwords = sorted({d.password for d in devices})
    if len(passwords) == 1:
        return {passwords[0]: _hash(passwords[0])}
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        return dict(zip(passwords, pool.map(_hash, passwords, chunksize=8)))


def create_users(engine: Any, devices: list[Device], hashes: dict[str, str]) -> None:
    with precomputed_password_hashes(hashes), engine.begin() as conn:
        for d in devices:
            accounts.add_user(conn, d.username, d.password, "grid_worker", display_name=f"网格员{d.grid[-6:]}")
            accounts.assign(conn, d.username, [d.grid])


# ---------------------------------------------------------------- the client side


def register_devices(engine: Any, devices: list[Device]) -> None:
    """--no-login: a device row and token per user written straight into the database, as a
    login would (for quick experiments on the sync phase; not the issue's scenario)."""
    import secrets
    import uuid

    from sync.server.auth import now, token_hash
    from sync.server.tables import devices as devices_table, users

    with engine.begin() as conn:
        ids = dict(conn.execute(select(users.c.username, users.c.id)).all())
        rows = []
        for d in devices:
            d.token = secrets.token_urlsafe(32)
            rows.append({"id": str(uuid.uuid4()), "user_id": ids[d.username], "name": f"{d.grid} 的笔记本",
                         "token_hash": token_hash(d.token), "created_at": now()})
        conn.execute(devices_table.insert(), rows)


def _gz(value: Any) -> bytes:
    return gzip.compress(json.dumps(value, ensure_ascii=False).encode())


GZ_JSON = {"Content-Type": "application/json", "Content-Encoding": "gzip"}


def _check(response: requests.Response, what: str) -> dict[str, Any]:
    if response.status_code != 200:
        raise RuntimeError(f"{what}: HTTP {response.status_code}: {response.text[:200]}")
    return response.json()


def health(base: str, _d: Device) -> Outcome:
    t0 = time.perf_counter()
    with requests.Session() as s:
        _check(s.get(base + "/health", timeout=TIMEOUT), "GET /health")
    return Outcome(time.perf_counter() - t0)


def login(base: str, d: Device) -> Outcome:
    t0 = time.perf_counter()
    with requests.Session() as s:
        body = _check(s.post(base + "/v1/auth/login", data=_gz({
            "username": d.username, "password": d.password, "device_name": f"{d.grid} 的笔记本"}),
            headers=GZ_JSON, timeout=TIMEOUT), "login")
    d.token = body["token"]
    return Outcome(time.perf_counter() - t0)


def cycle(base: str, d: Device) -> Outcome:
    """hello → push 20 → pull until has_more is false, on one new connection."""
    out = Outcome(0.0)
    auth = {"Authorization": f"Bearer {d.token}"}
    t0 = time.perf_counter()
    with requests.Session() as s:
        hello = _check(s.get(base + "/v1/sync/hello", headers=auth, timeout=TIMEOUT), "hello")
        t1 = time.perf_counter()
        results = _check(s.post(base + "/v1/sync/push", data=d.push_body, headers={**auth, **GZ_JSON},
                                timeout=TIMEOUT), "push")["results"]
        t2 = time.perf_counter()
        out.statuses.update(r["status"] for r in results)
        cursors: dict[str, int] = {}
        seen: set[str] = set()
        while True:
            page = _check(s.post(base + "/v1/sync/pull", data=_gz({"protocol_version": PROTOCOL_VERSION,
                                                                    "cursors": cursors}),
                                 headers={**auth, **GZ_JSON}, timeout=TIMEOUT), "pull")
            out.pages += 1
            out.pulled += len(page["changes"])
            seen.update(c["record_id"] for c in page["changes"])
            cursors = page["cursors"]
            if not page["has_more"]:
                break
        t3 = time.perf_counter()
    out.latency = t3 - t0
    out.parts = {"hello": t1 - t0, "push": t2 - t1, "pull": t3 - t2}
    problems = []
    if hello["buckets"] != [d.village]:
        problems.append(f"hello buckets {hello['buckets']} ≠ [{d.village}]")
    if len(results) != PER_DEVICE or set(out.statuses) != {"applied"}:
        odd = [f"{r['status']}:{r.get('code')}" for r in results if r["status"] != "applied"]
        problems.append(f"push results {dict(out.statuses)} ({', '.join(odd[:3])})")
    if not d.own_ids <= seen:
        problems.append(f"pull missed {len(d.own_ids - seen)} of the device's own records")
    if problems:
        out.error = f"{d.username}: " + "; ".join(problems)
    return out


def run_phase(devices: list[Device], work: Callable[[str, Device], Outcome], base: str,
              concurrency: int) -> tuple[float, list[Outcome]]:
    """Run `work` for every device on `concurrency` threads; (wall seconds, outcomes)."""

    def one(d: Device) -> Outcome:
        t0 = time.perf_counter()
        try:
            return work(base, d)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            return Outcome(time.perf_counter() - t0, error=f"{d.username}: {type(exc).__name__}: {exc}"[:300])

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(one, devices))
    return time.perf_counter() - t0, outcomes


# ---------------------------------------------------------------- one engine


@dataclass
class PhaseResult:
    name: str
    wall: float
    outcomes: list[Outcome]
    cpu: CpuUse

    @property
    def latencies(self) -> list[float]:
        return [o.latency for o in self.outcomes if o.error is None]

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error]

    def rate(self) -> float:
        return len(self.outcomes) / self.wall

    def line(self, unit: str) -> str:
        lat = self.latencies
        return (f"  {self.name:<24} wall {self.wall:7.2f} s  {self.rate():7.1f} {unit}/s  "
                f"median {pct_ms(lat, 0.5):8.1f} ms  p95 {pct_ms(lat, 0.95):8.1f} ms  "
                f"max {max(lat, default=0) * 1000:8.1f} ms  errors {len(self.errors)}")


def run_engine(kind: str, devices: list[Device], hashes: dict[str, str], folder: Path, pg: Postgres | None,
               args: argparse.Namespace) -> dict[str, Any]:
    for d in devices:
        d.token = None
    setup: dict[str, float] = {}
    t0 = time.perf_counter()
    url = database_url(kind, folder, pg, f"county_{kind}")
    engine = fresh_server_db(url)
    setup["migrate + geography + 1,516 grids"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    create_users(engine, devices, hashes)
    setup[f"{len(devices)} users + assignments"] = time.perf_counter() - t0
    env = {"GRIDAPP_SERVER_POOL_SIZE": str(args.pool_size)} if args.pool_size else {}
    if args.no_login:
        t0 = time.perf_counter()
        register_devices(engine, devices)
        setup[f"{len(devices)} device tokens written directly (--no-login)"] = time.perf_counter() - t0
    factory = "app_sqlite_queuepool" if args.sqlite_queuepool and kind == "sqlite" else "app"
    server = UvicornServer(url, folder / f"server-{kind}", env=env, factory=factory)
    t0 = time.perf_counter()
    server.start()
    setup["uvicorn start"] = time.perf_counter() - t0
    pg_pid = pg.postmaster_pid() if pg and kind == "postgresql" else None
    phases: list[PhaseResult] = []
    try:
        run_phase(devices[:args.concurrency], health, server.url, args.concurrency)  # warm-up
        for name, work in (("GET /health (baseline)", health), ("login", login), ("sync cycle", cycle)):
            if name == "login" and args.no_login:
                continue
            if name == "sync cycle" and any(d.token is None for d in devices):
                print(f"  ({sum(d.token is None for d in devices)} devices have no token: their cycles fail)")
            spy = _py_spy(args, server.pid, folder, kind) if name == "sync cycle" else None
            with CpuMeter(server.pid, pg_pid) as meter:
                wall, outcomes = run_phase(devices, work, server.url, args.concurrency)
            if spy:
                spy.send_signal(signal.SIGINT)
                spy.wait(60)
            phases.append(PhaseResult(name, wall, outcomes, meter.use))
    finally:
        server.stop()
    with engine.connect() as conn:
        from sync.server.tables import mutations, records

        stored = conn.execute(select(func.count()).select_from(mutations)).scalar_one()
        held = conn.execute(select(func.count()).select_from(records)).scalar_one()
    engine.dispose()
    return {"kind": kind, "url": url, "setup": setup, "phases": phases, "stored": stored, "records": held,
            "server_errors": server.errors_logged()}


def _py_spy(args: argparse.Namespace, pid: int, folder: Path, kind: str) -> subprocess.Popen | None:
    """py-spy sampling the server during the sync phase (`--py-spy PATH-TO-py-spy`)."""
    if not args.py_spy:
        return None
    out = Path(args.profile_dir or folder) / f"server-{kind}.collapsed"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [args.py_spy, "record", "-p", str(pid), "-o", str(out), "-f", "raw", "-r", "100"]
    if args.gil:
        cmd.append("--gil")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    print(f"  (py-spy sampling the server during the sync phase → {out})")
    return proc


def report(res: dict[str, Any], devices: list[Device], args: argparse.Namespace) -> None:
    kind = res["kind"]
    print(f"\n{'SQLite' if kind == 'sqlite' else 'PostgreSQL'}  ({shown(res['url'])})")
    print("  setup (not timed): " + ", ".join(f"{k} {v:.1f} s" for k, v in res["setup"].items()))
    base, cycles = res["phases"][0], res["phases"][-1]
    logins = res["phases"][1] if len(res["phases"]) == 3 else None
    print(base.line("req"))
    if logins:
        print(logins.line("login"))
    print(cycles.line("cycle"))
    parts = {p: [o.parts[p] for o in cycles.outcomes if o.error is None and p in o.parts]
             for p in ("hello", "push", "pull")}
    print("    cycle parts: " + ", ".join(f"{p} median {pct_ms(v, 0.5):.1f} ms / p95 {pct_ms(v, 0.95):.1f} ms"
                                         for p, v in parts.items()))
    pulled = [o.pulled for o in cycles.outcomes if o.error is None]
    pages = sum(o.pages for o in cycles.outcomes)
    statuses = sum((o.statuses for o in cycles.outcomes), Counter())
    print(f"    pushed {sum(statuses.values())} mutations ({', '.join(f'{k} {v}' for k, v in statuses.items())}); "
          f"pulled {sum(pulled)} changes in {pages} pages (median {statistics.median(pulled) if pulled else 0:.0f} "
          f"per cycle); server now holds {res['stored']} mutation results, {res['records']} records "
          f"(expected {len(devices) * PER_DEVICE} and {len(devices) * (HOME_RECORDS + VISITS)})")
    for phase in res["phases"]:
        print(f"    {phase.name}: {phase.cpu.describe()}")
    for phase in res["phases"]:
        for e in phase.errors[:5]:
            print(f"    error ({phase.name}): {e}")
    if res["server_errors"]:
        print(f"    server log: {len(res['server_errors'])} error lines, first: {res['server_errors'][0][:300]}")
    ratio_median = pct_ms(cycles.latencies, 0.5) / pct_ms(base.latencies, 0.5)
    print(f"  cycle / health: median latency {ratio_median:.1f}x, throughput {base.rate() / cycles.rate():.1f}x "
          f"fewer per second")
    ok = cycles.wall <= 60 and not cycles.errors and len(devices) == 1516
    verdict = "met" if ok else ("not met" if len(devices) == 1516 else "n/a (fewer devices than 1,516)")
    print(f"  target (1,516 cycles ≤ 60 s, zero errors): {verdict} — {len(cycles.outcomes)} cycles in "
          f"{cycles.wall:.1f} s, {len(cycles.errors)} errors"
          + (f"; login phase {logins.wall:.1f} s on top" if logins else "; login phase skipped (--no-login)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=1516, help="devices (one per grid; at most 1,516)")
    parser.add_argument("--concurrency", type=int, default=32, help="client threads")
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--distinct-passwords", action="store_true",
                        help="give every user its own password (hashing them all takes ~1 min on 2 cores); "
                             "by default all share one argon2 hash: the login's verify costs the same")
    parser.add_argument("--pool-size", type=int, default=0, help="GRIDAPP_SERVER_POOL_SIZE (default: the server's)")
    parser.add_argument("--no-login", action="store_true",
                        help="skip the login phase: write the device tokens into the database (experiments)")
    parser.add_argument("--sqlite-queuepool", action="store_true",
                        help="EXPERIMENT: serve SQLite through bench.server_common:app_sqlite_queuepool (pooled "
                             "connections instead of the server's NullPool)")
    parser.add_argument("--py-spy", metavar="PATH", help="sample the server with this py-spy during the sync phase")
    parser.add_argument("--gil", action="store_true", help="with --py-spy: only samples holding the GIL")
    parser.add_argument("--profile-dir", help="where --py-spy writes (default: the temporary folder)")
    parser.add_argument("--pg-fast", action="store_true",
                        help="PostgreSQL without fsync/synchronous_commit/full_page_writes (the tests' settings)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (databases, logs)")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    folder = Path(tempfile.mkdtemp(prefix="gridapp-county-"))
    started = time.perf_counter()

    devices = pick_devices(args.devices, args.distinct_passwords)
    t0 = time.perf_counter()
    households = build_outboxes(devices)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    hashes = password_hashes(devices)
    t_hash = time.perf_counter() - t0
    body_kb = statistics.mean(len(d.push_body) for d in devices) / 1024
    print(f"county load: {len(devices)} devices in {len({d.village for d in devices})} villages, "
          f"{args.concurrency} client threads (this process), one uvicorn process, {os.cpu_count()} cores")
    if args.sqlite_queuepool:
        print("EXPERIMENT --sqlite-queuepool: SQLite served with a QueuePool by the bench's factory "
              "(not the server's code, which uses NullPool)")
    print(f"before the clock: {len(devices) * PER_DEVICE} mutations built from {households} demo households "
          f"in {t_build:.1f} s (push body {body_kb:.1f} KB gzipped); {len(hashes)} argon2 hash(es) in {t_hash:.1f} s")

    pg = None
    results = []
    try:
        if "postgresql" in engines:
            t0 = time.perf_counter()
            pg = Postgres(durable=not args.pg_fast).start()
            print(f"PostgreSQL: {pg.version} ({pg.settings()}), TCP 127.0.0.1:{pg.port}; "
                  f"started in {time.perf_counter() - t0:.1f} s")
        for kind in engines:
            res = run_engine(kind, devices, hashes, folder, pg, args)
            report(res, devices, args)
            results.append(res)
    except Exception:
        traceback.print_exc()
        raise
    finally:
        if pg:
            pg.stop()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    if len(results) == 2:
        (a, b) = results
        ca, cb = a["phases"][-1], b["phases"][-1]
        line = (f"\nPostgreSQL / SQLite: sync phase wall {cb.wall / ca.wall:.2f}x, cycle median "
                f"{pct_ms(cb.latencies, 0.5) / pct_ms(ca.latencies, 0.5):.2f}x")
        if not args.no_login:
            line += f", login phase wall {b['phases'][1].wall / a['phases'][1].wall:.2f}x"
        print(line)
    print(f"total run time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

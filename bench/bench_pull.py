"""Pull throughput: a township's 100,000 records served as pages, on SQLite and PostgreSQL.

The issue: "Pull throughput: a township's 100,000 records served as pages; records per second
from the server side alone."

Per engine, in one run: a fresh server database loaded with `sync.server.push.import_records`
(deterministic gridapp.demo records of one township; the load time is reported), then

- the baseline: a raw `SELECT data FROM records ORDER BY bucket, change_no` of the same rows
  with the same driver (sqlite3 / psycopg through engine.raw_connection(), fetchall);
- `sync.server.pull.pull(engine, caller, cursors, limit=max_page)` for the township's staff in a
  loop until has_more is false: the server side alone, no HTTP (ratio against the baseline);
- for comparison, the same pages over HTTP from one uvicorn process (gzip responses, decoded
  and parsed by the client in this process, as a laptop would).

Each contender runs --repeat times and keeps its best time (the HTTP path --http-repeat times).

    .venv/bin/python bench/bench_pull.py [--records 100000] [--township 浮石镇] [--engine both]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from bench.server_common import (  # noqa: E402
    CpuMeter, Postgres, UvicornServer, database_url, fresh_server_db, shown,
)
from gridapp.demo import generate  # noqa: E402
from gridapp.geography import load_geography  # noqa: E402
from gridapp.models import Record  # noqa: E402
from sync.protocol import PROTOCOL_VERSION, Role  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.auth import Caller  # noqa: E402
from sync.server.config import Settings  # noqa: E402
from sync.server.pull import pull  # noqa: E402

PASSWORD = "bench-township-password"
RAW_SQL = "SELECT data FROM records ORDER BY bucket, change_no"


def township_records(target: int, township: str) -> tuple[list[Record], int]:
    """Exactly `target` demo records of `township` (surplus plain visits dropped); and the
    household count generated."""
    households = max(1, round(target / 7.8))
    while True:
        records = generate(households, township=township)
        if len(records) >= target:
            break
        households = math.ceil(households * target / len(records) * 1.01)
    surplus = len(records) - target
    if surplus:
        referenced = {getattr(r, "owner_id", None) for r in records} | \
                     {getattr(r, "source_visit_id", None) for r in records}
        drop = set()
        for r in reversed(records):
            if len(drop) == surplus:
                break
            if r.RECORD_TYPE == "visit" and r.id not in referenced and not r.attachment_ids and not r.dispute_case_ids:
                drop.add(r.id)
        records = [r for r in records if r.id not in drop]
    return records, households


def township_code(name_or_code: str) -> tuple[str, str]:
    for t in load_geography().townships:
        if name_or_code in (t.name, t.code):
            return t.code, t.name
    raise SystemExit(f"unknown township {name_or_code!r}")


def best(times: dict[str, float], name: str, elapsed: float) -> None:
    times[name] = min(elapsed, times.get(name, elapsed))


def raw_select(engine: Any) -> int:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(RAW_SQL)
        rows = cur.fetchall()
        cur.close()
        raw.rollback()
    finally:
        raw.close()
    return len(rows)


def raw_select_json(engine: Any) -> int:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(RAW_SQL)
        n = sum(1 for (data,) in cur.fetchall() if json.loads(data) is not None)
        cur.close()
        raw.rollback()
    finally:
        raw.close()
    return n


def server_pull(engine: Any, caller: Caller, limit: int, encode: bool = False) -> tuple[int, int, int]:
    """Pull every page from empty cursors: (changes, pages, JSON bytes if `encode`)."""
    cursors: dict[str, int] = {}
    changes = pages = size = 0
    while True:
        page = pull(engine, caller, cursors, limit)
        if encode:
            size += len(page.model_dump_json())
        changes += len(page.changes)
        pages += 1
        cursors = page.cursors
        if not page.has_more:
            return changes, pages, size


def http_pull(base: str, token: str) -> tuple[int, int, int, int, float]:
    """Pull every page over HTTP (gzip both ways); (changes, pages, bytes on the wire,
    bytes decoded, client seconds spent decoding)."""
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Content-Encoding": "gzip",
            "Accept-Encoding": "gzip"}
    cursors: dict[str, int] = {}
    changes = pages = wire = plain = 0
    decode = 0.0
    with requests.Session() as s:
        while True:
            body = gzip.compress(json.dumps({"protocol_version": PROTOCOL_VERSION, "cursors": cursors}).encode())
            r = s.post(base + "/v1/sync/pull", data=body, headers=auth, stream=True, timeout=300)
            raw = r.raw.read(decode_content=False)
            if r.status_code != 200:
                raise RuntimeError(f"pull: HTTP {r.status_code}: {raw[:300]!r}")
            t0 = time.perf_counter()
            text = gzip.decompress(raw) if r.headers.get("content-encoding") == "gzip" else raw
            page = json.loads(text)
            decode += time.perf_counter() - t0
            wire += len(raw)
            plain += len(text)
            changes += len(page["changes"])
            pages += 1
            cursors = page["cursors"]
            if not page["has_more"]:
                return changes, pages, wire, plain, decode


def load(kind: str, records: list[Record], code: str, folder: Path, pg: Postgres | None) -> dict[str, Any]:
    """A fresh server database for `kind` holding `records` and the township's staff account."""
    n = len(records)
    url = database_url(kind, folder, pg, f"pull_{kind}")
    engine = fresh_server_db(url)
    with engine.begin() as conn:
        user_id = accounts.add_user(conn, "township-staff", PASSWORD, Role.TOWNSHIP_STAFF, display_name="综治中心")
        accounts.assign(conn, "township-staff", [code])
        epoch = accounts.user_by_name(conn, "township-staff")["assignment_epoch"]
    caller = Caller(user_id=user_id, username="township-staff", display_name="综治中心", role=Role.TOWNSHIP_STAFF,
                    device_id="bench-pull-device", mediator_id=None, assignment_epoch=epoch)
    from sync.server.push import import_records

    t0 = time.perf_counter()
    loaded = import_records(engine, records, username="bench-import")
    t_load = time.perf_counter() - t0
    assert loaded == n, (loaded, n)
    return {"kind": kind, "url": url, "engine": engine, "caller": caller, "n": n, "t_load": t_load}


def measure(db: dict[str, Any], pg: Postgres | None, folder: Path, args: argparse.Namespace) -> None:
    kind, url, engine, caller, n, t_load = (db[k] for k in ("kind", "url", "engine", "caller", "n", "t_load"))
    limit = args.page or Settings().max_page
    t: dict[str, float] = {}
    pages = size = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        got = raw_select(engine)
        best(t, "raw", time.perf_counter() - t0)
        assert got == n, got
        t0 = time.perf_counter()
        raw_select_json(engine)
        best(t, "raw+json", time.perf_counter() - t0)
        t0 = time.perf_counter()
        got, pages, _ = server_pull(engine, caller, limit)
        best(t, "pull", time.perf_counter() - t0)
        assert got == n, (got, n)
        t0 = time.perf_counter()
        _, _, size = server_pull(engine, caller, limit, encode=True)
        best(t, "pull+json", time.perf_counter() - t0)
    engine.dispose()

    server = UvicornServer(url, folder / f"server-{kind}",
                           env={"GRIDAPP_SERVER_MAX_PAGE": str(limit)})
    server.start()
    try:
        r = requests.post(server.url + "/v1/auth/login", json={"username": "township-staff", "password": PASSWORD,
                                                                "device_name": "bench"}, timeout=60)
        r.raise_for_status()
        token = r.json()["token"]
        cpu = None
        for _ in range(args.http_repeat):
            with CpuMeter(server.pid, pg.postmaster_pid() if pg and kind == "postgresql" else None) as meter:
                t0 = time.perf_counter()
                got, http_pages, wire, plain, decode = http_pull(server.url, token)
                elapsed = time.perf_counter() - t0
            assert got == n, (got, n)
            if elapsed < t.get("http", math.inf):
                t["http"], cpu, t["http decode"] = elapsed, meter.use, decode
    finally:
        server.stop()

    raw = t["raw"]
    print(f"\n{'SQLite' if kind == 'sqlite' else 'PostgreSQL'}  ({shown(url)})")
    print(f"  load: import_records of {n} records in {t_load:.1f} s ({n / t_load:,.0f} records/s; not timed below)")
    rows = [
        ("raw SELECT data (baseline)", t["raw"], ""),
        ("raw SELECT + json.loads", t["raw+json"], ""),
        ("pull() server side", t["pull"], f"{pages} pages of ≤ {limit}"),
        ("pull() + model_dump_json", t["pull+json"], f"{size / 1e6:.1f} MB JSON"),
        ("HTTP pull (uvicorn, gzip)", t["http"], f"{wire / 1e6:.1f} MB on the wire, {plain / 1e6:.1f} MB JSON; "
                                                 f"client decode {t['http decode']:.1f} s"),
    ]
    for name, secs, note in rows:
        print(f"  {name:<28} {secs * 1000:9.1f} ms  {n / secs:10,.0f} records/s  {secs / raw:6.1f}x raw"
              + (f"   ({note})" if note else ""))
    if cpu:
        print(f"    HTTP pull {cpu.describe()}")
    print(f"  server side alone: {n / t['pull']:,.0f} records/s = {t['pull'] / raw:.1f}x the raw SELECT; "
          f"HTTP / server side = {t['http'] / t['pull']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--township", default="浮石镇", help="name or 9-digit code")
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--page", type=int, default=0, help="page size (default: the server's max_page)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the server-side contenders (best kept)")
    parser.add_argument("--http-repeat", type=int, default=2, help="runs of the HTTP pull (best kept)")
    parser.add_argument("--pg-fast", action="store_true",
                        help="PostgreSQL without fsync/synchronous_commit/full_page_writes (the tests' settings)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    code, name = township_code(args.township)
    folder = Path(tempfile.mkdtemp(prefix="gridapp-pull-"))
    started = time.perf_counter()

    t0 = time.perf_counter()
    records, households = township_records(args.records, code)
    kinds = Counter(r.RECORD_TYPE for r in records)
    print(f"pull: {len(records):,} records of {name} ({code}, {len({r.bucket() for r in records})} villages) "
          f"from {households:,} demo households in {time.perf_counter() - t0:.1f} s: "
          + ", ".join(f"{k} {v}" for k, v in kinds.most_common(5)) + " …")
    print(f"server-side contenders: best of {args.repeat}; HTTP: best of {args.http_repeat}")
    pg = None
    try:
        if "postgresql" in engines:
            pg = Postgres(durable=not args.pg_fast).start()
            print(f"PostgreSQL: {pg.version} ({pg.settings()}), TCP 127.0.0.1:{pg.port}")
        loaded = [load(kind, records, code, folder, pg) for kind in engines]
        # The demo records (millions of Python objects) must not stay alive while pull() runs in
        # this process: every full garbage collection would scan them (doubling pull's time).
        del records
        gc.collect()
        for db in loaded:
            measure(db, pg, folder, args)
    finally:
        if pg:
            pg.stop()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"total run time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

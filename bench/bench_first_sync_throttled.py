"""A township's first sync over a bad line (issue 4 row 6; sync-failure-modes.md row 6): the
laptop pulls a township through tests/support/fault_proxy.py's `throttle` (256 kbit/s, 300 ms a
round trip) into an empty database. Optional and slow: 100,000 records are about 13 MB of gzip,
some 7 minutes at 256 kbit/s, so the default is a smaller township (`--records` 10,000 of 浮石镇,
spread over its 13 villages like the real one) and the figures are scaled per record.

One uvicorn server (SQLite) loaded with the records (`import_records`, not timed) and a
township_staff account. A first laptop syncs over loopback (the server builds and caches the
snapshot files, as it does for the first device of a township; timed for comparison); a second
laptop, signed in over loopback, then syncs through the throttled proxy. Printed: seconds, round
trips, bytes on the wire (gzip bodies both ways, as the client counts them), bytes per record,
and what that means for a grid worker's village and for a whole township at that speed.

    .venv/bin/python bench/bench_first_sync_throttled.py [--records 10000] [--rate-kbps 256] [--latency-ms 300]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_sync import (  # noqa: E402
    PASSWORD, TOWNSHIP_USER, install_memory_keyring, new_laptop, record_count, township_records,
)
from bench.server_common import UvicornServer, fresh_server_db  # noqa: E402
from gridapp.geography import load_geography  # noqa: E402
from sync.engine import run_sync  # noqa: E402
from sync.protocol import Role  # noqa: E402
from sync.server import accounts  # noqa: E402
from tests.support.fault_proxy import FaultProxy  # noqa: E402


def timed_first_sync(store, client) -> dict:  # noqa: ANN001
    trips, sent, received = client.round_trips, client.bytes_sent, client.bytes_received
    t0 = time.perf_counter()
    report = run_sync(store, client, download_budget=0)
    return {"seconds": time.perf_counter() - t0, "report": report, "trips": client.round_trips - trips,
            "sent": client.bytes_sent - sent, "received": client.bytes_received - received,
            "snapshot_s": client.spent["snapshot"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--township", default="浮石镇")
    parser.add_argument("--rate-kbps", type=int, default=256)
    parser.add_argument("--latency-ms", type=float, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    township = next((t for t in load_geography().townships if args.township in (t.name, t.code)), None)
    if township is None:
        raise SystemExit(f"unknown township {args.township!r}")
    folder = Path(tempfile.mkdtemp(prefix="gridapp-slow-first-"))
    install_memory_keyring()
    server = None
    started = time.perf_counter()
    try:
        records, _households = township_records(args.records, township.code)
        n = len(records)
        villages = Counter(r.bucket() for r in records)
        url = f"sqlite:///{folder / 'server.db'}"
        engine = fresh_server_db(url)
        with engine.begin() as conn:
            accounts.add_user(conn, TOWNSHIP_USER, PASSWORD, Role.TOWNSHIP_STAFF, display_name="综治中心")
            accounts.assign(conn, TOWNSHIP_USER, [township.code])
        from sync.server.push import import_records

        assert import_records(engine, records, username="bench-import") == n
        engine.dispose()
        del records
        gc.collect()
        server = UvicornServer(url, folder / "server").start()
        print(f"{n:,} records of {township.name} in {len(villages)} villages "
              f"(largest {max(villages.values()):,}, median {sorted(villages.values())[len(villages) // 2]:,})")

        fast_store, fast_client = new_laptop(folder, "loopback", server.url, TOWNSHIP_USER)
        fast = timed_first_sync(fast_store, fast_client)
        assert fast["report"].pulled == n and record_count(fast_store) == n
        fast_store.close()
        fast_client.close()

        slow_store, slow_client = new_laptop(folder, "throttled", server.url, TOWNSHIP_USER)  # signed in over loopback
        proxy = FaultProxy(server.url)
        proxy.inject("throttle", rate_bps=args.rate_kbps * 1000, latency_ms=args.latency_ms)
        slow_client.base_url = proxy.url
        try:
            slow = timed_first_sync(slow_store, slow_client)
        finally:
            proxy.close()
        assert slow["report"].pulled == n and record_count(slow_store) == n
        assert not slow["report"].repaired_buckets and not slow["report"].unverified_buckets
        slow_store.close()
        slow_client.close()
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    rate = args.rate_kbps * 1000 / 8  # bytes per second
    for label, r in (("loopback (server builds the snapshots)", fast),
                     (f"throttled {args.rate_kbps} kbit/s, {args.latency_ms:.0f} ms (files cached)", slow)):
        wire = r["sent"] + r["received"]
        print(f"  {label:<50} {r['seconds']:7.1f} s  {n / r['seconds']:8,.0f} records/s  {r['trips']} round trips  "
              f"{wire / 1e6:.2f} MB on the wire ({r['received'] / 1e6:.2f} MB down, {r['sent'] / 1e3:.1f} kB up)")
    per_record = (slow["sent"] + slow["received"]) / n
    line_only = per_record * n / rate
    print(f"  bytes on the wire per record: {per_record:,.0f} (gzip); the line alone carries them in {line_only:.1f} s, "
          f"the rest of {slow['seconds']:.1f} s is round trips ({slow['trips']} × {args.latency_ms:.0f} ms) and the "
          f"laptop's own work")
    overhead = max(slow["seconds"] - line_only, 0.0)
    for what, records in (("a grid worker's village of 7,700 records (浮石镇's average)", 7_700),
                          ("a township of 100,000 records (13 villages)", 100_000)):
        wire_s = per_record * records / rate
        # round trips and the laptop's work grow with the number of villages and records, roughly
        expect = wire_s + overhead * records / n
        print(f"  expect for {what}: ≈ {per_record * records / 1e6:.1f} MB, ≈ {expect / 60:.1f} min at "
              f"{args.rate_kbps} kbit/s")
    print(f"total run time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

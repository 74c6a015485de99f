"""Saving visits through the store vs. raw sqlite3 `executemany` of the same rows.

Prints, in one run: the raw ceiling (stdlib sqlite3, unencrypted, one transaction), the same
raw insert into SQLCipher, the store's bulk import (validation, encryption, search index,
audit chain and outbox included), and the latency of single saves (one transaction each, with
fsync). Targets (issue 2): bulk within 4x of raw; single save median under 5 ms.

    .venv/bin/python bench/bench_store.py [--visits 10000] [--saves 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlcipher3  # noqa: E402

from bench.common import best_of, median_ms, p95_ms, synthetic_visits  # noqa: E402
from gridapp.store import Store  # noqa: E402

RAW_SCHEMA = (
    "CREATE TABLE records (id TEXT PRIMARY KEY, type TEXT, bucket TEXT, state TEXT, body TEXT, "
    "title TEXT, sort_key TEXT, parent_id TEXT, created_at TEXT)"
)


def raw_rows(visits):
    return [
        (v.id, "visit", v.bucket(), v.state, json.dumps(v.document(), ensure_ascii=False, sort_keys=True),
         v.interviewee_name_text or "", v.started_at.isoformat(), v.household_id, "2026-01-01T00:00:00")
        for v in visits
    ]


def raw_insert(conn, rows) -> None:
    conn.execute(RAW_SCHEMA)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gridapp-bench-"))
    key = os.urandom(32)
    t: dict[str, float] = {}

    visits = synthetic_visits(args.visits)
    rows = raw_rows(visits)  # prepared outside the timing: the raw baseline is the ceiling

    # Each contender runs --repeat times on a fresh file and keeps its best time, so a
    # disk hiccup on one run does not decide the ratio (the same rule for all three).
    for run in range(args.repeat):
        plain = sqlite3.connect(folder / f"raw-{run}.db", isolation_level=None)
        plain.execute("PRAGMA journal_mode = WAL")
        with best_of(t, "raw sqlite3"):
            raw_insert(plain, rows)
        plain.close()

        cipher = sqlcipher3.connect(str(folder / f"raw-cipher-{run}.db"), isolation_level=None)
        cipher.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cipher.execute("PRAGMA journal_mode = WAL")
        with best_of(t, "raw sqlcipher"):
            raw_insert(cipher, rows)
        cipher.close()

        store = Store.create(folder / f"store-{run}.db", key, actor="bench", device_id="bench")
        with best_of(t, "store bulk"):
            store.import_records(visits)
        assert store.count("visit") == args.visits and store.pending_count() == args.visits
        if run < args.repeat - 1:
            store.close()

    singles = synthetic_visits(args.saves, seed=11)
    samples = []
    for v in singles:
        t0 = time.perf_counter()
        store.save(v)
        samples.append(time.perf_counter() - t0)
    store.close()

    n = args.visits
    print(f"visits: {n} (best of {args.repeat} runs each)")
    for name in ("raw sqlite3", "raw sqlcipher", "store bulk"):
        print(f"  {name:<14} {t[name]*1000:8.1f} ms  {n / t[name]:10.0f} rows/s  "
              f"{t[name] / t['raw sqlite3']:5.2f}x raw")
    print(f"single save (one transaction each, synchronous=FULL), {args.saves} saves:")
    print(f"  median {median_ms(samples):.2f} ms   p95 {p95_ms(samples):.2f} ms   "
          f"(target: median < 5 ms)")
    print(f"bulk / raw sqlite3 = {t['store bulk'] / t['raw sqlite3']:.2f}x (target ≤ 4x)")


if __name__ == "__main__":
    main()

"""Search over 100,000 visits: median query time for a 3-character Chinese substring and for a
surname prefix, next to a full scan with LIKE over the same rows as the in-run baseline.

Targets (issue 2): median under 50 ms for both kinds of query.

    .venv/bin/python bench/bench_search.py [--visits 100000] [--queries 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import synthetic_visits  # noqa: E402
from gridapp.store import Store  # noqa: E402

# Common phrases (about one visit in eight contains each) and rarer ones (a name in a hamlet).
SUBSTRINGS = ["腿脚不", "下岭尾", "防溺水", "医保缴", "彩椒基", "老化插", "邻里用", "新生儿"]
RARE = ["高岩屯覃国庆", "龙门屯欧阳德才", "新村屯蓝金凤", "上寨屯石玉兰"]
PREFIXES = ["韦", "覃", "欧阳", "蓝", "莫", "梁"]


def timed(fn, queries, rounds):
    samples, hits = [], 0
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            hits += len(fn(q))
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000, sorted(samples)[int(len(samples) * 0.95) - 1] * 1000, hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gridapp-bench-"))
    store = Store.create(folder / "store.db", os.urandom(32), actor="bench", device_id="bench")
    t0 = time.perf_counter()
    for start in range(0, args.visits, 20_000):
        store.import_records(synthetic_visits(min(20_000, args.visits - start), seed=start))
    load = time.perf_counter() - t0
    print(f"{store.count('visit')} visits loaded in {load:.1f} s ({store.count('visit') / load:.0f}/s)")

    def scan(q):  # the baseline: the newest 50 matches found without an index (LIKE, full scan)
        return store.db.execute(
            "SELECT id FROM records WHERE type = 'visit' AND deleted = 0 AND (body LIKE ? OR title LIKE ?) "
            "ORDER BY sort_key DESC LIMIT 50", (f"%{q}%", f"{q}%")).fetchall()

    for label, queries in (("3-character substring", SUBSTRINGS), ("rare substring", RARE),
                           ("surname prefix", PREFIXES), ("no match", ["没有这个词"])):
        med, p95, hits = timed(lambda q: store.search(q, types=["visit"], limit=50), queries, args.rounds)
        base_med, _, _ = timed(scan, queries, 1)
        print(f"{label:<22} median {med:6.2f} ms  p95 {p95:6.2f} ms  ({hits} hits)   "
              f"LIKE scan median {base_med:7.2f} ms  → index {base_med / med:7.2f}x the scan speed   (target < 50 ms)")
    store.close()


if __name__ == "__main__":
    main()

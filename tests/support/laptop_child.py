"""A laptop's sync in a process of its own, for tests that kill it (`kill -9`) mid-sync.

    python -m tests.support.laptop_child STORE ACTOR [--key HEX] [--page N]
                                          [--hold-in-page K] [--hold-after-page K]

Opens the encrypted store at STORE (key: 64 hex digits; default bytes(range(32)), the tests'
`db_key`) and runs `sync.session.sync_now` with the account saved in it (the token must be in the
store: sign in with no keyring), pulling pages of N records. It reports on stdout, one line each,
flushed at once, so the parent can act at a known point:

    page K N CURSORS   the K-th pulled page (or snapshot part) of N changes is applied, its
                       transaction still open; CURSORS is the JSON the page commits with it
    committed PHASE DONE TOTAL   the engine's progress callback: the last page is committed
    hold               the child now sleeps (up to 10 minutes) — the moment to SIGKILL it
    done JSON          the sync finished (the report's counts)
    error TYPE MESSAGE the sync raised

`--hold-in-page K` sleeps inside the K-th page's store transaction (after its changes are
written, before its COMMIT); `--hold-after-page K` sleeps in the progress callback right after
the K-th page is committed. Without either, the child syncs at full speed.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from typing import Any

HOLD_SECONDS = 600


def say(*parts: object) -> None:
    print(*parts, flush=True)


def hold() -> None:
    say("hold")
    time.sleep(HOLD_SECONDS)
    say("error", "Timeout", "nobody killed the child")
    sys.exit(3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("store")
    parser.add_argument("actor")
    parser.add_argument("--key", default=bytes(range(32)).hex())
    parser.add_argument("--page", type=int, default=None)
    parser.add_argument("--hold-in-page", type=int, default=0)
    parser.add_argument("--hold-after-page", type=int, default=0)
    args = parser.parse_args(argv)

    from gridapp import syncing
    from gridapp.store import Store
    from sync import engine, session

    pages = {"applied": 0, "committed": 0}
    real_apply = syncing.apply_page

    def apply_page(store: Any, changes: list[dict[str, Any]], cursors: dict[str, int], now: str,
                   bound: Any = None) -> int:
        n = real_apply(store, changes, cursors, now, bound)
        pages["applied"] += 1
        say("page", pages["applied"], len(changes), json.dumps(cursors, sort_keys=True))
        if pages["applied"] == args.hold_in_page:
            hold()  # inside Store.apply_pull's transaction: nothing of this page is committed
        return n

    def progress(phase: str, done: int, total: int) -> None:
        if phase not in ("pull", "snapshot"):
            return
        pages["committed"] += 1
        say("committed", phase, done, total)
        if pages["committed"] == args.hold_after_page:
            hold()

    syncing.apply_page = apply_page
    if args.page:
        session.run_sync = functools.partial(engine.run_sync, page=args.page)
    store = Store.open(args.store, bytes.fromhex(args.key), actor=args.actor)
    try:
        report = session.sync_now(store, progress)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
        say("error", type(exc).__name__, str(exc).replace("\n", " "))
        return 1
    finally:
        store.close()
    say("done", json.dumps({"pushed": report.pushed, "pulled": report.pulled,
                            "repaired": report.repaired_buckets, "unverified": report.unverified_buckets}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One step of an older laptop build, run in a process whose `sys.path` starts at that build's
source tree (a `git archive` of an earlier commit), for the old-client matrix in
test_old_clients.py. Uses only what every build since the sync engine (2805d84) has: `Store`,
`sync.session.login/sync_now`, `gridapp.models.Person`.

    python old_client_child.py TREE STORE ACTOR STEP [ARG …]

STEP is one of
    login URL USERNAME PASSWORD   create the encrypted store at STORE and sign in
    sync                          one sync with the saved account
    add NAME …                    save a new person per NAME (offline: queued in the outbox)
    rename ID ADDRESS             change a person's 户籍地址 (offline)
    state                         what the store holds

and prints one JSON line: the sync report's counts, or the store's state (persons by id with
their address, pending outbox rows, cursors, local schema version). The key is the tests'
`db_key` (bytes(range(32))); the token is kept in the store (no keyring in a child process).
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    tree, store_path, actor, step, *args = argv
    sys.path.insert(0, tree)
    import gridapp  # noqa: PLC0415 - imported from `tree`, not from the current checkout

    if not gridapp.__file__.startswith(tree):
        raise SystemExit(f"gridapp came from {gridapp.__file__}, not from the old build at {tree}")
    from gridapp.models import Person  # noqa: PLC0415
    from gridapp.store import Store  # noqa: PLC0415
    from sync import session  # noqa: PLC0415

    key = bytes(range(32))
    if step == "login":
        url, username, password = args
        store = Store.create(store_path, key, actor=actor)
        try:
            session.login(store, url, username, password)
        finally:
            store.close()
        print(json.dumps({"ok": True}))
        return 0
    store = Store.open(store_path, key, actor=actor)
    try:
        if step == "sync":
            report = session.sync_now(store)
            out = {"pushed": report.pushed, "pulled": report.pulled, "resent": getattr(report, "resent", None),
                   "repaired": report.repaired_buckets, "unverified": report.unverified_buckets}
        elif step == "add":
            out = {"ids": []}
            for name in args:
                person = Person(village_code=args_village(), full_name=name)
                store.save(person)
                out["ids"].append(person.id)
        elif step == "rename":
            record_id, address = args
            store.save(store.get(record_id).model_copy(update={"hukou_address": address}))
            out = {"ok": True}
        elif step == "state":
            rows = store._conn.execute(  # noqa: SLF001 - a test's look at the raw tables
                "SELECT id, body FROM records WHERE type = 'person' AND deleted = 0").fetchall()
            out = {"persons": {r[0]: json.loads(r[1]).get("hukou_address") for r in rows},
                   "pending": store.pending_count(),
                   "cursors": dict(store._conn.execute("SELECT bucket, cursor FROM sync_buckets").fetchall()),  # noqa: SLF001
                   "schema": store._conn.execute("PRAGMA user_version").fetchone()[0]}  # noqa: SLF001
        else:
            raise SystemExit(f"unknown step {step}")
    finally:
        store.close()
    print(json.dumps(out, ensure_ascii=False))
    return 0


def args_village() -> str:
    import os  # noqa: PLC0415

    return os.environ["GRIDAPP_TEST_VILLAGE"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

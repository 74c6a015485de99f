"""The sync cycle: `run_sync(store, client, progress) -> SyncReport` (architecture.md §3).

hello → push the outbox in batches → pull every bucket until `has_more` is false (each page and
its cursor in one store transaction) → verify bucket checksums (pull a bucket again from the
start when it does not match) → attachments on their own queue. A first sync of a bucket uses
the snapshot endpoint. Any step may fail with a `sync.client.SyncError`; everything done before
it is kept, and the next run carries on from there.
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import os
import queue
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import Field, TypeAdapter, ValidationError, create_model

from gridapp import rows, syncing
from gridapp.geography import load_geography
from gridapp.models import RECORD_TYPES, Record
from gridapp.problems import open_count
from gridapp.rows import row_data
from gridapp.queries import OutboxEntry
from gridapp.states import type_name
from gridapp.store import Store, now_text
from sync import protocol as p
from sync.client import Client, ConflictError, DiskSpaceError, ForbiddenError, ProtocolError, RequestError
from sync.mutations import mutation

Progress = Callable[[str, int, int], None]  # (phase, done, total)

KEEP_FREE_BYTES = 1024**3  # a first sync never leaves the laptop's disk with less than 1 GiB free
# The laptop's database grows by about this many bytes per byte of a snapshot's JSON lines
# (records, search index, projections, audit): 1.3 measured for a village of people, households and
# visits (tests/sync/test_first_sync_size.py checks it stays below); 2 leaves room for longer texts.
STORE_BYTES_PER_SNAPSHOT_BYTE = 2


@dataclass
class SyncReport:
    pushed: dict[str, int] = field(default_factory=dict)  # status → count
    pulled: int = 0
    pulled_by_type: dict[str, int] = field(default_factory=dict)
    removed_buckets: list[str] = field(default_factory=list)
    repaired_buckets: list[str] = field(default_factory=list)
    unverified_buckets: list[str] = field(default_factory=list)
    resent: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blob_errors: list[str] = field(default_factory=list)
    problems: int = 0
    client_too_old: bool = False
    round_trips: int = 0
    started_at: str = ""
    finished_at: str = ""

    def summary(self) -> str:
        pushed = "，".join(f"{_STATUS_NAMES.get(k, k)} {v}" for k, v in sorted(self.pushed.items())) or "无"
        types = "，".join(f"{type_name(k)} {v}" for k, v in sorted(self.pulled_by_type.items())) or "无"
        lines = [f"上传：{pushed}", f"下载：{self.pulled} 条（{types}）"]
        if self.blobs_uploaded or self.blobs_downloaded:
            lines.append(f"附件：上传 {self.blobs_uploaded} 个，下载 {self.blobs_downloaded} 个")
        if self.blob_errors:
            lines.append(f"附件未能传送：{len(self.blob_errors)} 个（{self.blob_errors[0]}）")
        if self.problems:
            lines.append(f"待处理的同步问题：{self.problems} 个")
        if self.client_too_old:
            lines.append("程序版本太旧，只上传不下载，请尽快升级。")
        return "\n".join(lines)


_STATUS_NAMES = {"applied": "成功", "duplicate": "已上传过", "conflict": "冲突", "rejected": "被拒绝",
                 "quarantined": "待乡镇审核"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def run_sync(store: Store, client: Client, progress: Progress | None = None, *, batch: int | None = None,
             page: int | None = None, download_budget: int = 20 * 1024 * 1024,
             keep_free: int = KEEP_FREE_BYTES, disk_free: Callable[[Path], int] | None = None) -> SyncReport:
    """One full sync. Raises SyncError (OfflineError, AuthError, ConflictError `device.clone` …)
    when a step fails; the store keeps everything already done. A village's first sync that would
    leave less than `keep_free` bytes on the store's disk (`disk_free`, shutil.disk_usage by
    default) is not downloaded: DiskSpaceError, after the outbox has been pushed."""
    report = SyncReport(started_at=_now())
    tick = progress or (lambda *_: None)
    start_trips = client.round_trips
    hello = client.hello()
    if hello.id_hmac_key:
        store.set_id_hmac_key(hello.id_hmac_key)
    store.set_meta("assignment_epoch", str(hello.assignment_epoch))
    if store.get_meta("server_role") != str(hello.user.role):  # a role changed by the county
        store.set_meta("server_role", str(hello.user.role))
    if hello.last_seq < store.last_acked_seq(hello.device_id):
        # The server forgot answers it gave this device: it was restored from a backup.
        report.resent = store.resend_after(hello.device_id, hello.last_seq)
    _push(store, client, min(batch or hello.limits.max_batch, hello.limits.max_batch), report, tick)
    if hello.min_pull_protocol > p.PROTOCOL_VERSION:
        report.client_too_old = True
    else:
        room = _DiskRoom(store.path, keep_free, disk_free or _free_bytes)
        _pull(store, client, hello, min(page or hello.limits.max_page, hello.limits.max_page), report, tick, room)
    # The records are done: that is what "last successful sync" means to the user.
    store.set_meta("last_sync_at", _now())
    _upload_blobs(store, client, hello.limits.blob_chunk_bytes, report, tick)
    _download_blobs(store, client, download_budget, report, tick)
    report.problems = open_count(store)  # a conflict on three fields of one edit is one problem
    report.round_trips = client.round_trips - start_trips
    report.finished_at = _now()
    return report


# ---------------------------------------------------------------- push


def build_mutation(store: Store) -> Callable[[OutboxEntry, Record | None], dict[str, Any] | None]:
    """The outbox row → wire mutation rule (frozen by the store when first sent)."""

    def build(entry: OutboxEntry, record: Record | None) -> dict[str, Any] | None:
        seq = entry.device_seq
        if entry.op == "delete":
            return p.Mutation(mutation_id=entry.mutation_id, device_seq=seq, op=p.Op.DELETE,
                              record_type=entry.record_type, record_id=entry.record_id, bucket=entry.bucket,
                              base_version=entry.base_version, reason=entry.payload.get("reason"),
                              client_time=datetime.fromisoformat(entry.created_at)).model_dump(mode="json")
        if record is None:
            return None  # the record is gone locally (deleted after this change was queued)
        kw: dict[str, Any] = {"mutation_id": entry.mutation_id, "base_version": entry.base_version}
        if entry.op == "create":
            record = record.model_copy(update={"state": RECORD_TYPES[entry.record_type].INITIAL_STATE})
        elif entry.op == "update":
            kw["fields"] = entry.payload.get("fields") or []
        elif entry.op in ("transition", "seal"):
            kw.update(from_state=entry.payload.get("from"), to_state=entry.payload.get("to"),
                      reason=entry.payload.get("reason"))
        elif entry.op == "amend":
            kw.update(supersedes_id=entry.payload.get("supersedes_id"),
                      supersedes_hash=entry.payload.get("supersedes_hash"), reason=entry.payload.get("reason"))
        if entry.op in ("seal", "amend"):
            kw["attachment_hashes"] = store._attachment_hashes(record.id)
        out = mutation(entry.op, record, seq, **kw).model_dump(mode="json")
        if entry.op in ("seal", "amend") and record.content_hash:
            # The hash the user sealed, not one computed now: should the record's attachments have
            # changed since (a pulled tombstone), the server refuses the seal instead of storing
            # a hash this laptop does not hold, and the refusal takes the seal back here.
            out["content_hash"] = record.content_hash
        return out

    return build


def _push(store: Store, client: Client, limit: int, report: SyncReport, tick: Progress) -> None:
    total = store.pending_count()
    done = 0
    build = build_mutation(store)
    while True:
        batch = store.outgoing(limit, build)
        if not batch:
            return
        answer = client.push(batch)
        if len(answer.results) != len(batch):
            raise ProtocolError("服务器的回答条数与上传的不一致。", code="protocol.result_count")
        counts = store.take_push_results([r.model_dump(mode="json") for r in answer.results])
        for status, n in counts.items():
            report.pushed[status] = report.pushed.get(status, 0) + n
        done += len(batch)
        tick("push", done, max(total, done))
        if len(batch) < limit:
            return


# ---------------------------------------------------------------- pull

def _apply(store: Store, changes: list[Any], cursors: dict[str, int], **kwargs: Any) -> None:
    """`store.apply_pull`, with a record this laptop cannot read said plainly: the server checked
    it against its own (newer) models, so the laptop's program is most likely too old. Nothing of
    the page is stored; what was stored before it, and everything unsent, stays."""
    try:
        store.apply_pull(changes, cursors, **kwargs)
    except ValidationError as exc:
        raise ProtocolError("服务器发来的记录本机读不懂，可能是本机的网格工作台版本太旧。已经保存的内容和未上传的"
                            "修改都还在；请升级网格工作台后再同步，如已是最新版本请联系县里的技术人员。",
                            code="record.unreadable") from exc



def _pull(store: Store, client: Client, hello: p.Hello, limit: int, report: SyncReport, tick: Progress,
          room: _DiskRoom | None = None) -> None:
    known = store.sync_cursors()
    _snapshots(store, client, [b for b in hello.buckets if known.get(b, 0) == 0 and not store.server_versions(b)],
               report, tick, room)
    cursors = {b: store.sync_cursors().get(b, 0) for b in hello.buckets}
    for gone in store.local_buckets() - set(hello.buckets):
        cursors[gone] = store.sync_cursors().get(gone, 0)  # so the server says it is removed
    repaired: set[str] = set()
    while True:
        sent = dict(cursors)
        page = client.pull(cursors, limit)
        changes = [c.model_dump(mode="json") for c in page.changes]
        _apply(store, changes, page.cursors)
        _count(report, page.changes)
        cursors = {b: c for b, c in page.cursors.items()}
        tick("pull", report.pulled, report.pulled + (1 if page.has_more else 0))
        for bucket in page.removed_buckets:
            if store.purge_bucket(bucket) or not store.server_versions(bucket):
                report.removed_buckets.append(bucket)
        again = _rewound(store, page.checksums, sent, cursors, report)
        again = _verify(store, page.checksums, cursors, repaired, report) or again
        if not page.has_more and not again:
            return


def _count(report: SyncReport, changes: list[p.Change]) -> None:
    report.pulled += len(changes)
    for c in changes:
        report.pulled_by_type[c.record_type] = report.pulled_by_type.get(c.record_type, 0) + 1


def _rewound(store: Store, sums: dict[str, p.BucketChecksum], sent: dict[str, int], cursors: dict[str, int],
             report: SyncReport) -> bool:
    """A bucket whose newest change number is below our cursor was restored on the server from
    an older backup: numbers we passed will be handed out again, so pull it again from 0."""
    again = False
    for bucket, expected in sums.items():
        if expected.change_no < sent.get(bucket, 0):
            store.reset_cursor(bucket)
            cursors[bucket] = 0
            report.repaired_buckets.append(bucket)
            again = True
    return again


def _verify(store: Store, sums: dict[str, p.BucketChecksum], cursors: dict[str, int], repaired: set[str],
            report: SyncReport) -> bool:
    """Check finished buckets against the server's checksum; a mismatch is pulled again from
    the start, once. A bucket already verified at this change number is not counted again
    (a sync with nothing to do stays cheap). Returns True when a bucket must be pulled again."""
    again = False
    verified = store.verified_cursors()
    good: dict[str, int] = {}
    for bucket, expected in sums.items():
        if cursors.get(bucket) != expected.change_no or verified.get(bucket) == expected.change_no:
            continue
        count, xor = p.combine(store.server_versions(bucket))
        if count == expected.count and p.to_hex(xor) == expected.xor:
            good[bucket] = expected.change_no
        elif bucket not in repaired:
            repaired.add(bucket)
            report.repaired_buckets.append(bucket)
            store.reset_cursor(bucket)
            cursors[bucket] = 0
            again = True
        else:
            report.unverified_buckets.append(bucket)
    store.mark_verified(good)
    return again


def _snapshots(store: Store, client: Client, buckets: list[str], report: SyncReport, tick: Progress,
               room: _DiskRoom | None = None) -> None:
    """First sync of `buckets`: each village in one compressed download, applied in parts of
    `SNAPSHOT_PART` records, each in one store transaction; a village's cursor is set with its
    last part, so an interruption starts that village again.

    Two threads work ahead (`_Ahead`): one downloads the next villages (the server builds them
    meanwhile); the other reads their lines and works out their rows while SQLite works alone on
    the part before — its search index and its commit, during which SQLite lets go of the
    interpreter — and while this thread waits for a part. It waits whenever this thread runs
    Python or inserts the rows (`executemany` takes the interpreter back after every row: a busy
    second thread would slow it down many times). What fails ahead (offline, a full disk, a bad
    file) is raised here in its turn, after everything before it was applied. The disk is
    checked against each snapshot's size before its body is downloaded, counting the villages
    downloaded but not yet written as taken."""
    if not buckets:
        return
    hmac_of = store.id_number_hmac
    try:
        hmac_of("1")  # loads the store's key here, not in the other thread
    except ValueError:
        pass  # no key: the rows are worked out in the store, which says so
    with _no_cyclic_gc(), _Ahead(client, buckets, room, hmac_of) as ahead:
        for batch in ahead.batches(SNAPSHOT_PART):
            cursors = {bucket: change_no for bucket, change_no, _, done, total in batch if done == total}
            ahead.pause()
            _apply(store, syncing.Batch([part for _, _, part, _, _ in batch]), cursors, written=ahead.resume)
            ahead.pause()  # it read on during the search index and the commit; it reads on when we wait
            for bucket, _, part, done, total in batch:
                report.pulled += len(part)
                for kind, count in part.types.items():
                    report.pulled_by_type[kind] = report.pulled_by_type.get(kind, 0) + count
                if done == total and room is not None:
                    room.written(bucket)
                tick("snapshot", done, total)
            ahead.done_with(batch)
            del batch, part  # the reading thread frees it


class _Ahead:
    """The snapshot parts of several villages, prepared in a thread of its own one or two parts
    ahead of the reader: (bucket, change_no, part, done, total) in order; what failed is raised
    by the iterator in its place. A second thread downloads the villages ahead of the one being
    read (at most one waiting to be read and one downloading); it is the only user of the client
    while they run."""

    def __init__(self, client: Client, buckets: list[str], room: _DiskRoom | None,
                 hmac_of: Callable[[str], str]) -> None:
        self.client, self.buckets, self.room, self.hmac_of = client, buckets, room, hmac_of
        self.queue: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=3)
        self.stop = threading.Event()
        self.go = threading.Event()  # cleared while the store thread runs Python or inserts rows
        self.go.set()
        self.downloaded: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=1)
        # Batches the store is done with (`done_with`): a township's parts are about two million
        # objects, and freeing them takes the interpreter about 0.1 s, which this thread spends
        # instead of the store's, while SQLite works without it.
        self.spent: list[Any] = []
        self.freeable = threading.Event()
        self.thread = threading.Thread(target=self._run, name="snapshot-ahead", daemon=True)
        self.downloader = threading.Thread(target=self._download, name="snapshot-download", daemon=True)

    def pause(self) -> None:
        """Hold the work between lines (the download goes on)."""
        self.go.clear()

    def resume(self) -> None:
        self.go.set()

    def done_with(self, batch: list[Any]) -> None:
        """The store has written `batch`: the reading thread frees it when SQLite works alone
        (the caller lets go of its own references)."""
        self.spent.append(batch)
        self.freeable.set()

    def _free_spent(self) -> None:
        """After the last part: free what the store is done with, while SQLite works alone."""
        while not self.stop.is_set():
            if self.freeable.wait(0.1):
                self.go.wait()
                self.freeable.clear()
                self.spent.clear()

    def __enter__(self) -> _Ahead:
        self.downloader.start()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.go.set()
        for thread in (self.thread, self.downloader):
            thread.join()  # a blocked put or get sees the stop within 0.1 s, a download within a chunk

    def batches(self, size: int) -> Iterator[list[tuple[str, int, syncing.Prepared, int, int]]]:
        """The parts in order, gathered into batches of about `size` records (one store
        transaction each) from the parts already prepared — a batch never waits for a download.
        A failure ahead is raised after the parts before it were handed out."""
        while True:
            item = self._next()
            batch: list[tuple[str, int, syncing.Prepared, int, int]] = []
            count = 0
            while item[0] == "part":
                batch.append(item[1:])  # type: ignore[arg-type]
                count += len(item[3])
                try:
                    item = self.queue.get_nowait() if count < size else ("full",)
                except queue.Empty:
                    item = ("more",)
            if batch:
                yield batch
                batch = []  # (the store thread hands it to `spent`)
            if item[0] == "end":
                return
            if item[0] == "error":
                raise item[1]

    def _next(self) -> tuple[Any, ...]:
        """The next prepared item; the reading thread is let go on only when there is none yet
        (while the store thread runs Python, the two would take turns with Python's lock)."""
        try:
            return self.queue.get_nowait()
        except queue.Empty:
            self.resume()
            return self.queue.get()

    def _put(self, q: queue.Queue[Any], item: Any) -> bool:
        while not self.stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        _yield_to_the_store()
        try:
            for bucket in self.buckets:
                got = self._take(self.downloaded)
                if got is None:
                    return
                if isinstance(got, BaseException):
                    raise got  # in its turn: the villages before it were handed out
                for item in self._parts(bucket, got):
                    if not self._put(self.queue, ("part", *item)):
                        return
            if self._put(self.queue, ("end",)):
                self._free_spent()
        except BaseException as exc:  # noqa: BLE001 - raised by the reader, in its turn
            self._put(self.queue, ("error", exc))

    def _download(self) -> None:
        """The villages' snapshots (gzip) in order, ahead of the village being read, so the
        server builds the next ones while the store writes (the reading thread used to ask for the
        next only when its reading was done). A failure is kept for its turn, and ends the
        downloads."""
        for bucket in self.buckets:
            check = None if self.room is None else functools.partial(self.room.check, bucket)
            try:
                got: bytes | BaseException = self.client.snapshot(bucket, check, rows=rows.row_format(),
                                                                  stop=self.stop)
            except BaseException as exc:  # noqa: BLE001 - raised in its turn (the reader must not wait forever)
                got = exc
            if not self._put(self.downloaded, got) or isinstance(got, BaseException):
                return

    def _take(self, q: queue.Queue[Any]) -> Any:
        while not self.stop.is_set():
            try:
                return q.get(timeout=0.1)
            except queue.Empty:
                if self.go.is_set():
                    self.spent.clear()  # (waiting for a slow download)
        return None

    def _parts(self, bucket: str, packed: bytes) -> Iterator[tuple[str, int, syncing.Prepared, int, int]]:
        lines = gzip.decompress(packed).splitlines()
        if not lines:
            return
        try:
            header = p.SnapshotHeader.model_validate_json(lines[0])
        except ValueError as exc:
            raise ProtocolError("村数据快照的格式不对。", code="protocol.bad_snapshot") from exc
        as_rows = header.rows is not None and header.rows == rows.row_format()
        body = lines[1:]
        step = SNAPSHOT_PART
        for start in range(0, max(len(body), 1), step):
            end = min(start + step, len(body))
            prepared = syncing.Prepared(now_text(), functools.partial(worked_out, body[start:end], self.hmac_of,
                                                                      as_rows=as_rows))
            for at in range(start, end, _AHEAD_LINES):
                self.go.wait()
                if self.stop.is_set():
                    return
                self.spent.clear()
                prepare(prepared, body[at:min(at + _AHEAD_LINES, end)], self.hmac_of, as_rows=as_rows)
            yield bucket, header.change_no, prepared.close(), end, len(body)


_AHEAD_LINES = 200  # lines the thread ahead prepares between looks at whether it must wait

AHEAD_NICENESS = 10  # the thread reading ahead, this much below the store's (Linux `nice`; Windows: below normal)


def _yield_to_the_store() -> None:
    """Lower the calling thread's scheduling priority (only this thread's; it ends with the
    sync). The store's thread is a first sync's critical path and the thread reading ahead has
    time to spare: when the processor's cores are all busy (the county server building
    snapshots on the same machine in the bench, another program on a laptop), the store's thread
    should get them. Measured on the bench's two cores, alternating runs, twelve each: median
    3.89 s against 4.02 s with the server building the snapshots, 3.60 s against 3.80 s cached.
    Where the system offers no per-thread priority, nothing changes."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel.SetThreadPriority(kernel.GetCurrentThread(), -1)  # THREAD_PRIORITY_BELOW_NORMAL
        elif sys.platform.startswith("linux"):
            me = threading.get_native_id()  # a Linux thread is a process to `setpriority`
            os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + AHEAD_NICENESS))
    except (AttributeError, OSError):
        pass


# Records of a snapshot applied in one store transaction (small villages together): fewer
# commits write the indexes' pages fewer times (a township's first sync spent a fifth of its time
# committing parts of 2,000), while one part still holds the store's lock for about a second.
SNAPSHOT_PART = 25_000


def prepare(part: syncing.Prepared, lines: list[bytes], hmac_of: Callable[[str], str], *, as_rows: bool) -> None:
    """Add snapshot lines to `part`. A row line of a record that is not a correction goes straight
    to its row (`syncing.fresh_columns`): the line is the record as this laptop stores it, so no
    change is made of it unless the part must take the general path (`Prepared.changes`); any
    other line as `worked_out` makes it."""
    others = []
    for line in lines:
        if as_rows and line[:1] == b"[":
            values, annex, body = _row_line(line)
            (bucket, _change_no, kind, rid, version, state, sealed, content_hash, root_id, revision, supersedes_id,
             supersedes_hash, amend_reason, _updated_at, updated_by, title, sort_key, parent_id, id_hmac, text,
             names) = values
            if not revision or revision <= 1:
                part.add_new(syncing.fresh_columns(
                    rid, kind, bucket, state, version, sealed, content_hash, root_id, revision, supersedes_id,
                    supersedes_hash, amend_reason, body, annex, title, sort_key, parent_id, id_hmac, updated_by,
                    part.now, part.now), text, names)
                continue
        others.append(line)
    for change in worked_out(others, hmac_of, as_rows=as_rows) if others else ():
        part.add(change)


def worked_out(lines: list[bytes], hmac_of: Callable[[str], str], *, as_rows: bool = False) -> list[dict[str, Any]]:
    """`checked_changes` with each record's row and columns worked out ahead (`Checked.row`,
    `Checked.fresh`), as the thread reading ahead hands them to `syncing.Prepared`."""
    some = checked_changes(lines, as_rows=as_rows)
    for change in some:
        if isinstance(change, syncing.Checked) and change.model is not None:
            try:
                change.row = row_data(change.model, hmac_of)
            except ValueError:
                pass  # the store works it out again, and refuses the record as it did
        if isinstance(change, syncing.Checked) and change.row is not None:
            change.fresh = syncing.fresh_row(change, hmac_of)
    return some


def checked_changes(lines: list[bytes], *, as_rows: bool = False) -> list[dict[str, Any]]:
    """Snapshot lines as changes for `Store.apply_pull`: each parsed and validated — the change
    and its record against the record type's model — in one pass over its JSON
    (`syncing.Checked`). A line that fails is parsed as a plain dict instead, and the store
    validates its record as it applies it (and refuses a bad one exactly as before).

    `as_rows`: the snapshot's header names this laptop's row format, so its row lines (they start
    with `[`) are the records as this laptop stores them (`row_change`); in any other snapshot
    such a line is refused as a bad snapshot."""
    check = _line_adapter().validate_json
    out: list[dict[str, Any]] = []
    for line in lines:
        if line[:1] == b"[":
            if not as_rows:
                raise ProtocolError("村数据快照的格式不对。", code="protocol.bad_snapshot")
            out.append(row_change(line))
            continue
        try:
            change = check(line)
        except ValueError:
            out.append(json.loads(line))
            continue
        fields = change.__dict__
        record, state = fields["record"], fields["state"]
        if record is not None:
            if not state or state != state.strip():
                out.append(json.loads(line))  # an odd state: the store's own path decides
                continue
            record.state = state  # as the store's path does: the change's state is the record's
        plain = dict(fields)
        del plain["record"]
        out.append(syncing.Checked(plain, record, line))
    return out


_ROW_FIELDS = ("bucket", "change_no", "record_type", "record_id", "version", "state", "sealed", "content_hash",
               "root_id", "revision", "supersedes_id", "supersedes_hash", "amend_reason", "updated_at", "updated_by")
_ENVELOPE = len(_ROW_FIELDS)


def row_change(line: bytes) -> syncing.Checked:
    """A snapshot row line (`sync.server.pull.row_line`): the change's fields and the record as
    this laptop stores it, worked out by the server with the same code (same row format), so it
    is stored as it is. A line that does not read is a bad snapshot."""
    values, annex, body = _row_line(line)
    change = syncing.Checked(zip(_ROW_FIELDS, values[:_ENVELOPE], strict=True), None, None,
                             rows.row_of(values[_ENVELOPE:], annex, body))
    change["deleted"] = False
    return change


_ROW_VALUES = _ENVELOPE + len(rows.RowData._fields) - 2  # the envelope, then the row's head (`laptop_line`)
_REVISION = _ROW_FIELDS.index("revision")  # compared with 1 to tell a correction


def _row_line(line: bytes) -> tuple[list[Any], str, str]:
    """A row line's parts: its head's values (`_ROW_FIELDS`, then the row's head), the annex and
    the body. A line that does not read is a bad snapshot."""
    try:
        head, annex, body = line.decode("utf-8").split("\t", 2)
        values = json.loads(head)
    except ValueError as exc:
        raise ProtocolError("村数据快照的格式不对。", code="protocol.bad_snapshot") from exc
    if not isinstance(values, list) or len(values) != _ROW_VALUES or not isinstance(values[_REVISION], int | None):
        raise ProtocolError("村数据快照的格式不对。", code="protocol.bad_snapshot")
    return values, annex, body


@functools.cache
def _line_adapter() -> TypeAdapter[p.Change]:
    """One snapshot line: a `Change` whose record is validated by its type's model. (Line by
    line: pydantic validates a whole part as one JSON array more slowly.)"""
    kinds = tuple(create_model(f"{cls.__name__}Change", __base__=p.Change,
                               record_type=(Literal[name], ...), record=(cls | None, None))  # type: ignore[call-overload]
                  for name, cls in RECORD_TYPES.items())
    return TypeAdapter(Annotated[Union[kinds], Field(discriminator="record_type")])  # noqa: UP007


# ---------------------------------------------------------------- disk space for a first sync

def _free_bytes(path: Path) -> int:
    return shutil.disk_usage(path.parent).free


@dataclass
class _DiskRoom:
    path: Path
    keep_free: int
    free: Callable[[Path], int]

    taken: dict[str, int] = field(default_factory=dict)  # villages downloaded, not yet written: their need

    def check(self, bucket: str, headers: Mapping[str, str]) -> None:
        """Refuse a village's snapshot the disk cannot hold while keeping `keep_free` bytes free,
        besides what the villages downloaded before it and not yet written will take. A server
        that does not say the snapshot's size (older than the header) is not checked."""
        unpacked = headers.get("X-Snapshot-Bytes", "")
        if not unpacked.isdigit():
            return
        need = int(unpacked) * STORE_BYTES_PER_SNAPSHOT_BYTE
        free = self.free(self.path) - sum(n for b, n in list(self.taken.items()) if b != bucket)
        if need + self.keep_free <= free:
            self.taken[bucket] = need
            return
        records = headers.get("X-Snapshot-Records", "")
        size = f"{int(records):,} 条记录，约需 {_mb(need)}" if records.isdigit() else f"约需 {_mb(need)}"
        raise DiskSpaceError(
            f"电脑硬盘空间不够，没有下载{village_name(bucket)}的数据（{size}）：硬盘只剩 {_mb(free)}，"
            f"下载后至少还要留 {_mb(self.keep_free)} 给电脑自己用。"
            "您在这台电脑上的修改已经上传到县服务器，不会丢失。"
            "请删除不用的文件后再同步，或请县里的管理员帮忙。",
            code="disk.full", body={"bucket": bucket, "need_bytes": need, "free_bytes": free,
                                    "keep_free_bytes": self.keep_free})


    def written(self, bucket: str) -> None:
        """`bucket` is in the database now: the disk's free space counts it."""
        self.taken.pop(bucket, None)


def _mb(n: int) -> str:
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{max(1, round(n / 1024**2))} MB"


def village_name(code: str) -> str:
    """The village's name for a message (the code itself when the county list does not have it)."""
    geography = load_geography()
    if not geography.is_village_code(code):
        return f"村 {code}"
    village = geography.village(code)
    return f"{geography.township(village.township_code).name}{village.name}"


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """A snapshot creates and drops a few million small objects (parsed lines, models, rows),
    none of them in reference cycles: the cyclic collector would only scan the heap again and
    again while they pile up (about a tenth of a first sync). Paused meanwhile; reference
    counting still frees every one of them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ---------------------------------------------------------------- attachments


def _upload_blobs(store: Store, client: Client, chunk: int, report: SyncReport, tick: Progress) -> None:
    """Upload attachment bytes, resuming each from the server's offset. Errors here never undo
    the records already synced (rule 11)."""
    pending = store.blobs_to_upload()
    for n, (digest, size, _offset) in enumerate(pending, start=1):
        try:
            status = client.blob_start(digest, size)
            while not status.complete:
                data = store.read_blob(digest, status.offset, chunk)
                status = client.blob_append(digest, status.offset, data)
                store.note_upload(digest, status.offset, status.complete)
        except RequestError as exc:  # this blob can never go (too large, corrupt): the rest still can
            report.blob_errors.append(f"{digest[:12]}…：{exc.message}")
            continue
        except ConflictError as exc:
            if exc.code != "blob.in_progress":
                raise
            continue  # another laptop is sending the same file; it will be there next time
        store.note_upload(digest, size, True)
        report.blobs_uploaded += 1
        tick("attachments", n, len(pending))


def _download_blobs(store: Store, client: Client, budget: int, report: SyncReport, tick: Progress) -> None:
    """Fetch the bytes of attachments other laptops added, up to `budget` bytes per sync (the
    rest on later syncs, or when the user opens one)."""
    missing = store.missing_blobs()
    spent = 0
    for n, digest in enumerate(missing, start=1):
        if spent >= budget:
            return
        try:
            data = client.blob_download(digest)
        except (RequestError, ForbiddenError) as exc:
            report.blob_errors.append(f"{digest[:12]}…：{exc.message}")
            continue
        store.put_downloaded_blob(digest, data)
        spent += len(data)
        report.blobs_downloaded += 1
        tick("attachments", n, len(missing))

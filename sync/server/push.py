"""Applying a laptop's mutations: exactly once, validated, merged, within the caller's territory.

Each mutation is applied in its own transaction that also stores its result under
`(device_id, device_seq)` (rule 1): a repeat — the laptop never heard the answer — gets the
stored result back as `duplicate`. A mutation that can never succeed is answered `rejected`
and the rest of the batch goes on (rule 8). The decisions, by operation:

- create: a new record, validated like on the laptop. An id that was deleted never comes back.
- update: the fields the laptop changed are merged against its base version (merge.py);
  a field changed on both sides becomes a conflict record and the server keeps its value. A
  sealed record takes an update of its annex only (ANNEX_FIELDS: 公示, 审核, 履行), which its
  content hash does not cover; any other edit of it is refused.
- transition / seal: the state machine of the server's copy decides; a seal verifies the
  laptop's `content_hash` and makes the laptop's signed document the record (rule 6). The seal
  must cover exactly the attachments the server holds for the record (another laptop may have
  added or removed a photo meanwhile): otherwise it is refused, so that a seal always verifies.
- amend: a new sealed revision naming the sealed version it supersedes; a stale one is 409.
- delete: a tombstone; sealed legal records are never deleted.
- an attachment of a sealed record is part of its seal: creating, changing or deleting one is
  refused (409), as the laptop's store refuses it.

Outside the caller's territory: quarantined when the bucket was theirs under the assignment
epoch the mutation was made in (rule 9), otherwise refused (403).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from gridapp import states, validation
from gridapp.errors import InvalidRecord, TransitionNotAllowed
from gridapp.models import RECORD_TYPES, Record, parse_record
from sync.protocol import FieldConflict, Mutation, MutationResult, Op, Problem, Role, Status
from sync.server import audit, territory
from sync.server.auth import Caller, now
from sync.server.db import reading
from sync.server.errors import BadRequest, Conflict
from sync.server.merge import Clash, Merged, changed_fields, merge, overwrite
from sync.server.tables import mutations, quarantine, records
from sync.server.writes import (
    Write, add_conflict, current, held_attachments, last_version_by_device, record_data, seal_hash, version_data,
    write_record,
)

_FIXED = frozenset({"id", "state", "village_code"})  # never merged: state moves by transitions only


@dataclass
class Context:
    caller: Caller
    buckets: set[str]
    visible: set[str] | None = None  # a mediator's visible ids, computed when first needed
    history: dict[int, set[str]] = field(default_factory=dict)


class Outcome(Exception):
    """Raised inside a mutation's transaction to end it with a result: the transaction is
    rolled back (nothing of the mutation is written) and the result stored on its own."""

    def __init__(self, status: Status, status_code: int, code: str, message: str, *,
                 problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.status, self.status_code, self.code, self.message = status, status_code, code, message
        self.problems = problems or []
        # The server's current version of the record (when the caller may see it): the laptop
        # learns whether a newer version is on its way or it must fetch the record again.
        self.version: int | None = None
        self.change_no: int | None = None


def push(engine: Engine, caller: Caller, batch: list[Mutation]) -> list[MutationResult]:
    """Apply `batch` in order; one result per mutation. Raises Conflict (409, `device.clone`)
    when another installation used this device's sequence numbers for other mutations: the
    laptop must sign in again as a new device (nothing of the batch is applied)."""
    seqs = [m.device_seq for m in batch]
    if len(set(seqs)) != len(seqs) or len({m.mutation_id for m in batch}) != len(batch):
        raise BadRequest("同一批修改里有重复的序号或编号，未做任何修改。", code="push.duplicate_in_batch")
    with reading(engine) as conn:
        _refuse_clones(conn, caller, batch)
        ctx = Context(caller, set(territory.buckets_for(conn, caller.user_id, caller.role)))
    return [_apply(engine, ctx, m) for m in batch]


def _refuse_clones(conn: Connection, caller: Caller, batch: list[Mutation]) -> None:
    seqs = [m.device_seq for m in batch]
    if not seqs:
        return
    known = dict(conn.execute(select(mutations.c.device_seq, mutations.c.mutation_id).where(
        mutations.c.device_id == caller.device_id, mutations.c.device_seq.in_(seqs))).all())
    if any(known.get(m.device_seq, m.mutation_id) != m.mutation_id for m in batch):
        raise Conflict("这台电脑的同步身份与另一台电脑重复了（可能是复制或恢复了数据库），请重新登录后再同步；"
                       "本机的修改都还在。", code="device.clone")


def _apply(engine: Engine, ctx: Context, m: Mutation) -> MutationResult:
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                stored = _stored(conn, ctx.caller, m)
                if stored is not None:
                    return stored
                result = _decide(conn, ctx, m)
                _store(conn, ctx.caller, m, result)
                return result
        except Outcome as out:
            # Nothing of the mutation was written; its result is stored on its own.
            result = _result(m, out.status, out.status_code, code=out.code, message=out.message,
                             problems=out.problems, version=out.version, change_no=out.change_no)
            try:
                with engine.begin() as conn:
                    stored = _stored(conn, ctx.caller, m)
                    if stored is not None:
                        return stored
                    _store(conn, ctx.caller, m, result)
                return result
            except IntegrityError:
                if attempt == 2:
                    raise
                continue
        except IntegrityError:
            # A concurrent push of the same mutation (or the same new id) won the race: the
            # next attempt finds its stored result or the record it created.
            if attempt == 2:
                raise
        except DBAPIError as exc:  # a serialization failure or deadlock: retry
            if attempt == 2 or not _retryable(exc):
                raise
    raise RuntimeError("unreachable")


def _retryable(exc: DBAPIError) -> bool:
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01")


def _stored(conn: Connection, caller: Caller, m: Mutation) -> MutationResult | None:
    row = conn.execute(select(mutations.c.result, mutations.c.device_id).where(
        mutations.c.mutation_id == m.mutation_id)).first()
    if row is None:
        return None
    first = MutationResult.model_validate_json(row[0])
    return first.model_copy(update={"status": Status.DUPLICATE, "original_status": first.status,
                                    "device_seq": m.device_seq})


def _store(conn: Connection, caller: Caller, m: Mutation, result: MutationResult) -> None:
    conn.execute(insert(mutations).values(
        device_id=caller.device_id, device_seq=m.device_seq, mutation_id=m.mutation_id, user_id=caller.user_id,
        record_id=m.record_id, status=result.status.value, result=result.model_dump_json(), at=now()))


def _result(m: Mutation, status: Status, status_code: int, **extra: Any) -> MutationResult:
    return MutationResult(mutation_id=m.mutation_id, device_seq=m.device_seq, status=status,
                          status_code=status_code, record_id=m.record_id, **extra)


def _reject(status_code: int, code: str, message: str, problems: list[Problem] | None = None) -> Outcome:
    return Outcome(Status.REJECTED, status_code, code, message, problems=problems)


# ---------------------------------------------------------------- deciding


def _decide(conn: Connection, ctx: Context, m: Mutation) -> MutationResult:
    caller = ctx.caller
    if m.record_type not in RECORD_TYPES:
        raise _reject(422, "record.unknown_type", f"服务器不认识这种记录（{m.record_type}），请升级网格工作台。")
    if not territory.may_write_type(caller, m.record_type):
        raise _reject(403, "role.type_not_allowed", "您的角色不能修改这类记录。")
    if m.bucket not in ctx.buckets:
        return _outside(conn, ctx, m)
    old = current(conn, m.record_id)
    if old is not None and old["bucket"] != m.bucket:
        raise _reject(422, "record.moved", "记录所属的村不能更改；如确需更改，请新建记录。")
    if old is not None and old["type"] != m.record_type:
        raise _reject(422, "record.type_mismatch", "记录类型与服务器上的不一致。")
    if caller.role is Role.MEDIATOR and old is not None and not _mediator_may_see(conn, ctx, old):
        raise _reject(403, "territory.case_not_assigned", "这条记录不属于分配给您的案件。")
    handler = {Op.CREATE: _create, Op.UPDATE: _update, Op.TRANSITION: _transition, Op.SEAL: _seal,
               Op.AMEND: _amend, Op.DELETE: _delete}[m.op]
    try:
        return handler(conn, ctx, m, old)
    except Outcome as out:
        if old is not None and out.version is None:  # the caller may see the record (checked above)
            out.version, out.change_no = old["version"], old["change_no"]
        raise


def _mediator_may_see(conn: Connection, ctx: Context, old: dict[str, Any]) -> bool:
    if ctx.visible is None:
        ctx.visible = territory.mediator_visible_ids(conn, ctx.caller, ctx.buckets)
    return old["id"] in ctx.visible or old["created_by"] == ctx.caller.username


def _outside(conn: Connection, ctx: Context, m: Mutation) -> MutationResult:
    caller = ctx.caller
    if m.assignment_epoch < caller.assignment_epoch:
        held = ctx.history.get(m.assignment_epoch)
        if held is None:
            held = ctx.history[m.assignment_epoch] = territory.buckets_at_epoch(conn, caller.user_id,
                                                                                m.assignment_epoch)
        if m.bucket in held:
            conn.execute(insert(quarantine).values(
                id=str(uuid.uuid4()), mutation_id=m.mutation_id, device_id=caller.device_id, user_id=caller.user_id,
                bucket=m.bucket, record_id=m.record_id, record_type=m.record_type, mutation=m.model_dump_json(),
                reason="assignment_changed", created_at=now()))
            audit.write(conn, action="quarantine", user_id=caller.user_id, username=caller.username,
                        device_id=caller.device_id, record_type=m.record_type, record_id=m.record_id,
                        bucket=m.bucket, detail={"mutation_id": m.mutation_id, "op": m.op.value})
            return _result(m, Status.QUARANTINED, 202, code="territory.reassigned",
                           message="您的辖区已调整，这条修改已交给乡镇审核，不会丢失。")
    raise _reject(403, "territory.outside", "这条记录不在您的辖区内，不能上传。")


def _parse(m: Mutation, state: str | None = None) -> Record:
    """The mutation's record, validated like on the laptop; `state` overrides the one sent."""
    if m.record is None:
        raise _reject(422, "mutation.record_missing", "修改内容缺少记录数据。")
    data = {k: v for k, v in m.record.items() if k not in RECORD_TYPES[m.record_type].META_FIELDS}
    if data.get("id", m.record_id) != m.record_id:
        raise _reject(422, "mutation.id_mismatch", "记录编号与修改不一致。")
    if data.get("village_code", m.bucket) != m.bucket:
        raise _reject(422, "record.moved", "记录所属的村与修改不一致。")
    data["id"], data["village_code"] = m.record_id, m.bucket
    if state is not None:
        data["state"] = state
    try:
        record = parse_record(m.record_type, data)
    except InvalidRecord as exc:
        raise _invalid(exc) from None
    return record


def _invalid(exc: InvalidRecord) -> Outcome:
    problems = [Problem(field=p.field, code=p.code, message=p.message) for p in exc.problems]
    first = problems[0].message if problems else "记录内容不符合要求"
    return _reject(422, "record.invalid", f"记录内容不符合要求：{first}", problems)


def _validated(record: Record) -> Record:
    try:
        validation.ensure_valid(record)
    except InvalidRecord as exc:
        raise _invalid(exc) from None
    return record


def _write(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None, w: Write, *,
           status: Status = Status.APPLIED, clashes: Iterable[Clash] = (), code: str | None = None,
           message: str | None = None) -> MutationResult:
    caller = ctx.caller
    version, change_no = write_record(conn, old, w, username=caller.username, device_id=caller.device_id)
    found = _conflicts(conn, ctx, m, clashes)
    audit.write(conn, action=m.op.value, user_id=caller.user_id, username=caller.username,
                device_id=caller.device_id, record_type=m.record_type, record_id=m.record_id, bucket=m.bucket,
                detail={"version": version, "change_no": change_no, "mutation_id": m.mutation_id,
                        "fields": m.fields, "content_hash": w.content_hash, "conflicts": len(found),
                        "client_time": m.client_time.isoformat() if m.client_time else None})
    if found and status is Status.APPLIED and not w.sealed:
        status = Status.CONFLICT
    return _result(m, status, 409 if status is Status.CONFLICT else 200, version=version, change_no=change_no,
                   conflicts=found, content_hash=w.content_hash, code=code, message=message)


def _conflicts(conn: Connection, ctx: Context, m: Mutation, clashes: Iterable[Clash]) -> list[FieldConflict]:
    out = []
    for clash in clashes:
        item = FieldConflict(conflict_id=str(uuid.uuid4()), record_id=m.record_id, record_type=m.record_type,
                             field=clash.field, base_value=clash.base, server_value=clash.server,
                             client_value=clash.client)
        add_conflict(conn, conflict_id=item.conflict_id, record_id=m.record_id, record_type=m.record_type,
                     bucket=m.bucket, field_name=clash.field, base=clash.base, server=clash.server,
                     client=clash.client, mutation_id=m.mutation_id, device_id=ctx.caller.device_id,
                     user_id=ctx.caller.user_id)
        out.append(item)
    return out


def _unchanged(m: Mutation, old: dict[str, Any], message: str | None = None) -> MutationResult:
    return _result(m, Status.APPLIED, 200, version=old["version"], change_no=old["change_no"],
                   content_hash=old["content_hash"], code="unchanged", message=message)


def _lost_edit(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any], code: str,
               message: str) -> MutationResult:
    """An edit that cannot be applied to a sealed or deleted record: every value the laptop
    sent is kept as a conflict record so the user can still see and re-enter it."""
    client = {k: v for k, v in (m.record or {}).items() if k not in _FIXED}
    names = m.fields if m.fields is not None else sorted(client)
    server = json.loads(old["data"])
    clashes = [Clash(n, None, server.get(n), client.get(n)) for n in names
               if n in client and client.get(n) != server.get(n)]
    found = _conflicts(conn, ctx, m, clashes)
    audit.write(conn, action=f"{m.op.value}_refused", user_id=ctx.caller.user_id, username=ctx.caller.username,
                device_id=ctx.caller.device_id, record_type=m.record_type, record_id=m.record_id,
                bucket=m.bucket, detail={"code": code, "mutation_id": m.mutation_id, "conflicts": len(found)})
    return _result(m, Status.CONFLICT, 409, version=old["version"], change_no=old["change_no"], code=code,
                   message=message, conflicts=found, content_hash=old["content_hash"])


def _create(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    if old is not None:
        if old["deleted"]:
            raise _reject(410, "record.deleted", "这条记录已被删除，不能再建立同一条记录。")
        return _update(conn, ctx, m, old)
    record = _validated(_parse(m))
    if _sealed_owner(conn, _owner_of(record)):
        raise _reject(409, "owner.sealed", _OWNER_SEALED_ADD)
    return _write(conn, ctx, m, None, Write(m.record_type, m.record_id, m.bucket, record.state,
                                            record_data(record), record))


def _update(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    if old is None:
        raise _reject(404, "record.not_found", "服务器上没有这条记录（它的新建可能没有通过），修改无法保存。")
    if old["deleted"]:
        return _lost_edit(conn, ctx, m, old, "record.deleted", "这条记录已被别人删除；您的修改已保留在同步问题里。")
    annex_only = bool(m.fields) and set(m.fields or ()) <= RECORD_TYPES[m.record_type].ANNEX_FIELDS
    if old["sealed"] and not annex_only:
        return _lost_edit(conn, ctx, m, old, "record.sealed", "这份记录已经封存，修改没有保存；如需更正，请做更正。")
    parsed = _parse(m, state=old["state"])
    if m.record_type == "attachment" and _sealed_owner(conn, old["parent_id"], _owner_of(parsed)):
        return _lost_edit(conn, ctx, m, old, "owner.sealed",
                          "这个附件所属的记录已经封存，附件不能再修改；您的修改已保留在同步问题里。")
    client = record_data(parsed)
    server = json.loads(old["data"])
    base = version_data(conn, m.record_id, m.base_version) if m.base_version else \
        last_version_by_device(conn, m.record_id, ctx.caller.device_id)
    names = [f for f in (m.fields if m.fields is not None else changed_fields(base or server, client))
             if f not in _FIXED]
    merged = merge(base, server, client, names)
    if not merged.taken:
        if merged.clashes:
            return _clash_only(conn, ctx, m, old, merged)
        return _unchanged(m, old)
    record = _validated(_parse_data(m, {**merged.data, "state": old["state"]}))
    # A sealed record takes only its annex (公示, 审核, 履行): outside the seal, the hash stays.
    return _write(conn, ctx, m, old, Write(m.record_type, m.record_id, m.bucket, old["state"], record_data(record),
                                           record, sealed=bool(old["sealed"]), content_hash=old["content_hash"]),
                  clashes=merged.clashes)


def _parse_data(m: Mutation, data: dict[str, Any]) -> Record:
    try:
        return parse_record(m.record_type, data)
    except InvalidRecord as exc:
        raise _invalid(exc) from None


def _clash_only(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any], merged: Merged) -> MutationResult:
    found = _conflicts(conn, ctx, m, merged.clashes)
    audit.write(conn, action="conflict", user_id=ctx.caller.user_id, username=ctx.caller.username,
                device_id=ctx.caller.device_id, record_type=m.record_type, record_id=m.record_id, bucket=m.bucket,
                detail={"mutation_id": m.mutation_id, "fields": [c.field for c in merged.clashes]})
    return _result(m, Status.CONFLICT, 409, version=old["version"], change_no=old["change_no"],
                   conflicts=found, code="record.conflict", message="别人同时改了同样的内容，请在“同步问题”里确认。")


def _transition(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    if old is None or old["deleted"]:
        raise _reject(404, "record.not_found", "服务器上没有这条记录，状态无法更改。")
    if not m.to_state:
        raise _reject(422, "mutation.to_state_missing", "缺少目标状态。")
    if states.seals(m.record_type, m.to_state) and not old["sealed"]:
        return _seal(conn, ctx, m, old)
    if old["state"] == m.to_state:
        return _unchanged(m, old)
    if m.from_state and old["state"] != m.from_state:
        return _result(m, Status.CONFLICT, 409, version=old["version"], change_no=old["change_no"],
                       code="state.diverged",
                       message=f"这条记录在服务器上的状态已是“{states.state_label(m.record_type, old['state'])}”，"
                               f"不能再改为“{states.state_label(m.record_type, m.to_state)}”。")
    server_record = _parse_data(m, {**json.loads(old["data"]), "state": old["state"]})
    _guard(server_record, m.to_state)
    data = {**json.loads(old["data"]), "state": m.to_state}
    record = _parse_data(m, data)
    return _write(conn, ctx, m, old, Write(m.record_type, m.record_id, m.bucket, m.to_state, record_data(record),
                                           record, sealed=bool(old["sealed"]), content_hash=old["content_hash"]))


def _guard(record: Record, to_state: str) -> None:
    try:
        validation.ensure_transition(record, to_state)
    except TransitionNotAllowed as exc:
        raise _reject(409, "state.not_allowed", str(exc)) from None
    except InvalidRecord as exc:
        raise _invalid(exc) from None


def _seal(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    to_state = m.to_state
    if not to_state or not states.seals(m.record_type, to_state):
        raise _reject(422, "seal.bad_state", "这个状态不会封存记录。")
    if not m.content_hash:
        raise _reject(422, "seal.hash_missing", "封存的记录缺少内容指纹（content_hash）。")
    if old is not None and old["deleted"]:
        raise _reject(410, "record.deleted", "这条记录已被删除，不能封存。")
    if old is not None and old["sealed"] and old["content_hash"] == m.content_hash:
        return _unchanged(m, old)
    _same_attachments(conn, m)
    if old is not None and old["sealed"]:
        # Its hash must still match its own content, or it is not a signed document at all (a
        # laptop whose photo was refused after it sealed sends the hash it signed: refused here).
        if seal_hash(_parse(m, state=to_state), m.attachment_hashes) != m.content_hash:
            raise _reject(422, "seal.hash_mismatch", "封存记录的内容指纹对不上，内容可能在传输中被改动，未保存。")
        return _lost_edit(conn, ctx, m, old, "record.sealed_differently",
                          "这份记录在服务器上已经以不同的内容封存；您的版本已保留在同步问题里。")
    from_state = m.from_state or (old["state"] if old else None)
    client = _parse(m, state=from_state) if from_state else _parse(m)
    if old is not None and old["state"] not in (client.state, to_state):
        return _result(m, Status.CONFLICT, 409, version=old["version"], change_no=old["change_no"],
                       code="state.diverged", message="这条记录在服务器上的状态已经变了，不能封存。")
    if client.state != to_state:
        _guard(client, to_state)
    sealed = _validated(_parse(m, state=to_state))
    digest = seal_hash(sealed, m.attachment_hashes)
    if digest != m.content_hash:
        raise _reject(422, "seal.hash_mismatch", "封存记录的内容指纹对不上，内容可能在传输中被改动，未保存。")
    data = record_data(sealed)
    clashes: list[Clash] = []
    if old is not None:
        base = version_data(conn, m.record_id, m.base_version) if m.base_version else \
            last_version_by_device(conn, m.record_id, ctx.caller.device_id)
        strip = lambda d: {k: v for k, v in d.items() if k not in _FIXED}  # noqa: E731
        clashes = overwrite(strip(json.loads(old["data"])), strip(data), strip(base) if base else None).clashes
    return _write(conn, ctx, m, old, Write(m.record_type, m.record_id, m.bucket, to_state, data, sealed,
                                           sealed=True, content_hash=digest), clashes=clashes)


def _amend(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    if old is not None:  # the correction itself already exists: a repeat from a re-registered laptop
        if old["content_hash"] == m.content_hash and old["supersedes_id"] == m.supersedes_id:
            return _unchanged(m, old)
        raise _reject(409, "amend.id_taken", "更正记录的编号已被占用。")
    if not m.supersedes_id or not m.content_hash or not m.reason:
        raise _reject(422, "amend.incomplete", "更正必须写明被更正的版本、更正原因和内容指纹。")
    target = current(conn, m.supersedes_id)
    if target is None or target["type"] != m.record_type or target["bucket"] != m.bucket:
        raise _reject(404, "amend.target_missing", "找不到被更正的记录。")
    if not target["sealed"]:
        raise _reject(409, "amend.not_sealed", "被更正的记录还没有封存，应直接修改。")
    newer = conn.execute(select(records.c.id).where(records.c.supersedes_id == m.supersedes_id)).first()
    if newer is not None or (m.supersedes_hash and m.supersedes_hash != target["content_hash"]):
        return _result(m, Status.CONFLICT, 409, code="amend.stale",
                       message="这份记录已经被别人更正过，请先同步，打开最新版本后再更正；您的更正内容仍保留在本机。")
    _same_attachments(conn, m)
    correction = _validated(_parse(m, state=target["state"]))
    digest = seal_hash(correction, m.attachment_hashes)
    if digest != m.content_hash:
        raise _reject(422, "seal.hash_mismatch", "更正记录的内容指纹对不上，未保存。")
    return _write(conn, ctx, m, None, Write(
        m.record_type, m.record_id, m.bucket, target["state"], record_data(correction), correction, sealed=True,
        content_hash=digest, root_id=target["root_id"], revision=target["revision"] + 1,
        supersedes_id=m.supersedes_id, supersedes_hash=target["content_hash"], amend_reason=m.reason))


def _delete(conn: Connection, ctx: Context, m: Mutation, old: dict[str, Any] | None) -> MutationResult:
    if old is not None and old["sealed"]:
        raise _reject(409, "record.sealed", "已封存的记录不能删除；如有错误，请做更正。")
    if old is not None and old["deleted"]:
        return _unchanged(m, old)
    if old is not None and m.record_type == "attachment" and _sealed_owner(conn, old["parent_id"]):
        raise _reject(409, "owner.sealed", "这个附件所属的记录已经封存，附件不能删除；如有错误，请做更正。")
    return _write(conn, ctx, m, old, Write(m.record_type, m.record_id, m.bucket, old["state"] if old else "",
                                           {}, None, deleted=True))


# ---------------------------------------------------------------- attachments and seals

_OWNER_SEALED_ADD = ("这份记录已经封存，不能再增加附件；这个附件没有上传，它的内容保留在同步问题里。"
                     "如需补充，请做更正。")


def _owner_of(record: Record) -> str | None:
    return getattr(record, "owner_id", None) if record.RECORD_TYPE == "attachment" else None


def _sealed_owner(conn: Connection, *owner_ids: str | None) -> bool:
    """Whether any of these records is sealed. The owner's row is locked (FOR UPDATE), as a seal
    locks the record it seals: an attachment write and a seal of its owner never interleave."""
    for owner_id in sorted({o for o in owner_ids if o}):
        owner = current(conn, owner_id)
        if owner is not None and owner["sealed"] and not owner["deleted"]:
            return True
    return False


def _same_attachments(conn: Connection, m: Mutation) -> None:
    """A seal (or correction) covers the hashes of the record's attachments: they must be the
    ones the server holds, or every copy of the seal would fail to verify."""
    if sorted(held_attachments(conn, m.record_id)) != sorted(m.attachment_hashes):
        raise _reject(409, "seal.attachments_changed",
                      "这份记录的附件在服务器上已经变了（别人增加或删除了照片），封存没有上传；"
                      "您封存的内容保留在同步问题里，请同步后核对附件，再重新封存。")


def import_records(engine: Engine, items: Iterable[Record], *, username: str = "import",
                   device_id: str = "server-import") -> int:
    """Load records straight into the server (the demo, benchmarks, a county migration):
    validated, sealed where their state seals, numbered per bucket like pushed changes, one
    transaction per bucket. Attachments' hashes count in their owner's seal. Returns the count."""
    from sync.server.writes import bulk_insert

    by_bucket: dict[str, list[Record]] = {}
    for record in items:
        by_bucket.setdefault(record.bucket(), []).append(record)
    hashes: dict[str, list[str]] = {}
    for group in by_bucket.values():
        for r in group:
            if r.RECORD_TYPE == "attachment" and getattr(r, "owner_id", None) and getattr(r, "sha256", None):
                hashes.setdefault(r.owner_id, []).append(r.sha256)
    total = 0
    for bucket, group in sorted(by_bucket.items()):
        for r in group:
            _validated(r)
        with engine.begin() as conn:
            total += bulk_insert(conn, bucket, group, hashes, username=username, device_id=device_id)
            audit.write(conn, action="import", username=username, device_id=device_id, bucket=bucket,
                        detail={"records": len(group)})
    return total

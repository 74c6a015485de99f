"""`/v1/admin/...`: accounts, assignments, the audit log and quarantined mutations, for county
admins only (every other role gets 403).

The user operations are `sync.server.accounts` (shared with `gridapp-server`), each run in one
transaction that also writes its audit row: a refused request changes nothing. Password
hashes never leave the server; passwords are only ever received.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field
from sqlalchemy import Connection, func, select, update

from sync.protocol import Message, Role
from sync.server import accounts, audit
from sync.server.auth import Caller, aware, now
from sync.server.db import reading
from sync.server.deps import AdminDep, EngineDep
from sync.server.errors import Conflict, NotFound
from sync.server.tables import audit as audit_table
from sync.server.tables import devices, quarantine, users

router = APIRouter(prefix="/v1/admin", tags=["admin"])

_NAME = Field(min_length=1, max_length=64)
_SCOPES_MAX = 2000  # a township's staff needs one code; a worker a few grids


# ---------------------------------------------------------------- models (schema family per entity)


class UserBase(Message):
    username: str = _NAME
    display_name: str | None = Field(default=None, max_length=50)
    role: Role
    mediator_id: str | None = Field(default=None, max_length=36)


class UserCreate(UserBase):
    # The length rule (accounts/auth: at least 8) answers in Chinese; the cap only stops abuse.
    password: str = Field(min_length=1, max_length=256)


class UserPublic(Message):
    id: int
    username: str
    display_name: str
    role: Role
    mediator_id: str | None
    disabled: bool
    assignment_epoch: int
    scopes: list[str]


class UsersPublic(Message):
    data: list[UserPublic]
    count: int


class UserChanged(Message):
    """The account after disable / enable / password reset, and how many device tokens that revoked."""

    user: UserPublic
    devices_revoked: int = 0


class PasswordReset(Message):
    new_password: str = Field(min_length=1, max_length=256)


class AssignmentUpdate(Message):
    role: Role | None = None
    scopes: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(default_factory=list,
                                                                            max_length=_SCOPES_MAX)


class AssignmentPublic(Message):
    username: str
    role: Role
    scopes: list[str]
    buckets: list[str]
    assignment_epoch: int


class AuditEntry(Message):
    id: int
    at: datetime
    user_id: int | None
    username: str | None
    device_id: str | None
    action: str
    record_type: str | None
    record_id: str | None
    bucket: str | None
    detail: dict[str, Any]


class AuditPage(Message):
    data: list[AuditEntry]
    next_after_id: int | None  # pass as after_id to get the rows written since


class QuarantinedPublic(Message):
    id: str
    mutation_id: str
    device_id: str
    user_id: int
    username: str | None
    bucket: str
    record_id: str
    record_type: str
    reason: str
    created_at: datetime
    mutation: dict[str, Any]


class QuarantineList(Message):
    data: list[QuarantinedPublic]
    count: int  # all pending, even beyond `limit`


class QuarantineDecision(Message):
    id: str
    decision: str
    decided_at: datetime
    decided_by: int


# ---------------------------------------------------------------- users


def _public(conn: Connection, username: str) -> UserPublic:
    for item in accounts.list_users(conn):
        if item["username"] == username:
            return UserPublic(**item)
    raise NotFound(f"没有用户“{username}”。", code="user.not_found")


@router.get("/users", response_model=UsersPublic)
def list_users(_admin: AdminDep, engine: EngineDep) -> UsersPublic:
    with reading(engine) as conn:
        data = [UserPublic(**item) for item in accounts.list_users(conn)]
    return UsersPublic(data=data, count=len(data))


@router.post("/users", response_model=UserPublic, status_code=201)
def create_user(body: UserCreate, admin: AdminDep, engine: EngineDep) -> UserPublic:
    with engine.begin() as conn:
        accounts.add_user(conn, body.username, body.password, body.role, display_name=body.display_name,
                          mediator_id=body.mediator_id, by=admin.user_id)
        return _public(conn, body.username.strip())


def _not_self(admin: Caller, username: str, what: str) -> None:
    """An admin never locks themself out over the API (the command line still can)."""
    if username == admin.username:
        raise Conflict(f"不能{what}；请让另一位县级管理员操作，或在服务器上用 gridapp-server。", code="user.self")


@router.post("/users/{username}/disable", response_model=UserChanged)
def disable_user(username: str, admin: AdminDep, engine: EngineDep) -> UserChanged:
    _not_self(admin, username, "停用自己的账号")
    with engine.begin() as conn:
        revoked = accounts.set_disabled(conn, username, True, by=admin.user_id)
        return UserChanged(user=_public(conn, username), devices_revoked=revoked)


@router.post("/users/{username}/enable", response_model=UserChanged)
def enable_user(username: str, admin: AdminDep, engine: EngineDep) -> UserChanged:
    with engine.begin() as conn:
        accounts.set_disabled(conn, username, False, by=admin.user_id)
        return UserChanged(user=_public(conn, username))


@router.post("/users/{username}/reset-password", response_model=UserChanged)
def reset_password(username: str, body: PasswordReset, admin: AdminDep, engine: EngineDep) -> UserChanged:
    with engine.begin() as conn:
        user = _public(conn, username)
        live = conn.execute(select(func.count()).select_from(devices).where(
            devices.c.user_id == user.id, devices.c.revoked_at.is_(None))).scalar_one()
        accounts.reset_password(conn, username, body.new_password, by=admin.user_id)
    return UserChanged(user=user, devices_revoked=live)


@router.put("/users/{username}/assignment", response_model=AssignmentPublic)
def assign(username: str, body: AssignmentUpdate, admin: AdminDep, engine: EngineDep) -> AssignmentPublic:
    if body.role is not None and body.role is not Role.COUNTY_ADMIN:
        _not_self(admin, username, "取消自己的县级管理员角色")
    with engine.begin() as conn:
        buckets = accounts.assign(conn, username, body.scopes, role=body.role, by=admin.user_id)
        user = _public(conn, username)
    return AssignmentPublic(username=user.username, role=user.role, scopes=user.scopes, buckets=buckets,
                            assignment_epoch=user.assignment_epoch)


# ---------------------------------------------------------------- audit log


@router.get("/audit", response_model=AuditPage)
def audit_log(_admin: AdminDep, engine: EngineDep,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100,
              after_id: Annotated[int | None, Query(ge=0)] = None) -> AuditPage:
    """The newest `limit` rows, oldest first; with `after_id`, the rows written after that one
    (poll with the `next_after_id` of the previous answer)."""
    t = audit_table
    with reading(engine) as conn:
        if after_id is None:
            newest = select(t).order_by(t.c.id.desc()).limit(limit).subquery()
            rows = conn.execute(select(newest).order_by(newest.c.id)).mappings().all()
        else:
            rows = conn.execute(select(t).where(t.c.id > after_id).order_by(t.c.id).limit(limit)).mappings().all()
    data = [AuditEntry(**{**row, "at": aware(row["at"]), "detail": json.loads(row["detail"] or "{}")}) for row in rows]
    return AuditPage(data=data, next_after_id=data[-1].id if data else after_id)


# ---------------------------------------------------------------- quarantine


@router.get("/quarantine", response_model=QuarantineList)
def pending_quarantine(_admin: AdminDep, engine: EngineDep,
                       limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> QuarantineList:
    """Mutations kept aside because they were made for a bucket the user no longer holds
    (architecture.md §3 rule 9), oldest first, not yet decided."""
    q = quarantine
    pending = q.c.decided_at.is_(None)
    with reading(engine) as conn:
        count = conn.execute(select(func.count()).select_from(q).where(pending)).scalar_one()
        rows = conn.execute(
            select(q, users.c.username).join(users, users.c.id == q.c.user_id, isouter=True)
            .where(pending).order_by(q.c.created_at, q.c.id).limit(limit)).mappings().all()
    data = [QuarantinedPublic(
        id=r["id"], mutation_id=r["mutation_id"], device_id=r["device_id"], user_id=r["user_id"],
        username=r["username"], bucket=r["bucket"], record_id=r["record_id"], record_type=r["record_type"],
        reason=r["reason"], created_at=aware(r["created_at"]), mutation=json.loads(r["mutation"])) for r in rows]
    return QuarantineList(data=data, count=count)


@router.post("/quarantine/{item_id}/discard", response_model=QuarantineDecision)
def discard_quarantined(item_id: str, admin: AdminDep, engine: EngineDep) -> QuarantineDecision:
    """Decide a quarantined mutation by discarding it (kept, marked decided). Applying one is
    future work."""
    q = quarantine
    at = now()
    with engine.begin() as conn:
        row = conn.execute(select(q).where(q.c.id == item_id)).mappings().first()
        if row is None:
            raise NotFound("没有这条隔离的修改。", code="quarantine.not_found")
        done = conn.execute(update(q).where(q.c.id == item_id, q.c.decided_at.is_(None))
                            .values(decided_at=at, decided_by=admin.user_id, decision="discarded")).rowcount
        if not done:
            raise Conflict("这条隔离的修改已经处理过了。", code="quarantine.decided")
        audit.write(conn, action="quarantine_discard", user_id=admin.user_id, username=admin.username,
                    device_id=admin.device_id, record_type=row["record_type"], record_id=row["record_id"],
                    bucket=row["bucket"], detail={"quarantine_id": item_id, "mutation_id": row["mutation_id"]})
    return QuarantineDecision(id=item_id, decision="discarded", decided_at=at, decided_by=admin.user_id)

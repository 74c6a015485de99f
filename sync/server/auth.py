"""Accounts: argon2 password hashes, per-device bearer tokens (random, stored hashed,
revocable), and login throttling (slower after a few failures, then locked for a while)."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, select, update

from sync.protocol import Role
from sync.server import audit
from sync.server.config import Settings
from sync.server.errors import BadRequest, Locked, NotAuthenticated
from sync.server.tables import devices, users

# Modest cost: login happens once per device, and a county laptop fleet logs in at once after
# an outage. 64 MiB / 2 passes keeps a login under ~100 ms on this class of server.
_hasher = PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=1)
_DUMMY_HASH = _hasher.hash("not a password")
MIN_PASSWORD = 8


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything the server writes is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise BadRequest(f"密码至少 {MIN_PASSWORD} 位。", code="password.too_short")
    return _hasher.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    """Who is calling: the user behind a device token."""

    user_id: int
    username: str
    display_name: str
    role: Role
    device_id: str
    mediator_id: str | None
    assignment_epoch: int


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def login(engine: Engine, settings: Settings, username: str, password: str,
                device_name: str) -> tuple[dict[str, Any], str, str]:
    """Check the password and register a device: (user row, device id, token).

    Raises NotAuthenticated (wrong name or password — the same message for both), Locked."""
    with engine.begin() as conn:
        user = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if user is None:
        await asyncio.to_thread(_verify, _DUMMY_HASH, password)  # same time as a real check
        raise NotAuthenticated("用户名或密码不对。", code="auth.bad_credentials")
    locked_until = aware(user["locked_until"])
    if locked_until and locked_until > now():
        minutes = max(1, int((locked_until - now()).total_seconds() // 60) + 1)
        raise Locked(f"密码输错次数太多，账号已暂时锁定，请 {minutes} 分钟后再试。",
                     headers={"Retry-After": str(minutes * 60)})
    ok = await asyncio.to_thread(_verify, user["password_hash"], password)
    if not ok:
        failures = _record_failure(engine, settings, user["id"])
        if failures > settings.login_slow_after:
            # Slow down guessing without holding a worker thread.
            await asyncio.sleep(min(0.25 * 2 ** (failures - settings.login_slow_after), 4.0))
        raise NotAuthenticated("用户名或密码不对。", code="auth.bad_credentials")
    if user["disabled"]:
        raise NotAuthenticated("这个账号已停用，请联系县里的管理员。", code="auth.disabled")
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user["id"]).values(failed_logins=0, locked_until=None))
        conn.execute(devices.insert().values(id=device_id, user_id=user["id"], name=device_name,
                                             token_hash=token_hash(token), created_at=now()))
        audit.write(conn, action="login", user_id=user["id"], username=username, device_id=device_id,
                    detail={"device_name": device_name})
    return dict(user), device_id, token


def _record_failure(engine: Engine, settings: Settings, user_id: int) -> int:
    with engine.begin() as conn:
        failures = conn.execute(
            update(users).where(users.c.id == user_id).values(failed_logins=users.c.failed_logins + 1)
            .returning(users.c.failed_logins)).scalar_one()
        if failures >= settings.login_lock_after:
            conn.execute(update(users).where(users.c.id == user_id).values(
                locked_until=now() + timedelta(minutes=settings.login_lock_minutes), failed_logins=0))
        audit.write(conn, action="login_failed", user_id=user_id, detail={"failures": failures})
    return failures


def caller_for_token(conn: Connection, token: str) -> Caller:
    """The caller behind a bearer token. Raises NotAuthenticated for an unknown or revoked
    token or a disabled user."""
    row = conn.execute(
        select(devices.c.id, devices.c.revoked_at, users.c.id.label("user_id"), users.c.username,
               users.c.display_name, users.c.role, users.c.disabled, users.c.mediator_id,
               users.c.assignment_epoch)
        .join(users, users.c.id == devices.c.user_id)
        .where(devices.c.token_hash == token_hash(token))
    ).mappings().first()
    if row is None or row["revoked_at"] is not None:
        raise NotAuthenticated("登录已失效，请重新登录。", code="auth.token_invalid")
    if row["disabled"]:
        raise NotAuthenticated("这个账号已停用，请联系县里的管理员。", code="auth.disabled")
    return Caller(user_id=row["user_id"], username=row["username"], display_name=row["display_name"],
                  role=Role(row["role"]), device_id=row["id"], mediator_id=row["mediator_id"],
                  assignment_epoch=row["assignment_epoch"])


def revoke_devices(conn: Connection, user_id: int, device_id: str | None = None) -> int:
    """Revoke all of a user's devices (or one); returns how many were live."""
    query = update(devices).where(devices.c.user_id == user_id, devices.c.revoked_at.is_(None))
    if device_id:
        query = query.where(devices.c.id == device_id)
    return conn.execute(query.values(revoked_at=now())).rowcount

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
from sqlalchemy import Connection, Engine, delete, insert, select, update

from sync.protocol import Role
from sync.server import audit
from sync.server.config import Settings
from sync.server.db import reading
from sync.server.errors import BadRequest, Locked, NotAuthenticated
from sync.server.tables import devices, login_throttle, users

# OWASP's minimum argon2id settings (19 MiB, 2 passes): ~30 ms a check. A login happens once
# per device, but after an outage a whole county's laptops log in together (bench_county.py).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY_HASH = _hasher.hash("not a password")
MIN_PASSWORD = 8


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything the server writes is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def utc_text(moment: datetime) -> str:
    """A stored moment as ISO text in UTC, whichever database read it."""
    return aware(moment).astimezone(UTC).isoformat()


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
    # Database work runs in a thread: on the event loop a wait for SQLite's write lock would
    # freeze every other request.
    user, throttle = await asyncio.to_thread(_lookup, engine, username)
    locked_until = aware(throttle["locked_until"]) if throttle else None
    if locked_until and locked_until > now():
        minutes = max(1, int((locked_until - now()).total_seconds() // 60) + 1)
        raise Locked(f"密码输错次数太多，账号已暂时锁定，请 {minutes} 分钟后再试。",
                     headers={"Retry-After": str(minutes * 60)})
    # An unknown name costs the same time as a real check and is throttled the same way.
    ok = await asyncio.to_thread(_verify, user["password_hash"] if user else _DUMMY_HASH, password)
    if not ok or user is None:
        failures = await asyncio.to_thread(_record_failure, engine, settings, username, user["id"] if user else None)
        if failures > settings.login_slow_after:
            # Slow down guessing without holding a worker thread.
            await asyncio.sleep(min(0.25 * 2 ** (failures - settings.login_slow_after), 4.0))
        raise NotAuthenticated("用户名或密码不对。", code="auth.bad_credentials")
    if user["disabled"]:
        raise NotAuthenticated("这个账号已停用，请联系县里的管理员。", code="auth.disabled")
    device_id, token = await asyncio.to_thread(_register_device, engine, user, device_name)
    return dict(user), device_id, token


def _lookup(engine: Engine, username: str) -> tuple[Any, Any]:
    with reading(engine) as conn:
        user = conn.execute(select(users).where(users.c.username == username)).mappings().first()
        throttle = conn.execute(select(login_throttle).where(login_throttle.c.username == username)).mappings().first()
    return user, throttle


def _register_device(engine: Engine, user: Any, device_name: str) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    with engine.begin() as conn:
        clear_failures(conn, user["username"])
        conn.execute(devices.insert().values(id=device_id, user_id=user["id"], name=device_name,
                                             token_hash=token_hash(token), created_at=now()))
        audit.write(conn, action="login", user_id=user["id"], username=user["username"], device_id=device_id,
                    detail={"device_name": device_name})
    return device_id, token


def clear_failures(conn: Connection, username: str) -> None:
    conn.execute(delete(login_throttle).where(login_throttle.c.username == username))


def _record_failure(engine: Engine, settings: Settings, username: str, user_id: int | None) -> int:
    with engine.begin() as conn:
        row = conn.execute(select(login_throttle.c.failures).where(login_throttle.c.username == username)
                           .with_for_update()).first()
        failures = (row[0] if row else 0) + 1
        locked = now() + timedelta(minutes=settings.login_lock_minutes) if failures >= settings.login_lock_after \
            else None
        values = {"failures": 0 if locked else failures, "locked_until": locked}
        if row is None:
            conn.execute(insert(login_throttle).values(username=username, **values))
        else:
            conn.execute(update(login_throttle).where(login_throttle.c.username == username).values(**values))
        audit.write(conn, action="login_failed", user_id=user_id, username=username if user_id else None,
                    detail={"failures": failures})
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

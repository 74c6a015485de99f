"""User management shared by the command line and the admin API: add, list, disable,
reset a password, assign a role's territory. Each change is audited and, where it changes what
a user may see, bumps their assignment epoch (see territory.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from sync.protocol import Role
from sync.server import audit, auth, territory
from sync.server.errors import BadRequest, Conflict, NotFound
from sync.server.tables import assignment_history, assignments, grids, townships, users, villages


def add_user(conn: Connection, username: str, password: str, role: Role | str, *, display_name: str | None = None,
             mediator_id: str | None = None, by: int | None = None) -> int:
    """Create an account; returns its id. Raises Conflict if the name is taken, BadRequest for a
    short password or a bad name."""
    role = Role(role)
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise BadRequest("用户名不能为空，也不能有空格。", code="user.bad_name")
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise Conflict(f"用户名“{username}”已经有人用了。", code="user.exists")
    user_id = conn.execute(users.insert().values(
        username=username, display_name=(display_name or username).strip(), role=role.value,
        password_hash=auth.hash_password(password), mediator_id=mediator_id, created_at=auth.now(),
    ).returning(users.c.id)).scalar_one()
    audit.write(conn, action="user_add", user_id=by, detail={"username": username, "role": role.value})
    return user_id


def user_by_name(conn: Connection, username: str) -> dict[str, Any]:
    row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        raise NotFound(f"没有用户“{username}”。", code="user.not_found")
    return dict(row)


def list_users(conn: Connection) -> list[dict[str, Any]]:
    """Every account with its scopes, without password hashes."""
    scopes: dict[int, list[str]] = {}
    for user_id, code in conn.execute(select(assignments.c.user_id, assignments.c.scope_code)
                                      .order_by(assignments.c.scope_code)):
        scopes.setdefault(user_id, []).append(code)
    out = []
    for row in conn.execute(select(users).order_by(users.c.username)).mappings():
        item = {k: row[k] for k in ("id", "username", "display_name", "role", "disabled", "mediator_id",
                                    "assignment_epoch")}
        item["scopes"] = scopes.get(row["id"], [])
        out.append(item)
    return out


def set_disabled(conn: Connection, username: str, disabled: bool, *, by: int | None = None) -> int:
    """Disable (revoking every device token) or re-enable an account; returns devices revoked."""
    user = user_by_name(conn, username)
    conn.execute(update(users).where(users.c.id == user["id"]).values(disabled=disabled))
    revoked = auth.revoke_devices(conn, user["id"]) if disabled else 0
    audit.write(conn, action="user_disable" if disabled else "user_enable", user_id=by,
                detail={"username": username, "devices_revoked": revoked})
    return revoked


def reset_password(conn: Connection, username: str, password: str, *, by: int | None = None) -> None:
    """Set a new password, unlock the account and revoke its devices (they must log in again)."""
    user = user_by_name(conn, username)
    conn.execute(update(users).where(users.c.id == user["id"]).values(password_hash=auth.hash_password(password)))
    auth.clear_failures(conn, username)
    auth.revoke_devices(conn, user["id"])
    audit.write(conn, action="user_reset_password", user_id=by, detail={"username": username})


def assign(conn: Connection, username: str, scopes: Iterable[str], *, role: Role | str | None = None,
           by: int | None = None) -> list[str]:
    """Replace a user's territory (and optionally role); returns the buckets it now gives.

    Scopes are grid codes for a grid worker, village or township codes for a mediator, a
    township code for township staff. Raises BadRequest for a code that does not fit the role."""
    user = user_by_name(conn, username)
    new_role = Role(role) if role else Role(user["role"])
    codes = sorted({c.strip() for c in scopes if c.strip()})
    _check_scopes(conn, new_role, codes)
    conn.execute(delete(assignments).where(assignments.c.user_id == user["id"]))
    for code in codes:
        conn.execute(assignments.insert().values(user_id=user["id"], scope_code=code))
    epoch = user["assignment_epoch"] + 1
    conn.execute(update(users).where(users.c.id == user["id"]).values(role=new_role.value, assignment_epoch=epoch))
    buckets = territory.buckets_for(conn, user["id"], new_role)
    conn.execute(assignment_history.insert().values(user_id=user["id"], epoch=epoch, buckets=json.dumps(buckets),
                                                    at=auth.now()))
    audit.write(conn, action="assign", user_id=by, detail={"username": username, "role": new_role.value,
                                                           "scopes": codes, "epoch": epoch})
    return buckets


def _check_scopes(conn: Connection, role: Role, codes: list[str]) -> None:
    if role is Role.COUNTY_ADMIN:
        if codes:
            raise BadRequest("县级管理员不需要分配辖区。", code="assign.not_needed")
        return

    def known(table: Any, column: Any) -> set[str]:
        return set(conn.execute(select(column).where(column.in_(codes))).scalars()) if codes else set()

    if role is Role.GRID_WORKER:
        allowed = known(grids, grids.c.code)
        what = "网格编码"
    elif role is Role.TOWNSHIP_STAFF:
        allowed = known(townships, townships.c.code)
        what = "乡镇代码"
    else:
        allowed = known(villages, villages.c.code) | known(townships, townships.c.code)
        what = "村或乡镇代码"
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise BadRequest(f"这些不是有效的{what}：{'、'.join(unknown[:10])}", code="assign.unknown_scope")


def count_users(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(users)).scalar_one()

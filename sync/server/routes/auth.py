"""`POST /v1/auth/login` (a new device token) and `POST /v1/auth/logout` (revoke this device)."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import LoginRequest, LoginResponse, Role, UserInfo
from sync.server import audit, auth
from sync.server.deps import CallerDep, EngineDep, SettingsDep

router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post("/login", response_model=LoginResponse)
async def login(body: LoginRequest, engine: EngineDep, settings: SettingsDep) -> LoginResponse:
    user, device_id, token = await auth.login(engine, settings, body.username, body.password, body.device_name)
    return LoginResponse(device_id=device_id, token=token, user=UserInfo(
        username=user["username"], display_name=user["display_name"], role=Role(user["role"]),
        mediator_id=user["mediator_id"]))


@router.post("/logout", status_code=204)
def logout(caller: CallerDep, engine: EngineDep) -> None:
    with engine.begin() as conn:
        auth.revoke_devices(conn, caller.user_id, caller.device_id)
        audit.write(conn, action="logout", user_id=caller.user_id, username=caller.username,
                    device_id=caller.device_id)

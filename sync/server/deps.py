"""FastAPI dependencies: the settings, the engine and the calling device."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from sync.protocol import Role
from sync.server.auth import Caller, caller_for_token
from sync.server.config import Settings
from sync.server.db import reading
from sync.server.errors import Forbidden, NotAuthenticated


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_caller(request: Request) -> Caller:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("请先登录。", headers={"WWW-Authenticate": "Bearer"})
    with reading(request.app.state.engine) as conn:
        caller = caller_for_token(conn, token.strip())
    request.state.caller = caller  # for the access log
    return caller


def get_admin(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    if caller.role is not Role.COUNTY_ADMIN:
        raise Forbidden("只有县级管理员可以做这项操作。", code="auth.admin_only")
    return caller


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
CallerDep = Annotated[Caller, Depends(get_caller)]
AdminDep = Annotated[Caller, Depends(get_admin)]

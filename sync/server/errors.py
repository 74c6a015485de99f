"""The server's exception tree and its mapping to HTTP answers.

    ServerError (status, code, Chinese message)
    ├── BadRequest 400/422    ├── NotAuthenticated 401    ├── Forbidden 403
    ├── NotFound 404          ├── Conflict 409            ├── TooLarge 413
    └── Locked 429

Every error answer has the body of `sync.protocol.ErrorBody`: `code` for programs, `message`
for people (Chinese; the laptop shows it as it is)."""

from __future__ import annotations

from typing import Any


class ServerError(Exception):
    status = 500
    code = "server.error"

    def __init__(self, message: str, *, code: str | None = None, problems: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.problems = problems or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "problems": self.problems}


class BadRequest(ServerError):
    status = 422
    code = "request.invalid"


class NotAuthenticated(ServerError):
    status = 401
    code = "auth.required"


class Forbidden(ServerError):
    status = 403
    code = "auth.forbidden"


class NotFound(ServerError):
    status = 404
    code = "not_found"


class Conflict(ServerError):
    status = 409
    code = "conflict"


class TooLarge(ServerError):
    status = 413
    code = "request.too_large"


class Locked(ServerError):
    status = 429
    code = "auth.locked"

"""The core's exception tree and the one function that turns an exception into words for a person.

    GridAppError                    anything the core raises on purpose
    ├── InvalidRecord               bad input: one or more `Problem`s (field, code, Chinese message)
    ├── TransitionNotAllowed        a state change the state machine forbids
    ├── SealedRecordError           a change to a sealed (legally final) record
    ├── StaleAmendment              an amendment naming a version that is no longer current
    ├── RecordNotFound              an id the store does not hold
    └── StoreError                  the database file itself
        ├── WrongKey                wrong passphrase or missing key: the file is left untouched
        ├── KeyUnavailable          no key can be had (no keyring and no passphrase given)
        ├── StoreCorrupt            integrity_check failed
        └── MigrationFailed         a schema upgrade failed; the pre-upgrade backup is named

Codes are English and stable (tests and logs use them); messages are Chinese for the grid worker.
"""

from __future__ import annotations

import errno

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from gridapp.wording import after_title, joined, say

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: `field` is a dotted path ("members.0.id_number") or "" for
    the whole record; `code` is stable English ("id_number.checksum"); `message` is Chinese."""

    field: str
    code: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def short_message(self) -> str:
        """The message without a leading "<field title>：" (a form shows it next to that field)."""
        return after_title(self.message)


@dataclass(frozen=True)
class RecordCheck:
    """What a form's values make: the record (None when their shape is wrong) and its problems.
    Errors block saving, warnings do not; subclasses map a problem's field path to the form field
    it is shown under (`form_field`)."""

    record: Any
    problems: tuple[Problem, ...]

    def form_field(self, path: str) -> str:
        return path

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def can_save(self) -> bool:
        return self.record is not None and not self.errors

    def by_field(self) -> dict[str, list[Problem]]:
        """Form field → its problems, errors first."""
        return problems_by_field(self.problems, self.form_field)


def problems_by_field(problems: Iterable[Problem], field_of: Callable[[str], str]) -> dict[str, list[Problem]]:
    """Form field (`field_of(problem.field)`) → its problems, errors first: what a form shows
    under each of its fields."""
    out: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: not p.is_error):
        out.setdefault(field_of(problem.field), []).append(problem)
    return out


class GridAppError(Exception):
    """Base of every error the core raises on purpose; `message` is for people, `code` for code."""

    code = "gridapp"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidRecord(GridAppError):
    """A record failed validation; nothing was written."""

    code = "invalid_record"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems]
        errors = [p for p in self.problems if p.is_error] or self.problems
        text = joined([p.message for p in errors[:5]])
        if len(errors) > 5:
            text = say("{problems}；另有{n}处问题", problems=text, n=len(errors) - 5)
        super().__init__(text or say("记录有误"))

    def codes(self) -> list[str]:
        return [p.code for p in self.problems if p.is_error]

    def for_field(self, field: str) -> list[Problem]:
        return [p for p in self.problems if p.field == field]


class TransitionNotAllowed(GridAppError):
    code = "transition_not_allowed"


class SealedRecordError(GridAppError):
    code = "sealed"


class StaleAmendment(GridAppError):
    code = "stale_amendment"


class RecordNotFound(GridAppError):
    code = "not_found"


class StoreError(GridAppError):
    code = "store"


class WrongKey(StoreError):
    code = "wrong_key"


class KeyUnavailable(StoreError):
    code = "key_unavailable"


class StoreCorrupt(StoreError):
    code = "corrupt"


class MigrationFailed(StoreError):
    code = "migration_failed"


_DISK_FULL = "database or disk is full"  # what SQLite says when a write fills the disk


def message_for(exc: BaseException) -> str:
    """The sentence to show a grid worker for any exception (Chinese, no jargon)."""
    if isinstance(exc, GridAppError):
        return exc.message
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or _DISK_FULL in str(exc):
        return say("硬盘空间不够，请删除不用的文件后再试。")
    if isinstance(exc, PermissionError):
        return say("没有权限读写该文件，请检查文件夹权限。")
    if isinstance(exc, FileNotFoundError):
        return say("找不到文件：{file}", file=str(exc.filename))
    if isinstance(exc, OSError) and exc.filename:
        return say("无法读写“{file}”，请检查这个文件或文件夹。", file=str(exc.filename))
    if isinstance(exc, OSError):
        return say("读写文件时出错：{reason}", reason=str(exc.strerror or exc))
    return say("程序内部错误，请联系技术支持（{kind}）。", kind=type(exc).__name__)

"""Cross-field rules and per-state requirements: `problems`, `transition_problems`, `ensure_*`.

Pydantic checks the shape of every value present; this module checks what a state requires and
how fields fit together. Rules are grouped into *stages*: each state of a record type requires a
set of stages (a completed visit needs the "completed" stage, an effective agreement needs
"content" and "signed"), so `problems` reports what the current state requires and
`transition_problems` what the target state will require.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from gridapp import states
from gridapp.errors import InvalidRecord, Problem, TransitionNotAllowed
from gridapp.idnumber import CHINA_TZ
from gridapp.models.base import Part, Record
from gridapp.wording import say

Rule = Callable[["Checker", Any], None]
_RULES: dict[str, tuple[Rule, Callable[[str], frozenset[str]], dict[str, Rule]]] = {}

# What a record is called in messages ("走访记录缺少走访方式").
DOC_NAMES = {
    "person": "人员信息", "household": "户信息", "visit": "走访记录", "meeting": "议事记录",
    "case": "案件", "session": "调解记录", "agreement": "协议书", "followup": "回访记录",
    "mediator": "调解员信息", "committee": "调委会信息", "attachment": "附件", "event": "事件上报",
}


class Checker:
    """Collects Problems for one record; helpers build the Chinese messages from field titles."""

    def __init__(self, record: Record, today: date) -> None:
        self.record = record
        self.today = today
        self.doc = DOC_NAMES.get(record.RECORD_TYPE, "记录")
        self.out: list[Problem] = []

    def error(self, field: str, code: str, message: str) -> None:
        self.out.append(Problem(field, code, message, "error"))

    def warn(self, field: str, code: str, message: str) -> None:
        self.out.append(Problem(field, code, message, "warning"))

    def add(self, problems: Any) -> None:
        self.out.extend(problems)

    def require(self, obj: Part | None, name: str, prefix: str = "", *, what: str = "",
                severity: str = "error") -> bool:
        """Report `obj.name` missing (None, "" or []) as "<doc>缺少<what><title>"; True if present.
        `what` says whose field it is (a `say("第{n}个问题的", n=…)`)."""
        value = getattr(obj, name, None) if obj is not None else None
        if value not in (None, "", []):
            return True
        message = say("{doc}缺少{what}{title}", doc=self.doc, what=what, title=title(obj, name))
        path = f"{prefix}{name}"
        (self.error if severity == "error" else self.warn)(path, f"{name}.required", message)
        return False


def title(obj: Part | type[Part] | None, name: str) -> str:
    """The Chinese title of field `name` of a model (the UI label)."""
    cls = obj if isinstance(obj, type) else type(obj)
    info = getattr(cls, "model_fields", {}).get(name)
    return (info.title if info is not None and info.title else name)


def local_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_TZ).date()


def register(record_type: str, always: Rule, stages_of: Callable[[str], frozenset[str]],
             stages: dict[str, Rule]) -> None:
    """Install the rules of one record type (called by the gridapp.rules modules)."""
    _RULES[record_type] = (always, stages_of, stages)


def _today(today: date | None) -> date:
    return today or datetime.now(CHINA_TZ).date()


def problems(record: Record, *, today: date | None = None) -> list[Problem]:
    """All errors and warnings of `record` in its current state: cross-field rules plus what the
    state requires. Never raises for bad data; `today` defaults to the date in +08:00."""
    _load_rules()
    entry = _RULES.get(record.RECORD_TYPE)
    if entry is None:
        return []
    always, stages_of, stages = entry
    checker = Checker(record, _today(today))
    always(checker, record)
    for stage in sorted(stages_of(record.state)):
        stages[stage](checker, record)
    return _dedupe(checker.out)


def transition_problems(record: Record, to_state: str, *, today: date | None = None) -> list[Problem]:
    """The guard of `record.state → to_state`: a "transition.not_allowed" error if the state
    machine forbids it, else every problem the record would have in `to_state`."""
    try:
        states.check_transition(record.RECORD_TYPE, record.state, to_state)
    except TransitionNotAllowed as exc:
        return [Problem("state", exc.code, exc.message)]
    return problems(record.model_copy(update={"state": to_state}), today=today)


def ensure_valid(record: Record, *, today: date | None = None) -> list[Problem]:
    """Raise InvalidRecord if `record` has error-severity problems; else return its warnings."""
    found = problems(record, today=today)
    if any(p.is_error for p in found):
        raise InvalidRecord(found)
    return found


def ensure_transition(record: Record, to_state: str, *, today: date | None = None) -> list[Problem]:
    """Raise TransitionNotAllowed if the machine forbids the move, InvalidRecord if the guard
    finds errors; else return the warnings. Does not change `record`."""
    states.check_transition(record.RECORD_TYPE, record.state, to_state)
    found = problems(record.model_copy(update={"state": to_state}), today=today)
    if any(p.is_error for p in found):
        raise InvalidRecord(found)
    return found


def _dedupe(found: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in found:
        if p not in seen:
            seen.add(p)
            out.append(p)
    out.sort(key=lambda p: p.severity != "error")  # errors first, order otherwise kept
    return out


def _load_rules() -> None:
    # The rule modules register themselves on import; imported lazily to avoid a cycle.
    if not _RULES:
        from gridapp.rules import dispute, event, meeting, records  # noqa: F401

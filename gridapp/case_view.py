"""What the read-only case page shows (纠纷案件 detail): the case's labels, its parties with masked
ID numbers and phones, its deadlines, sessions and agreement — plain frozen data, read in one call.

What a grid worker (网格员) sees (domain.md §12.3): ID numbers and phones masked; the content of a
婚姻家庭 case (summary, sessions' matters, oral agreement, termination) is C3 and is left out, with a
note saying so (`privacy.c3_fields`). Nothing here is audited: no value is unmasked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from gridapp import codes, deadlines, privacy
from gridapp.errors import RecordNotFound
from gridapp.idnumber import CHINA_TZ
from gridapp.models.dispute import DisputeCase, Party
from gridapp.models.mediation import MediationAgreement, MediationSession, Mediator, effective_at
from gridapp.states import state_label
from gridapp.store import Store
from gridapp.wording import say

R = TypeVar("R")
HIDDEN = say("婚姻家庭纠纷的案情属于敏感信息，这里不显示。")

# Where a case can still be overdue (the mediation clock runs).
_CLOCK_STATES = deadlines.OVERDUE_STATES


@dataclass(frozen=True)
class PartyLine:
    role: str
    kind: str
    name: str
    phone_masked: str
    id_number_masked: str
    address: str


@dataclass(frozen=True)
class DeadlineLine:
    """A named deadline: its day, how many days are left (negative: past), and whether it still
    runs (a closed case's mediation deadline is history, not a warning)."""

    name: str
    due: date
    days_left: int
    running: bool


@dataclass(frozen=True)
class SessionLine:
    id: str
    day: str
    place: str
    matter: str
    state: str


@dataclass(frozen=True)
class AgreementLine:
    id: str
    number: str
    state: str
    jc_state: str
    effective_on: date | None
    performance: str


@dataclass(frozen=True)
class CaseView:
    id: str
    case_no: str
    dispute_type: str
    state: str
    registered_on: str
    source: str
    risk: str
    summary: str
    content_hidden: bool
    parties: tuple[PartyLine, ...]
    mediators: tuple[str, ...]
    deadlines: tuple[DeadlineLine, ...]
    flags: tuple[str, ...]
    outcome: str
    sessions: tuple[SessionLine, ...]
    agreement: AgreementLine | None
    oral_agreement: str


FLAG_LABELS = {"OVERDUE": say("已超过调解期限"), "JC_WINDOW_CLOSING": say("司法确认申请期限将到")}


def party_line(party: Party) -> PartyLine:
    return PartyLine(
        role=codes.label(codes.PARTY_ROLE, party.role), kind=codes.label(codes.PARTY_KIND, party.kind),
        name=party.name or "", phone_masked=privacy.mask_phone(party.phone) if party.phone else "",
        id_number_masked=privacy.mask_id_number(party.id_number), address=party.address_or_employer or "",
    )


def _day(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(CHINA_TZ).date()
    return value.isoformat()


def _dispute_type(case: DisputeCase) -> str:
    label = codes.label(codes.DISPUTE_TYPE, case.dispute_type)
    if case.dispute_type_other and label:
        return say("{label}（{other}）", label=label, other=case.dispute_type_other)
    return say(label) if label else ""  # a code label: the window translates it


def case_deadlines(case: DisputeCase, agreement: MediationAgreement | None, today: date) -> list[DeadlineLine]:
    """调解期限 (the recorded `due_at`, else acceptance + 1 month with agreed extensions) and, for a
    written agreement in force not yet taken to court, the 司法确认 30-day window."""
    lines = []
    due = case.due_at
    accepted = case.acceptance.decided_at if case.acceptance and case.acceptance.decision == "accept" else None
    if due is None and accepted is not None:
        due = deadlines.mediation_due(accepted, [e.new_due for e in case.extensions if e.new_due])
    if due is not None:
        lines.append(DeadlineLine(say("调解期限"), due, deadlines.days_remaining(today, due), case.state in _CLOCK_STATES))
    if agreement is not None and agreement.jc_state == "JC_NONE":
        jc_due = agreement.jc_deadline or _jc_from(agreement)
        if jc_due is not None:
            lines.append(DeadlineLine(say("司法确认申请期限"), jc_due, deadlines.days_remaining(today, jc_due),
                                      case.state in deadlines.JC_OPEN_STATES))
    return lines


def case_view(store: Store, case_id: str, *, today: date | None = None) -> CaseView:
    """The page of one case. Raises RecordNotFound when it is absent or deleted; a session,
    agreement or mediator not on this laptop (not pulled yet) is left out."""
    today = today or datetime.now(CHINA_TZ).date()
    case = store.get(case_id)
    assert isinstance(case, DisputeCase)
    hidden = privacy.c3_fields("case", {"dispute_type": case.dispute_type})
    content_hidden = "summary" in hidden

    agreement = _get(store, case.agreement_id, MediationAgreement)
    sessions = [s for sid in case.session_ids if (s := _get(store, sid, MediationSession)) is not None]
    sessions.sort(key=lambda s: s.held_at.isoformat() if s.held_at else "")
    mediators = tuple(m.name or "" for a in case.mediators if (m := _get(store, a.mediator_id, Mediator)))

    jc_due = None if agreement is None or agreement.jc_state != "JC_NONE" else (
        agreement.jc_deadline or _jc_from(agreement))
    flags = deadlines.case_flags(today, case.due_at, case.state, jc_due)
    oral = case.oral_agreement
    return CaseView(
        id=case.id, case_no=case.case_no or "", dispute_type=_dispute_type(case),
        state=state_label("case", case.state), registered_on=_day(case.registered_at),
        source=codes.label(codes.CASE_SOURCE, case.source),
        risk=codes.label(codes.ESCALATION_RISK, case.escalation_risk),
        summary="" if content_hidden else (case.summary or ""), content_hidden=content_hidden,
        parties=tuple(party_line(p) for p in case.parties), mediators=mediators,
        deadlines=tuple(case_deadlines(case, agreement, today)),
        flags=tuple(FLAG_LABELS.get(f, f) for f in sorted(flags)),
        outcome=codes.label(codes.CASE_OUTCOME, case.outcome),
        sessions=tuple(SessionLine(s.id, _day(s.held_at), s.place or "", "" if content_hidden else (s.matter or ""),
                                   state_label("session", s.state)) for s in sessions),
        agreement=None if agreement is None else AgreementLine(
            agreement.id, agreement.agreement_no or "", state_label("agreement", agreement.state),
            codes.label(codes.JC_STATE, agreement.jc_state), effective_at(agreement),
            codes.label(codes.PERFORMANCE_STATUS, agreement.performance_status)),
        oral_agreement="" if content_hidden or oral is None else (oral.content or ""),
    )


def _jc_from(agreement: MediationAgreement) -> date | None:
    effective = effective_at(agreement)
    return deadlines.judicial_confirmation_deadline(effective) if effective else None


def _get(store: Store, record_id: str | None, kind: type[R]) -> R | None:
    if not record_id:
        return None
    try:
        record = store.get(record_id)
    except RecordNotFound:
        return None
    return record if isinstance(record, kind) else None

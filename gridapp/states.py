"""State machines of domain.md §9 as data: allowed transitions, Chinese state labels, sealing points.

Only user-driven transitions are here. CONFLICT (set by sync) and case flags such as OVERDUE
(computed from dates) are not states of these machines.
"""

from __future__ import annotations

from gridapp.errors import TransitionNotAllowed
from gridapp.wording import say

Machine = dict[str, frozenset[str]]


def _m(**edges: str) -> Machine:
    return {state: frozenset(targets.split()) for state, targets in edges.items()}


MACHINES: dict[str, Machine] = {
    "visit": _m(
        DRAFT="COMPLETED", COMPLETED="SYNCED", SYNCED="REVIEWED", REVIEWED="ACCEPTED RETURNED",
        ACCEPTED="", RETURNED="DRAFT",
    ),
    "meeting": _m(
        PROPOSED="NOTICED", NOTICED="HELD", HELD="VOTED QUORUM_FAILED",
        QUORUM_FAILED="NOTICED", VOTED="PUBLICIZED",
        PUBLICIZED="IMPLEMENTING HELD VOTED",  # back when an objection is upheld
        IMPLEMENTING="RESULT_PUBLISHED", RESULT_PUBLISHED="ARCHIVED", ARCHIVED="",
    ),
    "case": _m(
        REGISTERED="ACCEPTED REJECTED", REJECTED="",
        ACCEPTED="INVESTIGATING MEDIATING", INVESTIGATING="MEDIATING",
        MEDIATING="AGREEMENT_PENDING_SIGNATURE ORAL_AGREED TERMINATED_NO_AGREEMENT WITHDRAWN REFERRED",
        # A party may refuse to sign: back to mediating (our addition).
        AGREEMENT_PENDING_SIGNATURE="AGREEMENT_EFFECTIVE MEDIATING",
        AGREEMENT_EFFECTIVE="PERFORMING", ORAL_AGREED="PERFORMING",
        TERMINATED_NO_AGREEMENT="ARCHIVED", WITHDRAWN="ARCHIVED",
        REFERRED="MEDIATING ARCHIVED",  # → ARCHIVED is our addition: a referral must close too
        PERFORMING="PERFORMED DEFAULTED", DEFAULTED="URGED",
        URGED="PERFORMED REMEDIATED LITIGATION_OR_ENFORCEMENT",
        REMEDIATED="MEDIATING ARCHIVED", LITIGATION_OR_ENFORCEMENT="ARCHIVED",
        PERFORMED="FOLLOWED_UP", FOLLOWED_UP="ARCHIVED", ARCHIVED="",
    ),
    "agreement": _m(
        DRAFT="AWAITING_SIGNATURES", AWAITING_SIGNATURES="EFFECTIVE DRAFT",
        EFFECTIVE="PERFORMING SUPERSEDED INVALIDATED",
        PERFORMING="PERFORMED DEFAULTED SUPERSEDED INVALIDATED",
        DEFAULTED="PERFORMED SUPERSEDED INVALIDATED",
        PERFORMED="", SUPERSEDED="", INVALIDATED="",
    ),
    "jc_state": _m(
        JC_NONE="JC_APPLIED", JC_APPLIED="JC_CONFIRMED JC_REFUSED JC_WITHDRAWN",
        JC_CONFIRMED="", JC_REFUSED="", JC_WITHDRAWN="JC_APPLIED",
    ),
    "session": _m(DRAFT="SIGNED", SIGNED=""),
    "followup": _m(DRAFT="COMPLETED", COMPLETED=""),
    # 事件上报: RETURNED goes back to the dispatcher, who dispatches again; ESCALATED is received
    # again at the next level (domain.md §9).
    "event": _m(
        REPORTED="RECEIVED ESCALATED", RECEIVED="DISPATCHED RETURNED ESCALATED",
        DISPATCHED="IN_PROGRESS ESCALATED", IN_PROGRESS="RESOLVED ESCALATED",
        RESOLVED="FEEDBACK", FEEDBACK="CLOSED", CLOSED="",
        RETURNED="DISPATCHED", ESCALATED="RECEIVED",
    ),
}

# (record type, target state) pairs whose transition seals the document.
SEAL_ON: frozenset[tuple[str, str]] = frozenset({
    ("visit", "COMPLETED"),
    ("meeting", "VOTED"),
    ("meeting", "QUORUM_FAILED"),  # the minutes of a failed meeting are still a record
    ("agreement", "EFFECTIVE"),
    ("session", "SIGNED"),
})

# The states in which a sealable record's document is sealed (the seal point and after it).
SEALED_STATES: dict[str, frozenset[str]] = {
    "visit": frozenset("COMPLETED SYNCED REVIEWED ACCEPTED RETURNED".split()),
    "meeting": frozenset("VOTED QUORUM_FAILED PUBLICIZED IMPLEMENTING RESULT_PUBLISHED ARCHIVED".split()),
    "agreement": frozenset("EFFECTIVE PERFORMING PERFORMED DEFAULTED SUPERSEDED INVALIDATED".split()),
    "session": frozenset({"SIGNED"}),
}

STATE_LABELS: dict[str, str] = {
    "DRAFT": "草稿", "COMPLETED": "已完成", "SYNCED": "已同步", "REVIEWED": "已审核",
    "ACCEPTED": "已受理", "RETURNED": "已退回",
    "PROPOSED": "已提议", "NOTICED": "已通知", "HELD": "已召开", "VOTED": "已表决",
    "QUORUM_FAILED": "未达法定人数", "PUBLICIZED": "已公示", "IMPLEMENTING": "实施中",
    "RESULT_PUBLISHED": "结果已公开", "ARCHIVED": "已归档",
    "REGISTERED": "已登记", "REJECTED": "不予受理", "INVESTIGATING": "调查中",
    "MEDIATING": "调解中", "AGREEMENT_PENDING_SIGNATURE": "协议待签署",
    "AGREEMENT_EFFECTIVE": "协议已生效", "ORAL_AGREED": "已达成口头协议",
    "TERMINATED_NO_AGREEMENT": "调解终止", "WITHDRAWN": "已撤回", "REFERRED": "已移交",
    "PERFORMING": "履行中", "PERFORMED": "已履行", "FOLLOWED_UP": "已回访",
    "DEFAULTED": "未履行", "URGED": "已督促履行", "REMEDIATED": "重新调解",
    "LITIGATION_OR_ENFORCEMENT": "诉讼或强制执行",
    "AWAITING_SIGNATURES": "待签署", "EFFECTIVE": "已生效", "SUPERSEDED": "已被取代",
    "INVALIDATED": "已被确认无效", "SIGNED": "已签名", "ACTIVE": "有效", "CONFLICT": "同步冲突",
    "JC_NONE": "未申请司法确认", "JC_APPLIED": "已申请司法确认", "JC_CONFIRMED": "已司法确认",
    "JC_REFUSED": "不予确认", "JC_WITHDRAWN": "已撤回司法确认申请",
    "REPORTED": "已上报", "RECEIVED": "已接收", "DISPATCHED": "已派遣", "IN_PROGRESS": "处置中",
    "RESOLVED": "已办结", "FEEDBACK": "已反馈", "CLOSED": "已结案", "ESCALATED": "已上报上级",
}
# REVIEWED means "审核中" for a visit but ACCEPTED there means "审核通过": label by type.
_TYPE_LABELS = {("visit", "ACCEPTED"): "审核通过", ("visit", "REVIEWED"): "已审核",
                ("event", "RETURNED"): "已退回派遣"}

_TYPE_NAMES = {"visit": "走访记录", "meeting": "议事记录", "case": "纠纷案件", "agreement": "调解协议书",
               "jc_state": "司法确认", "session": "调解记录", "followup": "回访记录", "person": "人员",
               "household": "住户", "attachment": "附件", "mediator": "调解员", "committee": "调委会",
               "event": "事件上报"}


def type_name(record_type: str) -> str:
    """The Chinese name of a record type ("visit" → "走访记录"); the code itself when unknown."""
    return _TYPE_NAMES.get(record_type, record_type)


def state_label(record_type: str, state: str) -> str:
    """The Chinese label of a state ("DRAFT" → "草稿"); the code itself when unknown."""
    return _TYPE_LABELS.get((record_type, state)) or STATE_LABELS.get(state, state)


label = state_label  # short alias used by the store


def is_sealed_state(record_type: str, state: str) -> bool:
    """True when a record of this type in `state` has passed its sealing point."""
    return state in SEALED_STATES.get(record_type, frozenset())


def has_machine(record_type: str) -> bool:
    return record_type in MACHINES


def allowed_next(record_type: str, state: str) -> frozenset[str]:
    """The states reachable in one step; empty for terminal or unknown states and for types
    without a machine (person, household, ...)."""
    return MACHINES.get(record_type, {}).get(state, frozenset())


def is_terminal(record_type: str, state: str) -> bool:
    """True for a known state with no way out (REJECTED, ARCHIVED, ...)."""
    machine = MACHINES.get(record_type, {})
    return state in machine and not machine[state]


def seals(record_type: str, to_state: str) -> bool:
    """True when entering `to_state` seals a record of this type."""
    return (record_type, to_state) in SEAL_ON


def check_transition(record_type: str, from_state: str, to_state: str) -> None:
    """Raise TransitionNotAllowed (Chinese message) unless the machine allows from → to."""
    machine = MACHINES.get(record_type)
    what = _TYPE_NAMES.get(record_type, "记录")
    if machine is None:
        raise TransitionNotAllowed(say("{what}没有状态流转", what=what), code="transition.no_machine")
    if to_state not in machine:
        raise TransitionNotAllowed(say("{what}没有“{state}”这个状态", what=what, state=to_state),
                                   code="transition.unknown_state")
    if to_state in allowed_next(record_type, from_state):
        return
    a, b = state_label(record_type, from_state), state_label(record_type, to_state)
    if is_terminal(record_type, from_state):
        raise TransitionNotAllowed(say("{what}已是“{a}”，不能再变为“{b}”", what=what, a=a, b=b), code="transition.terminal")
    raise TransitionNotAllowed(say("{what}不能从“{a}”直接变为“{b}”", what=what, a=a, b=b), code="transition.not_allowed")

"""Rules for EventReport 事件上报 (domain.md §8): what a report needs when it is sent, what each
later state needs, and the minor-protection rule (未保法 §11: not closed at village level)."""

from __future__ import annotations

from gridapp.models.event import EventReport
from gridapp.rules.records import stage_map
from gridapp.validation import Checker, register
from gridapp.wording import say

MINOR_PROTECTION = "minor_protection"


def event_always(c: Checker, e: EventReport) -> None:
    """A report is sent the moment it is saved: everything the receiver needs to act on it."""
    for name in ("report_no", "category", "description", "location", "reported_at", "urgency", "level"):
        c.require(e, name)
    if not (e.source_visit_id or e.source_case_id):
        c.warn("source_visit_id", "source.missing", say("事件上报最好注明来源走访或案件"))
    if e.category == MINOR_PROTECTION and e.level == "village":
        c.error("level", "level.minor_protection_village",
                say("未成年人受侵害事件须上报乡镇或县级处置，不能只在村级处理"))
    if e.reported_at and e.feedback_to_reporter_at and e.feedback_to_reporter_at < e.reported_at:
        c.error("feedback_to_reporter_at", "feedback.before_report", say("反馈时间不能早于上报时间"))


def event_dispatched(c: Checker, e: EventReport) -> None:
    if e.level != "village":
        c.require(e, "target_unit")


def event_resolved(c: Checker, e: EventReport) -> None:
    c.require(e, "result")


def event_feedback(c: Checker, e: EventReport) -> None:
    c.require(e, "feedback_to_reporter_at")


register("event", event_always, stage_map({
    "DISPATCHED": "dispatched", "IN_PROGRESS": "dispatched",
    "RESOLVED": "dispatched resolved", "FEEDBACK": "dispatched resolved feedback",
    "CLOSED": "dispatched resolved feedback",
}), {"dispatched": event_dispatched, "resolved": event_resolved, "feedback": event_feedback})

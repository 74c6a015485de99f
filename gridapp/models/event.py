"""`EventReport` 事件上报 (domain.md §8.2): an issue found on a visit (or in a case) that the grid
worker could not settle on the spot and sends on, with its urgency and the level that handles it."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from gridapp import codes
from gridapp.models.base import Part, Record
from gridapp.models.common import Name, RecordRef, ShortText, Text, Timestamp, code_type
from gridapp.models.mediation import Satisfaction
from gridapp.models.visit import IssueCategory

EventUrgency = code_type(codes.EVENT_URGENCY, "紧急程度")
HandlingLevel = code_type(codes.HANDLING_LEVEL, "处置层级")
TargetUnit = code_type(codes.TARGET_UNIT, "去向")

# `{village_code}-SJ-{YYYYMMDD}-{device tag}-{n}`, numbered on the laptop like visits [our proposal].
REPORT_NO = r"^\d{12}-SJ-\d{8}-[0-9A-HJKMNP-TV-Z]{4}-\d{1,6}$"


class HandlingStep(Part):
    """处理记录: one step of the handling (received, dispatched, visited the site, …)."""

    at: Timestamp | None = Field(default=None, title="时间")
    by: Name | None = Field(default=None, title="处理人")
    action: ShortText | None = Field(default=None, title="处理环节")
    note: Text | None = Field(default=None, title="说明")


class EventReport(Record):
    """事件上报 EventReport: REPORTED on the laptop; received, dispatched and closed by the
    township (or the village for what it can settle)."""

    RECORD_TYPE: ClassVar[str] = "event"
    INITIAL_STATE: ClassVar[str] = "REPORTED"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("report_no", "description", "location")

    report_no: str | None = Field(default=None, pattern=REPORT_NO, title="事件编号")
    source_visit_id: RecordRef | None = Field(default=None, title="来源走访")
    source_case_id: RecordRef | None = Field(default=None, title="来源案件")
    # Our addition: the household the issue was found at, so its page can list the report.
    household_id: RecordRef | None = Field(default=None, title="所在户")
    category: IssueCategory | None = Field(default=None, title="事件类别")
    description: Text | None = Field(default=None, title="事件描述")
    location: ShortText | None = Field(default=None, title="地点")
    reported_by: RecordRef | None = Field(default=None, title="上报人")
    reported_at: Timestamp | None = Field(default=None, title="上报时间")
    urgency: EventUrgency | None = Field(default=None, title="紧急程度")
    level: HandlingLevel | None = Field(default=None, title="处置层级")
    target_unit: TargetUnit | None = Field(default=None, title="去向")
    due_at: date | None = Field(default=None, title="办理期限")
    handling_log: list[HandlingStep] = Field(default_factory=list, title="处理记录")
    result: Text | None = Field(default=None, title="处理结果")
    feedback_to_reporter_at: Timestamp | None = Field(default=None, title="反馈时间")
    satisfaction: Satisfaction | None = Field(default=None, title="满意度")

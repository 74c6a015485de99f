"""`VisitRecord` 入户走访 (domain.md §5) and its parts: issues, policies, risk follow-ups, review."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from gridapp import codes
from gridapp.models.base import Part, Record
from gridapp.models.common import (
    Geo, Name, RecordRef, ShortText, SignatureEvidence, Text, Timestamp, code_type,
)

TargetKind = code_type(codes.TARGET_KIND, "走访对象类型")
VisitMode = code_type(codes.VISIT_MODE, "走访方式")
VisitPurpose = code_type(codes.VISIT_PURPOSE, "走访事由")
DisputeScreening = code_type(codes.DISPUTE_SCREENING, "排查结果")
IssueCategory = code_type(codes.ISSUE_CATEGORY, "问题类别")
IssueSeverity = code_type(codes.ISSUE_SEVERITY, "严重程度")
SpecialTagCode = code_type(codes.SPECIAL_TAG, "特殊人群标签")
RiskLevel = code_type(codes.RISK_LEVEL, "风险等级")
ReviewResult = code_type(codes.REVIEW_RESULT, "审核结果")


class Companion(Part):
    """陪同人员."""

    name: Name = Field(title="姓名")
    duty: ShortText | None = Field(default=None, title="职务")


class PolicyExplained(Part):
    """政策宣讲: one policy explained on the visit."""

    policy_id: RecordRef | None = Field(default=None, title="政策")
    title: ShortText | None = Field(default=None, title="政策名称")
    note: Text | None = Field(default=None, title="说明")


class RiskFollowup(Part):
    """风险跟进: what the worker saw of a tagged person (C3)."""

    person_id: RecordRef | None = Field(default=None, title="跟进对象")
    tag: SpecialTagCode | None = Field(default=None, title="标签")
    observation: Text | None = Field(default=None, title="观察情况")
    risk_level: RiskLevel | None = Field(default=None, title="风险等级")


class Issue(Part):
    """发现问题: handled on the spot, or reported as an EventReport."""

    category: IssueCategory | None = Field(default=None, title="问题类别")
    description: Text | None = Field(default=None, title="问题描述")
    severity: IssueSeverity | None = Field(default=None, title="严重程度")
    handled_on_spot: bool = Field(default=False, title="当场解决")
    event_report_id: RecordRef | None = Field(default=None, title="事件上报")


class Review(Part):
    """审核 by the township; an annex that may change after the visit is sealed."""

    reviewer_id: RecordRef | None = Field(default=None, title="审核人")
    reviewed_at: Timestamp | None = Field(default=None, title="审核时间")
    result: ReviewResult | None = Field(default=None, title="审核结果")
    comment: Text | None = Field(default=None, title="审核意见")


class VisitRecord(Record):
    """入户走访 VisitRecord: one visit by grid workers; sealed when COMPLETED."""

    RECORD_TYPE: ClassVar[str] = "visit"
    INITIAL_STATE: ClassVar[str] = "DRAFT"
    SEALABLE: ClassVar[bool] = True
    ANNEX_FIELDS: ClassVar[frozenset[str]] = frozenset({"review"})
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = (
        "visit_no", "interviewee_name_text", "summary", "issue_texts", "requests", "suggestions",
    )

    visit_no: str | None = Field(default=None, pattern=r"^\d{12}-ZF-\d{8}-(?:[0-9A-HJKMNP-TV-Z]{4}-)?\d{1,6}$", title="走访编号")
    grid_id: RecordRef | None = Field(default=None, title="网格")
    target_kind: TargetKind | None = Field(default=None, title="对象类型")
    household_id: RecordRef | None = Field(default=None, title="走访户")
    interviewee_person_id: RecordRef | None = Field(default=None, title="受访人")
    interviewee_name_text: Name | None = Field(default=None, title="受访人姓名")
    visitor_staff_ids: list[RecordRef] = Field(default_factory=list, title="走访人")
    companions: list[Companion] = Field(default_factory=list, title="陪同人员")
    started_at: Timestamp | None = Field(default=None, title="开始时间")
    ended_at: Timestamp | None = Field(default=None, title="结束时间")
    visit_mode: VisitMode | None = Field(default=None, title="走访方式")
    purposes: list[VisitPurpose] = Field(default_factory=list, title="走访事由")
    policies_explained: list[PolicyExplained] = Field(default_factory=list, title="政策宣讲")
    dispute_screening: DisputeScreening | None = Field(default=None, title="排查结果")
    dispute_case_ids: list[RecordRef] = Field(default_factory=list, title="关联纠纷")
    risk_followups: list[RiskFollowup] = Field(default_factory=list, title="风险跟进")
    requests: list[Text] = Field(default_factory=list, title="诉求")
    suggestions: Text | None = Field(default=None, title="建议")
    issues: list[Issue] = Field(default_factory=list, title="发现问题")
    summary: Text | None = Field(default=None, title="小结")
    notice_given: bool | None = Field(default=None, title="已告知")
    next_visit_due: date | None = Field(default=None, title="下次走访")
    interviewee_ack: SignatureEvidence | None = Field(default=None, title="受访人确认")
    attachment_ids: list[RecordRef] = Field(default_factory=list, title="附件")
    geo: Geo | None = Field(default=None, title="定位")
    review: Review | None = Field(default=None, title="审核")

    @property
    def issue_texts(self) -> list[str]:
        """The issue descriptions (indexed for search without codes and ids)."""
        return [i.description for i in self.issues if i.description]

    @property
    def resolved_on_spot_count(self) -> int:
        return sum(1 for i in self.issues if i.handled_on_spot)

    @property
    def escalated_count(self) -> int:
        return sum(1 for i in self.issues if not i.handled_on_spot and i.event_report_id)

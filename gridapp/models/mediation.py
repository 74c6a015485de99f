"""Mediation records beside the case (domain.md §4.3, §7.3–§7.5): sessions, agreements, follow-ups,
mediators and committees."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from gridapp import codes
from gridapp.models.base import Part, Record
from gridapp.models.common import (
    FiveEldersCategory, Money, Name, PhoneNumber, RecordRef, SexCode, ShortText,
    SignatureEvidence, Text, Timestamp, china_date, code_type,
)
from gridapp.models.dispute import Channel, InvitedParticipant, Party, PerformanceMethod

SessionNotice = code_type(codes.SESSION_NOTICE, "告知事项")
PerformanceStatus = code_type(codes.PERFORMANCE_STATUS, "履行情况")
Satisfaction = code_type(codes.SATISFACTION, "满意度")
FollowupMode = code_type(codes.FOLLOWUP_MODE, "回访方式")
JcState = code_type(codes.JC_STATE, "司法确认状态")
MediatorKind = code_type(codes.MEDIATOR_KIND, "调解员类别")
MediatorStatus = code_type(codes.MEDIATOR_STATUS, "调解员状态")
CommitteeLevel = code_type(codes.COMMITTEE_LEVEL, "调委会级别")
CommitteePost = code_type(codes.COMMITTEE_POST, "调委会职务")


class Statement(Part):
    """当事人陈述."""

    party_id: RecordRef | None = Field(default=None, title="当事人")
    party_name: Name | None = Field(default=None, title="当事人姓名")
    content: Text | None = Field(default=None, title="陈述内容")


class SessionResult(Part):
    """调解结果: agreed points, or why no agreement was reached."""

    reached: bool | None = Field(default=None, title="达成协议")
    points: Text | None = Field(default=None, title="协议要点")
    reason: Text | None = Field(default=None, title="未达成原因")


class MediationSession(Record):
    """调解记录 MediationSession: the minutes of one session of a case; sealed when SIGNED."""

    RECORD_TYPE: ClassVar[str] = "session"
    INITIAL_STATE: ClassVar[str] = "DRAFT"
    SEALABLE: ClassVar[bool] = True
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("place", "matter", "statements", "process")

    case_id: RecordRef | None = Field(default=None, title="案件")
    held_at: Timestamp | None = Field(default=None, title="调解时间")
    place: ShortText | None = Field(default=None, title="调解地点")
    matter: Text | None = Field(default=None, title="调解事项")
    parties_present: list[RecordRef] = Field(default_factory=list, title="到场当事人")
    mediator_ids: list[RecordRef] = Field(default_factory=list, title="调解员")
    recorder_id: RecordRef | None = Field(default=None, title="记录人")
    participants: list[InvitedParticipant] = Field(default_factory=list, title="参与人员")
    notices_given: list[SessionNotice] = Field(default_factory=list, title="告知事项")
    statements: list[Statement] = Field(default_factory=list, title="当事人陈述")
    process: Text | None = Field(default=None, title="调解经过")
    verification: Text | None = Field(default=None, title="核实情况")
    result: SessionResult | None = Field(default=None, title="调解结果")
    channels_told: list[Channel] = Field(default_factory=list, title="告知的其他途径")
    signatures: list[SignatureEvidence] = Field(default_factory=list, title="签名")


class Term(Part):
    """协议条款: who owes what to whom, by when, where."""

    no: int | None = Field(default=None, ge=1, title="序号")
    obligor: Name | None = Field(default=None, title="义务人")
    obligee: Name | None = Field(default=None, title="权利人")
    content: Text | None = Field(default=None, title="条款内容")
    amount_cny: Money | None = Field(default=None, title="金额（元）")
    due_date: date | None = Field(default=None, title="履行期限")
    place: ShortText | None = Field(default=None, title="履行地点")


class Performance(Part):
    """履行方式、期限、地点 (人民调解法 §29; 若干规定 §35)."""

    method: PerformanceMethod | None = Field(default=None, title="履行方式")
    deadline: date | None = Field(default=None, title="履行期限")
    immediate: bool = Field(default=False, title="即时履行")
    place: ShortText | None = Field(default=None, title="履行地点")


class SealAffixed(Part):
    """调委会印章 (the physical seal on the paper)."""

    affixed_at: Timestamp | None = Field(default=None, title="盖章时间")
    by: RecordRef | None = Field(default=None, title="盖章人")


class MediationAgreement(Record):
    """人民调解协议书 MediationAgreement: the written agreement; sealed when EFFECTIVE (§29).

    `parties` is a snapshot of the case's parties, frozen at signing."""

    RECORD_TYPE: ClassVar[str] = "agreement"
    INITIAL_STATE: ClassVar[str] = "DRAFT"
    SEALABLE: ClassVar[bool] = True
    ANNEX_FIELDS: ClassVar[frozenset[str]] = frozenset({"performance_status", "jc_state"})
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("agreement_no", "party_names", "facts_and_issues")

    case_id: RecordRef | None = Field(default=None, title="案件")
    agreement_no: ShortText | None = Field(default=None, title="协议编号")
    parties: list[Party] = Field(default_factory=list, title="当事人")
    facts_and_issues: Text | None = Field(default=None, title="纠纷主要事实、争议事项")
    responsibilities: Text | None = Field(default=None, title="各方责任")
    terms: list[Term] = Field(default_factory=list, title="协议内容")
    performance: Performance | None = Field(default=None, title="履行方式、期限、地点")
    copies: int | None = Field(default=None, ge=1, title="份数")
    party_signatures: list[SignatureEvidence] = Field(default_factory=list, title="当事人签署")
    mediator_signatures: list[SignatureEvidence] = Field(default_factory=list, title="调解员签署")
    recorder_signature: SignatureEvidence | None = Field(default=None, title="记录人签署")
    seal_affixed: SealAffixed | None = Field(default=None, title="调委会印章")
    original_scan_id: RecordRef | None = Field(default=None, title="原件扫描件")
    jc_deadline: date | None = Field(default=None, title="司法确认截止日")
    performance_status: PerformanceStatus | None = Field(default=None, title="履行情况")
    jc_state: JcState = Field(default="JC_NONE", title="司法确认状态")

    @property
    def party_names(self) -> list[str]:
        return [p.name for p in self.parties if p.name]


class RelapseSigns(Part):
    """反复迹象."""

    flag: bool = Field(default=False, title="有反复迹象")
    text: Text | None = Field(default=None, title="情况说明")


class FollowUp(Record):
    """回访记录 FollowUp (§7.5): a visit after an agreement's due date; required items at COMPLETED."""

    RECORD_TYPE: ClassVar[str] = "followup"
    INITIAL_STATE: ClassVar[str] = "DRAFT"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("agreement_no", "interviewee_name", "matter",
                                                "measures_taken")

    case_id: RecordRef | None = Field(default=None, title="案件")
    agreement_id: RecordRef | None = Field(default=None, title="调解协议")
    agreement_no: ShortText | None = Field(default=None, title="协议编号")
    interviewee_party_id: RecordRef | None = Field(default=None, title="回访对象")
    interviewee_name: Name | None = Field(default=None, title="回访对象姓名")
    matter: Text | None = Field(default=None, title="事由")
    visited_at: Timestamp | None = Field(default=None, title="回访时间")
    mode: FollowupMode | None = Field(default=None, title="回访方式")
    performance_status: PerformanceStatus | None = Field(default=None, title="履行情况")
    satisfaction: Satisfaction | None = Field(default=None, title="满意度")
    relapse_signs: RelapseSigns | None = Field(default=None, title="反复迹象")
    visitor_signature: SignatureEvidence | None = Field(default=None, title="回访人签名")
    court_action: ShortText | None = Field(default=None, title="诉讼情况")
    measures_taken: Text | None = Field(default=None, title="采取措施")


class Mediator(Record):
    """调解员 Mediator (incl. 五老): a committee member, appointee or volunteer (§13–§14)."""

    RECORD_TYPE: ClassVar[str] = "mediator"
    INITIAL_STATE: ClassVar[str] = "ACTIVE"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    person_id: RecordRef | None = Field(default=None, title="人员")
    staff_id: RecordRef | None = Field(default=None, title="工作人员")
    name: Name | None = Field(default=None, title="姓名")
    sex: SexCode | None = Field(default=None, title="性别")
    phone: PhoneNumber | None = Field(default=None, title="联系电话")
    committee_id: RecordRef | None = Field(default=None, title="调委会")
    mediator_kind: MediatorKind | None = Field(default=None, title="调解员类别")
    five_elders_category: FiveEldersCategory | None = Field(default=None, title="五老类别")
    appointed_at: date | None = Field(default=None, title="聘任日期")
    status: MediatorStatus = Field(default="active", title="状态")


class CommitteeMember(Part):
    """调委会组成人员."""

    mediator_id: RecordRef = Field(title="调解员")
    post: CommitteePost | None = Field(default=None, title="职务")
    sex: SexCode | None = Field(default=None, title="性别")


class MediationCommittee(Record):
    """人民调解委员会 MediationCommittee (§8–§9): 3–9 members, one chair, women included."""

    RECORD_TYPE: ClassVar[str] = "committee"
    INITIAL_STATE: ClassVar[str] = "ACTIVE"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: ShortText | None = Field(default=None, title="名称")
    level: CommitteeLevel | None = Field(default=None, title="级别")
    township_code: str | None = Field(default=None, pattern=r"^\d{9}$", title="所属乡镇")
    members: list[CommitteeMember] = Field(default_factory=list, title="组成人员")
    supervision_phone: PhoneNumber | None = Field(default=None, title="监督电话")
    seal_ref: RecordRef | None = Field(default=None, title="印章图样")


def signed_party_ids(agreement: MediationAgreement) -> set[str]:
    """The party_ids with a dated signature (or seal, fingerprint) on the agreement."""
    return {s.party_id for s in agreement.party_signatures if s.party_id and s.signed_at}


def effective_at(agreement: MediationAgreement) -> date | None:
    """生效日期 (§29): the +08:00 date of the last of the party signatures, mediator signatures
    and the committee seal; None until every party has signed, a mediator has signed and the
    seal is affixed."""
    if not agreement.parties or not agreement.seal_affixed or not agreement.seal_affixed.affixed_at:
        return None
    if {p.party_id for p in agreement.parties} - signed_party_ids(agreement):
        return None
    mediator_times = [s.signed_at for s in agreement.mediator_signatures if s.signed_at]
    if not mediator_times:
        return None
    party_times = [s.signed_at for s in agreement.party_signatures if s.signed_at]
    return max(china_date(t) for t in [*party_times, *mediator_times, agreement.seal_affixed.affixed_at])

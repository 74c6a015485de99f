"""`DisputeCase` 纠纷案件/卷宗 (domain.md §7.2) with parties, acceptance, notices and outcome parts."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator

from gridapp import codes
from gridapp.ids import new_id
from gridapp.models.base import Part, Record
from gridapp.privacy import FAMILY_DISPUTE_TYPES
from gridapp.models.common import (
    EthnicityCode, FiveEldersCategory, IdDocType, Money, Name, PhoneNumber, RecordRef, SexCode,
    ShortText, Text, Timestamp, Uscc, code_type, validate_id_number,
)

PartyRole = code_type(codes.PARTY_ROLE, "当事人地位")
PartyKind = code_type(codes.PARTY_KIND, "当事人类型")
CaseSource = code_type(codes.CASE_SOURCE, "案件来源")
ApplicationForm = code_type(codes.APPLICATION_FORM, "申请方式")
DisputeType = code_type(codes.DISPUTE_TYPE, "纠纷类型")
EscalationRisk = code_type(codes.ESCALATION_RISK, "激化风险")
AcceptanceDecision = code_type(codes.ACCEPTANCE_DECISION, "受理决定")
RejectionReason = code_type(codes.REJECTION_REASON, "不予受理理由")
Channel = code_type(codes.CHANNEL, "救济途径")
NoticeDelivery = code_type(codes.NOTICE_DELIVERY, "告知方式")
AssignedHow = code_type(codes.ASSIGNED_HOW, "确定方式")
InvitedRelation = code_type(codes.INVITED_RELATION, "邀请人员身份")
CaseOutcome = code_type(codes.CASE_OUTCOME, "调解结果")
PerformanceMethod = code_type(codes.PERFORMANCE_METHOD, "履行方式")
Retention = code_type(codes.RETENTION, "保管期限")


class Agent(Part):
    """委托代理人."""

    name: Name | None = Field(default=None, title="代理人姓名")
    relation: ShortText | None = Field(default=None, title="与当事人关系")
    id_doc_type: IdDocType = Field(default=codes.RESIDENT_ID_CARD, title="证件类型")
    id_number: str | None = Field(default=None, title="证件号码")
    phone: PhoneNumber | None = Field(default=None, title="联系电话")
    authorization_attachment_id: RecordRef | None = Field(default=None, title="授权委托书")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        return validate_id_number(value, info.data.get("id_doc_type"))


class Guardian(Agent):
    """未成年当事人的监护人 (same shape as an agent)."""


class Party(Part):
    """当事人: `party_id` is stable within the case so signatures and follow-ups can name the party."""

    party_id: RecordRef = Field(default_factory=new_id, title="当事人编号")
    role: PartyRole | None = Field(default=None, title="当事人地位")
    kind: PartyKind = Field(default="natural_person", title="当事人类型")
    person_id: RecordRef | None = Field(default=None, title="人员")
    name: Name | None = Field(default=None, title="姓名/名称")
    phone: PhoneNumber | None = Field(default=None, title="联系电话")
    address_or_employer: ShortText | None = Field(default=None, title="住址或单位")
    sex: SexCode | None = Field(default=None, title="性别")
    ethnicity: EthnicityCode | None = Field(default=None, title="民族")
    age: int | None = Field(default=None, ge=0, le=130, title="年龄")
    birth_date: date | None = Field(default=None, title="出生日期")
    occupation_or_post: ShortText | None = Field(default=None, title="职业或职务")
    id_doc_type: IdDocType = Field(default=codes.RESIDENT_ID_CARD, title="证件类型")
    id_number: str | None = Field(default=None, title="证件号码")
    service_address: ShortText | None = Field(default=None, title="送达地址")
    agent: Agent | None = Field(default=None, title="代理人")
    minor_guardian: Guardian | None = Field(default=None, title="监护人")
    org_uscc: Uscc | None = Field(default=None, title="统一社会信用代码")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        return validate_id_number(value, info.data.get("id_doc_type"))


class PoliceReport(Part):
    """报告公安 (人民调解法 §25)."""

    reported_at: Timestamp | None = Field(default=None, title="报告时间")
    station: ShortText | None = Field(default=None, title="派出所")
    officer: Name | None = Field(default=None, title="接报民警")
    note: Text | None = Field(default=None, title="说明")


class Acceptance(Part):
    """受理决定: accept, or reject with a reason and the channels told (§17)."""

    decision: AcceptanceDecision | None = Field(default=None, title="受理决定")
    decided_at: Timestamp | None = Field(default=None, title="决定时间")
    reason: RejectionReason | None = Field(default=None, title="不予受理理由")
    reason_text: Text | None = Field(default=None, title="理由说明")
    channels_told: list[Channel] = Field(default_factory=list, title="告知的其他途径")


class RightsNotice(Part):
    """权利义务告知 (若干规定 §30), before the first session."""

    given_at: Timestamp | None = Field(default=None, title="告知时间")
    method: NoticeDelivery | None = Field(default=None, title="告知方式")
    signed_ack: bool = Field(default=False, title="当事人签收")


class MediatorAssignment(Part):
    """调解员: who mediates and how they were chosen (§19)."""

    mediator_id: RecordRef = Field(title="调解员")
    assigned_how: AssignedHow | None = Field(default=None, title="确定方式")


class Recusal(Part):
    """回避."""

    mediator_id: RecordRef = Field(title="调解员")
    reason: Text | None = Field(default=None, title="回避理由")


class InvitedParticipant(Part):
    """邀请人员 (§20): joins only with the parties' consent; a 五老 names their category."""

    name: Name | None = Field(default=None, title="姓名")
    relation: InvitedRelation | None = Field(default=None, title="身份")
    five_elders_category: FiveEldersCategory | None = Field(default=None, title="五老类别")
    consented_by_parties: bool = Field(default=False, title="当事人同意")


class Extension(Part):
    """延长调解期限 (by the parties' consent)."""

    new_due: date | None = Field(default=None, title="延至")
    parties_consent: bool = Field(default=False, title="当事人同意")
    reason: Text | None = Field(default=None, title="理由")


class Termination(Part):
    """调解终止告知 (§26): the reason and the other channels told."""

    at: Timestamp | None = Field(default=None, title="终止时间")
    reason: Text | None = Field(default=None, title="终止原因")
    channels_told: list[Channel] = Field(default_factory=list, title="告知的其他途径")


class Archive(Part):
    """卷宗归档."""

    volume_no: ShortText | None = Field(default=None, title="卷宗号")
    filed_by: RecordRef | None = Field(default=None, title="立卷人")
    filed_at: date | None = Field(default=None, title="归档日期")
    retention: Retention | None = Field(default=None, title="保管期限")
    location: ShortText | None = Field(default=None, title="存放位置")


class OralPerformance(Part):
    """口头协议的履行."""

    method: PerformanceMethod | None = Field(default=None, title="履行方式")
    deadline: date | None = Field(default=None, title="履行期限")
    immediate: bool = Field(default=False, title="即时履行")


class OralAgreement(Part):
    """口头协议登记 (§30): effective when agreed; a part of the case, not its own record."""

    agreed_at: Timestamp | None = Field(default=None, title="达成时间")
    content: Text | None = Field(default=None, title="协议内容")
    performance: OralPerformance | None = Field(default=None, title="履行")
    recorded_by: RecordRef | None = Field(default=None, title="登记人")
    parties_ack: bool = Field(default=False, title="当事人确认")


class DisputeCase(Record):
    """纠纷案件 DisputeCase: the 卷宗 of one people's-mediation case. Sessions, the written
    agreement and follow-ups are own records; the case lists their ids."""

    RECORD_TYPE: ClassVar[str] = "case"
    INITIAL_STATE: ClassVar[str] = "REGISTERED"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("case_no", "summary", "party_names")

    case_no: ShortText | None = Field(default=None, title="卷号")
    registered_at: Timestamp | None = Field(default=None, title="登记时间")
    registered_by: RecordRef | None = Field(default=None, title="登记人")
    source: CaseSource | None = Field(default=None, title="来源")
    source_visit_id: RecordRef | None = Field(default=None, title="来源走访")
    application_form: ApplicationForm | None = Field(default=None, title="申请方式")
    dispute_type: DisputeType | None = Field(default=None, title="纠纷类型")
    dispute_type_other: ShortText | None = Field(default=None, title="其他纠纷类型说明")
    sub_type: ShortText | None = Field(default=None, title="纠纷子类")
    summary: Text | None = Field(default=None, title="简要情况")
    parties: list[Party] = Field(default_factory=list, title="当事人")
    involved_count: int | None = Field(default=None, ge=0, title="涉及人数")
    amount_cny: Money | None = Field(default=None, title="涉及金额（元）")
    escalation_risk: EscalationRisk | None = Field(default=None, title="激化风险")
    police_report: PoliceReport | None = Field(default=None, title="报告公安")
    acceptance: Acceptance | None = Field(default=None, title="受理决定")
    rights_notice: RightsNotice | None = Field(default=None, title="权利义务告知")
    committee_id: RecordRef | None = Field(default=None, title="调委会")
    mediators: list[MediatorAssignment] = Field(default_factory=list, title="调解员")
    recusals: list[Recusal] = Field(default_factory=list, title="回避")
    invited_participants: list[InvitedParticipant] = Field(default_factory=list, title="邀请人员")
    public_hearing: bool = Field(default=False, title="公开调解")
    due_at: date | None = Field(default=None, title="调解期限")
    extensions: list[Extension] = Field(default_factory=list, title="延期")
    session_ids: list[RecordRef] = Field(default_factory=list, title="调解记录")
    investigation_attachment_ids: list[RecordRef] = Field(default_factory=list, title="调查记录")
    outcome: CaseOutcome | None = Field(default=None, title="调解结果")
    termination: Termination | None = Field(default=None, title="终止告知")
    agreement_id: RecordRef | None = Field(default=None, title="调解协议")
    oral_agreement: OralAgreement | None = Field(default=None, title="口头协议")
    followup_ids: list[RecordRef] = Field(default_factory=list, title="回访")
    referral_ids: list[RecordRef] = Field(default_factory=list, title="移交")
    relapse_of_case_id: RecordRef | None = Field(default=None, title="复发关联")
    archive: Archive | None = Field(default=None, title="卷宗")
    attachment_ids: list[RecordRef] = Field(default_factory=list, title="附件")

    @property
    def party_names(self) -> list[str]:
        return [p.name for p in self.parties if p.name]

    def search_text(self) -> str:
        """A family (婚姻家庭) case's summary is privacy C3: it is not indexed, so that a search
        for words of it does not say which case they are in; the case is found by number and names."""
        if self.dispute_type in FAMILY_DISPUTE_TYPES:
            return " ".join(part for part in (self.case_no or "", *self.party_names) if part)
        return super().search_text()

    def party(self, party_id: str | None) -> Party | None:
        return next((p for p in self.parties if p.party_id == party_id), None)

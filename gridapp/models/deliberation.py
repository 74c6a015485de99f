"""`DeliberationMeeting` 微议事 (domain.md §6) with votes, household consents and the land transfer."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from gridapp import codes
from gridapp.ids import new_id
from gridapp.models.base import Part, Record
from gridapp.models.common import (
    AreaMu, Count, Money, Name, RecordRef, ShortText, SignatureEvidence, Text, Timestamp,
    code_type,
)

MeetingType = code_type(codes.MEETING_TYPE, "会议类型")
ScopeLevel = code_type(codes.SCOPE_LEVEL, "层级")
FourTwoStep = code_type(codes.FOUR_TWO_STEP, "四议两公开步骤")
QuorumBasis = code_type(codes.QUORUM_BASIS, "参会口径")
ProposerKind = code_type(codes.PROPOSER_KIND, "议题来源")
TopicType = code_type(codes.TOPIC_TYPE, "议题类型")
AttendeeRole = code_type(codes.ATTENDEE_ROLE, "参会身份")
NoticeMethod = code_type(codes.NOTICE_METHOD, "通知方式")
VoteMethod = code_type(codes.VOTE_METHOD, "表决方式")
VoteUnit = code_type(codes.VOTE_UNIT, "表决单位")
ConsentDecision = code_type(codes.CONSENT_DECISION, "户意见")
PublicityKind = code_type(codes.PUBLICITY_KIND, "公示类别")
ImplementationStatus = code_type(codes.IMPLEMENTATION_STATUS, "实施状态")


class Notice(Part):
    """会议通知."""

    noticed_at: Timestamp | None = Field(default=None, title="通知时间")
    method: NoticeMethod | None = Field(default=None, title="通知方式")
    content: Text | None = Field(default=None, title="通知内容")


class Topic(Part):
    """议题; `topic_id` is what votes and resolutions refer to."""

    topic_id: RecordRef = Field(default_factory=new_id, title="议题编号")
    title: ShortText | None = Field(default=None, title="议题")
    proposer_kind: ProposerKind | None = Field(default=None, title="议题来源")
    topic_type: TopicType | None = Field(default=None, title="议题类型")
    background: Text | None = Field(default=None, title="背景")
    material_ids: list[RecordRef] = Field(default_factory=list, title="材料")


class Attendee(Part):
    """参会人员: one line of the sign-in sheet."""

    person_id: RecordRef | None = Field(default=None, title="人员")
    name: Name | None = Field(default=None, title="姓名")
    household_id: RecordRef | None = Field(default=None, title="所属户")
    role: AttendeeRole | None = Field(default=None, title="参会身份")
    signed_in: bool = Field(default=False, title="已签到")


class Observer(Part):
    """列席人员."""

    name: Name = Field(title="姓名")
    org: ShortText | None = Field(default=None, title="单位")
    post: ShortText | None = Field(default=None, title="职务")


class Speech(Part):
    """讨论发言."""

    speaker: Name | None = Field(default=None, title="发言人")
    points: Text | None = Field(default=None, title="发言要点")


class VoteResult(Part):
    """表决: counts of one vote; `passed` as recorded must equal the arithmetic (§6.1)."""

    topic_ref: RecordRef | None = Field(default=None, title="议题")
    method: VoteMethod | None = Field(default=None, title="表决方式")
    unit: VoteUnit | None = Field(default=None, title="表决单位")
    eligible: Count | None = Field(default=None, title="应到")
    present: Count | None = Field(default=None, title="实到")
    yes: Count = Field(default=0, title="同意")
    no: Count = Field(default=0, title="反对")
    abstain: Count = Field(default=0, title="弃权")
    passed: bool | None = Field(default=None, title="通过")


class Resolution(Part):
    """决议."""

    topic_ref: RecordRef | None = Field(default=None, title="议题")
    text: Text | None = Field(default=None, title="决议内容")
    passed: bool | None = Field(default=None, title="通过")
    affects_contracted_land: bool = Field(default=False, title="涉及承包地")


class HouseholdConsent(Part):
    """户同意书: one household's own signed decision; a majority vote never replaces it (§6.2)."""

    household_id: RecordRef | None = Field(default=None, title="户")
    representative_person_id: RecordRef | None = Field(default=None, title="户代表")
    representative_name: Name | None = Field(default=None, title="户代表姓名")
    decision: ConsentDecision | None = Field(default=None, title="户意见")
    signature: SignatureEvidence | None = Field(default=None, title="签字")
    signed_at: Timestamp | None = Field(default=None, title="签字时间")
    area_mu: AreaMu | None = Field(default=None, title="面积（亩）")
    plots: list[ShortText] = Field(default_factory=list, title="地块")


class Transferee(Part):
    """受让方."""

    name: Name | None = Field(default=None, title="受让方名称")
    id_or_uscc: str | None = Field(default=None, max_length=30, title="证件号/统一社会信用代码")
    address: ShortText | None = Field(default=None, title="受让方地址")


class LandTransfer(Part):
    """土地经营权流转明细: the written contract's clauses (承包法 §40)."""

    transferee: Transferee | None = Field(default=None, title="受让方")
    transferors: list[RecordRef] = Field(default_factory=list, title="流出户")
    total_area_mu: AreaMu | None = Field(default=None, title="流转总面积（亩）")
    location: ShortText | None = Field(default=None, title="坐落")
    quality_grade: ShortText | None = Field(default=None, title="质量等级")
    term_start: date | None = Field(default=None, title="流转起始日")
    term_end: date | None = Field(default=None, title="流转截止日")
    contract_period_end: date | None = Field(default=None, title="承包期届满日")
    use: ShortText | None = Field(default=None, title="用途")
    price_per_mu_year: Money | None = Field(default=None, title="流转价格（元/亩/年）")
    payment_method: ShortText | None = Field(default=None, title="支付方式")
    compensation_on_requisition: Text | None = Field(default=None, title="征收补偿归属")
    breach_liability: Text | None = Field(default=None, title="违约责任")
    filed_with_fabaofang_at: date | None = Field(default=None, title="向发包方备案日期")
    registration: ShortText | None = Field(default=None, title="登记")


class Publicity(Part):
    """公示: 决议公开 or 结果公开."""

    kind: PublicityKind | None = Field(default=None, title="公示类别")
    posted_at: Timestamp | None = Field(default=None, title="张贴时间")
    place: ShortText | None = Field(default=None, title="公示地点")
    period_days: int | None = Field(default=None, ge=1, le=365, title="公示天数")
    objections: Text | None = Field(default=None, title="异议")
    photo_id: RecordRef | None = Field(default=None, title="公示照片")


class Implementation(Part):
    """实施情况."""

    status: ImplementationStatus | None = Field(default=None, title="实施状态")
    note: Text | None = Field(default=None, title="说明")


class Filing(Part):
    """备案 (村规民约 to the township)."""

    to_township_at: date | None = Field(default=None, title="报乡镇备案日期")
    ref_no: ShortText | None = Field(default=None, title="备案文号")


class DeliberationMeeting(Record):
    """微议事 DeliberationMeeting: the minutes of one meeting; sealed when VOTED or QUORUM_FAILED."""

    RECORD_TYPE: ClassVar[str] = "meeting"
    INITIAL_STATE: ClassVar[str] = "PROPOSED"
    SEALABLE: ClassVar[bool] = True
    ANNEX_FIELDS: ClassVar[frozenset[str]] = frozenset({"publicity", "implementation", "filing"})
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = (
        "meeting_no", "location", "hamlet", "topic_titles", "discussion_summary", "resolution_texts",
    )

    meeting_no: str | None = Field(default=None, pattern=r"^\d{12}-YS-\d{4}-\d{1,4}$", title="议事编号")
    meeting_type: MeetingType | None = Field(default=None, title="会议类型")
    scope_level: ScopeLevel | None = Field(default=None, title="层级")
    hamlet: ShortText | None = Field(default=None, title="屯/村民小组")
    four_two_step: FourTwoStep | None = Field(default=None, title="四议两公开步骤")
    parent_meeting_id: RecordRef | None = Field(default=None, title="上一步会议")
    convener_id: RecordRef | None = Field(default=None, title="召集人")
    chair_id: RecordRef | None = Field(default=None, title="主持人")
    recorder_id: RecordRef | None = Field(default=None, title="记录人")
    held_at: Timestamp | None = Field(default=None, title="会议时间")
    ended_at: Timestamp | None = Field(default=None, title="结束时间")
    location: ShortText | None = Field(default=None, title="地点")
    notice: Notice | None = Field(default=None, title="通知")
    topics: list[Topic] = Field(default_factory=list, title="议题")
    quorum_basis: QuorumBasis | None = Field(default=None, title="参会口径")
    eligible_count: Count | None = Field(default=None, title="应到人数")
    present_count: Count | None = Field(default=None, title="实到人数")
    attendees: list[Attendee] = Field(default_factory=list, title="参会人员")
    sign_in_sheet_id: RecordRef | None = Field(default=None, title="签到表扫描件")
    observers: list[Observer] = Field(default_factory=list, title="列席")
    discussion: list[Speech] = Field(default_factory=list, title="讨论")
    discussion_summary: Text | None = Field(default=None, title="讨论情况")
    votes: list[VoteResult] = Field(default_factory=list, title="表决")
    resolutions: list[Resolution] = Field(default_factory=list, title="决议")
    affected_household_ids: list[RecordRef] = Field(default_factory=list, title="涉及承包地的户")
    household_consents: list[HouseholdConsent] = Field(default_factory=list, title="户同意书")
    land_transfer: LandTransfer | None = Field(default=None, title="流转明细")
    publicity: list[Publicity] = Field(default_factory=list, title="公示")
    implementation: Implementation | None = Field(default=None, title="实施")
    filing: Filing | None = Field(default=None, title="备案")
    attachment_ids: list[RecordRef] = Field(default_factory=list, title="附件")

    @property
    def topic_titles(self) -> list[str]:
        return [t.title for t in self.topics if t.title]

    @property
    def resolution_texts(self) -> list[str]:
        return [r.text for r in self.resolutions if r.text]

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.topic_id == topic_id), None)

    def has_land_matter(self) -> bool:
        """True when a topic is a 土地经营权流转 or a resolution affects contracted land."""
        return any(t.topic_type in codes.LAND_TOPIC_TYPES for t in self.topics) or any(
            r.affects_contracted_land for r in self.resolutions)


# Quorum per meeting type and basis (组织法 §21–§28; domain.md §6.1). "two_thirds" is ≥ 2/3,
# "half" is > 1/2, "none" (consultative meetings) has no legal quorum. Party branch and 两委
# meetings use > 1/2 of members, the usual Party rule [proposal].
QUORUM_RULES: dict[str, dict[str, str]] = {
    "villager_assembly": {"villagers_18": "half", "household_reps": "two_thirds"},
    "villager_rep_assembly": {"members": "two_thirds"},
    "group_meeting": {"villagers_18": "two_thirds", "household_reps": "two_thirds"},
    "hamlet_micro_deliberation": {"villagers_18": "two_thirds", "household_reps": "two_thirds"},
    "party_member_assembly": {"members": "two_thirds"},
    "branch_proposal": {"members": "half"},
    "two_committees": {"members": "half"},
    "consultation": {"villagers_18": "none", "household_reps": "none", "members": "none"},
}
QUORUM_TEXT = {"two_thirds": "不少于应到人数的三分之二", "half": "超过应到人数的一半", "none": "无法定人数要求"}


def quorum_rule(meeting_type: str | None, basis: str | None) -> str | None:
    """"two_thirds", "half" or "none"; None when the basis does not fit the meeting type."""
    return QUORUM_RULES.get(meeting_type or "", {}).get(basis or "")


def quorum_reached(rule: str, eligible: int, present: int) -> bool:
    """Integer arithmetic only: ≥ 2/3 is 3·present ≥ 2·eligible; > 1/2 is 2·present > eligible."""
    if rule == "two_thirds":
        return 3 * present >= 2 * eligible
    if rule == "half":
        return 2 * present > eligible
    return present >= 1


def quorum_met(meeting: DeliberationMeeting) -> bool | None:
    """法定人数: True/False from the meeting's type, basis and counts; None while any is missing,
    the basis does not fit the type, or nobody is eligible."""
    rule = quorum_rule(meeting.meeting_type, meeting.quorum_basis)
    eligible, present = meeting.eligible_count, meeting.present_count
    if rule is None or eligible is None or present is None or eligible == 0:
        return None
    return quorum_reached(rule, eligible, present)


def vote_passed(meeting: DeliberationMeeting, vote: VoteResult) -> bool | None:
    """passed = quorum_met and 2·yes > present (a tie fails); None while undecidable."""
    met = quorum_met(meeting)
    if met is None or vote.present is None:
        return None
    return met and 2 * vote.yes > vote.present

"""Rules for `DeliberationMeeting`: notice, quorum, votes, resolutions, household consent, land transfer."""

from __future__ import annotations

from decimal import Decimal

from gridapp import codes
from gridapp.models.deliberation import (
    QUORUM_TEXT, DeliberationMeeting, quorum_met, quorum_rule, vote_passed,
)
from gridapp.rules.records import stage_map
from gridapp.wording import say
from gridapp.validation import Checker, local_date, register

NOT_BINDING = say("多数表决不能代替农户本人同意")
NOTICE_DAYS = 10  # 村民会议: 组织法 §21


def meeting_always(c: Checker, m: DeliberationMeeting) -> None:
    if m.held_at and m.ended_at and m.ended_at < m.held_at:
        c.error("ended_at", "ended_at.before_held_at", say("结束时间不能早于会议时间"))
    if (m.meeting_type == "villager_assembly" and m.held_at and m.notice and m.notice.noticed_at
            and (local_date(m.held_at) - local_date(m.notice.noticed_at)).days < NOTICE_DAYS):
        c.error("notice.noticed_at", "notice.too_late", say("村民会议应当于会议召开十日前通知村民"))
    if m.meeting_type and m.quorum_basis and quorum_rule(m.meeting_type, m.quorum_basis) is None:
        c.error("quorum_basis", "quorum_basis.not_allowed",
                say("{meeting_type}不能{basis}计算法定人数", meeting_type=codes.MEETING_TYPE[m.meeting_type],
                    basis=codes.QUORUM_BASIS[m.quorum_basis]))
    if m.eligible_count is not None and m.present_count is not None and m.present_count > m.eligible_count:
        c.error("present_count", "present_count.exceeds_eligible", say("实到人数不能多于应到人数"))
    _check_attendance(c, m)
    _check_votes(c, m)
    _check_land(c, m)


def _check_attendance(c: Checker, m: DeliberationMeeting) -> None:
    # The sign-in sheet is often only scanned, so a list that disagrees is a warning, not an error.
    if not m.attendees or m.present_count is None:
        return
    signed = [a for a in m.attendees if a.signed_in and a.role != "observer"]
    if m.quorum_basis == "household_reps":
        counted = len({a.household_id or a.person_id or a.name for a in signed if a.role == "household_rep"})
    else:
        counted = len(signed)
    if counted != m.present_count:
        c.warn("present_count", "present_count.attendees_mismatch",
               say("实到人数（{present}）与签到名单上按本口径签到的人数（{counted}）不一致",
                   present=m.present_count, counted=counted))


def _check_votes(c: Checker, m: DeliberationMeeting) -> None:
    met = quorum_met(m)
    topic_ids = {t.topic_id for t in m.topics}
    for i, v in enumerate(m.votes):
        at = f"votes.{i}."
        if v.topic_ref and v.topic_ref not in topic_ids:
            c.error(f"{at}topic_ref", "vote.unknown_topic", say("第{n}项表决对应的议题不存在", n=i + 1))
        if v.present is not None and v.yes + v.no + v.abstain > v.present:
            c.error(f"{at}yes", "vote.count_exceeds_present",
                    say("第{n}项表决：同意{yes}+反对{no}+弃权{abstain}多于实到{present}人",
                        n=i + 1, yes=v.yes, no=v.no, abstain=v.abstain, present=v.present))
        if v.present is not None and v.eligible is not None and v.present > v.eligible:
            c.error(f"{at}present", "vote.present_exceeds_eligible", say("第{n}项表决：实到人数多于应到人数", n=i + 1))
        if met is False:
            c.error(f"{at}passed", "vote.without_quorum", say("第{n}项表决无效：会议未达到法定人数，不能表决", n=i + 1))
            continue
        computed = vote_passed(m, v)
        if computed is not None and v.passed is not None and v.passed != computed:
            if v.passed:
                text = say("同意{yes}票未超过实到{present}人的一半，不能记为通过", yes=v.yes, present=v.present)
            else:
                text = say("同意{yes}票已超过实到{present}人的一半，应记为通过", yes=v.yes, present=v.present)
            c.error(f"{at}passed", "vote.passed_mismatch", say("第{n}项表决：{problem}", n=i + 1, problem=text))
    for i, r in enumerate(m.resolutions):
        votes = [v for v in m.votes if v.topic_ref and v.topic_ref == r.topic_ref]
        if r.passed and votes and not any(vote_passed(m, v) for v in votes):
            c.error(f"resolutions.{i}.passed", "resolution.passed_mismatch",
                    say("第{n}项决议记为通过，但对应的表决未通过", n=i + 1))


def _check_land(c: Checker, m: DeliberationMeeting) -> None:
    consents: dict[str, int] = {}
    for i, h in enumerate(m.household_consents):
        if h.household_id in consents:
            c.error(f"household_consents.{i}.household_id", "consent.duplicate", say("同一户有两份户同意书"))
        if h.household_id:
            consents[h.household_id] = i
        if h.signed_at and m.held_at and local_date(h.signed_at) < local_date(m.held_at):
            c.error(f"household_consents.{i}.signed_at", "consent.signed_before_meeting",
                    say("户同意书的签字日期不能早于会议日期"))
    lt = m.land_transfer
    if lt is None:
        return
    for k, hh in enumerate(lt.transferors):
        i = consents.get(hh)
        consent = m.household_consents[i] if i is not None else None
        if consent is None or consent.decision != "agree" or consent.signature is None:
            c.error(f"land_transfer.transferors.{k}", "land_transfer.transferor_without_consent",
                    say("第{n}个流出户没有本户签字同意的户同意书，不能列入流转；{not_binding}", n=k + 1,
                        not_binding=NOT_BINDING))
    if lt.term_start and lt.term_end and lt.term_end <= lt.term_start:
        c.error("land_transfer.term_end", "term_end.not_after_start", say("流转截止日应晚于起始日"))
    if lt.term_end and lt.contract_period_end and lt.term_end > lt.contract_period_end:
        c.error("land_transfer.term_end", "land_transfer.exceeds_contract_period", say("流转期限不得超过承包期的剩余期限"))
    areas = [m.household_consents[consents[h]].area_mu for h in lt.transferors if h in consents]
    if lt.total_area_mu is not None and areas and None not in areas:
        total = sum((a for a in areas if a is not None), Decimal(0))
        if total != lt.total_area_mu:
            c.error("land_transfer.total_area_mu", "land_transfer.area_mismatch",
                    say("流转总面积{total}亩与同意流转各户面积之和{summed}亩不一致", total=lt.total_area_mu,
                        summed=total))


def meeting_noticed(c: Checker, m: DeliberationMeeting) -> None:
    for name in ("meeting_no", "meeting_type", "scope_level", "convener_id", "held_at", "topics"):
        c.require(m, name)
    if m.scope_level in ("group", "hamlet"):
        c.require(m, "hamlet")
    for i, t in enumerate(m.topics):
        c.require(t, "title", f"topics.{i}.", what=say("第{n}个议题的", n=i + 1))
    if c.require(m, "notice"):
        c.require(m.notice, "noticed_at", "notice.", what=say("通知的"))


def meeting_held(c: Checker, m: DeliberationMeeting) -> None:
    for name in ("chair_id", "recorder_id", "location", "quorum_basis", "eligible_count", "present_count"):
        c.require(m, name)
    if m.eligible_count == 0:
        c.error("eligible_count", "eligible_count.zero", say("应到人数必须大于0"))


def meeting_voted(c: Checker, m: DeliberationMeeting) -> None:
    met = quorum_met(m)
    if met is False:
        rule = quorum_rule(m.meeting_type, m.quorum_basis) or "none"
        c.error("present_count", "quorum.not_met",
                say("实到{present}人，未达到法定人数（{rule}，应到{eligible}人），表决无效，应记为“未达法定人数”",
                    present=m.present_count, rule=QUORUM_TEXT[rule], eligible=m.eligible_count))
    for name in ("discussion_summary", "votes", "resolutions"):
        c.require(m, name)
    for i, v in enumerate(m.votes):
        for name in ("topic_ref", "method", "eligible", "present", "passed"):
            c.require(v, name, f"votes.{i}.", what=say("第{n}项表决的", n=i + 1))
    if not m.has_land_matter():
        return
    consents = {h.household_id: h for h in m.household_consents}
    if not m.affected_household_ids:
        c.warn("affected_household_ids", "affected_household_ids.required",
               say("议题涉及承包地，请列出涉及的每一户，以便逐户签署户同意书"))
    for k, hh in enumerate(m.affected_household_ids):
        h = consents.get(hh)
        if h is None or h.signature is None or h.decision is None:
            c.error(f"affected_household_ids.{k}", "consent.missing",
                    say("涉及承包地的第{n}户没有本户签字的户同意书；{not_binding}", n=k + 1, not_binding=NOT_BINDING))
    land_passed = any(vote_passed(m, v) for v in m.votes
                      if (t := m.topic(v.topic_ref)) and t.topic_type in codes.LAND_TOPIC_TYPES)
    if land_passed and c.require(m, "land_transfer"):
        lt = m.land_transfer
        for name in ("transferee", "transferors", "total_area_mu", "term_start", "term_end", "use",
                     "price_per_mu_year"):
            c.require(lt, name, "land_transfer.", what=say("流转合同的"))
        if lt and lt.transferee:
            c.require(lt.transferee, "name", "land_transfer.transferee.", what=say("流转合同的"))


def meeting_quorum_failed(c: Checker, m: DeliberationMeeting) -> None:
    if quorum_met(m):
        c.error("present_count", "quorum.met", say("实到人数已达到法定人数，不能记为“未达法定人数”"))
    if m.votes:
        c.error("votes", "vote.without_quorum", say("未达到法定人数的会议不能有表决结果"))


def _publicity(kind: str, text: str):  # type: ignore[no-untyped-def]
    def rule(c: Checker, m: DeliberationMeeting) -> None:
        if not any(p.kind == kind and p.posted_at for p in m.publicity):
            c.error("publicity", f"publicity.{kind}_missing", say("议事记录缺少{kind}的公示记录", kind=text))
    return rule


def meeting_archived(c: Checker, m: DeliberationMeeting) -> None:
    if any(t.topic_type == "village_rules" for t in m.topics):
        if c.require(m, "filing"):
            c.require(m.filing, "to_township_at", "filing.", what=say("备案的"))


_VOTED = "noticed held voted"
register("meeting", meeting_always, stage_map({
    "NOTICED": "noticed", "HELD": "noticed held", "QUORUM_FAILED": "noticed held quorum_failed",
    "VOTED": _VOTED, "PUBLICIZED": f"{_VOTED} resolution_public",
    "IMPLEMENTING": f"{_VOTED} resolution_public",
    "RESULT_PUBLISHED": f"{_VOTED} resolution_public result_public",
    "ARCHIVED": f"{_VOTED} resolution_public result_public archived",
}), {
    "noticed": meeting_noticed, "held": meeting_held, "voted": meeting_voted,
    "quorum_failed": meeting_quorum_failed,
    "resolution_public": _publicity("resolution_public", say("决议公开")),
    "result_public": _publicity("result_public", say("结果公开")),
    "archived": meeting_archived,
})

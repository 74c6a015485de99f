"""Rules for people's mediation: DisputeCase, MediationSession, MediationAgreement (§29), FollowUp."""

from __future__ import annotations

from collections.abc import Callable

from gridapp import codes
from gridapp.models.dispute import DisputeCase, Party
from gridapp.models.mediation import FollowUp, MediationAgreement, MediationSession, signed_party_ids
from gridapp.rules.records import check_id_fields, stage_map
from gridapp.wording import say
from gridapp.validation import Checker, local_date, register


def _party_label(i: int, p: Party) -> str:
    return say("当事人第{n}项（{name}）的", n=i + 1, name=p.name) if p.name else say("当事人第{n}项的", n=i + 1)


def check_parties_shape(c: Checker, parties: list[Party]) -> None:
    for i, p in enumerate(parties):
        check_id_fields(c, p, f"parties.{i}.")


# --- DisputeCase --------------------------------------------------------------------------

def case_always(c: Checker, k: DisputeCase) -> None:
    check_parties_shape(c, k.parties)
    if k.involved_count is not None and k.involved_count < 2:
        c.error("involved_count", "involved_count.too_small", say("涉及人数至少为2人"))
    for i, p in enumerate(k.invited_participants):
        if not p.consented_by_parties:
            c.error(f"invited_participants.{i}.consented_by_parties", "invited.no_consent",
                    say("邀请{name}参与调解须经当事人同意（人民调解法第二十条）", name=p.name) if p.name
                    else say("邀请人员参与调解须经当事人同意（人民调解法第二十条）"))
        if p.relation == "five_elders" and not p.five_elders_category:
            c.error(f"invited_participants.{i}.five_elders_category", "five_elders_category.required",
                    say("邀请五老参与调解须注明五老类别"))


def case_registered(c: Checker, k: DisputeCase) -> None:
    for name in ("case_no", "registered_at", "registered_by", "source", "dispute_type", "summary",
                 "involved_count", "escalation_risk", "committee_id"):
        c.require(k, name)
    if k.dispute_type == "other":
        c.require(k, "dispute_type_other")
    roles = {p.role for p in k.parties}
    if len(k.parties) < 2 or not {"applicant", "respondent"} <= roles:
        c.error("parties", "parties.both_sides", say("纠纷须至少有两方当事人：申请人和被申请人"))
    for i, p in enumerate(k.parties):
        c.require(p, "role", f"parties.{i}.", what=_party_label(i, p))
        c.require(p, "name", f"parties.{i}.", what=_party_label(i, p))


def case_accepted(c: Checker, k: DisputeCase) -> None:
    a = k.acceptance
    if a is None or a.decision != "accept" or a.decided_at is None:
        c.error("acceptance", "acceptance.required", say("案件缺少受理决定（受理及决定时间）"))
    if k.escalation_risk == codes.TOP_RISK and not (k.police_report and k.police_report.reported_at):
        c.error("police_report", "police_report.required",
                say("纠纷可能引发治安、刑事案件，受理前须先报告当地公安机关（人民调解法第二十五条）"))
    if not (k.rights_notice and k.rights_notice.given_at):
        c.error("rights_notice", "rights_notice.required", say("受理后、调解前须告知当事人权利义务"))
    if k.source == "party_application":
        c.require(k, "application_form")
    for i, p in enumerate(k.parties):
        c.require(p, "address_or_employer", f"parties.{i}.", what=_party_label(i, p))
        c.require(p, "phone", f"parties.{i}.", what=_party_label(i, p), severity="warning")
        if p.kind != "natural_person":
            c.require(p, "org_uscc", f"parties.{i}.", what=_party_label(i, p), severity="warning")


def case_rejected(c: Checker, k: DisputeCase) -> None:
    a = k.acceptance
    if a is None or a.decision != "reject":
        c.error("acceptance.decision", "acceptance.not_rejected", say("不予受理须记录不予受理的决定"))
        return
    c.require(a, "decided_at", "acceptance.", what=say("不予受理决定的"))
    c.require(a, "reason", "acceptance.", what=say("不予受理决定的"))
    if a.reason == "other":
        c.require(a, "reason_text", "acceptance.", what=say("不予受理决定的"))
    if not a.channels_told:
        c.error("acceptance.channels_told", "acceptance.channels_required",
                say("不予受理时须告知当事人可以通过哪些其他途径解决"))


def case_mediating(c: Checker, k: DisputeCase) -> None:
    if not k.mediators:
        c.error("mediators", "mediators.required", say("案件须至少有一名调解员"))


def case_session(c: Checker, k: DisputeCase) -> None:
    if not k.session_ids:
        c.error("session_ids", "sessions.required", say("案件须至少有一次调解记录，才能登记调解结果"))


def _outcome(expected: str) -> Callable[[Checker, DisputeCase], None]:
    def rule(c: Checker, k: DisputeCase) -> None:
        if k.outcome != expected:
            c.error("outcome", "outcome.mismatch", say("调解结果应登记为“{outcome}”", outcome=codes.CASE_OUTCOME[expected]))
        if expected == "written_agreement":
            c.require(k, "agreement_id")
        elif expected == "oral_agreement":
            _oral(c, k)
        elif expected == "terminated":
            t = k.termination
            if c.require(k, "termination"):
                c.require(t, "at", "termination.", what=say("终止告知的"))
                c.require(t, "reason", "termination.", what=say("终止告知的"))
                if t is not None and not t.channels_told:
                    c.error("termination.channels_told", "termination.channels_required",
                            say("终止调解时须告知当事人可以依法通过仲裁、行政、司法等途径解决"))
        elif expected == "referred" and not k.referral_ids:
            c.warn("referral_ids", "referral_ids.required", say("转其他途径的案件请关联移交记录"))
    return rule


def _oral(c: Checker, k: DisputeCase) -> None:
    o = k.oral_agreement
    if c.require(k, "oral_agreement"):
        c.require(o, "agreed_at", "oral_agreement.", what=say("口头协议的"))
        c.require(o, "content", "oral_agreement.", what=say("口头协议的"))
        perf = o.performance if o else None
        if o and o.agreed_at and perf and perf.deadline and not perf.immediate \
                and perf.deadline > local_date(o.agreed_at):
            c.warn("oral_agreement.performance", "oral_agreement.future_performance",
                   say("口头协议不能申请司法确认；履行在以后的，建议制作书面调解协议"))


def case_agreed(c: Checker, k: DisputeCase) -> None:
    if k.outcome == "written_agreement":
        c.require(k, "agreement_id")
    elif k.outcome == "oral_agreement":
        _oral(c, k)
    else:
        c.error("outcome", "outcome.mismatch", say("只有达成协议（书面或口头）的案件才有履行阶段"))


def case_followed_up(c: Checker, k: DisputeCase) -> None:
    if not k.followup_ids:
        c.error("followup_ids", "followups.required", say("案件须至少有一次回访记录"))


def case_archived(c: Checker, k: DisputeCase) -> None:
    c.require(k, "outcome")
    if c.require(k, "archive"):
        for name in ("volume_no", "filed_by", "filed_at", "retention", "location"):
            c.require(k.archive, name, "archive.", what=say("卷宗的"))


_M = "registered accepted mediating"
_AGREED = f"{_M} session agreed"
register("case", case_always, stage_map({
    "REJECTED": "registered rejected", "ACCEPTED": "registered accepted",
    "INVESTIGATING": "registered accepted", "MEDIATING": _M,
    "AGREEMENT_PENDING_SIGNATURE": f"{_M} session written", "AGREEMENT_EFFECTIVE": f"{_M} session written",
    "ORAL_AGREED": f"{_M} session oral", "TERMINATED_NO_AGREEMENT": f"{_M} session terminated",
    "WITHDRAWN": f"{_M} withdrawn", "REFERRED": f"{_M} referred",
    "PERFORMING": _AGREED, "PERFORMED": _AGREED, "DEFAULTED": _AGREED, "URGED": _AGREED,
    "REMEDIATED": _AGREED, "LITIGATION_OR_ENFORCEMENT": _AGREED,
    "FOLLOWED_UP": f"{_AGREED} followed_up", "ARCHIVED": "registered archived",
}), {
    "registered": case_registered, "accepted": case_accepted, "rejected": case_rejected,
    "mediating": case_mediating, "session": case_session, "agreed": case_agreed,
    "written": _outcome("written_agreement"), "oral": _outcome("oral_agreement"),
    "terminated": _outcome("terminated"), "withdrawn": _outcome("withdrawn"),
    "referred": _outcome("referred"), "followed_up": case_followed_up,
    "archived": case_archived,
})


# --- MediationSession ---------------------------------------------------------------------

def session_signed(c: Checker, s: MediationSession) -> None:
    for name in ("case_id", "held_at", "place", "matter", "parties_present", "mediator_ids",
                 "recorder_id", "notices_given", "statements", "process", "result", "signatures"):
        c.require(s, name)
    r = s.result
    if r is not None:
        if r.reached is None:
            c.error("result.reached", "result.reached_required", say("调解记录须写明是否达成协议"))
        elif r.reached:
            c.require(r, "points", "result.", what=say("调解结果的"))
        else:
            c.require(r, "reason", "result.", what=say("调解结果的"))
            if not s.channels_told:
                c.warn("channels_told", "channels_told.required", say("未达成协议的，应告知当事人其他解决途径"))


register("session", lambda c, s: None, stage_map({"SIGNED": "signed"}), {"signed": session_signed})


# --- MediationAgreement -------------------------------------------------------------------

def agreement_always(c: Checker, a: MediationAgreement) -> None:
    check_parties_shape(c, a.parties)
    if a.copies is not None and a.parties and a.copies != len(a.parties) + 1:
        c.error("copies", "copies.mismatch",
                say("协议书份数应为当事人数加一（{parties}方当事人应为{copies}份），现在是{now}份",
                    parties=len(a.parties), copies=len(a.parties) + 1, now=a.copies))
    known = {p.party_id for p in a.parties}
    for i, s in enumerate(a.party_signatures):
        if s.party_id and s.party_id not in known:
            c.error(f"party_signatures.{i}.party_id", "signature.unknown_party",
                    say("第{n}个当事人签署对应的当事人不在协议书中", n=i + 1))
    for group in ("party_signatures", "mediator_signatures"):
        for i, s in enumerate(getattr(a, group)):
            if s.method == "proxy" and not s.proxy_note:
                c.error(f"{group}.{i}.proxy_note", "signature.proxy_note_required", say("代签须注明代签人和原因"))


def agreement_content(c: Checker, a: MediationAgreement) -> None:
    """The statutory contents (人民调解法 §29; 若干规定 §35), one Problem per missing item."""
    for name in ("case_id", "agreement_no", "parties", "facts_and_issues", "responsibilities", "terms",
                 "performance", "copies"):
        c.require(a, name)
    if a.parties and len(a.parties) < 2:
        c.error("parties", "parties.too_few", say("协议书须列明至少两方当事人"))
    for i, p in enumerate(a.parties):
        c.require(p, "name", f"parties.{i}.", what=_party_label(i, p))
        c.require(p, "address_or_employer", f"parties.{i}.", what=_party_label(i, p))
    for i, t in enumerate(a.terms):
        c.require(t, "content", f"terms.{i}.", what=say("第{n}条的", n=i + 1))
        c.require(t, "obligor", f"terms.{i}.", what=say("第{n}条的", n=i + 1))
    perf = a.performance
    if perf is not None:
        c.require(perf, "method", "performance.")
        if perf.deadline is None and not perf.immediate:
            c.error("performance.deadline", "deadline.required", say("协议书缺少履行期限（或注明即时履行）"))
        c.require(perf, "place", "performance.")


def agreement_signed(c: Checker, a: MediationAgreement) -> None:
    """The guard for EFFECTIVE: every party signed, a mediator signed, seal, original scan."""
    signed = signed_party_ids(a)
    for i, p in enumerate(a.parties):
        if p.party_id not in signed:
            c.error(f"parties.{i}", "party_signature.missing",
                    say("协议书缺少当事人{party}的签名、盖章或按指印", party=p.name or say("第{n}项", n=i + 1)))
    if not any(s.signed_at for s in a.mediator_signatures):
        c.error("mediator_signatures", "mediator_signature.missing", say("协议书缺少调解员签名"))
    if not (a.seal_affixed and a.seal_affixed.affixed_at):
        c.error("seal_affixed", "seal_affixed.missing", say("协议书缺少人民调解委员会印章"))
    c.require(a, "original_scan_id")


_SIGNED = "content signed"
register("agreement", agreement_always, stage_map({
    "AWAITING_SIGNATURES": "content", "EFFECTIVE": _SIGNED, "PERFORMING": _SIGNED,
    "PERFORMED": _SIGNED, "DEFAULTED": _SIGNED, "SUPERSEDED": _SIGNED, "INVALIDATED": _SIGNED,
}), {"content": agreement_content, "signed": agreement_signed})


# --- FollowUp -----------------------------------------------------------------------------

def followup_completed(c: Checker, f: FollowUp) -> None:
    for name in ("case_id", "agreement_no", "matter", "visited_at", "mode", "performance_status",
                 "satisfaction", "relapse_signs", "visitor_signature"):
        c.require(f, name)
    if not f.interviewee_party_id and not f.interviewee_name:
        c.error("interviewee_party_id", "interviewee.required", say("回访记录缺少回访对象"))
    if f.relapse_signs and f.relapse_signs.flag:
        c.require(f.relapse_signs, "text", "relapse_signs.", what=say("反复迹象的"))


register("followup", lambda c, f: None, stage_map({"COMPLETED": "completed"}), {"completed": followup_completed})

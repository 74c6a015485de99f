"""Rules for master data and visits: Person, Household, VisitRecord, Attachment, Mediator, committee."""

from __future__ import annotations

from collections.abc import Callable

from gridapp import codes
from gridapp.idnumber import age_on, check_id_number
from gridapp.models.attachment import Attachment
from gridapp.models.household import Household
from gridapp.models.mediation import MediationCommittee, Mediator
from gridapp.models.person import Person
from gridapp.models.visit import VisitRecord
from gridapp.wording import say
from gridapp.validation import Checker, local_date, register, title

NO_STAGES: Callable[[str], frozenset[str]] = lambda state: frozenset()  # noqa: E731


def stage_map(table: dict[str, str]) -> Callable[[str], frozenset[str]]:
    """state → the stages it requires, from {"STATE": "stage stage"}; unknown states need none."""
    parsed = {state: frozenset(names.split()) for state, names in table.items()}
    return lambda state: parsed.get(state, frozenset())


def check_id_fields(c: Checker, obj: object, prefix: str) -> None:
    """Warnings of an ID number against the sex and birth date entered beside it."""
    number = getattr(obj, "id_number", None)
    if not number or getattr(obj, "id_doc_type", codes.RESIDENT_ID_CARD) != codes.RESIDENT_ID_CARD:
        return
    result = check_id_number(number, today=c.today, sex=getattr(obj, "sex", None),
                             birth_date=getattr(obj, "birth_date", None),
                             field_name=f"{prefix}id_number", sex_field=f"{prefix}sex",
                             birth_field=f"{prefix}birth_date")
    c.add(result.problems)


# --- Person -------------------------------------------------------------------------------

def person_rules(c: Checker, p: Person) -> None:
    # A person has no draft state, so only the name blocks saving; the rest is 待补全 (warning),
    # because workers record people at the doorstep before they have seen any document.
    c.require(p, "full_name")
    for name in ("sex", "birth_date", "ethnicity"):
        c.require(p, name, severity="warning")
    check_id_fields(c, p, "")
    if p.birth_date and p.birth_date > c.today:
        c.error("birth_date", "birth_date.future", say("出生日期不能晚于今天"))
    age = age_on(p.birth_date, c.today) if p.birth_date else None
    if age is not None and age >= 16 and p.id_doc_type == codes.RESIDENT_ID_CARD and not p.id_number:
        # domain.md §4.1 "C": required with a card, but whether they hold one is rarely known.
        c.warn("id_number", "id_number.required", say("年满16周岁的居民应有居民身份证号码，知道时请补录"))
    if age is not None and age < 18 and p.special_tags and not p.guardian_person_id:
        c.warn("guardian_person_id", "guardian_person_id.required", say("有特殊人群标签的未成年人应登记监护人"))
    for i, tag in enumerate(p.special_tags):
        if tag.since and tag.until and tag.until < tag.since:
            c.error(f"special_tags.{i}.until", "until.before_since", say("标签的截止日期不能早于起始日期"))


# --- Household ----------------------------------------------------------------------------

def household_rules(c: Checker, h: Household) -> None:
    for name in ("head_person_id", "members", "hamlet", "grid_id"):
        c.require(h, name, severity="warning")
    if h.members:
        heads = h.head_members()
        if len(heads) != 1:
            c.error("members", "members.head_count",
                    say("户成员中应有且只有一名户主（与户主关系为“02 户主”），现在有{n}名", n=len(heads)))
        elif h.head_person_id and heads[0].person_id != h.head_person_id:
            c.error("head_person_id", "head_person_id.mismatch", say("户主与成员名单中关系为“户主”的人不一致"))
        ids = [m.person_id for m in h.members]
        if len(set(ids)) != len(ids):
            c.error("members", "members.duplicate", say("同一个人在成员名单中出现了多次"))


# --- VisitRecord --------------------------------------------------------------------------

def visit_always(c: Checker, v: VisitRecord) -> None:
    if v.started_at and v.ended_at and v.ended_at < v.started_at:
        c.error("ended_at", "ended_at.before_started_at", say("结束时间不能早于开始时间"))
    if v.started_at and v.next_visit_due and v.next_visit_due <= local_date(v.started_at):
        c.error("next_visit_due", "next_visit_due.not_after_visit", say("下次走访日期应在本次走访之后"))
    if v.notice_given is False:
        c.warn("notice_given", "notice_given.false", say("尚未向受访人告知个人信息处理事项"))


def visit_completed(c: Checker, v: VisitRecord) -> None:
    for name in ("visit_no", "grid_id", "target_kind", "visitor_staff_ids", "started_at",
                 "visit_mode", "purposes", "summary"):
        c.require(v, name)
    if v.target_kind == "household":
        c.require(v, "household_id")
    if v.summary and len(v.summary.strip()) < 10:
        c.error("summary", "summary.too_short", say("小结至少要写10个字"))
    if v.notice_given is None:
        c.error("notice_given", "notice_given.required", say("走访记录须注明是否已告知受访人"))
    if "policy_explanation" in v.purposes:
        c.require(v, "policies_explained")
    if "risk_followup" in v.purposes:
        c.require(v, "risk_followups")
    if "dispute_screening" in v.purposes:
        c.require(v, "dispute_screening")
    if v.dispute_screening == "dispute_found" and not v.dispute_case_ids:
        c.error("dispute_case_ids", "dispute_case_ids.required", say("排查发现纠纷时，须登记或关联至少一个纠纷案件"))
    for i, issue in enumerate(v.issues):
        c.require(issue, "category", f"issues.{i}.", what=say("第{n}个问题的", n=i + 1))
        c.require(issue, "description", f"issues.{i}.", what=say("第{n}个问题的", n=i + 1))
        if not issue.handled_on_spot and not issue.event_report_id:
            c.error(f"issues.{i}.event_report_id", "issues.event_report_missing",
                    say("第{n}个问题未当场解决，须先上报事件", n=i + 1))


# --- Attachment, Mediator, MediationCommittee -----------------------------------------------

def attachment_rules(c: Checker, a: Attachment) -> None:
    from gridapp.models import RECORD_TYPES

    for name in ("kind", "sha256", "captured_at", "captured_by"):
        c.require(a, name)
    if a.contains_minor and not a.minor_reason:
        c.warn("minor_reason", "minor_reason.required", say("附件含未成年人，请注明必要的理由"))
    if a.owner_type and a.owner_type not in RECORD_TYPES:
        c.error("owner_type", "owner_type.unknown", say("所属记录类型“{kind}”不存在", kind=a.owner_type))


def mediator_rules(c: Checker, m: Mediator) -> None:
    c.require(m, "name")
    c.require(m, "committee_id", severity="warning")
    c.require(m, "mediator_kind", severity="warning")
    if m.mediator_kind == codes.FIVE_ELDERS_KIND and not m.five_elders_category:
        c.error("five_elders_category", "five_elders_category.required", say("五老调解员须注明五老类别"))


def committee_rules(c: Checker, m: MediationCommittee) -> None:
    c.require(m, "name")
    c.require(m, "level", severity="warning")
    if not m.members:
        c.warn("members", "members.required",
               say("{doc}缺少{what}{title}", doc=c.doc, what="", title=title(m, "members")))
        return
    if not 3 <= len(m.members) <= 9:
        c.error("members", "members.count", say("调委会由委员三至九人组成，现在是{n}人", n=len(m.members)))
    chairs = sum(1 for x in m.members if x.post == "chair")
    if chairs != 1:
        c.error("members", "members.chair_count", say("调委会应设主任一人，现在有{n}人", n=chairs))
    if all(x.sex for x in m.members) and not any(x.sex == "2" for x in m.members):
        c.warn("members", "members.no_woman", say("调委会成员中应当有妇女成员"))


register("person", person_rules, NO_STAGES, {})
register("household", household_rules, NO_STAGES, {})
register("attachment", attachment_rules, NO_STAGES, {})
register("mediator", mediator_rules, NO_STAGES, {})
register("committee", committee_rules, NO_STAGES, {})
register("visit", visit_always, stage_map({
    "COMPLETED": "completed", "SYNCED": "completed", "REVIEWED": "completed",
    "ACCEPTED": "completed", "RETURNED": "completed",
}), {"completed": visit_completed})

"""Demo 微议事 minutes for `gridapp.demo`: a handful per village, and the 下岭尾屯 彩椒 land transfer.

The 下岭尾屯 meeting follows the county's account (background-rongan.txt): a 屯级微议事 led to
about 100 亩 of contracted land being transferred to a company for a coloured-pepper base, and
32 households signed. The vote passed, but only households that signed their own 户同意书 with
"同意" are transferors (承包法 §36, §38; domain.md §6.2): two households said no, one abstained,
and one household that agreed was absent from the meeting and signed afterwards.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from gridapp import demo_names as words
from gridapp.models import Attachment, DeliberationMeeting, Record

if TYPE_CHECKING:
    from gridapp.demo import Demo, Home, VillagePlan

# State → (weight, held between this many days ago: low, high); negative = still to come.
_STATES = {
    "PROPOSED": (5, -40, -15), "NOTICED": (8, -9, -1), "HELD": (4, 1, 4), "QUORUM_FAILED": (5, 10, 200),
    "VOTED": (14, 5, 40), "PUBLICIZED": (12, 10, 60), "IMPLEMENTING": (16, 30, 300),
    "RESULT_PUBLISHED": (12, 70, 400), "ARCHIVED": (10, 150, 500),
}
_PUBLIC = ("PUBLICIZED", "IMPLEMENTING", "RESULT_PUBLISHED", "ARCHIVED")
_HELD = ("HELD", "QUORUM_FAILED", "VOTED", *_PUBLIC)
_COMPANY = "柳州市红椒农业科技有限公司"


def uscc(d: Demo) -> str:
    """A 统一社会信用代码 (GB 32100-2015) registered in 融安: 91 + 450224 + organisation code
    with its GB 11714 check digit + the MOD 31 check character."""
    body = "".join(str(d.rng.randrange(10)) for _ in range(8))
    c9 = 11 - sum(int(ch) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2))) % 11
    org = body + {10: "X", 11: "0"}.get(c9, str(c9))
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    code17 = "91450224" + org
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(chars.index(ch) * w for ch, w in zip(code17, weights))
    return code17 + chars[(31 - total % 31) % 31]


def build(d: Demo) -> list[Record]:
    """All meetings, each followed by its attachments (sign-in sheet, consent scans)."""
    out: list[Record] = []
    for plan in d.plans:
        seq: dict[int, int] = {}
        if plan.village.name == "泉头村委会":
            homes = [h for h in plan.homes if h.hamlet.name == "下岭尾屯"]
            if len(homes) == 36:
                out.extend(_xialingwei(d, plan, homes, seq))
        for _ in range(d.rng.randint(2, 4)):
            out.extend(_meeting(d, plan, seq))
    return out


def _meeting_no(plan: VillagePlan, seq: dict[int, int], year: int) -> str:
    seq[year] = seq.get(year, 0) + 1
    return f"{plan.village.code}-YS-{year}-{seq[year]}"


def _meeting(d: Demo, plan: VillagePlan, seq: dict[int, int]) -> list[Record]:
    rng = d.rng
    state = d.pick(tuple((s, w) for s, (w, _, _) in _STATES.items()))
    _, low, high = _STATES[state]
    day = d.today - timedelta(days=rng.randint(low, high))
    topic_type, title, background, resolution = rng.choice(words.MEETING_TOPICS)
    hamlet = rng.choice(plan.hamlets).name
    village_scope = topic_type in ("village_rules", "subsidy") or rng.random() < 0.25
    place = hamlet if not village_scope else plan.short_name
    title = title.format(place=place, village=plan.short_name)
    if village_scope:
        kind, scope, basis, unit = "villager_rep_assembly", "village", "members", "representative"
        eligible = rng.randint(25, 45)
        location = rng.choice((f"{plan.short_name}党群服务中心会议室", f"{plan.short_name}村委会会议室"))
    else:
        kind, scope, basis, unit = "hamlet_micro_deliberation", "hamlet", "household_reps", "household"
        eligible = rng.randint(18, 60)
        location = f"{hamlet}{rng.choice(('文化室', '风雨桥', '晒谷坪', '屯长家堂屋'))}"
    secretary, director, clerk = plan.staff[0], plan.staff[1], plan.staff[5]
    held_at = d.at(day, rng.choice((9, 10, 14, 15, 19, 20)), 0)
    topic = {"topic_id": d.mint(), "title": title, "topic_type": topic_type, "background": background,
             "proposer_kind": d.pick((("members_masses", 3), ("village_cadre", 3), ("household_joint", 1)))}
    meeting_id = d.mint()
    data: dict[str, Any] = {
        "id": meeting_id, "village_code": plan.village.code, "state": state,
        "meeting_no": _meeting_no(plan, seq, day.year), "meeting_type": kind, "scope_level": scope,
        "hamlet": None if village_scope else hamlet, "convener_id": secretary.id, "held_at": held_at,
        "location": location, "topics": [topic],
    }
    if state != "PROPOSED":
        noticed = day - timedelta(days=rng.randint(10, 15))
        data["notice"] = {"noticed_at": d.at(noticed, 9, 0),
                          "method": rng.choice(("posting", "broadcast", "messaging")),
                          "content": f"定于{day.month}月{day.day}日在{location}开会，议题：{title}。请准时参加。"}
    attachments: list[Attachment] = []
    if state in _HELD:
        need = math.ceil(2 * eligible / 3)
        present = (max(1, need - rng.randint(1, 6)) if state == "QUORUM_FAILED"
                   else rng.randint(need, eligible))
        sheet = d.mint()
        data.update(chair_id=rng.choice((secretary, director)).id, recorder_id=clerk.id,
                    ended_at=held_at + timedelta(minutes=rng.randint(60, 150)), quorum_basis=basis,
                    eligible_count=eligible, present_count=present, sign_in_sheet_id=sheet)
        record_stub = DeliberationMeeting.model_construct(id=meeting_id, village_code=plan.village.code)
        attachments.append(d.attachment(record_stub, kind="sign_in_sheet", aid=sheet, mime="image/jpeg",
                                        filename=f"签到表-{data['meeting_no']}.jpg",
                                        captured_at=data["ended_at"], captured_by=clerk.id))
    if state in ("VOTED", *_PUBLIC):
        fail = state == "VOTED" and rng.random() < 0.25
        present = data["present_count"]
        yes = rng.randint(0, present // 2) if fail else rng.randint(present // 2 + 1, present)
        no = rng.randint(0, present - yes)
        abstain = rng.randint(0, present - yes - no)
        speakers = [p.full_name for h in plan.homes[:30] for p in h.people[:1]] or [s.name for s in plan.staff]
        data.update(
            discussion=[{"speaker": rng.choice(speakers), "points": rng.choice(words.DISCUSSION_POINTS)}
                        for _ in range(rng.randint(1, 3))],
            discussion_summary=f"与会人员围绕“{title}”充分讨论，{rng.choice(words.DISCUSSION_POINTS)}。",
            votes=[{"topic_ref": topic["topic_id"], "method": "show_of_hands", "unit": unit, "eligible": eligible,
                    "present": present, "yes": yes, "no": no, "abstain": abstain, "passed": 2 * yes > present}],
            resolutions=[{"topic_ref": topic["topic_id"], "passed": 2 * yes > present,
                          "text": resolution.format(place=place) if 2 * yes > present
                          else "表决未获通过，暂缓实施，进一步征求群众意见后再议。"}],
        )
    if state in _PUBLIC:
        data["publicity"] = [{"kind": "resolution_public", "posted_at": d.at(day + timedelta(days=1), 9, 0),
                              "place": f"{place}公示栏", "period_days": 7, "objections": "无"}]
        data["implementation"] = {"status": "in_progress" if state in ("PUBLICIZED", "IMPLEMENTING") else "done"}
        if topic_type == "village_rules":
            data["filing"] = {"to_township_at": day + timedelta(days=10),
                              "ref_no": f"{plan.township_name}备〔{day.year}〕{rng.randint(1, 40)}号"}
    if state in ("RESULT_PUBLISHED", "ARCHIVED"):
        posted = day + timedelta(days=rng.randint(30, 60))
        data["publicity"].append({"kind": "result_public", "posted_at": d.at(posted, 9, 0),
                                  "place": f"{place}公示栏", "period_days": 7, "objections": "无"})
    return [DeliberationMeeting.model_validate(data), *attachments]


def _areas(d: Demo, n: int, total: Decimal) -> list[Decimal]:
    """n areas in 亩 (one decimal) summing exactly to `total`."""
    weights = [d.rng.uniform(0.6, 1.6) for _ in range(n)]
    scale = float(total) / sum(weights)
    areas = [Decimal(f"{w * scale:.1f}") for w in weights]
    areas[areas.index(max(areas))] += total - sum(areas)
    return areas


def _xialingwei(d: Demo, plan: VillagePlan, homes: list[Home], seq: dict[int, int]) -> list[Record]:
    rng = d.rng
    day = d.today - timedelta(days=960)  # 2024-03-16 with the default today
    held_at = d.at(day, 19, 30)
    decisions = ["agree"] * 32 + ["disagree", "disagree", "abstain"]  # homes[35] has no land there
    absent = {31, 35}  # one agreeing household signs later; the landless one stays home
    agreed_areas = _areas(d, 32, Decimal("100.0"))
    other_areas = _areas(d, 3, Decimal("7.5"))
    meeting_id, topic_id = d.mint(), d.mint()
    secretary, director, clerk = plan.staff[0], plan.staff[1], plan.staff[5]
    stub = DeliberationMeeting.model_construct(id=meeting_id, village_code=plan.village.code)
    attachments: list[Attachment] = []
    consents = []
    for i, decision in enumerate(decisions):
        home = homes[i]
        rep = home.people[0]
        signed = d.at(day + timedelta(days=(4 if i in absent else rng.randint(0, 3))), rng.randint(9, 20), 0)
        scan = d.mint()
        attachments.append(d.attachment(stub, kind="scan", aid=scan, captured_at=signed + timedelta(hours=1),
                                        filename=f"户同意书-{home.address}.pdf", captured_by=clerk.id))
        old = rep.birth_date is not None and (day - rep.birth_date).days > 70 * 365
        consents.append({
            "household_id": home.record.id, "representative_person_id": rep.id, "representative_name": rep.full_name,
            "decision": decision, "signed_at": signed,
            "area_mu": agreed_areas[i] if i < 32 else other_areas[i - 32],
            "plots": [f"下岭尾屯{rng.choice(('屯前垌', '岭脚', '大田', '塘边'))}{rng.randint(1, 40)}号地块"],
            "signature": {"signer_person_id": rep.id, "signer_name": rep.full_name, "signer_role": "household_rep",
                          "method": "fingerprint" if old else "sign", "on_paper": True,
                          "scan_attachment_id": scan, "signed_at": signed},
        })
    present = [i for i in range(36) if i not in absent]
    yes = sum(1 for i in present if i < 32)
    no = sum(1 for i in present if 32 <= i < 34)
    abstain = sum(1 for i in present if i == 34)
    sheet = d.mint()
    attachments.append(d.attachment(stub, kind="sign_in_sheet", aid=sheet, mime="image/jpeg",
                                    filename="签到表-下岭尾屯土地流转微议事.jpg",
                                    captured_at=held_at + timedelta(hours=2), captured_by=clerk.id))
    term_start = day + timedelta(days=16)
    transferors = [consents[i]["household_id"] for i in range(32)]
    meeting = DeliberationMeeting.model_validate({
        "id": meeting_id, "village_code": plan.village.code, "state": "RESULT_PUBLISHED",
        "meeting_no": _meeting_no(plan, seq, day.year), "meeting_type": "hamlet_micro_deliberation",
        "scope_level": "hamlet", "hamlet": "下岭尾屯", "convener_id": secretary.id, "chair_id": director.id,
        "recorder_id": clerk.id, "held_at": held_at, "ended_at": held_at + timedelta(hours=2),
        "location": "下岭尾屯文化室",
        "notice": {"noticed_at": d.at(day - timedelta(days=7), 9, 0), "method": "door_to_door",
                   "content": "定于本周六晚七点半在屯文化室召开微议事会，商议土地流转建设彩椒基地事宜，请每户派一名代表参加。"},
        "topics": [{"topic_id": topic_id, "title": "下岭尾屯土地经营权流转建设彩椒基地",
                    "proposer_kind": "members_masses", "topic_type": "land_transfer",
                    "background": f"{_COMPANY}拟在下岭尾屯连片流转耕地约100亩，建设彩椒种植基地，优先雇用本屯劳动力。"}],
        "quorum_basis": "household_reps", "eligible_count": 36, "present_count": len(present),
        "attendees": [{"person_id": homes[i].people[0].id, "name": homes[i].people[0].full_name,
                       "household_id": homes[i].record.id, "role": "household_rep", "signed_in": True}
                      for i in present],
        "sign_in_sheet_id": sheet,
        "observers": [{"name": d.township_reviewers[plan.village.township_code].name, "org": "浮石镇人民政府",
                       "post": "驻村工作队员"}, {"name": d.name("陈", "1", 45), "org": _COMPANY, "post": "基地负责人"}],
        "discussion": [{"speaker": homes[0].people[0].full_name, "points": "流转费要按年先付，写进合同"},
                       {"speaker": homes[32].people[0].full_name, "points": "自家田想留着种金桔，不参加流转"},
                       {"speaker": homes[5].people[0].full_name, "points": "希望基地优先请本屯人务工"}],
        "discussion_summary": "与会户代表讨论了流转价格、期限、付款方式和务工安排。会议明确：流转自愿，"
                              "是否流转由各户自己决定并签订户同意书，不同意的户不流转、不调整其承包地。",
        "votes": [{"topic_ref": topic_id, "method": "show_of_hands", "unit": "household", "eligible": 36,
                   "present": len(present), "yes": yes, "no": no, "abstain": abstain,
                   "passed": 2 * yes > len(present)}],
        "resolutions": [{"topic_ref": topic_id, "passed": True, "affects_contracted_land": True,
                         "text": f"同意引进{_COMPANY}建设彩椒基地，由自愿流转的农户逐户签订户同意书和流转合同；"
                                 "不同意流转的户不得强迫。"}],
        "affected_household_ids": [c["household_id"] for c in consents],
        "household_consents": consents,
        "land_transfer": {
            "transferee": {"name": _COMPANY, "id_or_uscc": uscc(d), "address": "柳州市融安县长安镇"},
            "transferors": transferors, "total_area_mu": sum(agreed_areas, Decimal(0)),
            "location": "泉头村下岭尾屯屯前垌、岭脚片", "quality_grade": "中等", "term_start": term_start,
            "term_end": date(term_start.year + 10, term_start.month, term_start.day) - timedelta(days=1),
            "contract_period_end": date(2057, 12, 31), "use": "彩椒种植",
            "price_per_mu_year": Decimal("650.00"),
            "payment_method": "每年3月31日前通过银行转账将当年流转费一次性支付到各户",
            "compensation_on_requisition": "承包地被依法征收的，土地补偿费归承包户，地上附着物和青苗补偿费归受让方",
            "breach_liability": "受让方逾期支付流转费的，每逾期一日按应付金额的万分之五支付违约金；"
                                "改变土地农业用途的，出让方可以解除合同",
            "filed_with_fabaofang_at": term_start,
        },
        "publicity": [{"kind": "resolution_public", "posted_at": d.at(day + timedelta(days=1), 9, 0),
                       "place": "下岭尾屯公示栏", "period_days": 7, "objections": "无"},
                      {"kind": "result_public", "posted_at": d.at(term_start + timedelta(days=5), 9, 0),
                       "place": "下岭尾屯公示栏", "period_days": 7, "objections": "无"}],
        "implementation": {"status": "done", "note": "32户已签订流转合同，彩椒基地已建成投产，流转费按年支付到户。"},
    })
    return [meeting, *attachments]

"""Demo people's mediation for `gridapp.demo`: one 村人民调解委员会 per village with 五老 mediators,
and a few dozen dispute cases per township in every stage, with their sessions, agreements,
scans, follow-ups and the 发现纠纷 visits that found some of them.

Dates run forward from registration and never pass `today`: each state draws its registration
date from a window old enough for the steps it implies (a followed-up case is months old).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gridapp import deadlines
from gridapp import demo_names as words
from gridapp.idnumber import age_on
from gridapp.models import (
    DisputeCase, FollowUp, MediationAgreement, MediationCommittee, MediationSession, Mediator, Person,
    Record,
)

if TYPE_CHECKING:
    from gridapp.demo import Demo, Home, VillagePlan

# State → registered between this many days ago (low, high). The first 12 cases of a township
# take these states in turn, so even a small demo shows every stage.
_STATES = {
    "REGISTERED": (0, 6), "ACCEPTED": (2, 12), "MEDIATING": (5, 45), "AGREEMENT_EFFECTIVE": (3, 25),
    "PERFORMING": (30, 200), "FOLLOWED_UP": (90, 330), "ARCHIVED": (150, 360), "ORAL_AGREED": (10, 300),
    "TERMINATED_NO_AGREEMENT": (30, 300), "REJECTED": (3, 200), "WITHDRAWN": (20, 300),
    "AGREEMENT_PENDING_SIGNATURE": (5, 30),
}
_WEIGHTS = (("REGISTERED", 8), ("ACCEPTED", 8), ("MEDIATING", 14), ("AGREEMENT_EFFECTIVE", 12),
            ("PERFORMING", 10), ("FOLLOWED_UP", 10), ("ARCHIVED", 12), ("ORAL_AGREED", 9),
            ("TERMINATED_NO_AGREEMENT", 6), ("REJECTED", 4), ("WITHDRAWN", 4), ("AGREEMENT_PENDING_SIGNATURE", 3))
_WRITTEN = ("AGREEMENT_PENDING_SIGNATURE", "AGREEMENT_EFFECTIVE", "PERFORMING", "FOLLOWED_UP")
_ELDER_CATEGORIES = ("old_cadre", "old_party_member", "old_teacher", "old_soldier", "old_model")
_NOTICES = ["rights_duties", "principles_and_participants", "result_risk"]


@lru_cache(maxsize=1)
def _calendar() -> deadlines.HolidayCalendar:
    # The shipped holiday file only, never the user's override: the output must be reproducible.
    return deadlines.HolidayCalendar.load()


@dataclass
class Committee:
    record: MediationCommittee
    mediators: list[Mediator]

    @property
    def chair(self) -> Mediator:
        return self.mediators[0]


def build(d: Demo) -> tuple[list[Record], list[Record]]:
    """(committees each followed by its mediators, cases each followed by what hangs off them).
    Cases found on a visit add that visit to `d.visits`."""
    out: list[Record] = []
    committees = {}
    for plan in d.plans:
        committee = _committee(d, plan)
        committees[plan.village.code] = committee
        out.append(committee.record)
        out.extend(committee.mediators)
    cases: list[Record] = []
    by_township: dict[str, list[VillagePlan]] = {}
    for plan in d.plans:
        by_township.setdefault(plan.village.township_code, []).append(plan)
    for plans in by_township.values():
        homes = sum(len(p.homes) for p in plans)
        if not homes:
            continue
        counters: dict[tuple[str, int], int] = {}
        populated = [(p, len(p.homes)) for p in plans if p.homes]
        for k in range(max(24, min(60, homes // 40))):
            state = list(_STATES)[k] if k < 12 else d.pick(_WEIGHTS)
            plan = d.pick(tuple(populated))
            cases.extend(_case(d, plan, committees[plan.village.code], state, counters))
    return out, cases


def _adults(plan: VillagePlan, low: int, high: int, today: date) -> list[Person]:
    return [p for h in plan.homes for p in h.people
            if p.birth_date and low <= age_on(p.birth_date, today) <= high]


def _committee(d: Demo, plan: VillagePlan) -> Committee:
    rng = d.rng
    cid = d.mint()
    vc = plan.village.code
    used: set[str] = set()

    def person(low: int, high: int, sex: str | None = None) -> Person | None:
        pool = [p for p in _adults(plan, low, high, d.today)[:400]
                if p.id not in used and (sex is None or p.sex == sex)]
        if not pool:
            return None
        chosen = rng.choice(pool)
        used.add(chosen.id)
        return chosen

    roles = [("committee_member", "chair", None, "1", (42, 62)), ("committee_member", "member", None, "2", (35, 58)),
             ("five_elders", "member", rng.choice(_ELDER_CATEGORIES), "1", (62, 80))]
    for _ in range(rng.randint(0, 2)):
        roles.append(rng.choice((("five_elders", "member", rng.choice(_ELDER_CATEGORIES), "1", (62, 82)),
                                 ("appointed", "vice_chair" if len(roles) == 3 else "member", None,
                                  rng.choice("12"), (30, 60)))))
    mediators = []
    members = []
    for kind, post, category, sex, (low, high) in roles:
        p = person(low, high, sex)
        name = p.full_name if p else d.name(rng.choice(words.SURNAMES["08"]), sex, (low + high) // 2)
        mid = d.mint()
        mediators.append(Mediator.model_validate({
            "id": mid, "village_code": vc, "person_id": p.id if p else None, "name": name, "sex": sex,
            "phone": p.phones[0].number if p and p.phones else d.phone(), "committee_id": cid,
            "mediator_kind": kind, "five_elders_category": category,
            "appointed_at": d.today - timedelta(days=rng.randint(200, 2500)), "status": "active",
        }))
        members.append({"mediator_id": mid, "post": post, "sex": sex})
    record = MediationCommittee.model_validate({
        "id": cid, "village_code": vc, "name": f"融安县{plan.township_name}{plan.short_name}人民调解委员会",
        "level": "village", "members": members, "supervision_phone": f"0772-8{rng.randrange(10**6):06d}",
    })
    return Committee(record, mediators)


# --- parties --------------------------------------------------------------------------------

def _party(d: Demo, role: str, person: Person | None, home: Home | None, *, name: str = "", sex: str = "1",
           age: int = 45, address: str = "", on: date) -> dict[str, Any]:
    if person is not None and home is not None:
        assert person.birth_date is not None
        return {"party_id": d.mint(), "role": role, "person_id": person.id, "name": person.full_name,
                "phone": person.phones[0].number if person.phones else d.phone(), "address_or_employer": home.address,
                "sex": person.sex, "ethnicity": person.ethnicity, "birth_date": person.birth_date,
                "age": age_on(person.birth_date, on), "id_number": person.id_number, "occupation_or_post": "农民"}
    birth = on.replace(year=on.year - age, day=min(on.day, 28)) - timedelta(days=d.rng.randrange(365))
    return {"party_id": d.mint(), "role": role, "name": name, "phone": d.phone(), "address_or_employer": address,
            "sex": sex, "birth_date": birth, "age": age_on(birth, on), "id_number": d.id_number(birth, sex),
            "occupation_or_post": "务工" if "务工" in address else "个体经营"}


def _parties(d: Demo, plan: VillagePlan, dispute_type: str, sub_type: str | None,
             on: date) -> tuple[list[dict[str, Any]], Home | None]:
    """(applicant, respondent) and the applicant's home when the applicant is a registered resident."""
    rng = d.rng
    homes = plan.homes
    if dispute_type == "marriage_family" and sub_type == "赡养":
        elders = [(h, p) for h in homes for p in h.people
                  if p.birth_date and age_on(p.birth_date, on) >= 60] or [(h, h.people[0]) for h in homes]
        home, applicant = rng.choice(elders)
        # The son shares his father's surname; a mother's son has her late husband's.
        surname = (applicant.full_name or "韦")[0] if applicant.sex == "1" else rng.choice(words.SURNAMES["08"])
        age = max(25, age_on(applicant.birth_date, on) - 28) if applicant.birth_date else 40
    elif dispute_type == "marriage_family":  # 继承: two brothers share out their father's estate
        home = rng.choice(homes)
        applicant = home.people[0]
        surname = (applicant.full_name or "韦")[0]
        age = max(25, age_on(applicant.birth_date, on) + rng.randint(-6, 6)) if applicant.birth_date else 45
    if dispute_type == "marriage_family":
        respondent = _party(d, "respondent", None, None, name=d.name(surname, "1", age), age=age,
                            address=rng.choice(("广东省东莞市务工", "广东省佛山市务工", "柳州市区务工")), on=on)
        return [_party(d, "applicant", applicant, home, on=on), respondent], home
    home_a = rng.choice(homes)
    a = rng.choice([p for p in home_a.people if p.birth_date and age_on(p.birth_date, on) >= 18] or home_a.people[:1])
    others = [h for h in homes if h is not home_a]
    if dispute_type != "contract" and others:
        home_b = rng.choice(others)
        b = rng.choice([p for p in home_b.people if p.birth_date and age_on(p.birth_date, on) >= 18]
                       or home_b.people[:1])
        return [_party(d, "applicant", a, home_a, on=on), _party(d, "respondent", b, home_b, on=on)], home_a
    respondent = _party(d, "respondent", None, None, name=d.name(rng.choice(words.SURNAMES["01"]), "1", 40), age=40,
                        address=f"融安县长安镇{rng.choice(('桔香路', '和平路', '长安大道'))}{rng.randint(1, 200)}号", on=on)
    return [_party(d, "applicant", a, home_a, on=on), respondent], home_a


# --- one case -------------------------------------------------------------------------------

def _sig(person_id: str | None, name: str, role: str, at: datetime, scan: str, party_id: str | None = None,
         method: str = "sign") -> dict[str, Any]:
    return {"signer_person_id": person_id, "signer_name": name, "signer_role": role, "party_id": party_id,
            "method": method, "on_paper": True, "scan_attachment_id": scan, "signed_at": at}


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _case(d: Demo, plan: VillagePlan, committee: Committee, state: str,
          counters: dict[tuple[str, int], int]) -> list[Record]:
    rng = d.rng
    today = d.today
    low, high = _STATES[state]
    reg_day = today - timedelta(days=rng.randint(low, high))
    dispute_type = d.pick(words.DISPUTE_WEIGHTS)
    sub_type, summary_t, facts_t, resp_t, term_t, (amin, amax) = rng.choice(words.DISPUTES[dispute_type])
    parties, home = _parties(d, plan, dispute_type, sub_type, reg_day)
    a, b = parties[0]["name"], parties[1]["name"]
    vc = plan.village.code
    key = (vc, reg_day.year)
    counters[key] = counters.get(key, 0) + 1
    case_no = f"（{reg_day.year}）{plan.short_name}人调字第{counters[key]}号"
    chair = committee.chair
    case_id = d.mint()
    amount = Decimal(rng.randrange(amin, amax + 1, 50)) if amax else None
    fill = {"a": a, "b": b, "age": parties[0]["age"], "amount": amount, "day": rng.choice((5, 10, 15))}
    source = d.pick((("grid_screening", 35), ("party_application", 45), ("proactive", 20)))
    if source == "grid_screening" and home is None:
        source = "party_application"
    out: list[Record] = []
    data: dict[str, Any] = {
        "id": case_id, "village_code": vc, "state": state, "case_no": case_no,
        "registered_at": d.at(reg_day), "registered_by": chair.id, "source": source,
        "application_form": rng.choice(("written", "oral")) if source == "party_application" else None,
        "dispute_type": dispute_type, "sub_type": sub_type, "summary": summary_t.format(**fill),
        "parties": parties, "involved_count": len(parties), "amount_cny": amount,
        "escalation_risk": d.pick((("low", 6), ("medium", 3), ("high", 1))), "committee_id": committee.record.id,
    }
    if source == "grid_screening":
        from gridapp.demo import make_visit

        assert home is not None
        visit_day = reg_day - timedelta(days=rng.randint(0, 2))
        visit = make_visit(d, plan, home, visit_day, purposes=["dispute_screening"], dispute_case_id=case_id,
                           findings=[f"排查矛盾纠纷时了解到{data['summary'].rstrip('。')}，已登记并报村调委会"])
        d.visits.append(visit)
        data["source_visit_id"] = visit.id
    if state == "REJECTED":
        data["acceptance"] = {"decision": "reject", "decided_at": d.at(reg_day + timedelta(days=1)),
                              "reason": "party_refuses", "reason_text": f"被申请人{b}明确表示不同意调解",
                              "channels_told": ["litigation"]}
    elif state != "REGISTERED":
        _mediate(d, plan, committee, state, data, reg_day, term_t, resp_t, facts_t, fill, out)
    return [DisputeCase.model_validate(data), *out]


def _mediate(d: Demo, plan: VillagePlan, committee: Committee, state: str, data: dict[str, Any], reg_day: date,
             term_t: str, resp_t: str, facts_t: str, fill: dict[str, Any], out: list[Record]) -> None:
    """Acceptance onwards: fills `data` (the case) and appends sessions, agreement, follow-ups."""
    rng = d.rng
    today = d.today
    accept_day = min(today, reg_day + timedelta(days=rng.randint(0, 2)))
    data["acceptance"] = {"decision": "accept", "decided_at": d.at(accept_day)}
    data["rights_notice"] = {"given_at": d.at(accept_day), "method": "written", "signed_ack": True}
    data["due_at"] = deadlines.mediation_due(accept_day, calendar=_calendar())
    if state == "ACCEPTED":
        return
    chair = committee.chair
    elders = [m for m in committee.mediators if m.mediator_kind == "five_elders"]
    team = [chair] + elders[:1]
    data["mediators"] = [{"mediator_id": m.id, "assigned_how": "designated" if i == 0 else "chosen_by_parties"}
                         for i, m in enumerate(team)]
    if rng.random() < 0.3:
        data["invited_participants"] = [{"name": d.name((data["parties"][0]["name"])[0], "1", 50),
                                         "relation": "relative", "consented_by_parties": True}]
    parties = data["parties"]
    reached = state not in ("MEDIATING", "TERMINATED_NO_AGREEMENT", "WITHDRAWN")
    n_sessions = 0 if state == "WITHDRAWN" or (state == "MEDIATING" and rng.random() < 0.4) else 1
    session_day = min(today, accept_day + timedelta(days=rng.randint(1, 8)))
    signed_at = d.at(session_day, rng.choice((9, 14, 15)), 30)
    session_ids = []
    recorder = committee.mediators[1]
    place = f"{plan.short_name}人民调解室"
    for _ in range(n_sessions):
        sid, scan = d.mint(), d.mint()
        session_ids.append(sid)
        sigs = [_sig(p.get("person_id"), p["name"], "party", signed_at, scan, p["party_id"]) for p in parties]
        sigs += [_sig(m.person_id, m.name or "", "mediator", signed_at, scan) for m in team]
        if recorder not in team:
            sigs.append(_sig(recorder.person_id, recorder.name or "", "recorder", signed_at, scan))
        session = MediationSession.model_validate({
            "id": sid, "village_code": plan.village.code, "state": "SIGNED", "case_id": data["id"],
            "held_at": signed_at - timedelta(hours=2), "place": place,
            "matter": f"{fill['a']}与{fill['b']}{_dispute_label(data)}纠纷",
            "parties_present": [p["party_id"] for p in parties], "mediator_ids": [m.id for m in team],
            "recorder_id": recorder.id, "notices_given": _NOTICES,
            "participants": data.get("invited_participants", []),
            "statements": [{"party_id": parties[0]["party_id"], "party_name": fill["a"],
                            "content": facts_t.format(**fill)},
                           {"party_id": parties[1]["party_id"], "party_name": fill["b"],
                            "content": "承认有此事，但认为对方要求过高，希望调委会主持公道。"}],
            "process": "调解员分别听取双方陈述，讲解相关法律规定和村规民约，"
                       + ("五老调解员以亲身经历劝导双方，" if len(team) > 1 else "")
                       + ("双方互谅互让，达成一致意见。" if reached else "双方分歧较大，未能达成一致。"),
            "result": ({"reached": True, "points": term_t.format(**fill, due="约定期限")} if reached
                       else {"reached": False, "reason": "双方对责任和金额分歧较大"}),
            "channels_told": [] if reached else ["litigation"],
            "signatures": sigs,
        })
        out.append(session)
        out.append(d.attachment(session, kind="scan", aid=scan, filename=f"调解记录-{data['case_no']}.pdf",
                                captured_at=signed_at + timedelta(hours=1), captured_by=recorder.id))
    data["session_ids"] = session_ids
    if state == "MEDIATING":
        return
    if state == "WITHDRAWN":
        data["outcome"] = "withdrawn"
        return
    if state == "TERMINATED_NO_AGREEMENT":
        data["outcome"] = "terminated"
        data["termination"] = {"at": signed_at, "reason": "双方分歧较大，经调解未能达成协议",
                               "channels_told": ["litigation", "administrative"]}
        return
    if state == "ORAL_AGREED":
        data["outcome"] = "oral_agreement"
        data["oral_agreement"] = {"agreed_at": signed_at, "content": term_t.format(**fill, due="当场"),
                                  "performance": {"method": "cash_lump_sum" if fill["amount"] else "act",
                                                  "immediate": True},
                                  "recorded_by": recorder.id, "parties_ack": True}
        return
    _agreement(d, plan, committee, state, data, session_day, signed_at, term_t, resp_t, facts_t, fill, team, out)


def _dispute_label(data: dict[str, Any]) -> str:
    from gridapp import codes

    return data.get("sub_type") or codes.DISPUTE_TYPE[data["dispute_type"]]


def _agreement(d: Demo, plan: VillagePlan, committee: Committee, state: str, data: dict[str, Any],
               day: date, signed_at: datetime, term_t: str, resp_t: str, facts_t: str, fill: dict[str, Any],
               team: list[Mediator], out: list[Record]) -> None:
    rng = d.rng
    today = d.today
    parties = data["parties"]
    chair = committee.chair
    due = day + timedelta(days=rng.randint(15, 45))
    if state in ("FOLLOWED_UP", "ARCHIVED"):
        due = min(due, today - timedelta(days=20))
    agreement_id, scan = d.mint(), d.mint()
    content = term_t.format(**fill, due=_cn(due))
    amount = fill["amount"]
    sealed = state != "AGREEMENT_PENDING_SIGNATURE"
    agreement_state = {"AGREEMENT_PENDING_SIGNATURE": "AWAITING_SIGNATURES", "AGREEMENT_EFFECTIVE": "EFFECTIVE",
                       "PERFORMING": "PERFORMING"}.get(state, "PERFORMED")
    agreement_no = data["case_no"].replace("人调字", "人调协字")
    record: dict[str, Any] = {
        "id": agreement_id, "village_code": plan.village.code, "state": agreement_state, "case_id": data["id"],
        "agreement_no": agreement_no, "parties": parties, "facts_and_issues": facts_t.format(**fill),
        "responsibilities": resp_t.format(**fill),
        "terms": [{"no": 1, "obligor": fill["b"], "obligee": fill["a"], "content": content, "amount_cny": amount,
                   "due_date": due, "place": f"{plan.short_name}村委会"},
                  {"no": 2, "obligor": f"{fill['a']}、{fill['b']}", "content": "双方今后和睦相处，不再因本纠纷发生争执"}],
        "performance": {"method": ("instalments" if "每月" in content else "transfer") if amount else "act",
                        "deadline": due, "place": f"{plan.short_name}村委会"},
        "copies": len(parties) + 1,
        "performance_status": {"AGREEMENT_EFFECTIVE": "not_due", "PERFORMING": rng.choice(("not_due", "partly"))}.get(
            state, "fully") if sealed else None,
    }
    if sealed:
        record.update(
            party_signatures=[_sig(p.get("person_id"), p["name"], "party", signed_at, scan, p["party_id"],
                                   method=rng.choice(("sign", "sign", "fingerprint"))) for p in parties],
            mediator_signatures=[_sig(m.person_id, m.name or "", "mediator", signed_at, scan) for m in team],
            seal_affixed={"affixed_at": signed_at + timedelta(minutes=10), "by": chair.id},
            original_scan_id=scan,
            jc_deadline=deadlines.judicial_confirmation_deadline(day, calendar=_calendar()),
        )
    agreement = MediationAgreement.model_validate(record)
    out.append(agreement)
    if sealed:
        out.append(d.attachment(agreement, kind="scan", aid=scan, filename=f"调解协议书-{agreement_no}.pdf",
                                captured_at=signed_at + timedelta(hours=1), captured_by=chair.id))
    data["outcome"] = "written_agreement"
    data["agreement_id"] = agreement_id
    if state in ("FOLLOWED_UP", "ARCHIVED") or (state == "PERFORMING" and rng.random() < 0.4):
        visit_day = min(today - timedelta(days=1), due + timedelta(days=rng.randint(3, 15)))
        if state == "PERFORMING":
            visit_day = min(today - timedelta(days=1), day + timedelta(days=rng.randint(7, 20)))
        fid, fscan = d.mint(), d.mint()
        visitor = team[-1]
        at = d.at(visit_day)
        followup = FollowUp.model_validate({
            "id": fid, "village_code": plan.village.code, "state": "COMPLETED", "case_id": data["id"],
            "agreement_id": agreement_id, "agreement_no": agreement_no,
            "interviewee_party_id": parties[0]["party_id"], "interviewee_name": fill["a"],
            "matter": f"回访{agreement_no}履行情况", "visited_at": at, "mode": rng.choice(("home_visit", "phone")),
            "performance_status": "partly" if state == "PERFORMING" else "fully",
            "satisfaction": rng.choice(("satisfied", "satisfied", "basically_satisfied")),
            "relapse_signs": {"flag": False},
            "visitor_signature": _sig(visitor.person_id, visitor.name or "", "visitor", at, fscan),
        })
        out.append(followup)
        out.append(d.attachment(followup, kind="scan", aid=fscan, filename=f"回访记录-{agreement_no}.pdf",
                                captured_at=at + timedelta(hours=2), captured_by=visitor.id))
        data["followup_ids"] = [fid]
        if state == "ARCHIVED":
            filed = min(today, visit_day + timedelta(days=rng.randint(3, 15)))
            data["archive"] = {"volume_no": f"{plan.short_name}调卷〔{filed.year}〕{rng.randint(1, 60)}号",
                               "filed_by": chair.id, "filed_at": filed,
                               "retention": rng.choice(("long", "short")), "location": f"{plan.short_name}村委会档案室"}

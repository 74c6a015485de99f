"""What the minutes form reads and what the printed minutes say: a hamlet's households and people
(the sign-in list), the next 议事编号, and the minutes laid out as text in the county's order
(title, meeting facts, attendance, topics with their votes and resolutions, household consents,
publicity, signature lines). Plain frozen data; the PDF is drawn from it by `ui.minutes_pdf`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridapp import codes
from gridapp.geography import UnknownPlace, load_geography
from gridapp.idnumber import CHINA_TZ
from gridapp.listing import ListFilter
from gridapp.models.deliberation import DeliberationMeeting, quorum_met
from gridapp.minutes import quorum_sentence

if TYPE_CHECKING:
    from gridapp.store import Store


@dataclass(frozen=True)
class HouseholdLine:
    id: str
    head_name: str
    head_person_id: str | None
    address: str


@dataclass(frozen=True)
class PersonLine:
    id: str
    name: str
    household_id: str


@dataclass(frozen=True)
class Roster:
    """The households of one 屯/组 (the sign-in list) and their people (for 召集人/主持人/记录人)."""

    hamlet: str
    village_code: str
    households: tuple[HouseholdLine, ...]
    people: tuple[PersonLine, ...]


def hamlet_roster(store: Store, hamlet: str) -> Roster:
    """The hamlet's live households in list order with their heads, and everyone living in them."""
    ids = store.list_ids("household", ListFilter(hamlet=hamlet))
    if not ids:
        return Roster(hamlet, "", (), ())
    rows = store.household_lines(ids)
    households = tuple(HouseholdLine(i, rows[i][3] or "（户主未登记）", rows[i][1], rows[i][2]) for i in ids if i in rows)
    people = tuple(PersonLine(pid, name, parent) for pid, name, parent in store.people_in(ids) if name)
    village = rows[ids[0]][0] if ids[0] in rows else ""
    return Roster(hamlet, village, households, people)


def next_meeting_no(store: Store, village_code: str, year: int) -> str:
    """The next free `{village_code}-YS-{year}-{seq}` of the village (domain.md §6.3)."""
    prefix = f"{village_code}-YS-{year}-"
    taken = [int(m.group(1)) for no in store.numbers_taken("meeting", "meeting_no", prefix)
             if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", no))]
    return f"{prefix}{max(taken, default=0) + 1}"


# ---------------------------------------------------------------------------- the printed minutes


@dataclass(frozen=True)
class TopicDoc:
    number: str  # 议题一
    title: str
    kind: str
    vote: str  # "举手表决：实到 30 户，同意 25，反对 3，弃权 2" or "未表决"
    result: str  # 通过 / 未通过 / ""
    resolution: str


@dataclass(frozen=True)
class MinutesDoc:
    title: str
    place_line: str
    meeting_no: str
    facts: tuple[tuple[str, str], ...]
    attendance: str
    attendees: str
    topics: tuple[TopicDoc, ...]
    discussion: str
    consent_header: tuple[str, ...]
    consents: tuple[tuple[str, ...], ...]
    land: tuple[tuple[str, str], ...]
    publicity: tuple[str, ...]
    signatures: tuple[str, ...]
    state: str


_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    if n < 20:
        return "十" + _NUMERALS[n - 11]
    return str(n)


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    if moment is None:
        return ""
    local = moment.astimezone(CHINA_TZ)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}"


def _day(value) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return ""
    day = value.astimezone(CHINA_TZ).date() if hasattr(value, "astimezone") and hasattr(value, "hour") else value
    return f"{day.year}年{day.month}月{day.day}日"


def village_names(village_code: str) -> tuple[str, str]:
    """(the village's short name "泉头村", its township "浮石镇"); blanks for an unknown code."""
    geo = load_geography()
    try:
        village = geo.village(village_code)
    except UnknownPlace:
        return "", ""
    name = village.name
    for suffix, keep in (("社区居委会", "社区"), ("居委会", "社区"), ("村委会", "村"), ("管理处社区", "社区")):
        if name.endswith(suffix):
            name = name[: -len(suffix)] + keep
            break
    return name, geo.township_of(village_code).name


def minutes_doc(meeting: DeliberationMeeting, names: dict[str, str], *, state_label: str = "") -> MinutesDoc:
    """The minutes as the county prints them; `names` maps person and household ids to names
    (an id without a name prints as a blank line to write on)."""
    m = meeting
    village, township = village_names(m.village_code)
    blank = "＿＿＿＿＿＿"
    name = (lambda ref: names.get(ref or "", "") or blank)
    facts = [
        ("会议类型", codes.MEETING_TYPE.get(m.meeting_type or "", "")),
        ("会议时间", _when(m.held_at)),
        ("会议地点", m.location or ""),
        ("召集人", name(m.convener_id)), ("主持人", name(m.chair_id)), ("记录人", name(m.recorder_id)),
    ]
    if m.notice is not None and m.notice.noticed_at:
        method = codes.NOTICE_METHOD.get(m.notice.method or "", "")
        facts.append(("会议通知", f"{_day(m.notice.noticed_at)}{('以' + method + '方式') if method else ''}通知"))
    attendance, _ = quorum_sentence(m)
    unit = "户" if m.quorum_basis == "household_reps" else "人"
    attendees = "、".join(a.name or names.get(a.household_id or "", "") for a in m.attendees if a.signed_in)
    votes = {v.topic_ref: v for v in m.votes}
    resolutions = {r.topic_ref: r for r in m.resolutions}
    topics = []
    for i, t in enumerate(m.topics, start=1):
        v = votes.get(t.topic_id)
        r = resolutions.get(t.topic_id)
        if v is None:
            vote, result = "未表决", ""
        else:
            method = codes.VOTE_METHOD.get(v.method or "", "")
            vote = (f"{method}表决：实到 {'' if v.present is None else v.present} {unit}，"
                    f"同意 {v.yes}，反对 {v.no}，弃权 {v.abstain}")
            result = {True: "通过", False: "未通过"}.get(v.passed, "") if v.passed is not None else ""
        topics.append(TopicDoc(f"议题{_numeral(i)}", t.title or "", codes.TOPIC_TYPE.get(t.topic_type or "", ""),
                               vote, result, (r.text or "") if r else ""))
    consents = tuple(
        (names.get(c.household_id or "", "") or "", c.representative_name or "",
         codes.CONSENT_DECISION.get(c.decision or "", ""),
         codes.SIGNATURE_METHOD.get(c.signature.method or "", "") if c.signature else "未签字",
         _day(c.signed_at), "" if c.area_mu is None else f"{c.area_mu.normalize():f}")
        for c in m.household_consents)
    land: list[tuple[str, str]] = []
    if m.land_transfer is not None:
        lt = m.land_transfer
        land = [("受让方", lt.transferee.name or "" if lt.transferee else ""),
                ("流出户", "、".join(names.get(h, "") for h in lt.transferors)),
                ("流转总面积", f"{lt.total_area_mu.normalize():f} 亩" if lt.total_area_mu is not None else ""),
                ("流转期限", f"{_day(lt.term_start)}至{_day(lt.term_end)}" if lt.term_start and lt.term_end else ""),
                ("用途", lt.use or ""),
                ("流转价格", f"{lt.price_per_mu_year} 元/亩/年" if lt.price_per_mu_year is not None else "")]
    publicity = tuple(
        f"{codes.PUBLICITY_KIND.get(p.kind or '', '')}：{_day(p.posted_at)}起在{p.place or '＿＿'}公示"
        f"{f'{p.period_days}天' if p.period_days else ''}" for p in m.publicity)
    signatures = ("主持人（签字）", "记录人（签字）", "参会群众代表（签字）")
    if quorum_met(m) is False:
        topics = [TopicDoc(t.number, t.title, t.kind, "未达到法定人数，未表决", "", t.resolution) for t in topics]
    return MinutesDoc(
        title=f"融安县{village}微议事会议记录", place_line="　".join(x for x in (township, village, m.hamlet or "") if x),
        meeting_no=m.meeting_no or "", facts=tuple(facts), attendance=attendance, attendees=attendees,
        topics=tuple(topics), discussion=m.discussion_summary or "",
        consent_header=("户", "户代表", "意见", "签字方式", "签字日期", "面积（亩）"), consents=consents,
        land=tuple(land), publicity=publicity, signatures=signatures, state=state_label,
    )


def read_minutes(store: Store, meeting_id: str) -> MinutesDoc:
    """The printed minutes of a stored meeting, with the names of the people and households it names.
    Raises RecordNotFound. The print is audited (domain.md §12.4)."""
    from gridapp import states

    meeting = store.get(meeting_id)
    assert isinstance(meeting, DeliberationMeeting)
    refs = {meeting.convener_id, meeting.chair_id, meeting.recorder_id, *meeting.affected_household_ids,
            *(a.household_id for a in meeting.attendees)}
    refs.discard(None)
    names = store.names_of(sorted(refs))
    households = {h for h in (*meeting.affected_household_ids, *(a.household_id for a in meeting.attendees)) if h}
    names.update({h: f"{names[h]}户" for h in households if names.get(h)})
    store.log_access(meeting_id, "print")
    return minutes_doc(meeting, names, state_label=states.state_label("meeting", meeting.state))

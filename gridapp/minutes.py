"""Deliberation minutes (微议事) from form values: build the `DeliberationMeeting`, say in plain words
whether the quorum is met and each vote passed, tie every problem to its form field, and finalise
(定稿) the minutes by walking the state machine to the sealed state. No Qt.

The form holds one vote and one resolution per topic; `MeetingDraft` is what it shows, and
`check_draft` is called on every change: `MinutesCheck.meeting` is what the store would save
(None while a value has the wrong shape), its errors block saving and its warnings do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gridapp import codes, states, validation
from gridapp.drafts import DraftSaver
from gridapp.errors import InvalidRecord, Problem, problems_by_field
from gridapp.idnumber import CHINA_TZ
from gridapp.ids import new_id
from gridapp.models import problems_from_error
from gridapp.models.deliberation import DeliberationMeeting, quorum_met, quorum_rule, vote_passed
from gridapp.wording import marked, say

if TYPE_CHECKING:
    from gridapp.store import Changes, Store

NO_CONSENTS = say("议题涉及承包地，请逐户填写户同意书后再定稿；多数表决不能代替农户本人同意")
_SCOPE_OF_TYPE = {"hamlet_micro_deliberation": "hamlet", "group_meeting": "group"}
_UNIT_OF_BASIS = {"household_reps": "household", "villagers_18": "person", "members": "representative"}


@dataclass
class TopicEntry:
    """One topic row of the form with its vote (None: not voted) and its resolution text."""

    title: str = ""
    topic_type: str | None = None
    topic_id: str | None = None
    vote_method: str | None = "show_of_hands"
    present: int | None = None
    yes: int = 0
    no: int = 0
    abstain: int = 0
    voted: bool = False
    resolution: str = ""


@dataclass
class ConsentEntry:
    """One household's 户同意书 as the form shows it."""

    household_id: str
    representative_name: str = ""
    decision: str | None = None
    signed_on: date | None = None
    method: str | None = None
    area_mu: str = ""


@dataclass
class PublicityEntry:
    kind: str = "resolution_public"
    posted_on: date | None = None
    place: str = ""
    period_days: int | None = None


@dataclass
class LandEntry:
    """The written transfer contract's essentials (承包法 §40); transferors come from the consents."""

    transferee: str = ""
    term_start: date | None = None
    term_end: date | None = None
    use: str = ""
    price_per_mu_year: str = ""


@dataclass
class Attending:
    """A household ticked on the sign-in list, by its representative (the head unless changed)."""

    household_id: str
    person_id: str | None
    name: str


@dataclass
class MeetingDraft:
    """Everything the minutes form shows; `base` is the stored record being edited (None: new)."""

    village_code: str = ""
    meeting_no: str = ""
    meeting_type: str | None = "hamlet_micro_deliberation"
    hamlet: str = ""
    convener_id: str | None = None
    chair_id: str | None = None
    recorder_id: str | None = None
    noticed_on: date | None = None
    notice_method: str | None = None
    held_at: datetime | None = None
    location: str = ""
    quorum_basis: str | None = "household_reps"
    eligible_count: int | None = None
    present_count: int | None = None
    attending: list[Attending] = field(default_factory=list)
    topics: list[TopicEntry] = field(default_factory=list)
    discussion_summary: str = ""
    consents: list[ConsentEntry] = field(default_factory=list)
    land: LandEntry = field(default_factory=LandEntry)
    publicity: list[PublicityEntry] = field(default_factory=list)
    base: DeliberationMeeting | None = None
    record_id: str | None = None  # a new meeting's id, fixed before its first save


@dataclass(frozen=True)
class MinutesCheck:
    meeting: DeliberationMeeting | None
    problems: tuple[Problem, ...]
    vote_topics: tuple[int, ...] = ()  # votes[j] belongs to topic row vote_topics[j]
    resolution_topics: tuple[int, ...] = ()

    @property
    def can_save(self) -> bool:
        return self.meeting is not None and not any(p.is_error for p in self.problems)

    def form_field(self, path: str) -> str:
        """The form field a problem belongs to: "votes.1.yes" → "topic_2_vote" when the second vote
        is the third topic's; "present_count" → "quorum"; unknown paths → "form"."""
        parts = path.split(".")
        head = parts[0]
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        if head == "votes" and index is not None and index < len(self.vote_topics):
            return f"topic_{self.vote_topics[index]}_vote"
        if head == "resolutions" and index is not None and index < len(self.resolution_topics):
            return f"topic_{self.resolution_topics[index]}_resolution"
        if head == "topics" and index is not None:
            return f"topic_{index}_title"
        if head in ("household_consents", "affected_household_ids") and index is not None:
            return f"consent_{index}"
        return _FIELD_OF.get(head, "form")

    def by_field(self) -> dict[str, list[Problem]]:
        """Form field → its problems, errors first."""
        return problems_by_field(self.problems, self.form_field)


_FIELD_OF = {
    "meeting_type": "meeting_type", "scope_level": "meeting_type", "hamlet": "hamlet", "village_code": "hamlet",
    "meeting_no": "meeting_no", "convener_id": "people", "chair_id": "people", "recorder_id": "people",
    "notice": "notice", "held_at": "held_at", "ended_at": "held_at", "location": "location",
    "quorum_basis": "quorum", "eligible_count": "quorum", "present_count": "quorum", "attendees": "quorum",
    "topics": "topics", "votes": "topics", "resolutions": "topics", "discussion_summary": "discussion_summary",
    "household_consents": "consents", "affected_household_ids": "consents", "land_transfer": "land",
    "publicity": "publicity",
}


def at_china(day: date, hour: int = 9) -> datetime:
    """A date as an aware moment in 融安 (+08:00), for fields the form asks only the day of."""
    return datetime.combine(day, time(hour, 0), tzinfo=CHINA_TZ)


def _decimal(text: str) -> Decimal | str | None:
    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text  # pydantic names it: "应为数字"


def _unit(basis: str | None) -> str:
    return say("户") if basis == "household_reps" else say("人")


def meeting_data(d: MeetingDraft) -> tuple[dict[str, Any], tuple[int, ...], tuple[int, ...]]:
    """The record's fields from the draft (without `passed`, which needs the quorum first)."""
    base = d.base.model_dump(exclude_none=True) if d.base is not None else {}
    data: dict[str, Any] = {k: base[k] for k in ("id", "state", "version") if k in base}
    if "id" not in data and d.record_id:
        data["id"] = d.record_id
    topics, votes, resolutions, vote_rows, resolution_rows = [], [], [], [], []
    kept = {t["topic_id"]: t for t in base.get("topics") or []}
    for i, t in enumerate(d.topics):
        t.topic_id = t.topic_id or new_id()  # votes and resolutions refer to it: fixed once made
        topic = {**kept.get(t.topic_id, {}), "topic_id": t.topic_id, "title": t.title.strip() or None,
                 "topic_type": t.topic_type}  # background, proposer… of a stored topic are kept
        topics.append(topic)
        if t.voted:
            votes.append({"topic_ref": topic["topic_id"], "method": t.vote_method,
                          "unit": _UNIT_OF_BASIS.get(d.quorum_basis or ""), "eligible": d.eligible_count,
                          "present": t.present, "yes": t.yes, "no": t.no, "abstain": t.abstain})
            vote_rows.append(i)
        if t.resolution.strip():
            resolutions.append({"topic_ref": topic["topic_id"], "text": t.resolution.strip(),
                                "affects_contracted_land": t.topic_type in codes.LAND_TOPIC_TYPES})
            resolution_rows.append(i)
    consents = []
    for c in d.consents:
        signed_at = at_china(c.signed_on, 12) if c.signed_on else None
        signature = None
        if c.method and c.signed_on:
            signature = {"signer_name": c.representative_name.strip() or None, "signer_role": "household_rep",
                         "method": c.method, "signed_at": signed_at}
        consents.append({"household_id": c.household_id, "representative_name": c.representative_name.strip() or None,
                         "decision": c.decision, "signature": signature, "signed_at": signed_at,
                         "area_mu": _decimal(c.area_mu)})
    data.update({
        "village_code": d.village_code, "meeting_no": d.meeting_no or None, "meeting_type": d.meeting_type,
        "scope_level": _SCOPE_OF_TYPE.get(d.meeting_type or "", "village"), "hamlet": d.hamlet or None,
        "convener_id": d.convener_id, "chair_id": d.chair_id, "recorder_id": d.recorder_id,
        "held_at": d.held_at, "location": d.location.strip() or None,
        "notice": ({"noticed_at": at_china(d.noticed_on), "method": d.notice_method}
                   if d.noticed_on or d.notice_method else None),
        "topics": topics, "quorum_basis": d.quorum_basis, "eligible_count": d.eligible_count,
        "present_count": d.present_count,
        "attendees": [{"person_id": a.person_id, "name": a.name or None, "household_id": a.household_id,
                       "role": "household_rep", "signed_in": True} for a in d.attending],
        "discussion_summary": d.discussion_summary.strip() or None,
        "votes": votes, "resolutions": resolutions,
        "affected_household_ids": [c.household_id for c in d.consents], "household_consents": consents,
        "publicity": [{"kind": p.kind, "posted_at": at_china(p.posted_on) if p.posted_on else None,
                       "place": p.place.strip() or None, "period_days": p.period_days} for p in d.publicity],
    })
    for name in ("sign_in_sheet_id", "parent_meeting_id", "four_two_step", "ended_at", "observers", "discussion",
                 "implementation", "filing", "attachment_ids"):
        if name in base:
            data[name] = base[name]
    if d.base is not None and d.base.notice is not None and data["notice"] is not None:
        data["notice"]["content"] = d.base.notice.content
    if any(t.topic_type in codes.LAND_TOPIC_TYPES for t in d.topics):
        data["land_transfer"] = _land(d, consents)
    return data, tuple(vote_rows), tuple(resolution_rows)


def _land(d: MeetingDraft, consents: list[dict[str, Any]]) -> dict[str, Any] | None:
    land = d.land
    # Only households that signed their own 同意 are transferors (domain.md §6.2).
    agreed = [c for c in consents if c["decision"] == "agree" and c["signature"] is not None]
    areas = [c["area_mu"] for c in agreed]
    total = sum(areas, Decimal(0)) if areas and all(isinstance(a, Decimal) for a in areas) else None
    if not (land.transferee.strip() or land.term_start or land.term_end or land.use.strip()
            or land.price_per_mu_year.strip() or agreed):
        return None
    return {"transferee": {"name": land.transferee.strip()} if land.transferee.strip() else None,
            "transferors": [c["household_id"] for c in agreed], "total_area_mu": total,
            "term_start": land.term_start, "term_end": land.term_end, "use": land.use.strip() or None,
            "price_per_mu_year": _decimal(land.price_per_mu_year)}


def check_draft(d: MeetingDraft, *, today: date | None = None) -> MinutesCheck:
    """The record the form describes and everything wrong with it in its current state.

    `passed` of each vote and resolution is the arithmetic's (`vote_passed`), never typed."""
    data, vote_rows, resolution_rows = meeting_data(d)
    try:
        meeting = DeliberationMeeting.model_validate(data)
    except ValidationError as exc:
        return MinutesCheck(None, tuple(problems_from_error(DeliberationMeeting, exc)), vote_rows, resolution_rows)
    for vote in meeting.votes:
        vote.passed = vote_passed(meeting, vote)
    for resolution in meeting.resolutions:
        verdicts = [v.passed for v in meeting.votes if v.topic_ref == resolution.topic_ref]
        resolution.passed = verdicts[0] if verdicts else None
    return MinutesCheck(meeting, tuple(validation.problems(meeting, today=today)), vote_rows, resolution_rows)


# ---------------------------------------------------------------------------- sentences


def quorum_sentence(meeting: DeliberationMeeting) -> tuple[str, bool | None]:
    """The attendance in one plain sentence (a `say`, translatable) and whether the quorum is met
    (None: cannot tell yet), e.g. "应到 42 户，实到 30 户，达到三分之二（至少 28 户），符合法定人数"."""
    unit = _unit(meeting.quorum_basis)
    if not meeting.meeting_type or not meeting.quorum_basis:
        return say("请选择会议类型和参会口径"), None
    rule = quorum_rule(meeting.meeting_type, meeting.quorum_basis)
    if rule is None:
        return say("{meeting_type}不能{basis}计算法定人数，请换一个参会口径",
                   meeting_type=codes.MEETING_TYPE[meeting.meeting_type],
                   basis=codes.QUORUM_BASIS[meeting.quorum_basis]), False
    eligible, present = meeting.eligible_count, meeting.present_count
    if not eligible or present is None:
        return say("请填写应到和实到的{unit}数", unit=unit), None
    counts = say("应到 {eligible} {unit}，实到 {present} {unit}", eligible=eligible, present=present, unit=unit)
    met = quorum_met(meeting)
    if rule == "none":
        return say("{counts}；{meeting_type}没有法定人数要求", counts=counts,
                   meeting_type=codes.MEETING_TYPE[meeting.meeting_type]), met
    need = -(-2 * eligible // 3) if rule == "two_thirds" else eligible // 2 + 1
    if met:
        beyond = rule == "half" or 3 * present > 2 * eligible
        template = _QUORUM_MET[(rule, beyond)]
    else:
        template = _QUORUM_SHORT[rule]
    return say(template, counts=counts, need=need, unit=unit), bool(met)


_QUORUM_MET = {
    ("two_thirds", False): marked("{counts}，达到三分之二（至少 {need} {unit}），符合法定人数"),
    ("two_thirds", True): marked("{counts}，超过三分之二（至少 {need} {unit}），符合法定人数"),
    ("half", True): marked("{counts}，超过一半（至少 {need} {unit}），符合法定人数"),
}
_QUORUM_SHORT = {
    "two_thirds": marked("{counts}，不足三分之二（至少要 {need} {unit}），不符合法定人数，不能表决"),
    "half": marked("{counts}，没有超过一半（至少要 {need} {unit}），不符合法定人数，不能表决"),
}


def vote_sentence(meeting: DeliberationMeeting | None, entry: TopicEntry) -> tuple[str, bool | None]:
    """One vote's arithmetic in words (a `say`) and whether it is sound and passed (False: wrong or failed)."""
    if not entry.voted:
        return say("未表决"), None
    if entry.present is None:
        return say("请填写参加表决的实到人数"), None
    total = entry.yes + entry.no + entry.abstain
    unit = _unit(meeting.quorum_basis if meeting else None)
    if total > entry.present:
        return say("同意 {yes} + 反对 {no} + 弃权 {abstain} = {total}，多于实到 {present} {unit}，请核对票数",
                   yes=entry.yes, no=entry.no, abstain=entry.abstain, total=total, present=entry.present,
                   unit=unit), False
    met = quorum_met(meeting) if meeting is not None else None
    if met is False:
        return say("会议未达到法定人数，这项表决无效"), False
    if met is None:
        return say("请先填好到会情况，才能判断是否通过"), None
    if 2 * entry.yes > entry.present:
        return say("同意 {yes} 票，超过实到 {present} {unit}的一半，通过", yes=entry.yes, present=entry.present,
                   unit=unit), True
    return say("同意 {yes} 票，没有超过实到 {present} {unit}的一半，未通过", yes=entry.yes, present=entry.present,
               unit=unit), False


# ---------------------------------------------------------------------------- finalising


def seal_target(meeting: DeliberationMeeting) -> str:
    """VOTED, or QUORUM_FAILED when too few came (the failed meeting's minutes are sealed too)."""
    return "QUORUM_FAILED" if quorum_met(meeting) is False else "VOTED"


def path_to(record_type: str, start: str, target: str) -> list[str]:
    """The states to pass through from `start` to `target` (shortest), ending with `target`;
    [] when the machine has no way there."""
    seen, frontier = {start: [start]}, [start]
    while frontier:
        nxt = []
        for state in frontier:
            for step in sorted(states.allowed_next(record_type, state)):
                if step not in seen:
                    seen[step] = seen[state] + [step]
                    nxt.append(step)
        frontier = nxt
    return seen.get(target, [start])[1:] if target != start else []


def finalise_problems(meeting: DeliberationMeeting, *, today: date | None = None) -> list[Problem]:
    """What stops 定稿: the guard of the last step into the sealed state (which requires every
    earlier stage too), and a land topic with no household's consent listed."""
    target = seal_target(meeting)
    steps = path_to("meeting", meeting.state, target)
    if not steps:
        return [Problem("state", "transition.not_allowed",
                        say("这份议事记录已是“{state}”，不能再定稿", state=states.state_label("meeting", meeting.state)))]
    before = ([meeting.state] + steps)[-2]
    found = validation.transition_problems(meeting.model_copy(update={"state": before}), target, today=today)
    if target == "VOTED" and meeting.has_land_matter() and not meeting.affected_household_ids:
        found = [p for p in found if p.code != "affected_household_ids.required"]
        found.append(Problem("affected_household_ids", "consent.none_listed", NO_CONSENTS))
    return found


class MinutesSaver(DraftSaver):
    """A meeting's draft saver, which also finalises (定稿) the minutes."""

    def finalise(self, store: Store, meeting: DeliberationMeeting) -> Changes:
        """定稿: check the guard, then save and walk the stored meeting to its sealed state (each step
        guarded by the store again) in one transaction: all or nothing, never half finalised.
        Raises InvalidRecord with every problem before anything is written, TransitionNotAllowed
        from the machine, and the store's errors (then nothing is written either)."""
        errors = [p for p in finalise_problems(meeting) if p.is_error]
        if errors:
            raise InvalidRecord(errors)
        edited = meeting.model_copy(update={"version": self.version}) if self.version else meeting
        changes = store.transition_path(meeting.id, path_to("meeting", meeting.state, seal_target(meeting)),
                                        reason="议事记录定稿", save=edited)
        self.version = store.get(meeting.id).version
        return changes


def draft_of(meeting: DeliberationMeeting) -> MeetingDraft:
    """The form's values of a stored meeting (the inverse of `meeting_data` for what the form shows)."""
    m = meeting
    votes = {v.topic_ref: v for v in m.votes}
    texts = {r.topic_ref: r.text or "" for r in m.resolutions}
    topics = []
    for t in m.topics:
        v = votes.get(t.topic_id)
        entry = TopicEntry(title=t.title or "", topic_type=t.topic_type, topic_id=t.topic_id,
                           resolution=texts.get(t.topic_id, ""), voted=v is not None)
        if v is not None:
            entry.vote_method, entry.present, entry.yes, entry.no, entry.abstain = (
                v.method, v.present, v.yes, v.no, v.abstain)
        topics.append(entry)
    china = (lambda moment: moment.astimezone(CHINA_TZ).date() if moment else None)
    lt = m.land_transfer
    land = LandEntry()
    if lt is not None:
        land = LandEntry(transferee=(lt.transferee.name or "") if lt.transferee else "", term_start=lt.term_start,
                         term_end=lt.term_end, use=lt.use or "",
                         price_per_mu_year="" if lt.price_per_mu_year is None else str(lt.price_per_mu_year))
    return MeetingDraft(
        village_code=m.village_code, meeting_no=m.meeting_no or "", meeting_type=m.meeting_type,
        hamlet=m.hamlet or "", convener_id=m.convener_id, chair_id=m.chair_id, recorder_id=m.recorder_id,
        noticed_on=china(m.notice.noticed_at) if m.notice else None,
        notice_method=m.notice.method if m.notice else None,
        held_at=m.held_at.astimezone(CHINA_TZ) if m.held_at else None, location=m.location or "",
        quorum_basis=m.quorum_basis, eligible_count=m.eligible_count, present_count=m.present_count,
        attending=[Attending(a.household_id, a.person_id, a.name or "") for a in m.attendees
                   if a.household_id and a.signed_in],
        topics=topics, discussion_summary=m.discussion_summary or "",
        consents=[ConsentEntry(household_id=c.household_id or "", representative_name=c.representative_name or "",
                               decision=c.decision, signed_on=china(c.signed_at),
                               method=c.signature.method if c.signature else None,
                               area_mu="" if c.area_mu is None else str(c.area_mu))
                  for c in m.household_consents],
        land=land,
        publicity=[PublicityEntry(p.kind or "resolution_public", china(p.posted_at), p.place or "", p.period_days)
                   for p in m.publicity],
        base=m,
    )

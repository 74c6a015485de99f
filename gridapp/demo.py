"""Deterministic synthetic demo data for 融安县: households, people, visits, 微议事 and mediation.

`generate()` is the one entry point (used by `gridapp demo-data` and `gridapp demo`). The same
arguments always give the same records, ids included: every random choice and every id comes
from generators seeded by `seed`, and "today" is a fixed date unless given. Ids are UUIDv7-shaped
(valid, time-ordered) on a fixed base time, so they sort in the order they were minted.

Records come out parents first (a household before its members, a case before its sessions,
a record before its attachments), so a reader can resolve every back-pointer to an earlier
record. The lists a parent keeps of its children (`Household.members`, `DisputeCase.session_ids`,
`MediationAgreement.original_scan_id` …) necessarily point forward: the two point at each other.
Grids, staff and event reports have no record type yet; their ids are references only.

The content lives in four modules: this one (places, households, people, visits),
`demo_meetings` (微议事, incl. the 下岭尾屯 彩椒 land transfer), `demo_mediation` (committees,
五老, cases) and `demo_names` (word pools).
"""

from __future__ import annotations

import gc
import hashlib
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from gridapp import demo_names as words
from gridapp.errors import GridAppError
from gridapp.geography import Village, load_geography
from gridapp.idnumber import CHINA_TZ, check_char
from gridapp.models import Attachment, Household, Person, Record, VisitRecord

DEFAULT_TODAY = date(2026, 11, 1)
# 2024-01-01T00:00:00+08:00: the fixed time base of demo ids (never the clock).
ID_BASE_MS = 1_704_038_400_000
COUNTY_WIDE = frozenset({"全县", "all", "融安县", "450224"})
COUNTY_CODE = "450224"

# 下岭尾屯, 泉头村 (浮石镇): the county's own example of a 微议事 land transfer.
XIALINGWEI = ("泉头村委会", "下岭尾屯")
XIALINGWEI_HOUSEHOLDS = 36  # 32 agree, 2 disagree, 1 abstains, 1 has no land in the plot

_HEAD_AGE_BANDS = ((25, 34, 12), (35, 49, 30), (50, 64, 33), (65, 86, 25))
_HOUSEHOLD_SIZES = ((1, 8), (2, 18), (3, 20), (4, 22), (5, 17), (6, 10), (7, 5))
_PURPOSES = (("info_collection", 20), ("dispute_screening", 26), ("policy_explanation", 22),
             ("hazard_check", 12), ("opinion_collection", 10), ("service_proxy", 6),
             ("followup_request", 4))
_VISIT_MODES = (("home", 74), ("yard_field", 12), ("phone", 11), ("group", 3))
_OPENINGS = {"home": (0, 1, 2, 4), "yard_field": (5,), "phone": (3,), "group": (2,)}


class IdMint:
    """UUIDv7-shaped ids from a seeded generator: millisecond and 12-bit counter from a fixed
    base plus a running number (so they sort in minting order), random bits from the seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"gridapp-demo-ids:{seed}")
        self._n = 0

    def __call__(self) -> str:
        n = self._n
        self._n += 1
        value = ((ID_BASE_MS + (n >> 12)) << 80) | (0x7 << 76) | ((n & 0xFFF) << 64)
        value |= (0b10 << 62) | self._rng.getrandbits(62)
        h = f"{value:032x}"  # what str(uuid.UUID(int=value)) gives, without the object
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass
class Staff:
    """A village cadre or grid worker: an id and a name only (there is no Staff record yet)."""

    id: str
    name: str
    duty: str


@dataclass
class Hamlet:
    name: str
    grid_id: str
    worker: Staff
    next_house_no: int = 1


@dataclass
class Home:
    """A generated household with its members, for the later sections to draw on."""

    record: Household
    people: list[Person]
    village: Village
    hamlet: Hamlet
    address: str
    tagged: list[Person]


@dataclass
class VillagePlan:
    village: Village
    short_name: str  # 泉头村委会 → 泉头村, 浮石社区居委会 → 浮石社区
    township_name: str
    hamlets: list[Hamlet]
    staff: list[Staff]  # secretary (网格长) first, then director, women's director, clerk
    homes: list[Home] = field(default_factory=list)
    visit_seq: int = 0


class Demo:
    """The generator's state: seeded randomness, the id mint, the date base and the output."""

    def __init__(self, seed: int, today: date) -> None:
        self.seed = seed
        self.rng = random.Random(f"gridapp-demo:{seed}")
        self.mint = IdMint(seed)
        self.today = today
        self.ids_used: set[str] = set()
        self.plans: list[VillagePlan] = []
        self.homes: list[Home] = []  # in creation (= id) order
        self.visits: list[VisitRecord] = []
        self.township_reviewers: dict[str, Staff] = {}

    # --- small helpers ------------------------------------------------------------------------

    def pick(self, weighted: tuple[tuple[Any, int], ...]) -> Any:
        total = sum(w for _, w in weighted)
        r = self.rng.random() * total
        for value, w in weighted:
            r -= w
            if r < 0:
                return value
        return weighted[-1][0]

    def at(self, day: date, hour: int | None = None, minute: int | None = None) -> datetime:
        """A working-hours moment of `day` in +08:00."""
        h = self.rng.randint(8, 17) if hour is None else hour
        m = self.rng.randrange(0, 60, 5) if minute is None else minute
        return datetime(day.year, day.month, day.day, h, m, tzinfo=CHINA_TZ)

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def name(self, surname: str, sex: str, age: int) -> str:
        gen = "old" if age >= 62 else "mid" if age >= 33 else "young"
        return surname + self.rng.choice(words.GIVEN_NAMES[(gen, sex)])

    def phone(self) -> str:
        return self.rng.choice(words.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def id_number(self, birth: date, sex: str) -> str:
        while True:
            seq = self.rng.randrange(500) * 2 + (1 if sex == "1" else 0)
            body = f"{COUNTY_CODE}{birth:%Y%m%d}{seq:03d}"
            number = body + check_char(body)
            if number not in self.ids_used:
                self.ids_used.add(number)
                return number

    def attachment(self, owner: Record, *, kind: str, filename: str, captured_at: datetime,
                   captured_by: str, aid: str | None = None, mime: str = "application/pdf") -> Attachment:
        """A scan or photo belonging to `owner`; the SHA-256 is of deterministic stand-in bytes.
        `aid` is the id when the owner already names the attachment (a signature's scan)."""
        aid = aid or self.mint()
        content = stand_in_bytes(self.seed, aid, filename)
        return Attachment.model_validate({
            "id": aid, "village_code": owner.village_code, "kind": kind,
            "sha256": hashlib.sha256(content).hexdigest(), "size": self.rng.randrange(60_000, 900_000),
            "mime": mime, "filename": filename, "captured_at": captured_at, "captured_by": captured_by,
            "encrypted": True, "owner_type": owner.RECORD_TYPE, "owner_id": owner.id,
        })


def stand_in_bytes(seed: int, attachment_id: str, filename: str) -> bytes:
    """The deterministic stand-in content of a demo attachment (what its SHA-256 names), so a
    demo server can serve the bytes its records point at."""
    return f"gridapp-demo|{seed}|{attachment_id}|{filename}".encode()


# --- places ---------------------------------------------------------------------------------

def _villages_for(township: str) -> list[Village]:
    geo = load_geography()
    key = (township or "").strip()
    if key in COUNTY_WIDE:
        return list(geo.villages)
    for t in geo.townships:
        if key in (t.name, t.code):
            return list(geo.villages_of(t.code))
    names = "、".join(t.name for t in geo.townships)
    raise GridAppError(f"没有名为“{township}”的乡镇；可选：{names}，或“全县”", code="demo.unknown_township")


def short_village_name(name: str) -> str:
    """The name used in addresses: 泉头村委会 → 泉头村, 浮石社区居委会 → 浮石社区."""
    for suffix, keep in (("社区居委会", "社区"), ("居委会", "社区"), ("村委会", "村"), ("管理处社区", "社区")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + keep
    return name


def hamlet_names(village: Village) -> list[str]:
    """4–12 hamlets of a village, the same for every seed (a village's list does not change)."""
    rng = random.Random(f"gridapp-demo-hamlets:{village.code}")
    count = rng.randint(4, 12)
    if village.kind != "村委会":  # communities are divided into 居民小组
        return [f"第{words.CN_NUMERALS[i]}居民小组" for i in range(count)]
    if rng.random() < 0.15:
        return [f"第{words.CN_NUMERALS[i]}村民小组" for i in range(count)]
    names = list(words.FIXED_HAMLETS.get(village.name, ()))
    stem = village.name[:-3]
    if len(stem) <= 2 and rng.random() < 0.6 and f"{stem}屯" not in names:
        names.append(f"{stem}屯")  # the hamlet the village is named after
    while len(names) < count:
        tail = rng.choice(words.HAMLET_TAILS)
        candidate = rng.choice(words.HAMLET_HEADS) + (tail if tail != "屯" else "") + "屯"
        if candidate not in names and len(candidate) >= 3:
            names.append(candidate)
    return names


def _plan_villages(d: Demo, villages: list[Village]) -> None:
    geo = load_geography()
    for v in villages:
        township = geo.township(v.township_code)
        staff = [Staff(d.mint(), d.name(_surname(d)[0], "2" if "妇女" in duty else "1", d.rng.randint(38, 58)),
                       duty) for duty in words.STAFF_DUTIES]
        workers = [Staff(d.mint(), d.name(_surname(d)[0], d.pick((("1", 1), ("2", 1))), d.rng.randint(26, 50)),
                         "网格员") for _ in range(d.rng.randint(2, 3))]
        hamlets = [Hamlet(n, d.mint(), workers[i % len(workers)]) for i, n in enumerate(hamlet_names(v))]
        d.plans.append(VillagePlan(v, short_village_name(v.name), township.name, hamlets, staff))
        if township.code not in d.township_reviewers:
            d.township_reviewers[township.code] = Staff(d.mint(), d.name(_surname(d)[0], "1", 40),
                                                        "乡镇综治中心")


def _allocate(d: Demo, households: int) -> list[tuple[VillagePlan, Hamlet, int]]:
    """How many households each hamlet gets: (plan, hamlet, count), village weights 0.6–1.4."""
    out: list[tuple[VillagePlan, Hamlet, int]] = []
    remaining = households
    reserved: Hamlet | None = None
    xlw = next((p for p in d.plans if p.village.name == XIALINGWEI[0]), None)
    if xlw is not None and households >= XIALINGWEI_HOUSEHOLDS + 4:
        hamlet = next(h for h in xlw.hamlets if h.name == XIALINGWEI[1])
        out.append((xlw, hamlet, XIALINGWEI_HOUSEHOLDS))
        reserved = hamlet
        remaining -= XIALINGWEI_HOUSEHOLDS
    weights = [d.rng.uniform(0.6, 1.4) for _ in d.plans]
    total = sum(weights)
    shares = [remaining * w / total for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in order[: remaining - sum(counts)]:
        counts[i] += 1
    for plan, n in zip(d.plans, counts):
        # 下岭尾屯's households are the fixed block above, so its meeting's counts stay exact.
        open_hamlets = [h for h in plan.hamlets if h is not reserved] or plan.hamlets
        per_hamlet = [0] * len(open_hamlets)
        for _ in range(n):
            per_hamlet[d.rng.randrange(len(open_hamlets))] += 1
        out.extend((plan, h, k) for h, k in zip(open_hamlets, per_hamlet) if k)
    return out


# --- households and people ------------------------------------------------------------------

def _surname(d: Demo) -> tuple[str, str]:
    eth = d.pick(words.ETHNICITY_WEIGHTS)
    return d.rng.choice(words.SURNAMES[eth]), eth


@dataclass
class _Member:
    relation: str
    sex: str
    age: int
    surname: str
    ethnicity: str
    away: str = "at_home"
    tags: list[str] = field(default_factory=list)


def _family(d: Demo) -> list[_Member]:
    """Who lives in the household: head, spouse, parents, children, their spouses, grandchildren."""
    rng = d.rng
    size = d.pick(_HOUSEHOLD_SIZES)
    low, high = d.pick(tuple(((lo, hi), w) for lo, hi, w in _HEAD_AGE_BANDS))
    head_age = rng.randint(low, high)
    surname, eth = _surname(d)
    head_sex = "1" if rng.random() < 0.82 or size > 4 else "2"
    head = _Member("02", head_sex, head_age, surname, eth)
    people = [head]
    if size >= 2 and (rng.random() < 0.9 or size > 3):
        other_surname, other_eth = _surname(d)
        spouse_eth = eth if rng.random() < 0.75 else other_eth
        people.append(_Member("12" if head_sex == "1" else "11", "2" if head_sex == "1" else "1",
                              max(20, head_age + rng.randint(-6, 4)), other_surname, spouse_eth))
    family_name = surname if head_sex == "1" or len(people) == 1 else people[1].surname
    if head_age < 50 and len(people) < size and rng.random() < 0.45:
        for rel, sex in (("51", "1"), ("52", "2"))[: rng.randint(1, 2)]:
            if len(people) < size:  # the head's father shares the head's surname, the mother not
                people.append(_Member(rel, sex, head_age + rng.randint(22, 32),
                                      surname if rel == "51" else _surname(d)[0], eth))
    child_age = head_age - rng.randint(21, 33)
    children: list[_Member] = []
    while len(people) + len(children) < size and child_age >= 0 and len(children) < 4:
        children.append(_Member("", rng.choice("12"), child_age, family_name, eth))
        child_age -= rng.randint(2, 6)
    sons = [c for c in children if c.sex == "1"]
    daughters = [c for c in children if c.sex == "2"]
    if len(children) == 1:
        children[0].relation = "21" if sons else "31"
    else:
        for i, c in enumerate(sons):
            c.relation = ("22", "23", "24", "25")[i]
        for i, c in enumerate(daughters):
            c.relation = ("32", "33", "34", "35")[i]
    people.extend(children)
    married_son = next((s for s in sons if s.age >= 23), None)
    if married_son is not None and len(people) < size:
        people.append(_Member("38", "2", max(20, married_son.age + rng.randint(-4, 2)), _surname(d)[0], eth))
        grand_age = married_son.age - rng.randint(21, 28)
        while len(people) < size and grand_age >= 0:
            sex = rng.choice("12")
            people.append(_Member("41" if sex == "1" else "42", sex, grand_age, family_name, eth))
            grand_age -= rng.randint(2, 5)
    return people


def _assign_status(d: Demo, people: list[_Member]) -> None:
    """Migrant work, and the special tags that follow from it (留守, 独居) or occur at low rates."""
    rng = d.rng
    for p in people:
        if 18 <= p.age <= 55:
            share = 0.25 if p.relation == "02" else 0.5
            if rng.random() < share:
                p.away = d.pick((("work_outside_region", 6), ("work_in_region", 3), ("work_in_county", 2)))
        elif 16 <= p.age <= 21 and rng.random() < 0.5:
            p.away = "studying_away"
    at_home_adults = [p for p in people if p.age >= 18 and p.away == "at_home"]
    if not at_home_adults:
        oldest = max(people, key=lambda p: p.age)
        oldest.away = "at_home"
        at_home_adults = [oldest]
    working = [p for p in people if 18 <= p.age <= 59]
    all_away = bool(working) and all(p.away != "at_home" for p in working)
    for p in people:
        if p.age < 16 and all_away:
            p.tags.append("left_behind_child")
        if p.age >= 60 and all_away:
            p.tags.append("left_behind_elderly")
        if p.age >= 60 and len(people) == 1:
            p.tags.append("empty_nest_elderly")
        if rng.random() < 0.022:
            p.tags.append("disabled")
        if p.age >= 40 and rng.random() < 0.01:
            p.tags.append("serious_illness")
        if p.sex == "1" and 40 <= p.age <= 80 and rng.random() < 0.025:
            p.tags.append("veteran")


def _marital(d: Demo, m: _Member, members: list[_Member]) -> str:
    """GB/T 2261.2: couples 已婚; a head or parent without a partner in the household is widowed
    when old; a child is married when their spouse lives here, else usually single."""
    relations = {x.relation for x in members}
    if m.relation in ("02", "11", "12"):
        if relations & {"11", "12"}:
            return "20"
        return "30" if m.age >= 55 else d.rng.choice(("10", "40"))
    if m.relation in ("51", "52"):
        return "20" if {"51", "52"} <= relations else "30"
    if m.relation == "38" or (m.age >= 23 and "38" in relations and m.sex == "1" and m.relation[0] == "2"):
        return "20"
    return "10" if m.age < 24 else d.rng.choice(("10", "20", "20"))


def _birth(d: Demo, age: int) -> date:
    anniversary = d.today.replace(year=d.today.year - age, day=min(d.today.day, 28))
    return anniversary - timedelta(days=d.rng.randrange(365))


def _make_home(d: Demo, plan: VillagePlan, hamlet: Hamlet) -> Home:
    rng = d.rng
    members = _family(d)
    _assign_status(d, members)
    hid = d.mint()
    ids = [d.mint() for _ in members]
    vc = plan.village.code
    house_no = hamlet.next_house_no
    hamlet.next_house_no += rng.randint(1, 2)
    address = f"{plan.short_name}{hamlet.name}{house_no}号"
    guardian = next((i for m, i in zip(members, ids) if m.age >= 18 and m.away == "at_home"), ids[0])
    people: list[Person] = []
    tagged: list[Person] = []
    for m, pid in zip(members, ids):
        birth = _birth(d, m.age)
        has_number = m.age >= 16 or rng.random() < 0.7
        tags = [{"tag": t, "since": max(birth, d.today - timedelta(days=rng.randint(200, 2000))),
                 "attention_level": "medium" if t in ("left_behind_child", "serious_illness") else "normal",
                 "responsible_staff_id": hamlet.worker.id, "visit_frequency_days": 30,
                 "source": "department" if t in ("disabled", "veteran") else "grid_worker",
                 "verified": True} for t in m.tags]
        adult = m.age >= 18
        person = Person.model_validate({
            "id": pid, "village_code": vc, "full_name": d.name(m.surname, m.sex, m.age),
            "id_number": d.id_number(birth, m.sex) if has_number else None,
            "sex": m.sex, "birth_date": birth, "ethnicity": m.ethnicity,
            "hukou_region_code": COUNTY_CODE, "current_household_id": hid,
            "residence_status": "consistent" if m.away == "at_home" else "hukou_here_person_away",
            "away_status": m.away if m.age >= 16 else None,
            "phones": [{"number": d.phone(), "phone_type": "self"}]
            if adult and m.age <= 75 and rng.random() < 0.7 else [],
            "marital_status": _marital(d, m, members),
            "political_status": ("01" if adult and rng.random() < 0.06
                                 else "03" if 14 <= m.age <= 28 and rng.random() < 0.3 else "13"),
            "health_status": ("disabled" if "disabled" in m.tags else "serious" if "serious_illness" in m.tags
                              else "chronic" if m.age >= 65 and rng.random() < 0.3 else "good"),
            "disability": {"category": rng.choice(("physical", "visual", "hearing", "intellectual")),
                           "grade": rng.choice("1234")} if "disabled" in m.tags else None,
            "special_tags": tags,
            "guardian_person_id": guardian if tags and m.age < 18 and guardian != pid else None,
        })
        people.append(person)
        if tags:
            tagged.append(person)
    head = people[0]
    htags = []
    if rng.random() < 0.14:
        htags.append("tuopin")
    if rng.random() < 0.05 or (len(people) == 1 and rng.random() < 0.2):
        htags.append("dibao")
    for member_tag, household_tag in (("disabled", "disabled_family"), ("veteran", "military_family")):
        if any(member_tag in m.tags for m in members):
            htags.append(household_tag)
    if any(t.startswith("left_behind") for m in members for t in m.tags):
        htags.append("left_behind_family")
    phone = next((p.phones[0].number for p in people if p.phones), None)
    record = Household.model_validate({
        "id": hid, "village_code": vc, "head_person_id": head.id,
        "members": [{"person_id": pid, "relation_to_head": m.relation} for m, pid in zip(members, ids)],
        "hamlet": hamlet.name, "address_detail": address, "grid_id": hamlet.grid_id,
        "household_tags": htags,
        "phones": [{"number": phone, "phone_type": "self" if head.phones else "family"}] if phone else [],
    })
    home = Home(record, people, plan.village, hamlet, address, tagged)
    plan.homes.append(home)
    d.homes.append(home)
    return home


# --- visits ---------------------------------------------------------------------------------

def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def make_visit(d: Demo, plan: VillagePlan, home: Home, day: date, *, purposes: list[str] | None = None,
               state: str = "COMPLETED", findings: list[str] | None = None,
               dispute_case_id: str | None = None) -> VisitRecord:
    """One 入户走访 of `home` on `day`; `dispute_case_id` makes it the 发现纠纷 visit of a case."""
    rng = d.rng
    mode = "home" if dispute_case_id else d.pick(_VISIT_MODES)
    if purposes is None:
        purposes = [d.pick(_PURPOSES)]
        while rng.random() < 0.45 and len(purposes) < 3:
            extra = d.pick(_PURPOSES)
            if extra not in purposes:
                purposes.append(extra)
        if home.tagged and rng.random() < 0.8:
            purposes.insert(0, "risk_followup")
    start = d.at(day, rng.randint(8, 17), rng.randrange(0, 60, 5))
    at_home = [p for p in home.people if p.away_status in (None, "at_home") and p.birth_date
               and (day - p.birth_date).days >= 18 * 365] or home.people[:1]
    interviewee = at_home[0]
    head = home.people[0]
    findings = list(findings or [])
    data: dict[str, Any] = {}
    policy = rng.choice(words.POLICIES)
    for purpose in purposes:
        if purpose == "risk_followup":
            data["risk_followups"] = [
                {"person_id": p.id, "tag": p.special_tags[0].tag,
                 "observation": rng.choice(words.RISK_NOTES[p.special_tags[0].tag][1]),
                 "risk_level": "medium" if p.special_tags[0].attention_level == "medium" else "low"}
                for p in home.tagged]
            focus = rng.choice(home.tagged)
            findings.append(rng.choice(words.RISK_NOTES[focus.special_tags[0].tag][0]).format(person=focus.full_name))
        if purpose == "policy_explanation":
            data["policies_explained"] = [{"title": policy[0], "note": policy[1]}]
        if purpose == "dispute_screening":
            data["dispute_screening"] = ("dispute_found" if dispute_case_id
                                         else "early_signs" if rng.random() < 0.08 else "none_found")
        if dispute_case_id is None and purpose in words.VISIT_FINDINGS:
            text = rng.choice(words.VISIT_FINDINGS[purpose])
            if purpose == "dispute_screening" and data["dispute_screening"] == "early_signs":
                text = words.VISIT_FINDINGS[purpose][-1]
            elif purpose == "dispute_screening" and "口角" in text:
                text = words.VISIT_FINDINGS[purpose][0]
            findings.append(text.format(policy=f"“{policy[0]}”", person=interviewee.full_name))
    issues = []
    if dispute_case_id is None and rng.random() < 0.12:
        category, text, on_spot = rng.choice(words.ISSUES)
        handled = on_spot and rng.random() < 0.85
        issues.append({"category": category, "description": text, "handled_on_spot": handled,
                       "severity": "low" if handled else rng.choice(("low", "medium")),
                       # EventReport has no record type yet: the id is a reference only.
                       "event_report_id": None if handled else d.mint()})
        findings.append(f"发现{text}，" + ("已当场处理" if handled else "已上报村委会和乡镇综治中心"))
    family = head.full_name or ""
    opening = words.VISIT_OPENINGS[rng.choice(_OPENINGS[mode])].format(family=family)
    summary = opening + "；".join(findings) + "。" + rng.choice(words.VISIT_CLOSINGS)
    plan.visit_seq += 1
    worker = home.hamlet.worker
    companions = []
    if rng.random() < 0.2:
        cadre = rng.choice(plan.staff)
        companions.append({"name": cadre.name, "duty": cadre.duty})
    review = None
    if state == "ACCEPTED":
        reviewer = d.township_reviewers[plan.village.township_code]
        review = {"reviewer_id": reviewer.id, "reviewed_at": d.at(day + timedelta(days=rng.randint(3, 20))),
                  "result": "accepted", "comment": "记录完整"}
    tagged = bool(home.tagged)
    draft_gap = state == "DRAFT" and rng.random() < 0.5
    return VisitRecord.model_validate({
        "id": d.mint(), "village_code": plan.village.code, "state": state,
        "visit_no": f"{plan.village.code}-ZF-{day:%Y%m%d}-{plan.visit_seq}",
        "grid_id": home.hamlet.grid_id, "target_kind": "household", "household_id": home.record.id,
        "interviewee_person_id": interviewee.id, "visitor_staff_ids": [worker.id],
        "companions": companions, "started_at": start,
        "ended_at": start + timedelta(minutes=rng.randint(15, 60) if mode != "phone" else rng.randint(5, 15)),
        "visit_mode": mode, "purposes": purposes, "issues": issues,
        "dispute_case_ids": [dispute_case_id] if dispute_case_id else [],
        "summary": None if draft_gap else summary, "notice_given": None if draft_gap else True,
        "next_visit_due": day + timedelta(days=(30 if tagged else 90) + rng.randint(-5, 10)),
        "review": review, **data,
    })


def _visits(d: Demo, visits_per_household: float) -> None:
    homes = [(plan, home) for plan in d.plans for home in plan.homes]
    if not homes or visits_per_household <= 0:
        return
    weights = [2.0 if home.tagged else 1.0 for _, home in homes]
    scale = visits_per_household * len(homes) / sum(weights)
    for (plan, home), w in zip(homes, weights):
        count = _poisson(d.rng, w * scale)
        for offset in sorted(d.rng.sample(range(1, 366), min(count, 365)), reverse=True):
            state = ("DRAFT" if offset <= 14 and d.rng.random() < 0.3
                     else d.pick((("COMPLETED", 62), ("SYNCED", 15), ("ACCEPTED", 23))) if offset > 30
                     else "COMPLETED")
            d.visits.append(make_visit(d, plan, home, d.today - timedelta(days=offset), state=state))


# --- the entry point ------------------------------------------------------------------------

def generate(households: int, seed: int = 2024, township: str = "浮石镇", *,
             visits_per_household: float = 3.0, today: date | None = None) -> list[Record]:
    """A realistic synthetic dataset, the same for the same arguments (ids included).

    `township` is a township name or 9-digit code, or "全县"/"all" for households spread over
    all 149 villages (so over the 12 townships by their village counts). `today` (default
    2026-11-01, never the clock) anchors every date: visits fall in the 12 months before it; it
    must not lie after the real date, or the youngest people would be born "in the future".

    Contents: households and their people (valid ID numbers), visits, per-village mediation
    committees with 五老 mediators, 微议事 minutes (incl. the 下岭尾屯 彩椒 land transfer when
    泉头村 is included and there are at least 40 households) and a few dozen dispute cases per
    township with sessions, agreements, scans and follow-ups. Records come parents first.

    Raises GridAppError (code "demo.unknown_township") for an unknown township and ValueError
    for a negative household count."""
    if households < 0:
        raise ValueError("households must be ≥ 0")
    # Hundreds of thousands of long-lived models and no reference cycles: the cyclic collector
    # would rescan them over and over (more than half the run time at 33,000 households).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(households, seed, township, visits_per_household, today or DEFAULT_TODAY)
    finally:
        if was_enabled:
            gc.enable()


def _generate(households: int, seed: int, township: str, visits_per_household: float,
              today: date) -> list[Record]:
    from gridapp import demo_mediation, demo_meetings

    d = Demo(seed, today)
    _plan_villages(d, _villages_for(township))
    for plan, hamlet, count in _allocate(d, households):
        for _ in range(count):
            _make_home(d, plan, hamlet)
    _visits(d, visits_per_household)
    # Mediation first: it adds the 发现纠纷 visits that found its cases.
    committees, cases = demo_mediation.build(d)
    meetings = demo_meetings.build(d)
    out: list[Record] = []
    for home in d.homes:
        out.append(home.record)
        out.extend(home.people)
    out.extend(sorted(d.visits, key=lambda v: (v.started_at, v.id)))
    out.extend(committees)
    out.extend(meetings)
    out.extend(cases)
    return out

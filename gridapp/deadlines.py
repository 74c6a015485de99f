"""Legal deadlines (民法典 §201–§203) over an offline-updatable holiday calendar, and the named clocks.

Counting rules, all [law] unless marked:
- the trigger day is not counted; day 1 is the day after (§201);
- month/year periods end on the corresponding day of the final month, else its last day (§202);
- a last day that is a rest day moves to the first working day after it (§203). Statutory holidays
  are rest days by law; ordinary weekends count too [proposal, domain.md §3.3, as courts read
  法定休假日]; a 调休 Saturday or Sunday that the State Council declared a working day does not move.
- "工作日" periods count working days only: weekends and holidays skipped, 调休 workdays counted.

Exceptions: `HolidayDataError` (a GridAppError) for a malformed holiday file; `ValueError` for a
programming error (unknown unit, n < 1).
"""

from __future__ import annotations

import calendar as _gregorian
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from gridapp.errors import GridAppError
from gridapp.resources import resource_path
from gridapp.wording import say

Unit = Literal["day", "working_day", "month", "year"]
CHINA_TZ = timezone(timedelta(hours=8))


class HolidayDataError(GridAppError):
    """A holiday file (shipped or user-supplied) cannot be read; nothing was loaded from it."""

    code = "holiday_data"


@dataclass(frozen=True)
class HolidayYear:
    """One year's 放假安排: where it came from, the holiday dates (with names) and 调休 workdays."""

    year: int
    source: str
    confidence: str
    holidays: dict[date, str]
    make_up_workdays: frozenset[date]


class HolidayCalendar:
    """Which days are rest days, per the State Council's yearly 放假安排.

    Years without an entry are not guessed: there only weekends are rest days, and `covers(year)`
    is False so the UI can warn "节假日安排未更新"."""

    def __init__(self, years: Iterable[HolidayYear] = ()) -> None:
        self._years = {y.year: y for y in years}
        self._holidays: dict[date, str] = {}
        workdays: set[date] = set()
        for y in sorted(self._years.values(), key=lambda y: y.year):
            self._holidays.update(y.holidays)
            workdays |= y.make_up_workdays
        self._workdays = frozenset(workdays)

    @classmethod
    def load(cls, path: Path | str | None = None,
             extra_paths: Sequence[Path | str] = ()) -> HolidayCalendar:
        """Load the shipped `holidays.json` (or `path`), then each existing file of `extra_paths`
        in order; a year present in a later file replaces that whole year. Missing extra files are
        skipped (the app-data override is optional). Raises HolidayDataError for a missing base
        file or any malformed file."""
        base = Path(path) if path is not None else resource_path("data", "holidays.json")
        if not base.is_file():
            raise HolidayDataError(say("找不到节假日数据文件：{file}", file=str(base)))
        years = _read_years(base)
        for extra in extra_paths:
            if Path(extra).is_file():
                years.update(_read_years(Path(extra)))
        return cls(years.values())

    @property
    def years(self) -> tuple[int, ...]:
        """The years this calendar has a 放假安排 for, ascending."""
        return tuple(sorted(self._years))

    def covers(self, year: int) -> bool:
        return year in self._years

    def year_info(self, year: int) -> HolidayYear | None:
        return self._years.get(year)

    def is_holiday(self, d: date) -> bool:
        """True on a day off of a 放假安排 (not on ordinary weekends)."""
        return d in self._holidays

    def holiday_name(self, d: date) -> str | None:
        return self._holidays.get(d)

    def is_make_up_workday(self, d: date) -> bool:
        """True on a weekend day declared a working day (调休上班)."""
        return d in self._workdays

    def is_working_day(self, d: date) -> bool:
        if d in self._workdays:
            return True
        return d not in self._holidays and d.weekday() < 5

    def next_working_day(self, d: date) -> date:
        """`d` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d


def _read_years(path: Path) -> dict[int, HolidayYear]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {int(key): _parse_year(int(key), entry) for key, entry in data["years"].items()}
    except HolidayDataError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise HolidayDataError(say("节假日数据文件格式有误：{file}（{error}）", file=str(path), error=str(exc))) from exc


def _parse_year(year: int, entry: dict[str, Any]) -> HolidayYear:
    holidays: dict[date, str] = {}
    workdays: set[date] = set()
    for item in entry["holidays"]:
        first, last = date.fromisoformat(item["from"]), date.fromisoformat(item["to"])
        if last < first or (last - first).days > 15:
            raise ValueError(f"{year}年“{item['name']}”的起止日期不合理")
        for i in range((last - first).days + 1):
            holidays[first + timedelta(days=i)] = item["name"]
        workdays.update(date.fromisoformat(s) for s in item.get("make_up_workdays", ()))
    # A 1-year window catches typos while still allowing a 元旦 break that starts in December.
    stray = [d for d in [*holidays, *workdays] if abs(d.year - year) > 1]
    bad = [d for d in workdays if d.weekday() < 5 or d in holidays]
    if stray or bad:
        raise ValueError(f"{year}年的日期有误：{sorted(stray + bad)[0].isoformat()}")
    return HolidayYear(year, str(entry["source"]), str(entry.get("confidence", "")),
                       holidays, frozenset(workdays))


_default: HolidayCalendar | None = None


def default_calendar() -> HolidayCalendar:
    """The calendar used when none is passed: the one set at start-up, else the shipped file."""
    global _default
    if _default is None:
        _default = HolidayCalendar.load()
    return _default


def set_default_calendar(cal: HolidayCalendar | None) -> None:
    """Install the calendar loaded with the user's override at start-up (None: the shipped one)."""
    global _default
    _default = cal


def as_date(value: date | datetime) -> date:
    """The China-time calendar day of a date or datetime (aware datetimes converted to +08:00)."""
    if isinstance(value, datetime):
        return (value.astimezone(CHINA_TZ) if value.tzinfo else value).date()
    return value


def add_months(d: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day when it has none (§202)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def deadline(start: date | datetime, n: int, unit: Unit, calendar: HolidayCalendar | None = None,
             *, move_off_weekends: bool = True) -> date:
    """The last day of an n-unit period triggered on `start` (民法典 §201–§203).

    The result's 24:00 is the end of the period. With `move_off_weekends=False` only statutory
    holidays move the last day (the strict reading of §203). Raises ValueError for n < 1 or an
    unknown unit."""
    if n < 1:
        raise ValueError(f"period length must be ≥ 1, got {n}")
    cal = calendar or default_calendar()
    d = as_date(start)
    if unit == "working_day":
        counted = 0
        while counted < n:
            d += timedelta(days=1)
            counted += cal.is_working_day(d)
        return d
    if unit == "day":
        last = d + timedelta(days=n)
    elif unit == "month":
        last = add_months(d, n)
    elif unit == "year":
        last = add_months(d, 12 * n)
    else:
        raise ValueError(f"unknown unit {unit!r}")
    if move_off_weekends:
        return cal.next_working_day(last)
    while cal.is_holiday(last):
        last += timedelta(days=1)
    return last


# --- the named clocks -------------------------------------------------------------------------


def mediation_due(accepted_on: date | datetime, extensions: Iterable[date] = (),
                  calendar: HolidayCalendar | None = None) -> date:
    """调解期限: acceptance + 1 month ("一般在一个月内调结", 若干规定 §33 [std]), moved off rest
    days [proposal]; `extensions` are the `new_due` dates the parties agreed to, and the latest
    of them wins when it is later."""
    due = deadline(accepted_on, 1, "month", calendar)
    return max([due, *(as_date(e) for e in extensions)])


def judicial_confirmation_deadline(effective_on: date | datetime,
                                   calendar: HolidayCalendar | None = None) -> date:
    """司法确认 joint application: within 30 days of the agreement taking effect (人民调解法 §33)."""
    return deadline(effective_on, 30, "day", calendar)


def labour_mediation_deadline(applied_on: date | datetime,
                              calendar: HolidayCalendar | None = None) -> date:
    """Labour mediation: no agreement within 15 days of the application → arbitration is open
    (劳动争议调解仲裁法 §14)."""
    return deadline(applied_on, 15, "day", calendar)


@dataclass(frozen=True)
class PetitionClocks:
    """The 信访条例 (2022) deadlines of one matter; None where the trigger has not happened."""

    register_due: date                       # §22 登记并转送/交办, 15 days from receipt
    accept_notice_due: date                  # §23 书面告知接收情况, 15 days from receipt
    transfer_objection_due: date             # §23 不属职权范围的异议, 5 working days
    handle_due: date | None = None           # §34 办结, 60 days from acceptance
    handle_due_extended: date | None = None  # §34 延长不超过30日 (approval, reasons told)
    review_request_due: date | None = None   # §35 复查请求, 30 days from the reply
    review_decision_due: date | None = None  # §35 复查意见, 30 days from the request
    recheck_request_due: date | None = None  # §36 复核请求, 30 days from the review opinion
    recheck_decision_due: date | None = None  # §36 复核意见, 30 days (hearing time excluded)


def petition_steps(registered_on: date | datetime, accepted_on: date | datetime | None = None, *,
                   replied_on: date | None = None, review_requested_on: date | None = None,
                   review_replied_on: date | None = None, recheck_requested_on: date | None = None,
                   calendar: HolidayCalendar | None = None) -> PetitionClocks:
    """The 信访 clocks of domain.md §8.3 from the dates known so far.

    The extended handling due date counts 90 days from acceptance (60 + 30), not 30 from a
    moved 60-day date, so it never exceeds what §34 allows. A 复核 hearing's duration is not
    deducted here; the caller adds it."""
    cal = calendar or default_calendar()

    def plus(trigger: date | datetime | None, n: int, unit: Unit = "day") -> date | None:
        return None if trigger is None else deadline(trigger, n, unit, cal)

    return PetitionClocks(
        register_due=deadline(registered_on, 15, "day", cal),
        accept_notice_due=deadline(registered_on, 15, "day", cal),
        transfer_objection_due=deadline(registered_on, 5, "working_day", cal),
        handle_due=plus(accepted_on, 60),
        handle_due_extended=plus(accepted_on, 90),
        review_request_due=plus(replied_on, 30),
        review_decision_due=plus(review_requested_on, 30),
        recheck_request_due=plus(review_replied_on, 30),
        recheck_decision_due=plus(recheck_requested_on, 30),
    )


MEETING_NOTICE_DAYS = 10


def earliest_meeting_on(noticed_on: date | datetime) -> date:
    """First day a 村民会议 may be held after notice on `noticed_on` (组织法 §21 "提前十天").

    Calendar days, notice day not counted (民法典 §201), meeting on the 10th day allowed; no
    holiday roll, since this is a minimum lead time, not a time limit that expires [proposal]."""
    return as_date(noticed_on) + timedelta(days=MEETING_NOTICE_DAYS)


def meeting_notice_ok(noticed_on: date | datetime, held_on: date | datetime) -> bool:
    """True when the notice came at least 10 calendar days before the meeting (see above)."""
    return as_date(held_on) >= earliest_meeting_on(noticed_on)


# --- flags for lists and dashboards -----------------------------------------------------------

OVERDUE_STATES = frozenset({"ACCEPTED", "INVESTIGATING", "MEDIATING"})
# States in which a written agreement is in force and a 司法确认 application is still useful.
JC_OPEN_STATES = frozenset(
    {"AGREEMENT_EFFECTIVE", "PERFORMING", "PERFORMED", "FOLLOWED_UP", "DEFAULTED", "URGED"}
)
JC_WARNING_DAYS = 5


def days_remaining(today: date | datetime, due: date | datetime) -> int:
    """Days from today to the last day: 0 = due today (ends 24:00), negative = past due."""
    return (as_date(due) - as_date(today)).days


def case_flags(today: date | datetime, due_at: date | None, state: str,
               jc_deadline: date | None = None) -> frozenset[str]:
    """Flags of a DisputeCase (domain.md §9): "OVERDUE" when today is past `due_at` while the case
    is ACCEPTED/INVESTIGATING/MEDIATING; "JC_WINDOW_CLOSING" when 0–5 days of the 司法确认 window
    remain while the agreement is in force [proposal]. Pass `jc_deadline` only for a written
    agreement not yet applied for (jc_state JC_NONE). A window already closed is not flagged."""
    flags = set()
    if due_at is not None and state in OVERDUE_STATES and days_remaining(today, due_at) < 0:
        flags.add("OVERDUE")
    if jc_deadline is not None and state in JC_OPEN_STATES:
        if 0 <= days_remaining(today, jc_deadline) <= JC_WARNING_DAYS:
            flags.add("JC_WINDOW_CLOSING")
    return frozenset(flags)

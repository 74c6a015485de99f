"""Legal deadlines: 民法典 §201–§203 counting, the holiday calendar and the named clocks."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridapp.deadlines import (
    HolidayCalendar,
    HolidayDataError,
    PetitionClocks,
    add_months,
    case_flags,
    days_remaining,
    deadline,
    earliest_meeting_on,
    judicial_confirmation_deadline,
    labour_mediation_deadline,
    mediation_due,
    meeting_notice_ok,
    petition_steps,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> HolidayCalendar:
    return HolidayCalendar.load()


# --- the shipped calendar ---------------------------------------------------------------------


def test_calendar_covers_2024_to_2026(cal):
    assert cal.years == (2024, 2025, 2026)
    assert cal.covers(2025) and not cal.covers(2027) and not cal.covers(2023)
    assert "2025" in cal.year_info(2025).source


def test_every_make_up_workday_is_a_weekend_day_and_not_a_holiday(cal):
    for year in cal.years:
        info = cal.year_info(year)
        assert info.make_up_workdays, year
        for d in info.make_up_workdays:
            assert d.weekday() >= 5 and not cal.is_holiday(d) and cal.is_working_day(d)


@pytest.mark.parametrize(
    "year, holidays, workdays",
    [
        (2024, 28, ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                    "2024-09-14", "2024-09-29", "2024-10-12"]),
        (2025, 28, ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        (2026, 33, ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                    "2026-10-10"]),
    ],
)
def test_each_year_matches_the_state_council_notice(cal, year, holidays, workdays):
    info = cal.year_info(year)
    assert len(info.holidays) == holidays
    assert sorted(info.make_up_workdays) == [D(s) for s in workdays]


def test_2025_rules_gave_spring_festival_and_labour_day_an_extra_day(cal):
    assert [cal.is_holiday(D("2025-01-28")), cal.is_holiday(D("2025-02-04"))] == [True, True]
    assert cal.holiday_name(D("2025-10-08")) == "国庆节、中秋节"
    assert [cal.is_holiday(D(f"2025-05-0{i}")) for i in range(1, 6)] == [True] * 5


def test_day_kinds(cal):
    assert cal.is_working_day(D("2025-09-30"))            # Tuesday
    assert not cal.is_working_day(D("2025-09-27"))        # ordinary Saturday
    assert cal.is_working_day(D("2025-09-28"))            # Sunday, 调休 workday
    assert not cal.is_working_day(D("2025-10-03"))        # National Day
    assert cal.is_make_up_workday(D("2026-02-28")) and not cal.is_holiday(D("2026-02-28"))


def test_uncovered_year_counts_weekends_only_and_says_so(cal):
    assert not cal.covers(2030)
    assert not cal.is_holiday(D("2030-10-01"))            # unknown, not invented
    assert cal.is_working_day(D("2030-10-01"))            # a Tuesday
    assert not cal.is_working_day(D("2030-10-05"))        # a Saturday
    assert deadline(D("2030-09-04"), 31, "day", cal) == D("2030-10-07")   # Sat 10-05 → Mon


def test_user_file_replaces_whole_years_and_adds_new_ones(tmp_path):
    extra = tmp_path / "holidays.json"
    extra.write_text(json.dumps({"years": {
        "2025": {"source": "测试",
                 "holidays": [{"name": "测试日", "from": "2025-03-03", "to": "2025-03-03"}]},
        "2027": {"source": "测试",
                 "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}]},
    }}), encoding="utf-8")
    cal = HolidayCalendar.load(extra_paths=[extra, tmp_path / "missing.json"])
    assert cal.years == (2024, 2025, 2026, 2027)
    assert cal.is_holiday(D("2025-03-03")) and not cal.is_holiday(D("2025-10-01"))
    assert cal.year_info(2025).source == "测试"


@pytest.mark.parametrize(
    "content",
    ["not json", '{"years": {"2025": {"holidays": []}}}',
     '{"years": {"2025": {"source": "x", "holidays": '
     '[{"name": "a", "from": "2025-05-05", "to": "2025-05-01"}]}}}',
     '{"years": {"2025": {"source": "x", "holidays": '
     '[{"name": "a", "from": "2025-05-01", "to": "2025-05-01", '
     '"make_up_workdays": ["2025-04-30"]}]}}}'],
)
def test_malformed_file_raises_holiday_data_error(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(HolidayDataError) as info:
        HolidayCalendar.load(extra_paths=[bad])
    assert "节假日数据文件格式有误" in info.value.message
    with pytest.raises(HolidayDataError):
        HolidayCalendar.load(tmp_path / "nowhere.json")


# --- deadline() -------------------------------------------------------------------------------


def test_worked_example_jc_deadline_moves_past_national_day(cal):
    assert deadline(D("2025-09-01"), 30, "day", cal) == D("2025-10-09")
    assert judicial_confirmation_deadline(D("2025-09-01"), cal) == D("2025-10-09")


@pytest.mark.parametrize(
    "start, n, expected",
    [
        ("2025-01-31", 1, "2025-02-28"),      # no Feb 31 → month's last day (a Friday)
        ("2028-01-31", 1, "2028-02-29"),      # leap year; a Tuesday (uncovered year, weekend rule)
        ("2024-01-31", 1, "2024-02-29"),      # leap year, Thursday
        ("2024-03-31", 1, "2024-04-30"),
        ("2025-03-15", 1, "2025-04-15"),      # corresponding day
        ("2024-08-31", 6, "2025-02-28"),
    ],
)
def test_month_periods_end_on_the_corresponding_or_last_day(cal, start, n, expected):
    assert deadline(D(start), n, "month", cal) == D(expected)


def test_add_months_without_moving():
    assert add_months(D("2025-01-31"), 1) == D("2025-02-28")
    assert add_months(D("2027-12-31"), 2) == D("2028-02-29")
    assert add_months(D("2025-11-30"), 3) == D("2026-02-28")


def test_year_periods_and_february_29(cal):
    assert add_months(D("2024-02-29"), 12) == D("2025-02-28")
    assert deadline(D("2024-02-29"), 1, "year", cal) == D("2025-02-28")     # Friday
    assert deadline(D("2025-06-30"), 1, "year", cal) == D("2026-06-30")     # Tuesday


def test_period_ending_on_a_weekend_moves_to_monday(cal):
    assert deadline(D("2025-03-01"), 14, "day", cal) == D("2025-03-17")    # Sat 03-15 → Mon
    # the strict reading of §203 moves only statutory holidays
    assert deadline(D("2025-03-01"), 14, "day", cal, move_off_weekends=False) == D("2025-03-15")


def test_period_ending_in_a_holiday_moves_past_it(cal):
    assert deadline(D("2026-02-01"), 15, "day", cal) == D("2026-02-24")    # 02-16 in 春节 2026
    assert deadline(D("2025-04-04"), 1, "month", cal) == D("2025-05-06")   # 05-04 in 劳动节
    assert deadline(D("2025-09-01"), 30, "day", cal, move_off_weekends=False) == D("2025-10-09")


def test_period_ending_on_a_make_up_saturday_does_not_move(cal):
    assert deadline(D("2025-09-11"), 30, "day", cal) == D("2025-10-11")    # 调休 Saturday
    assert deadline(D("2026-01-28"), 1, "month", cal) == D("2026-02-28")   # 调休 Saturday
    assert deadline(D("2025-08-28"), 1, "month", cal) == D("2025-09-28")   # 调休 Sunday


def test_working_days_skip_spring_festival_and_count_make_up_days(cal):
    # 2025-01-24 Fri; 01-25 Sat rest, 01-26 Sun works (1), 01-27 Mon (2), 01-28…02-04 off,
    # 02-05 (3), 02-06 (4), 02-07 (5)
    assert deadline(D("2025-01-24"), 5, "working_day", cal) == D("2025-02-07")
    assert deadline(D("2025-01-24"), 6, "working_day", cal) == D("2025-02-08")  # Saturday works
    assert deadline(D("2026-02-13"), 1, "working_day", cal) == D("2026-02-14")


def test_datetimes_are_read_as_china_days(cal):
    late_utc = datetime(2025, 8, 31, 20, 0, tzinfo=timezone.utc)          # 09-01 04:00 in 融安
    assert deadline(late_utc, 30, "day", cal) == D("2025-10-09")


def test_bad_arguments_raise_value_error(cal):
    with pytest.raises(ValueError):
        deadline(D("2025-01-01"), 0, "day", cal)
    with pytest.raises(ValueError):
        deadline(D("2025-01-01"), 1, "week", cal)  # type: ignore[arg-type]


days = st.dates(min_value=date(2023, 6, 1), max_value=date(2027, 6, 30))
units = st.sampled_from(["day", "working_day", "month", "year"])


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(1, 400))
def test_day_period_is_at_least_n_days_and_lands_on_a_working_day(cal, start, n):
    result = deadline(start, n, "day", cal)
    assert result >= start + timedelta(days=n)
    if result != start + timedelta(days=n):
        assert cal.is_working_day(result)
        assert all(not cal.is_working_day(start + timedelta(days=k))
                   for k in range(n, (result - start).days))


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(1, 60), unit=units)
def test_result_is_a_working_day_and_monotone_in_n(cal, start, n, unit):
    if unit == "year":
        n = n % 5 + 1
    first, second = deadline(start, n, unit, cal), deadline(start, n + 1, unit, cal)
    assert cal.is_working_day(first)
    assert start < first <= second


@settings(max_examples=100, deadline=None)
@given(start=days, n=st.integers(1, 40))
def test_working_day_period_counts_exactly_n_working_days(cal, start, n):
    result = deadline(start, n, "working_day", cal)
    span = [start + timedelta(days=k) for k in range(1, (result - start).days + 1)]
    assert sum(cal.is_working_day(d) for d in span) == n


# --- named clocks -----------------------------------------------------------------------------


def test_mediation_due_is_one_month_plus_agreed_extensions(cal):
    assert mediation_due(D("2025-01-31"), calendar=cal) == D("2025-02-28")
    assert mediation_due(D("2025-09-05"), calendar=cal) == D("2025-10-09")   # 10-05 in holiday
    extended = mediation_due(D("2025-03-03"), [D("2025-04-20"), D("2025-05-10")], cal)
    assert extended == D("2025-05-10")


def test_labour_mediation_is_fifteen_days(cal):
    assert labour_mediation_deadline(D("2025-03-03"), cal) == D("2025-03-18")


def test_petition_clocks(cal):
    clocks = petition_steps(D("2025-09-19"), D("2025-09-25"), replied_on=D("2025-11-20"),
                            review_requested_on=D("2025-12-01"), calendar=cal)
    assert clocks == PetitionClocks(
        register_due=D("2025-10-09"),            # 10-04 in the holiday
        accept_notice_due=D("2025-10-09"),
        transfer_objection_due=D("2025-09-26"),  # 22,23,24,25,26 (Mon–Fri)
        handle_due=D("2025-11-24"),              # Mon 11-24
        handle_due_extended=D("2025-12-24"),
        review_request_due=D("2025-12-22"),      # Sat 12-20 → Mon
        review_decision_due=D("2025-12-31"),
    )
    assert petition_steps(D("2025-09-19"), calendar=cal).handle_due is None


def test_transfer_objection_counts_working_days_over_national_day(cal):
    # 09-30 (1), 10-01…10-08 off, 10-09 (2), 10-10 (3), 10-11 调休 Saturday (4), 10-13 (5)
    assert petition_steps(D("2025-09-29"), calendar=cal).transfer_objection_due == D("2025-10-13")


@pytest.mark.parametrize(
    "noticed, held, ok",
    [("2025-03-01", "2025-03-11", True), ("2025-03-01", "2025-03-10", False),
     ("2025-09-25", "2025-10-05", True), ("2025-03-01", "2025-03-01", False)],
)
def test_villager_assembly_needs_ten_calendar_days_notice(noticed, held, ok):
    assert meeting_notice_ok(D(noticed), D(held)) is ok
    assert earliest_meeting_on(D("2025-03-01")) == D("2025-03-11")


def test_days_remaining():
    assert days_remaining(D("2025-10-01"), D("2025-10-09")) == 8
    assert days_remaining(D("2025-10-09"), D("2025-10-09")) == 0
    assert days_remaining(D("2025-10-10"), D("2025-10-09")) == -1


@pytest.mark.parametrize(
    "today, state, expected",
    [
        ("2025-10-09", "MEDIATING", set()),                 # due today: not yet overdue
        ("2025-10-10", "MEDIATING", {"OVERDUE"}),
        ("2025-10-10", "ACCEPTED", {"OVERDUE"}),
        ("2025-10-10", "INVESTIGATING", {"OVERDUE"}),
        ("2025-10-10", "REGISTERED", set()),
        ("2025-10-10", "AGREEMENT_EFFECTIVE", set()),
    ],
)
def test_overdue_flag(today, state, expected):
    assert case_flags(D(today), D("2025-10-09"), state) == expected


@pytest.mark.parametrize(
    "today, state, expected",
    [
        ("2025-10-03", "AGREEMENT_EFFECTIVE", set()),        # 6 days left
        ("2025-10-04", "AGREEMENT_EFFECTIVE", {"JC_WINDOW_CLOSING"}),
        ("2025-10-09", "PERFORMING", {"JC_WINDOW_CLOSING"}),  # last day
        ("2025-10-10", "PERFORMING", set()),                  # closed, not "closing"
        ("2025-10-06", "ARCHIVED", set()),
    ],
)
def test_jc_window_closing_flag(today, state, expected):
    assert case_flags(D(today), None, state, jc_deadline=D("2025-10-09")) == expected

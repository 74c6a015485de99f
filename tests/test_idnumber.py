"""公民身份号码 checks (GB 11643-1999): format, check character, birth date, region, sex."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gridapp.idnumber import CHECK_CHARS, check_char, check_id_number, parse_id_number

TODAY = date(2025, 6, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


def codes_of(result):
    return [(p.code, p.severity) for p in result.problems]


def assert_chinese(message: str) -> None:
    assert CJK.search(message), message
    assert not re.search(r"[A-Za-z]{4,}", message), message


def test_reference_number_is_valid_and_parsed():
    result = check_id_number("11010519491231002X", today=TODAY)
    assert result.ok and result.problems == ()
    info = result.info
    assert (info.number, info.region_code, info.birth_date, info.sex, info.region_known) == (
        "11010519491231002X", "110105", date(1949, 12, 31), "2", True)


def test_lower_case_x_and_spaces_are_normalised():
    result = check_id_number(" 110105 19491231 002x ", today=TODAY)
    assert result.ok
    assert result.normalized == "11010519491231002X"


def test_wrong_check_character_names_the_expected_one():
    result = check_id_number("110105194912310021", today=TODAY)
    assert codes_of(result) == [("id_number.checksum", "error")]
    message = result.problems[0].message
    assert "最后一位校验码不对" in message and "“X”" in message
    assert_chinese(message)


def test_before_1900_fails_although_the_checksum_passes():
    assert check_char("44052418800101001") == "4"
    result = check_id_number("440524188001010014", today=TODAY)
    assert codes_of(result) == [("id_number.birth_date", "error")]
    assert "1900" in result.problems[0].message


def test_impossible_date():
    body = "45022419900231123"  # 31 February
    result = check_id_number(body + check_char(body), today=TODAY)
    assert codes_of(result) == [("id_number.birth_date", "error")]
    assert "不是真实的日期" in result.problems[0].message


def test_future_birth_date():
    body = "45022420300101123"
    result = check_id_number(body + check_char(body), today=TODAY)
    assert codes_of(result) == [("id_number.birth_date", "error")]
    assert "今天之后" in result.problems[0].message


def test_legacy_15_digit_number_has_its_own_code_and_points_to_the_legacy_field():
    result = check_id_number("450224800101123", today=TODAY)
    assert codes_of(result) == [("id_number.legacy_15", "error")]
    assert "15位" in result.problems[0].message and "旧15位号码" in result.problems[0].message


def test_bad_format():
    for text in ("", "12345", "45022419900101123A", "4502241990010112345"):
        result = check_id_number(text, today=TODAY)
        assert codes_of(result) == [("id_number.format", "error")], text
        assert_chinese(result.problems[0].message)


def test_unknown_province_is_a_warning():
    body = "99022419900101123"
    result = check_id_number(body + check_char(body), today=TODAY)
    assert result.ok
    assert codes_of(result) == [("id_number.region_unknown", "warning")]


def test_local_and_other_province_codes_are_accepted_without_warning():
    for region in ("450224", "450226", "520102"):
        body = region + "19900101123"
        assert check_id_number(body + check_char(body), today=TODAY).problems == ()


def test_sex_and_birth_date_disagreeing_are_warnings_on_those_fields():
    body = "45022419900101123"  # 17th digit 3: male
    result = check_id_number(body + check_char(body), today=TODAY, sex="2", birth_date=date(1990, 1, 2))
    assert result.ok
    assert [(p.field, p.code, p.severity) for p in result.problems] == [
        ("sex", "id_number.sex_mismatch", "warning"),
        ("birth_date", "id_number.birth_date_mismatch", "warning"),
    ]
    assert result.info.sex == "1"


def test_parse_raises_invalid_record():
    import pytest

    from gridapp.errors import InvalidRecord

    with pytest.raises(InvalidRecord) as caught:
        parse_id_number("110105194912310021", today=TODAY)
    assert caught.value.codes() == ["id_number.checksum"]


bodies = st.builds(
    lambda region, born, seq: f"{region}{born:%Y%m%d}{seq:03d}",
    st.sampled_from(["450224", "450225", "110105", "440524"]),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY - timedelta(days=1)),
    st.integers(min_value=0, max_value=999),
)


@given(bodies)
def test_computed_check_character_validates(body):
    result = check_id_number(body + check_char(body), today=TODAY)
    assert result.ok and result.problems == ()


@given(bodies, st.sampled_from(CHECK_CHARS))
def test_any_other_check_character_fails(body, char):
    if char == check_char(body):
        return
    assert codes_of(check_id_number(body + char, today=TODAY)) == [("id_number.checksum", "error")]

"""Phone numbers: what people type, what is stored, and the Chinese explanation when wrong."""

from __future__ import annotations

import re

import pytest

from gridapp.phones import check_phone, normalize_phone


@pytest.mark.parametrize("typed, stored, kind", [
    ("13800001234", "13800001234", "mobile"),
    ("138 0000 1234", "13800001234", "mobile"),
    ("138-0000-1234", "13800001234", "mobile"),
    ("+86 138 0000 1234", "13800001234", "mobile"),
    ("19912345678", "19912345678", "mobile"),
    ("0772-8123456", "0772-8123456", "landline"),
    ("0772 8123456", "0772-8123456", "landline"),
    ("07728123456", "0772-8123456", "landline"),
    ("(0772)81234567", "0772-81234567", "landline"),
    ("010-12345678", "010-12345678", "landline"),
])
def test_accepted_numbers_are_normalised(typed, stored, kind):
    assert check_phone(typed) == check_phone(stored)
    result = check_phone(typed)
    assert (result.number, result.kind, result.problem) == (stored, kind, None)


@pytest.mark.parametrize("typed, code", [
    ("", "phone.empty"),
    ("12800001234", "phone.invalid"),
    ("1380000123", "phone.mobile_length"),
    ("138000012345", "phone.mobile_length"),
    ("8123456", "phone.no_area_code"),
    ("0772-123", "phone.invalid"),
    ("电话不详", "phone.invalid"),
])
def test_rejected_numbers_explain_themselves_in_chinese(typed, code):
    result = check_phone(typed)
    assert result.number is None
    assert result.problem.code == code
    assert re.search(r"[\u4e00-\u9fff]", result.problem.message)


def test_no_area_code_message_shows_the_local_area_code():
    assert check_phone("8123456").problem.message == "固定电话要带区号，例如 0772-8123456"


def test_normalize_phone_raises_value_error_with_the_message():
    assert normalize_phone("138 0000 1234") == "13800001234"
    with pytest.raises(ValueError, match="手机号码应为11位"):
        normalize_phone("1380000")

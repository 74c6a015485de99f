"""Phone numbers (domain.md §3.2): normalise what people type, tell mobile from landline, explain errors.

Normalisation (our choice): spaces, dashes, dots and brackets are typing aids and are dropped;
a leading +86 / 86 / 0086 is dropped from mobiles. Mobiles are stored as 11 bare digits
("138 0000 1234" → "13800001234"); landlines as "area-number" with one dash ("0772 8123456" →
"0772-8123456"), the area code being 3 digits for 010 and 02x and 4 digits otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gridapp.errors import Problem
from gridapp.wording import say

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_TYPING_AIDS = re.compile(r"[\s\-.()（）]")

PhoneKind = Literal["mobile", "landline"]


@dataclass(frozen=True)
class PhoneCheck:
    """`number` is the normalised number (None on error); `problem` explains an error."""

    number: str | None
    kind: PhoneKind | None
    problem: Problem | None


def _area_length(digits: str) -> int:
    return 3 if digits[:2] in ("01", "02") else 4


def check_phone(text: str, *, field_name: str = "number") -> PhoneCheck:
    """Normalise and check one phone number. Never raises.

    Problem codes: `phone.empty`, `phone.mobile_length` (starts like a mobile, wrong length),
    `phone.no_area_code` (a 7–8 digit local number), `phone.invalid` (anything else)."""
    raw = (text or "").strip()
    digits = _TYPING_AIDS.sub("", raw)
    if not digits:
        return PhoneCheck(None, None, Problem(field_name, "phone.empty", say("电话号码不能为空")))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11 and digits[len(prefix)] == "1":
            digits = digits[len(prefix):]
            break
    if MOBILE.match(digits):
        return PhoneCheck(digits, "mobile", None)
    if digits.isdigit() and digits.startswith("1") and len(digits) != 11:
        return PhoneCheck(None, None, Problem(
            field_name, "phone.mobile_length",
            say("手机号码应为11位、以13–19开头（现在是{n}位：{raw}）", n=len(digits), raw=raw)))
    if digits.isdigit() and digits.startswith("0"):
        area = _area_length(digits)
        candidate = f"{digits[:area]}-{digits[area:]}"
        if LANDLINE.match(candidate):
            return PhoneCheck(candidate, "landline", None)
    if digits.isdigit() and not digits.startswith("0") and len(digits) in (7, 8):
        return PhoneCheck(None, None, Problem(
            field_name, "phone.no_area_code", say("固定电话要带区号，例如 0772-{digits}", digits=digits)))
    return PhoneCheck(None, None, Problem(
        field_name, "phone.invalid",
        say("“{raw}”不是有效的电话号码：手机为11位（如 13800001234），固话带区号（如 0772-8123456）", raw=raw)))


def normalize_phone(text: str) -> str:
    """The normalised number; raises ValueError (with the Chinese message) when invalid."""
    result = check_phone(text)
    if result.number is None:
        assert result.problem is not None
        raise ValueError(result.problem.message)
    return result.number


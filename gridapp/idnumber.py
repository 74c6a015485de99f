"""公民身份号码 (GB 11643-1999) checks: normalisation, check character, birth date, sex, region."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from gridapp.errors import InvalidRecord, Problem
from gridapp.wording import say

CHINA_TZ = timezone(timedelta(hours=8))

# W[i] = 2^(17-i) mod 11; the check character is ISO 7064 MOD 11-2.
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

_FORMAT = re.compile(r"^\d{17}[\dX]$")
_LEGACY = re.compile(r"^\d{15}$")
EARLIEST_BIRTH = date(1900, 1, 1)

# GB/T 2260 province prefixes (incl. 71 台湾, 81 香港, 82 澳门).
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82".split()
)
# The codes grid workers meet most; any other code in a real province is accepted too,
# because old codes stay valid on cards issued before a redistricting.
KNOWN_REGIONS = {
    "450000": "广西壮族自治区", "450100": "南宁市", "450200": "柳州市", "450202": "城中区",
    "450203": "鱼峰区", "450204": "柳南区", "450205": "柳北区", "450206": "柳江区",
    "450221": "柳江县", "450222": "柳城县", "450223": "鹿寨县", "450224": "融安县",
    "450225": "融水苗族自治县", "450226": "三江侗族自治县",
}


@dataclass(frozen=True)
class IdNumberInfo:
    """What an 18-digit number says about its holder; `sex` is the GB/T 2261.1 code "1"/"2"."""

    number: str
    region_code: str
    birth_date: date
    sex: str
    region_known: bool


@dataclass(frozen=True)
class IdNumberCheck:
    """The result of `check_id_number`: the normalised text, the parsed info (None on error)
    and every problem found, errors first."""

    normalized: str
    info: IdNumberInfo | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def normalize_id_number(text: str) -> str:
    """Strip spaces (inner ones too, people type in groups) and upper-case a final x."""
    return re.sub(r"\s+", "", text or "").upper()


def check_char(body17: str) -> str:
    """The check character for the first 17 digits; raises ValueError if not 17 digits."""
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError("body must be 17 digits")
    s = sum(int(d) * w for d, w in zip(body17, W))
    return CHECK_CHARS[s % 11]


def check_id_number(
    text: str,
    *,
    today: date | None = None,
    sex: str | None = None,
    birth_date: date | None = None,
    field_name: str = "id_number",
    sex_field: str = "sex",
    birth_field: str = "birth_date",
) -> IdNumberCheck:
    """Check a resident ID number. Never raises: errors and warnings come back as Problems.

    Errors: format (`id_number.format`), 15-digit legacy number (`id_number.legacy_15`),
    check character (`id_number.checksum`), birth date impossible, future or before 1900
    (`id_number.birth_date`). Warnings: unknown region (`id_number.region_unknown`), `sex` or
    `birth_date` given and disagreeing with the number (`id_number.sex_mismatch`,
    `id_number.birth_date_mismatch`, reported on `sex_field` / `birth_field`)."""
    number = normalize_id_number(text)
    today = today or datetime.now(CHINA_TZ).date()

    def err(code: str, message: str) -> IdNumberCheck:
        return IdNumberCheck(number, None, (Problem(field_name, code, message),))

    if _LEGACY.match(number):
        return err("id_number.legacy_15",
                   say("这是旧的15位身份证号码，请填入“旧15位号码”一栏，证件号码栏填写18位号码"))
    if not _FORMAT.match(number):
        return err("id_number.format",
                   say("身份证号码应为18位：前17位是数字，最后一位是数字或X（现在是{n}位）", n=len(number)))
    expected = check_char(number[:17])
    if number[17] != expected:
        return err("id_number.checksum",
                   say("身份证号码最后一位校验码不对：按前17位计算第18位应为“{expected}”，请核对号码", expected=expected))
    digits = number[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return err("id_number.birth_date", say("身份证号码第7–14位的出生日期“{digits}”不是真实的日期", digits=digits))
    if born > today:
        return err("id_number.birth_date", say("身份证号码中的出生日期{born}在今天之后", born=born.isoformat()))
    if born < EARLIEST_BIRTH:
        return err("id_number.birth_date", say("身份证号码中的出生日期{born}早于1900年1月1日", born=born.isoformat()))

    region = number[:6]
    known = region in KNOWN_REGIONS or region[:2] in PROVINCES
    info = IdNumberInfo(number, region, born, "1" if int(number[16]) % 2 else "2", known)
    warnings: list[Problem] = []
    if not known:
        warnings.append(Problem(field_name, "id_number.region_unknown",
                                say("身份证号码前6位“{region}”不是已知的行政区划代码，请核对", region=region), "warning"))
    if sex in ("1", "2") and sex != info.sex:
        said = "男" if info.sex == "1" else "女"
        warnings.append(Problem(sex_field, "id_number.sex_mismatch",
                                say("填写的性别与身份证号码不一致（号码显示为{sex}）", sex=said), "warning"))
    if birth_date is not None and birth_date != born:
        warnings.append(Problem(birth_field, "id_number.birth_date_mismatch",
                                say("填写的出生日期与身份证号码不一致（号码显示为{born}）", born=born.isoformat()),
                                "warning"))
    return IdNumberCheck(number, info, tuple(warnings))


def parse_id_number(text: str, *, today: date | None = None) -> IdNumberInfo:
    """The parsed info of a valid number; raises InvalidRecord with the errors otherwise."""
    result = check_id_number(text, today=today)
    if result.info is None:
        raise InvalidRecord(list(result.problems))
    return result.info


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day` (a birthday counts from the day itself)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

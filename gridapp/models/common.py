"""Field types and small parts shared by every record: codes, refs, names, phones, ID numbers, signatures."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from gridapp import codes
from gridapp.idnumber import CHINA_TZ, check_id_number
from gridapp.models.base import Part
from gridapp.phones import check_phone
from gridapp.wording import listed, say


def _custom(code: str, message: str) -> PydanticCustomError:
    # Braces would be read as template fields by pydantic; our messages never need them. The
    # sentence itself (a `say`, translatable) travels in the context: problems_from_error uses it.
    return PydanticCustomError(code, message.replace("{", "（").replace("}", "）"), {"said": message})


def code_type(table: dict[str, str], what: str) -> Any:
    """A str field whose value must be a code of `table`; `what` names the table in Chinese."""
    options = listed(list(table.values())) if len(table) <= 8 else ""

    def check(value: str) -> str:
        if value not in table:
            if options:
                raise _custom("code.unknown", say("“{value}”不是有效的{what}代码，应为：{options}", value=value,
                                                  what=what, options=options))
            raise _custom("code.unknown", say("“{value}”不是有效的{what}代码", value=value, what=what))
        return value

    return Annotated[str, AfterValidator(check)]


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_ref(value: str) -> str:
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value  # the usual case, without the cost of parsing
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise _custom("ref.invalid", say("“{value}”不是有效的记录编号", value=value)) from None


def _check_phone(value: str) -> str:
    result = check_phone(value)
    if result.number is None:
        assert result.problem is not None
        raise _custom(result.problem.code, result.problem.message)
    return result.number


_MIDDLE_DOTS = re.compile(r"[•・．.∙‧]")


def _clean_name(value: Any) -> Any:
    # Minority and transliterated names use the middle dot; people type look-alikes.
    return _MIDDLE_DOTS.sub("·", value) if isinstance(value, str) else value


RecordRef = Annotated[str, AfterValidator(_check_ref)]
PhoneNumber = Annotated[str, AfterValidator(_check_phone)]
Name = Annotated[str, BeforeValidator(_clean_name), StringConstraints(min_length=1, max_length=50)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Text = Annotated[str, StringConstraints(max_length=10000)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
AreaMu = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=4)]
Timestamp = AwareDatetime
Count = Annotated[int, Field(ge=0)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^(\d{6}|\d{12})$")]
LegacyIdNumber = Annotated[str, StringConstraints(pattern=r"^\d{15}$")]
Uscc = Annotated[str, StringConstraints(pattern=r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")]

SexCode = code_type(codes.SEX, "性别")
EthnicityCode = code_type(codes.ETHNICITY, "民族")
IdDocType = code_type(codes.ID_DOC_TYPE, "证件类型")
PhoneType = code_type(codes.PHONE_TYPE, "电话类别")
SignatureMethod = code_type(codes.SIGNATURE_METHOD, "签署方式")
SignerRole = code_type(codes.SIGNER_ROLE, "签署人身份")
FiveEldersCategory = code_type(codes.FIVE_ELDERS_CATEGORY, "五老类别")
AttachmentKind = code_type(codes.ATTACHMENT_KIND, "附件类别")


def validate_id_number(value: str | None, doc_type: str | None) -> str | None:
    """Normalise an ID number; for a 居民身份证 (111) raise PydanticCustomError on any error.

    Warnings (unknown region, disagreeing sex/birth date) are left to validation.problems()."""
    if value is None:
        return None
    value = re.sub(r"\s+", "", value)
    if value == "":
        return None
    if doc_type in (None, codes.RESIDENT_ID_CARD):
        result = check_id_number(value)
        if not result.ok:
            first = result.errors[0]
            raise _custom(first.code, first.message)
        return result.normalized
    if len(value) > 30:
        raise _custom("id_number.format", say("证件号码过长（最多30个字符）"))
    return value.upper()


def china_date(moment: datetime) -> date:
    """The calendar date of an aware datetime in 融安 (+08:00): day counts use this date."""
    return moment.astimezone(CHINA_TZ).date()


class Phone(Part):
    """联系电话: one number and whose it is (本人 / 家属 / 代收)."""

    number: PhoneNumber = Field(title="电话号码")
    phone_type: PhoneType = Field(default="self", title="电话类别")


class Geo(Part):
    """定位: one fix at save time."""

    lat: float = Field(ge=-90, le=90, title="纬度")
    lng: float = Field(ge=-180, le=180, title="经度")
    accuracy_m: float | None = Field(default=None, ge=0, title="精度（米）")


class SignatureEvidence(Part):
    """签署凭证: who signed which paper, how and when; the paper (its scan) is the legal original."""

    signer_person_id: RecordRef | None = Field(default=None, title="签署人")
    signer_name: Name | None = Field(default=None, title="签署人姓名")
    signer_role: SignerRole | None = Field(default=None, title="签署人身份")
    party_id: RecordRef | None = Field(default=None, title="对应当事人")
    method: SignatureMethod | None = Field(default=None, title="签署方式")
    proxy_note: ShortText | None = Field(default=None, title="代签说明")
    on_paper: bool = Field(default=True, title="纸质签署")
    scan_attachment_id: RecordRef | None = Field(default=None, title="签署页扫描件")
    signed_at: Timestamp | None = Field(default=None, title="签署时间")

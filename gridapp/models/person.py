"""`Person` 人员 (domain.md §4.1) with its special-population tags."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from gridapp import codes
from gridapp.idnumber import check_id_number
from gridapp.models.base import Part, Record
from gridapp.models.common import (
    EthnicityCode, IdDocType, LegacyIdNumber, Name, Phone, RecordRef, RegionCode, SexCode,
    ShortText, Timestamp, code_type, validate_id_number,
)

TagCode = code_type(codes.SPECIAL_TAG, "特殊人群标签")
AttentionLevel = code_type(codes.ATTENTION_LEVEL, "关注程度")
TagSource = code_type(codes.TAG_SOURCE, "标签来源")
DisabilityCategory = code_type(codes.DISABILITY_CATEGORY, "残疾类别")
DisabilityGrade = code_type(codes.DISABILITY_GRADE, "残疾等级")
ResidenceStatus = code_type(codes.RESIDENCE_STATUS, "人户状态")
AwayStatus = code_type(codes.AWAY_STATUS, "外出情况")
MaritalStatus = code_type(codes.MARITAL_STATUS, "婚姻状况")
PoliticalStatus = code_type(codes.POLITICAL_STATUS, "政治面貌")
HealthStatus = code_type(codes.HEALTH_STATUS, "健康状况")


class SpecialTag(Part):
    """特殊人群标签 (§10.4, C3)."""

    tag: TagCode = Field(title="标签")
    since: date | None = Field(default=None, title="起始日期")
    until: date | None = Field(default=None, title="截止日期")
    attention_level: AttentionLevel | None = Field(
        default=None, title="关注程度")
    responsible_staff_id: RecordRef | None = Field(default=None, title="责任人")
    visit_frequency_days: int | None = Field(default=None, ge=1, le=366, title="走访周期（天）")
    source: TagSource | None = Field(
        default=None, title="来源")
    verified: bool = Field(default=False, title="已核实")


class Disability(Part):
    """残疾: category and grade only, never a diagnosis."""

    category: DisabilityCategory = Field(title="残疾类别")
    grade: DisabilityGrade | None = Field(
        default=None, title="残疾等级")


class Person(Record):
    """人员 Person: a resident of a grid. `village_code` is the household's village (its sync bucket).

    Sex and birth date are filled from a valid 居民身份证 number when left empty."""

    RECORD_TYPE: ClassVar[str] = "person"
    INITIAL_STATE: ClassVar[str] = "ACTIVE"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("full_name", "former_names", "hukou_address")

    id_doc_type: IdDocType = Field(default=codes.RESIDENT_ID_CARD, title="证件类型")
    id_number: str | None = Field(default=None, title="证件号码")
    id_number_legacy: LegacyIdNumber | None = Field(default=None, title="旧15位号码")
    id_number_hmac: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$", title="证件号哈希")
    full_name: Name | None = Field(default=None, title="姓名")
    former_names: list[Name] = Field(default_factory=list, title="曾用名")
    sex: SexCode | None = Field(default=None, title="性别")
    birth_date: date | None = Field(default=None, title="出生日期")
    ethnicity: EthnicityCode | None = Field(default=None, title="民族")
    hukou_region_code: RegionCode | None = Field(default=None, title="户籍地代码")
    hukou_address: ShortText | None = Field(default=None, title="户籍地址")
    current_household_id: RecordRef | None = Field(default=None, title="现住户")
    residence_status: ResidenceStatus | None = Field(
        default=None, title="人户状态")
    away_status: AwayStatus | None = Field(
        default=None, title="外出情况")
    phones: list[Phone] = Field(default_factory=list, title="联系电话")
    marital_status: MaritalStatus | None = Field(
        default=None, title="婚姻状况")
    political_status: PoliticalStatus | None = Field(
        default=None, title="政治面貌")
    # GB/T 4658 / GB/T 6565 tables are not shipped yet: shape only.
    education: str | None = Field(default=None, pattern=r"^\d{2}$", title="学历")
    occupation_class: str | None = Field(default=None, pattern=r"^[0-9A-Z\-]{1,10}$", title="职业")
    health_status: HealthStatus | None = Field(
        default=None, title="健康状况")
    disability: Disability | None = Field(default=None, title="残疾")
    special_tags: list[SpecialTag] = Field(default_factory=list, title="特殊人群标签")
    guardian_person_id: RecordRef | None = Field(default=None, title="监护人")
    verified_by: RecordRef | None = Field(default=None, title="核实人")
    verified_at: Timestamp | None = Field(default=None, title="核实时间")

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        return validate_id_number(value, info.data.get("id_doc_type"))

    @model_validator(mode="after")
    def _derive_from_id(self) -> Person:
        # Only when something is left to derive: the number was checked by its field validator,
        # and checking it again for every person of a village's first sync costs a second.
        if self.id_number and self.id_doc_type == codes.RESIDENT_ID_CARD and (self.birth_date is None or self.sex is None):
            info = check_id_number(self.id_number).info
            if info is not None:
                if self.birth_date is None:
                    self.birth_date = info.birth_date
                if self.sex is None:
                    self.sex = info.sex
        return self

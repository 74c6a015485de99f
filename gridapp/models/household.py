"""`Household` 户 (domain.md §4.2): members with their GB/T 4761 relation to the head."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from gridapp import codes
from gridapp.models.base import Part, Record
from gridapp.models.common import Geo, Phone, RecordRef, ShortText, code_type

RelationCode = code_type(codes.RELATION_TO_HEAD, "与户主关系")
HouseholdTag = code_type(codes.HOUSEHOLD_TAG, "户类别")


class Member(Part):
    """户成员: a person of the household and their relation to the head (02 = 户主)."""

    person_id: RecordRef = Field(title="成员")
    relation_to_head: RelationCode = Field(title="与户主关系")


class Household(Record):
    """户 Household: one hukou household living in a grid; `village_code` is its sync bucket."""

    RECORD_TYPE: ClassVar[str] = "household"
    INITIAL_STATE: ClassVar[str] = "ACTIVE"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("hukou_book_no", "hamlet", "address_detail")

    hukou_book_no: ShortText | None = Field(default=None, title="户号")
    head_person_id: RecordRef | None = Field(default=None, title="户主")
    members: list[Member] = Field(default_factory=list, title="成员")
    # Hamlets (屯/村民小组) have no national code: the village's own list, stored by name.
    hamlet: ShortText | None = Field(default=None, title="屯/村民小组")
    address_detail: ShortText | None = Field(default=None, title="详细地址")
    grid_id: RecordRef | None = Field(default=None, title="网格")
    geo: Geo | None = Field(default=None, title="住房定位")
    household_tags: list[HouseholdTag] = Field(default_factory=list, title="户类别")
    income_band: ShortText | None = Field(default=None, title="收入区间")
    phones: list[Phone] = Field(default_factory=list, title="联系电话")

    def head_members(self) -> list[Member]:
        """The members recorded with relation 02 户主 (a valid household has exactly one)."""
        return [m for m in self.members if m.relation_to_head == codes.HEAD_RELATION]

"""Reference geography of 融安县 (domain.md §13): townships, the 149 villages, hamlets and grids.

    GridAppError
    ├── UnknownPlace        a code or name not in the county's list
    ├── AmbiguousPlace      a name that matches several villages
    └── GeographyDataError  the shipped village list is unreadable or inconsistent
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from gridapp.errors import GridAppError, Problem
from gridapp.ids import new_id
from gridapp.models.base import Part
from gridapp.resources import resource_path
from gridapp.wording import say

TownshipKind = Literal["镇", "乡"]
VillageKind = Literal["社区", "村委会", "特殊单位"]
COUNTY_CODE = "450224"


class UnknownPlace(GridAppError):
    code = "unknown_place"


class AmbiguousPlace(GridAppError):
    code = "ambiguous_place"


class GeographyDataError(GridAppError):
    code = "geography_data"


def township_kind(name: str) -> TownshipKind:
    """镇 or 乡, from the last character of the name; raises ValueError otherwise."""
    if name and name[-1] in ("镇", "乡"):
        return name[-1]  # type: ignore[return-value]
    raise ValueError(f"乡镇名称“{name}”应以“镇”或“乡”结尾")


def village_kind(code: str) -> VillageKind:
    """The kind by the NBS 3-digit village suffix: 001–199 居委会 (社区), 200–399 村委会,
    400 and above 类似居委会/村委会 units such as 泗顶矿区管理处社区 (特殊单位)."""
    suffix = int(code[9:12])
    return "社区" if suffix < 200 else "村委会" if suffix < 400 else "特殊单位"


class County(Part):
    """县: 融安县, 柳州市."""

    code: str = Field(default=COUNTY_CODE, pattern=r"^\d{6}$", title="县代码")
    name: str = Field(default="融安县", title="县名称")


class Township(Part):
    """乡镇 (NBS 9-digit code); `kind` is derived from the name when not given."""

    code: str = Field(pattern=r"^\d{9}$", title="乡镇代码")
    name: str = Field(min_length=2, title="乡镇名称")
    kind: TownshipKind = Field(title="类别")

    @model_validator(mode="before")
    @classmethod
    def _derive_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("kind") is None:
            data = {**data, "kind": township_kind(str(data.get("name", "")).strip())}
        return data

    @model_validator(mode="after")
    def _kind_matches_name(self) -> Township:
        if township_kind(self.name) != self.kind:
            raise ValueError(f"乡镇“{self.name}”的类别应为“{township_kind(self.name)}”")
        return self


class Village(Part):
    """村(社区) (NBS 12-digit code, the sync bucket); `kind` follows the code's suffix."""

    code: str = Field(pattern=r"^\d{12}$", title="村代码")
    name: str = Field(min_length=2, title="村名称")
    township_code: str = Field(pattern=r"^\d{9}$", title="所属乡镇")
    kind: VillageKind = Field(title="类别")

    @model_validator(mode="before")
    @classmethod
    def _derive_kind(cls, data: Any) -> Any:
        code = data.get("code") if isinstance(data, dict) else None
        if isinstance(code, str) and re.fullmatch(r"\d{12}", code) and data.get("kind") is None:
            data = {**data, "kind": village_kind(code)}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Village:
        if not self.code.startswith(self.township_code):
            raise ValueError(f"村代码 {self.code} 不属于乡镇 {self.township_code}")
        if village_kind(self.code) != self.kind:
            raise ValueError(f"村代码 {self.code} 的类别应为“{village_kind(self.code)}”")
        return self


def _known_village(code: str) -> str:
    if not load_geography().is_village_code(code):
        raise ValueError(f"村代码 {code} 不在融安县村名单中")
    return code


# A village code that must be one of the county's 149 (hamlets and grids belong to real villages).
KnownVillageCode = Annotated[
    str, Field(pattern=r"^\d{12}$", title="所属村"), AfterValidator(_known_village)
]


class Hamlet(Part):
    """屯/村民小组: no national code; each village keeps its list, synced from the township."""

    id: str = Field(default_factory=new_id, title="屯/组ID")
    village_code: KnownVillageCode
    name: str = Field(min_length=1, max_length=50, title="屯/组名称")


class Grid(Part):
    """网格: hamlets of one village, its 网格员 and 网格长 (usually the Party secretary)."""

    grid_code: str = Field(min_length=1, max_length=40, title="网格编码")
    grid_name: str = Field(min_length=1, max_length=50, title="网格名称")
    village_code: KnownVillageCode
    hamlets: list[str] = Field(min_length=1, title="屯/组")  # Hamlet ids
    grid_worker_ids: list[str] = Field(min_length=1, title="网格员")
    grid_leader_id: str = Field(min_length=1, title="网格长")
    supervision_phone: str | None = Field(default=None, title="监督电话")


class Geography:
    """The county's township and village lists, indexed by code; immutable once loaded."""

    def __init__(self, townships: list[Township], villages: list[Village]) -> None:
        self.county = County()
        self.townships: tuple[Township, ...] = tuple(sorted(townships, key=lambda t: t.code))
        self.villages: tuple[Village, ...] = tuple(sorted(villages, key=lambda v: v.code))
        self._townships = {t.code: t for t in self.townships}
        self._villages = {v.code: v for v in self.villages}

    def is_village_code(self, code: str) -> bool:
        return code in self._villages

    def is_township_code(self, code: str) -> bool:
        return code in self._townships

    def village(self, code: str) -> Village:
        """The village with this 12-digit code; raises UnknownPlace."""
        try:
            return self._villages[code]
        except KeyError:
            raise UnknownPlace(say("村代码 {code} 不在融安县村名单中", code=code), code="village_code.unknown") from None

    def township(self, code: str) -> Township:
        """The township with this 9-digit code; raises UnknownPlace."""
        try:
            return self._townships[code]
        except KeyError:
            raise UnknownPlace(say("乡镇代码 {code} 不在融安县乡镇名单中", code=code),
                               code="township_code.unknown") from None

    def villages_of(self, township_code: str) -> tuple[Village, ...]:
        """The township's villages in code order; raises UnknownPlace for an unknown township."""
        self.township(township_code)
        return tuple(v for v in self.villages if v.township_code == township_code)

    def township_of(self, village_code: str) -> Township:
        """The township a village belongs to; raises UnknownPlace for an unknown village."""
        return self._townships[self.village(village_code).township_code]

    def check_village_code(self, code: str | None, field: str = "village_code") -> Problem | None:
        """A Problem for validation when `code` is not one of the county's villages, else None."""
        if code and self.is_village_code(code):
            return None
        if not code or not code.isdigit() or len(code) != 12:
            return Problem(field, "village_code.format", say("村代码应为12位数字"))
        return Problem(field, "village_code.unknown", say("村代码 {code} 不在融安县村名单中", code=code))

    def find_village(self, name: str) -> Village:
        """The village called `name`: an exact name, else the only name containing it ("泉头" →
        泉头村委会). A leading township name narrows the search ("浮石镇泉头"). Raises UnknownPlace
        when nothing matches and AmbiguousPlace when several do."""
        query = "".join((name or "").split())
        if not query:
            raise UnknownPlace(say("请输入村（社区）名称"), code="village_name.empty")
        pool = self.villages
        for t in self.townships:
            if query.startswith(t.name) and len(query) > len(t.name):
                pool, query = self.villages_of(t.code), query[len(t.name):]
                break
        exact = [v for v in pool if v.name == query]
        matches = exact or [v for v in pool if query in v.name]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownPlace(say("找不到名为“{name}”的村（社区）", name=name), code="village_name.unknown")
        listed = "、".join(f"{v.name}（{self._townships[v.township_code].name}）" for v in matches[:6])
        raise AmbiguousPlace(say("“{name}”对应多个村（社区）：{listed}，请写全称或在前面加上乡镇名", name=name, listed=listed))


@lru_cache(maxsize=4)
def load_geography(path: Path | None = None) -> Geography:
    """The county geography from `rongan-villages.csv` (shipped with the app), read once.

    Raises GeographyDataError when the file is missing, malformed or inconsistent (a township
    with two names, a village code outside its township, a repeated code)."""
    path = path or resource_path("data", "rongan-villages.csv")
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        townships: dict[str, Township] = {}
        villages: dict[str, Village] = {}
        for row in rows:
            t = townships.setdefault(row["township_code"], Township(
                code=row["township_code"], name=row["township_name"]))
            if t.name != row["township_name"] or not t.code.startswith(COUNTY_CODE):
                raise ValueError(f"乡镇 {t.code} 名称或代码不一致")
            if row["village_code"] in villages:
                raise ValueError(f"村代码 {row['village_code']} 重复")
            villages[row["village_code"]] = Village(
                code=row["village_code"], name=row["village_name"], township_code=t.code)
    except (OSError, KeyError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise GeographyDataError(f"村名单文件有误：{path}（{exc}）") from exc
    return Geography(list(townships.values()), list(villages.values()))

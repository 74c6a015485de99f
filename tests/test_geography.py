"""Reference geography of 融安县: the 12 townships, the 149 villages, hamlets and grids."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import ValidationError

from gridapp.errors import GridAppError, Problem
from gridapp.geography import (
    AmbiguousPlace,
    County,
    Geography,
    GeographyDataError,
    Grid,
    Hamlet,
    Township,
    UnknownPlace,
    Village,
    load_geography,
)

TOWNSHIPS = {
    "450224100": ("长安镇", 30), "450224101": ("浮石镇", 13), "450224102": ("泗顶镇", 11),
    "450224103": ("板榄镇", 18), "450224104": ("大将镇", 15), "450224105": ("大良镇", 13),
    "450224200": ("雅瑶乡", 8), "450224201": ("大坡乡", 9), "450224202": ("东起乡", 5),
    "450224203": ("沙子乡", 6), "450224204": ("桥板乡", 10), "450224205": ("潭头乡", 11),
}


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography()


def test_twelve_townships_and_149_villages(geo):
    assert len(geo.townships) == 12 and len(geo.villages) == 149
    assert geo.county == County(code="450224", name="融安县")
    assert load_geography() is geo                              # cached


def test_townships_match_domain_table(geo):
    assert {t.code: (t.name, len(geo.villages_of(t.code))) for t in geo.townships} == TOWNSHIPS
    assert Counter(t.kind for t in geo.townships) == {"镇": 6, "乡": 6}


def test_dajiang_is_450224104_not_450224200(geo):
    assert geo.township("450224104").name == "大将镇"
    assert geo.township("450224200").name == "雅瑶乡"


def test_every_village_code_starts_with_its_township_code(geo):
    for v in geo.villages:
        assert v.code.startswith(v.township_code) and geo.is_township_code(v.township_code)


def test_village_kinds_follow_the_code_suffix(geo):
    kinds = Counter(v.kind for v in geo.villages)
    assert kinds == {"村委会": 137, "社区": 11, "特殊单位": 1}
    special = geo.village("450224102401")
    assert (special.name, special.kind, geo.township_of(special.code).name) == (
        "泗顶矿区管理处社区", "特殊单位", "泗顶镇")
    assert geo.village("450224100003").kind == "社区"


def test_unknown_codes_raise_with_chinese_messages(geo):
    with pytest.raises(UnknownPlace) as info:
        geo.village("450224999999")
    assert info.value.message == "村代码 450224999999 不在融安县村名单中"
    assert isinstance(info.value, GridAppError)
    with pytest.raises(UnknownPlace, match="乡镇代码 450224999 不在融安县乡镇名单中"):
        geo.villages_of("450224999")
    assert not geo.is_village_code("450224999999") and geo.is_village_code("450224101206")


def test_check_village_code_returns_problems(geo):
    assert geo.check_village_code("450224101206") is None
    assert geo.check_village_code("450224999999", "household.village_code") == Problem(
        "household.village_code", "village_code.unknown", "村代码 450224999999 不在融安县村名单中")
    assert geo.check_village_code("4502", "x").code == "village_code.format"
    assert geo.check_village_code(None).code == "village_code.format"


def test_find_village_by_exact_name_or_unique_part(geo):
    quantou = geo.find_village("泉头")
    assert (quantou.name, quantou.code, geo.township_of(quantou.code).name) == (
        "泉头村委会", "450224101206", "浮石镇")
    assert geo.find_village(" 泉头村委会 ") == quantou
    assert geo.find_village("浮石镇泉头") == quantou
    assert geo.find_village("泗顶矿区").code == "450224102401"


def test_find_village_refuses_to_guess(geo):
    with pytest.raises(AmbiguousPlace, match="对应多个村"):
        geo.find_village("社区")
    with pytest.raises(UnknownPlace, match="找不到名为“不存在村”的村"):
        geo.find_village("不存在村")
    with pytest.raises(UnknownPlace):
        geo.find_village("  ")


def test_township_and_village_models_derive_and_check_their_kind():
    assert Township(code="450224203", name="沙子乡").kind == "乡"
    with pytest.raises(ValidationError):
        Township(code="450224203", name="沙子乡", kind="镇")
    with pytest.raises(ValidationError):
        Township(code="450224203", name="沙子村")
    assert Village(code="450224101206", name="泉头村委会", township_code="450224101").kind == "村委会"
    with pytest.raises(ValidationError, match="不属于乡镇"):
        Village(code="450224101206", name="泉头村委会", township_code="450224102")
    round_trip = Village(code="450224102401", name="泗顶矿区管理处社区", township_code="450224102")
    assert Village.model_validate(round_trip.model_dump()) == round_trip


def test_hamlet_and_grid_belong_to_known_villages():
    hamlet = Hamlet(village_code="450224101206", name="泉头屯")
    assert len(hamlet.id) == 36
    grid = Grid(grid_code="450224101206-01", grid_name="泉头村第一网格", village_code="450224101206",
                hamlets=[hamlet.id], grid_worker_ids=["w1"], grid_leader_id="l1")
    assert grid.supervision_phone is None
    with pytest.raises(ValidationError, match="不在融安县村名单中"):
        Hamlet(village_code="450224999999", name="某屯")
    with pytest.raises(ValidationError):
        Grid(grid_code="g", grid_name="g", village_code="450224101206", hamlets=[hamlet.id],
             grid_worker_ids=[], grid_leader_id="l1")


def test_bad_village_file_raises_geography_data_error(tmp_path):
    bad = tmp_path / "villages.csv"
    bad.write_text("village_code,village_name,township_code,township_name\n"
                   "450224101206,泉头村委会,450224102,泗顶镇\n", encoding="utf-8")
    with pytest.raises(GeographyDataError, match="村名单文件有误"):
        load_geography(bad)
    with pytest.raises(GeographyDataError):
        load_geography(tmp_path / "missing.csv")

"""Sync problems as a person reads them, from real conflicts and refusals of a county server over
loopback: field rows with Chinese titles and labels, the reason in plain words, and resolving."""

from __future__ import annotations

import pytest

from gridapp import problems
from gridapp.errors import InvalidRecord
from tests.server.conftest import app, engine, grid_of, make_user, settings  # noqa: F401  (fixtures)
from tests.support import factories as f
from tests.sync.conftest import make_laptop, server_url  # noqa: F401  (fixtures)
from tests.support.village_pair import (  # noqa: F401  (fixtures)
    VILLAGE, clash, database_url, edit, household_in_both, pair,
)


def test_a_clash_on_two_fields_is_one_item_with_a_row_per_field(pair, household_in_both):
    a, b = pair
    edit(a.store, household_in_both.id, hamlet="上岭屯", household_tags=["tekun"])
    edit(b.store, household_in_both.id, hamlet="中岭屯", household_tags=["military_family"])
    a.sync()
    assert b.sync().pushed == {"conflict": 1}

    [item] = problems.open_problems(b.store)
    assert (item.kind, item.headline, item.code) == ("conflict", "冲突：你和别人同时改了同一条记录", "record.conflict")
    assert item.record_label == "住户：韦小明家（上岭屯）"  # the record as it is now: the server's hamlet
    assert item.actions == {problems.CHOOSE}
    assert "由你决定用哪个" in item.reason
    rows = [(r.title, r.mine, r.server, r.base) for r in item.rows]  # in the form's order
    assert rows == [("屯/村民小组", "中岭屯", "上岭屯", "下岭尾屯"),
                    ("户类别", "军属/优抚对象", "特困供养", "低保户")]
    assert all(r.mine_changed and r.server_changed for r in item.rows)
    assert problems.open_count(b.store) == 1 and len(b.store.sync_problems()) == 2


def test_keeping_mine_is_an_edit_that_reaches_the_server(pair, household_in_both):
    a, b = pair
    clash(pair, household_in_both.id, theirs=dict(hamlet="上岭屯"), mine=dict(hamlet="中岭屯"))
    [item] = problems.open_problems(b.store)
    assert b.store.get(household_in_both.id).hamlet == "上岭屯"  # the laptop shows the server's value

    changes = problems.resolve_conflict(b.store, item.problem_ids, mine=item.problem_ids)
    assert household_in_both.id in changes.record_ids
    assert problems.open_problems(b.store) == [] and b.store.pending_count() == 1
    assert b.sync().pushed == {"applied": 1}
    a.sync()
    assert a.store.get(household_in_both.id).hamlet == "中岭屯"
    [closed] = b.store.sync_problems(open_only=False)
    assert closed["resolution"] == problems.KEPT_MINE


def test_choosing_per_field_keeps_mine_for_one_and_the_servers_for_the_other(pair, household_in_both):
    a, b = pair
    clash(pair, household_in_both.id, theirs=dict(hamlet="上岭屯", address_detail="泉头村上岭屯1号"), mine=dict(hamlet="中岭屯", address_detail="泉头村中岭屯2号"))
    [item] = problems.open_problems(b.store)
    hamlet = next(r.problem_id for r in item.rows if r.field == "hamlet")
    problems.resolve_conflict(b.store, item.problem_ids, mine=[hamlet])
    got = b.store.get(household_in_both.id)
    assert (got.hamlet, got.address_detail) == ("中岭屯", "泉头村上岭屯1号")
    resolutions = {p["field"]: p["resolution"] for p in b.store.sync_problems(open_only=False)}
    assert resolutions == {"hamlet": "kept_mine", "address_detail": "kept_server"}


def test_keeping_the_servers_value_writes_nothing(pair, household_in_both):
    a, b = pair
    clash(pair, household_in_both.id, theirs=dict(hamlet="上岭屯"), mine=dict(hamlet="中岭屯"))
    [item] = problems.open_problems(b.store)
    assert not problems.resolve_conflict(b.store, item.problem_ids, mine=[])
    assert b.store.pending_count() == 0 and problems.open_problems(b.store) == []


def test_mine_that_no_longer_fits_the_record_closes_nothing(pair, household_in_both):
    a, b = pair
    # a makes someone else the head; b adds a member under the old head. Only the member list
    # clashes (a's new head merges in), so b's list would name a head the record no longer has.
    someone, child = f.person("韦新户主", id_number=None), f.person("韦小小", id_number=None)
    a.store.save(someone)
    b.store.save(child)
    old = [m.model_dump() for m in a.store.get(household_in_both.id).members]
    edit(a.store, household_in_both.id, head_person_id=someone.id,
         members=[{"person_id": someone.id, "relation_to_head": "02"},
                  *[{**m, "relation_to_head": "10"} for m in old]])
    edit(b.store, household_in_both.id, members=[*old, {"person_id": child.id, "relation_to_head": "20"}])
    a.sync()
    b.sync()
    [item] = problems.open_problems(b.store)
    assert [r.field for r in item.rows] == ["members"]
    with pytest.raises(InvalidRecord, match="户主"):
        problems.resolve_conflict(b.store, item.problem_ids, mine=item.problem_ids)
    assert len(problems.open_problems(b.store)) == 1 and b.store.pending_count() == 0


def test_an_edit_of_a_record_sealed_elsewhere_is_explained_and_not_offered_as_a_choice(pair):
    a, b = pair
    v = f.visit()
    a.store.save(v)
    a.sync()
    b.sync()
    a.store.transition(v.id, "COMPLETED")
    edit(b.store, v.id, summary="补充：已联系村医。")
    a.sync()
    b.sync()
    [item] = problems.open_problems(b.store)
    assert item.headline == "冲突：记录已被别人封存" and "更正" in item.reason
    assert item.actions == {problems.OPEN, problems.ACKNOWLEDGE}
    [row] = item.rows
    assert (row.title, row.mine, row.base) == ("小结", "补充：已联系村医。", problems.UNKNOWN_BASE)


def test_a_refused_record_shows_the_reason_in_plain_words_and_the_raw_code(pair):
    a, _ = pair
    outside = f.person("韦外村").model_copy(update={"village_code": "450224106201"})
    a.store.save(outside)
    a.sync()
    [item] = problems.open_problems(a.store)
    assert (item.kind, item.headline, item.code) == ("rejected", "服务器拒收", "territory.outside")
    assert item.reason == "这条记录不在你负责的村（辖区）内，服务器不收。"
    assert item.record_label == "人员：韦外村"
    # the village is not this laptop's: the record left with its bucket, its content is in the problem
    assert not a.store.exists(outside.id) and item.actions == {problems.DISCARD}
    assert {("证件号码", "110105********002X"), ("姓名", "韦外村")} <= set(item.sent)  # what was sent stays readable
    problems.close_problems(a.store, item.problem_ids)
    assert problems.open_problems(a.store) == []
    assert a.store.sync_problems(open_only=False)[0]["resolution"] == problems.DISMISSED


def test_values_read_as_words():
    from gridapp.models import Household, Person

    def name(_id: str) -> str:
        return "韦小明"

    person = Person.model_fields
    household = Household.model_fields
    assert problems.show_value(person["sex"], "sex", "2", name) == "女"
    assert problems.show_value(person["id_number"], "id_number", "11010519491231002X", name) == "110105********002X"
    assert problems.show_value(household["members"], "members",
                               [{"person_id": "x", "relation_to_head": "02"}], name) == "成员：韦小明，与户主关系：户主"
    assert problems.show_value(household["hamlet"], "hamlet", None, name) == problems.EMPTY
    assert problems.reason_for("no.such_code", "服务器自己的话") == "服务器自己的话"

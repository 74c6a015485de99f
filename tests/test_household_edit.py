"""Household and person forms without a window: what would be saved, and which message shows under
which field (errors block saving, 待补全 warnings do not)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gridapp import demo
from gridapp.household_edit import (
    PersonForm, check_household, check_person, derived_from_id, form_field, household_form, new_person,
    person_form,
)
from gridapp.idnumber import check_char
from gridapp.models import Household, Person

TODAY = date(2026, 11, 29)


def valid_id(body17: str) -> str:
    return body17 + check_char(body17)


@pytest.fixture(scope="module")
def county():
    records = list(demo.generate(households=5, seed=7))
    homes = [r for r in records if isinstance(r, Household)]
    people = {r.id: r for r in records if isinstance(r, Person)}
    return homes[0], people


def messages(check) -> dict[str, list[str]]:
    return {name: [p.short_message for p in found] for name, found in check.by_field().items()}


def test_an_unchanged_household_checks_clean_and_equals_the_stored_one(county):
    home, _ = county
    check = check_household(home, household_form(home), today=TODAY)
    assert check.can_save and check.problems == ()
    assert check.record.model_dump() == home.model_dump()


def test_household_edits_land_in_the_record(county):
    home, _ = county
    form = replace(household_form(home), address_detail="新地址8号", phone="0772 8123456",
                   household_tags=("left_behind_family", "dibao"))
    record = check_household(home, form, today=TODAY).record
    assert (record.address_detail, record.phones[0].number, record.household_tags) == (
        "新地址8号", "0772-8123456", ["dibao", "left_behind_family"])


def test_two_heads_is_an_error_under_members_and_the_head_follows_a_single_02(county):
    home, _ = county
    old_head, other = home.members[0].person_id, home.members[1].person_id
    form = household_form(home)
    two = check_household(home, replace(form, relations={**form.relations, other: "02"}), today=TODAY)
    assert not two.can_save and [p.code for p in two.by_field()["members"]] == ["members.head_count"]
    swapped = check_household(home, replace(form, relations={**form.relations, other: "02", old_head: "11"}),
                              today=TODAY)
    assert swapped.can_save and swapped.record.head_person_id == other


def test_a_wrong_phone_and_two_heads_show_together(county):
    home, _ = county
    form = household_form(home)
    check = check_household(home, replace(form, phone="12345", relations={**form.relations,
                                                                          home.members[1].person_id: "02"}))
    assert set(check.by_field()) == {"phone", "members"}
    assert check.record is None


@pytest.mark.parametrize("field, value, shown", [
    ("id_number", valid_id("45022419900101123")[:-1] + "0", "校验码不对"),
    ("id_number", "450224900101123", "旧的15位"),
    ("phone", "1380013", "手机号码应为11位"),
    ("phone", "8123456", "要带区号"),
    ("full_name", "", "缺少姓名"),
    ("birth_date", "1990-02-30", "日期格式不对"),
])
def test_each_wrong_person_field_shows_its_message_under_it(county, field, value, shown):
    home, people = county
    person = people[home.members[1].person_id]
    check = check_person(person, home, replace(person_form(person, "12"), **{field: value}), today=TODAY)
    assert not check.can_save
    assert shown in " ".join(messages(check)[field])


def test_missing_sex_and_birth_date_warn_but_allow_saving(county):
    home, _ = county
    check = check_person(new_person(home), home, PersonForm(full_name="韦小明", relation="20"), today=TODAY)
    assert check.can_save
    assert {p.code for p in check.problems} == {"sex.required", "birth_date.required", "ethnicity.required"}


def test_a_new_member_joins_the_household_with_sex_and_birth_date_from_the_id_number(county):
    home, _ = county
    number = valid_id("45022420100101123")
    assert derived_from_id(number) == ("1", "2010-01-01")
    check = check_person(new_person(home), home, PersonForm(full_name="韦小明", relation="20", id_number=number,
                                                            ethnicity="08"), today=TODAY)
    assert check.can_save and check.problems == ()
    assert (check.record.sex, check.record.birth_date) == ("1", date(2010, 1, 1))
    assert check.household.members[-1].model_dump() == {"person_id": check.record.id, "relation_to_head": "20"}


def test_a_second_head_is_refused_under_relation(county):
    home, _ = county
    check = check_person(new_person(home), home, PersonForm(full_name="韦小明", relation="02"), today=TODAY)
    assert not check.can_save and "只有一名户主" in " ".join(messages(check)["relation"])


def test_a_hidden_id_number_is_kept_and_tags_keep_their_details(county):
    home, people = county
    person = people[home.members[0].person_id]
    form = replace(person_form(person, "02"), special_tags=("left_behind_elderly",))
    record = check_person(person, home, form, today=TODAY).record
    assert record.id_number == person.id_number and form.id_number is None
    assert [t.tag for t in record.special_tags] == ["left_behind_elderly"]


def test_form_fields_of_problem_paths():
    assert [form_field(p) for p in ("phones.0.number", "head_person_id", "full_name", "special_tags.1.until")] == [
        "phone", "members", "full_name", "special_tags"]

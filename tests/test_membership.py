"""新建户 and 移出成员 without a window, over a real store: what is checked under which field, that
both records are written in one transaction and queued for the county server, and that a leaving
member's person record stays while their membership ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gridapp import demo
from gridapp.household_edit import PersonForm, check_person, new_person, save_member
from gridapp.idnumber import check_char
from gridapp.ids import new_id
from gridapp.membership import (
    NewHouseholdForm, RemovalForm, check_new_household, check_removal, places, remove_member, save_new_household,
)
from gridapp.models import Household, Person

TODAY = date(2026, 11, 29)


def valid_id(body17: str) -> str:
    return body17 + check_char(body17)


@pytest.fixture
def county(store):
    store.import_records(demo.generate(households=8, seed=7))
    store.db.execute("UPDATE outbox SET status = 'sent'")  # the village as synced: what follows is pending
    return store


def a_home(store) -> Household:
    return next(h for h in (store.get(i) for i in store.list_ids("household")) if len(h.members) >= 3)


def pending(store) -> list[tuple[str, str, str]]:
    return [(e.op, e.record_type, e.record_id) for e in store.outbox()]


def test_places_are_the_hamlets_of_the_laptops_villages_with_their_grid(county):
    found = places(county)
    homes = [county.get(i) for i in county.list_ids("household")]
    assert {(p.village_code, p.hamlet) for p in found} == {(h.village_code, h.hamlet) for h in homes}
    first = found[0]
    assert first.grid_id in {h.grid_id for h in homes if h.hamlet == first.hamlet}
    assert not first.village.endswith("委会") and first.address_prefix.endswith(first.hamlet)


def test_a_new_household_and_its_head_are_saved_together_and_queued_for_sync(county):
    place = places(county)[0]
    hid, pid = new_id(), new_id()
    number = valid_id("45022419800501123")
    form = NewHouseholdForm(place, address_detail=place.address_prefix + "21号", household_tags=("dibao",),
                            head=PersonForm(full_name="韦新户", id_number=number, ethnicity="08", phone="13907721234"))
    check = check_new_household(form, household_id=hid, person_id=pid, today=TODAY)
    assert check.can_save and [p for p in check.problems if p.is_error] == []
    changes = save_new_household(county, check)
    assert changes.record_ids == {hid, pid}
    home, head = county.get(hid), county.get(pid)
    assert (home.head_person_id, [m.model_dump() for m in home.members]) == (
        pid, [{"person_id": pid, "relation_to_head": "02"}])
    assert (home.village_code, home.hamlet, home.grid_id, home.household_tags, home.phones[0].number) == (
        place.village_code, place.hamlet, place.grid_id, ["dibao"], "13907721234")
    assert (head.full_name, head.sex, head.birth_date, head.current_household_id) == (
        "韦新户", "1", date(1980, 5, 1), hid)
    assert pending(county) == [("create", "person", pid), ("create", "household", hid)]


@pytest.mark.parametrize("change, field, shown", [
    ({"full_name": ""}, "full_name", "缺少姓名"),
    ({"id_number": valid_id("45022419800501123")[:-1] + "0"}, "id_number", "校验码不对"),
    ({"phone": "1390772"}, "phone", "手机号码应为11位"),
    ({"birth_date": "1980-13-01"}, "birth_date", "日期格式不对"),
])
def test_a_wrong_head_value_is_named_under_its_field_and_blocks_saving(county, change, field, shown):
    place = places(county)[0]
    head = replace(PersonForm(full_name="韦新户", ethnicity="08"), **change)
    check = check_new_household(NewHouseholdForm(place, address_detail="21号", head=head),
                                household_id=new_id(), person_id=new_id(), today=TODAY)
    assert not check.can_save
    assert shown in " ".join(p.short_message for p in check.by_field()[field])


def test_a_missing_address_is_a_reminder_not_a_refusal(county):
    check = check_new_household(NewHouseholdForm(places(county)[0], head=PersonForm(full_name="韦新户")),
                                household_id=new_id(), person_id=new_id(), today=TODAY)
    assert check.can_save and [p.severity for p in check.by_field()["address_detail"]] == ["warning"]


def test_a_new_member_and_their_household_are_one_transaction(county):
    home = a_home(county)
    check = check_person(new_person(home), home, PersonForm(full_name="韦小明", relation="20"), today=TODAY)
    stale = check.household.model_copy(update={"version": check.household.version + 5})
    with pytest.raises(Exception) as refused:
        save_member(county, replace(check, household=stale))
    assert getattr(refused.value, "code", "") == "stale_edit"
    assert not county.exists(check.record.id)  # the person was not saved alone
    save_member(county, check)
    assert county.get(home.id).members[-1].person_id == check.record.id
    assert pending(county) == [("create", "person", check.record.id), ("update", "household", home.id)]


def test_a_member_who_moves_out_leaves_the_household_and_their_record_stays(county):
    home = a_home(county)
    leaving = county.get(home.members[-1].person_id)
    check = check_removal(home, leaving, RemovalForm(reason="moved_out", note="落户柳州"))
    assert check.can_save
    remove_member(county, check)
    after, person = county.get(home.id), county.get(leaving.id)
    assert leaving.id not in [m.person_id for m in after.members] and after.head_person_id == home.head_person_id
    assert person.full_name == leaving.full_name and person.current_household_id is None
    for rid in (home.id, leaving.id):
        assert county.history(rid)[-1].detail["reason"] == "迁出：落户柳州"
    assert pending(county) == [("update", "household", home.id), ("update", "person", leaving.id)]


def test_a_reason_is_required_and_other_needs_words(county):
    home = a_home(county)
    person = county.get(home.members[-1].person_id)
    assert [p.field for p in check_removal(home, person, RemovalForm()).problems] == ["reason"]
    assert [p.field for p in check_removal(home, person, RemovalForm(reason="other")).problems] == ["note"]
    assert check_removal(home, person, RemovalForm(reason="deceased")).reason_text == "死亡"


def test_the_head_leaves_only_after_a_new_head_is_chosen(county):
    home = a_home(county)
    head = county.get(home.head_person_id)
    refused = check_removal(home, head, RemovalForm(reason="deceased"))
    assert not refused.can_save and "新户主" in refused.by_field()["new_head"][0].message
    successor = home.members[1].person_id
    check = check_removal(home, head, RemovalForm(reason="deceased", new_head=successor))
    assert check.can_save
    assert check.household.head_person_id == successor and check.household.head_members()[0].person_id == successor
    remove_member(county, check)
    assert county.get(home.id).head_person_id == successor


def test_a_sole_head_cannot_be_removed(county):
    place = places(county)[0]
    hid, pid = new_id(), new_id()
    save_new_household(county, check_new_household(NewHouseholdForm(place, head=PersonForm(full_name="韦独居")),
                                                   household_id=hid, person_id=pid, today=TODAY))
    check = check_removal(county.get(hid), county.get(pid), RemovalForm(reason="moved_out"))
    assert not check.can_save and "只有户主一人" in check.by_field()["new_head"][0].message
    assert isinstance(county.get(pid), Person)

"""The field merge rules, on plain data (merge.py)."""

from sync.server.merge import Clash, changed_fields, merge, overwrite

BASE = {"name": "韦小明", "phone": "13800000000", "address": "下岭尾屯12号"}


def test_a_field_only_the_laptop_changed_takes_the_laptops_value():
    server = dict(BASE, address="上岭尾屯3号")
    out = merge(BASE, server, dict(BASE, name="韦大明"), ["name"])
    assert out.data == {"name": "韦大明", "phone": "13800000000", "address": "上岭尾屯3号"}
    assert (out.taken, out.clashes) == (["name"], [])


def test_a_field_both_changed_differently_keeps_the_server_value_and_records_all_three():
    out = merge(BASE, dict(BASE, name="韦二明"), dict(BASE, name="韦三明"), ["name"])
    assert out.data == dict(BASE, name="韦二明")
    assert out.clashes == [Clash("name", "韦小明", "韦二明", "韦三明")]


def test_a_field_both_changed_to_the_same_value_is_no_conflict():
    out = merge(BASE, dict(BASE, name="韦二明"), dict(BASE, name="韦二明"), ["name"])
    assert (out.data, out.taken, out.clashes) == (dict(BASE, name="韦二明"), [], [])


def test_without_the_base_every_differing_field_is_a_clash():
    out = merge(None, dict(BASE, phone="13900000000"), dict(BASE, phone="13700000000"), ["phone"])
    assert out.clashes == [Clash("phone", None, "13900000000", "13700000000")] and out.data["phone"] == "13900000000"


def test_a_field_the_laptop_does_not_send_is_left_alone():
    out = merge(BASE, BASE, {"name": "韦小明"}, ["phone"])
    assert (out.data, out.clashes) == (BASE, [])


def test_lists_are_compared_whole():
    base = {"members": [1, 2]}
    out = merge(base, {"members": [1, 2, 3]}, {"members": [1]}, ["members"])
    assert out.clashes == [Clash("members", [1, 2], [1, 2, 3], [1])]


def test_changed_fields_lists_every_difference_including_added_and_removed_keys():
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ["b", "c"]
    assert changed_fields({"a": 1}, {}) == ["a"]


def test_a_sealed_document_overwrites_the_draft_and_keeps_unseen_server_values_as_clashes():
    server = dict(BASE, address="上岭尾屯3号")  # someone else changed the address meanwhile
    sealed = dict(BASE, name="韦大明")
    out = overwrite(server, sealed, BASE)
    assert out.data == sealed
    assert out.clashes == [Clash("address", "下岭尾屯12号", "上岭尾屯3号", "下岭尾屯12号")]

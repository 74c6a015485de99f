"""`Store.save_all`: several records as one action — all written (each audited and queued for sync)
or none, and the reason of the action kept in each record's audit row."""

from __future__ import annotations

import pytest

from gridapp.errors import InvalidRecord
from gridapp.store import Changes
from tests.support import factories as f


def _counts(store) -> dict[str, int]:
    return {table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("records", "audit", "outbox", "state_changes")}


def test_a_household_and_its_head_are_created_together_and_both_queued_for_sync(store):
    head = f.person("韦大山")
    home = f.household(head)
    changes = store.save_all([head, home])
    assert changes == Changes(frozenset({"person", "household"}), frozenset({head.id, home.id}))
    assert store.get(home.id).head_person_id == head.id
    assert [(e.op, e.record_type, e.record_id) for e in store.outbox()] == [
        ("create", "person", head.id), ("create", "household", home.id)]


def test_when_one_record_is_refused_nothing_is_written(store):
    head = f.person("韦大山")
    store.save(head)
    before = _counts(store)
    home = f.household(head)
    stale = store.get(head.id).model_copy(update={"full_name": "韦大河", "version": 99})
    with pytest.raises(Exception) as refused:
        store.save_all([home, stale])  # the household would be written first; the stale edit fails
    assert getattr(refused.value, "code", "") == "stale_edit"
    assert _counts(store) == before and not store.exists(home.id)


def test_an_invalid_record_is_refused_before_anything_is_written(store):
    head = f.person("韦大山")
    before = _counts(store)
    with pytest.raises(InvalidRecord):
        store.save_all([head, f.person("韦小山").model_copy(update={"sex": "9x"})])  # a wrong code
    assert _counts(store) == before


def test_the_reason_is_kept_in_each_audit_row_and_unchanged_records_write_nothing(store):
    head, son = f.person("韦大山"), f.person("韦小山", id_number=None)
    home = f.household(head, son)
    head, son = (p.model_copy(update={"current_household_id": home.id}) for p in (head, son))
    store.save_all([head, son, home])
    left = store.get(son.id).model_copy(update={"current_household_id": None})
    smaller = store.get(home.id).model_copy(update={"members": store.get(home.id).members[:1]})
    changes = store.save_all([left, smaller, store.get(head.id)], reason="迁出：外出务工落户柳州")
    assert changes.record_ids == {son.id, home.id}
    for rid in (son.id, home.id):
        last = store.history(rid)[-1]
        assert (last.action, last.detail["reason"]) == ("update", "迁出：外出务工落户柳州")
    assert store.history(head.id)[-1].action == "create"

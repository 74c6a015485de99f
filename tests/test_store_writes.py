"""Every write is one transaction: record + audit + outbox, and a `Changes` value for the UI."""

from __future__ import annotations

import pytest

from gridapp.errors import GridAppError, InvalidRecord, RecordNotFound, TransitionNotAllowed
from gridapp.models import Person
from gridapp.store import Changes
from tests.support import factories as f


def _counts(store) -> dict[str, int]:
    return {
        table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("records", "audit", "outbox", "state_changes", "search", "search_names")
    }


def test_creating_a_record_writes_it_with_one_audit_row_and_one_outbox_row(store):
    p = f.person("韦小明")
    changes = store.save(p)
    assert changes == Changes(frozenset({"person"}), frozenset({p.id}))
    assert store.get(p.id).full_name == "韦小明"
    assert [(a.action, a.actor, a.device_id) for a in store.history(p.id)] == [("create", "韦网格员", "laptop-1")]
    [entry] = store.outbox()
    assert (entry.op, entry.record_id, entry.bucket, entry.base_version) == ("create", p.id, f.QUANTOU, None)
    assert entry.payload == {}  # the content is read from the record when the row is sent


def test_ids_of_the_same_laptop_are_time_ordered_and_device_seq_counts_up(store):
    people = [f.person(f"韦{n}号") for n in range(5)]
    for p in people:
        store.save(p)
    assert [p.id for p in people] == sorted(p.id for p in people)
    assert [e.device_seq for e in store.outbox()] == [1, 2, 3, 4, 5]


def test_an_invalid_record_raises_a_chinese_message_and_writes_nothing(store):
    before = _counts(store)
    with pytest.raises(Exception) as caught:
        Person(village_code=f.QUANTOU, full_name="覃", id_number="110105194912310021")
    assert "校验" in str(caught.value) or "校验" in getattr(caught.value, "message", "")
    head, other = f.person(), f.person("韦大明")
    bad_household = f.household(head, other)
    bad_household.members[1].relation_to_head = "02"  # two heads: assigned, not yet validated
    with pytest.raises(InvalidRecord) as caught:
        store.save(bad_household)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)
    assert _counts(store) == before


def test_an_unchanged_save_writes_nothing(store):
    p = f.person()
    store.save(p)
    before = _counts(store)
    assert store.save(store.get(p.id)) == Changes()
    assert _counts(store) == before


def test_edits_before_a_sync_fold_into_one_mutation_but_each_is_audited(store):
    p = f.person("韦小明")
    store.save(p)
    for phone in ("13800001111", "13800002222", "13800003333"):
        current = store.get(p.id)
        current.phones = [{"number": phone, "phone_type": "self"}]
        store.save(current)
    [entry] = store.outbox()
    assert entry.op == "create"
    assert store.get(p.id).phones[0].number == "13800003333"
    assert [a.action for a in store.history(p.id)] == ["create", "update", "update", "update"]
    assert store.history(p.id)[-1].detail["fields"]["phones"]["new"][0]["number"] == "13800003333"


def test_an_edit_after_the_create_was_sent_becomes_its_own_update(store):
    p = f.person("韦小明")
    store.save(p)
    store.db.execute("UPDATE outbox SET status = 'sent'")  # what the sync engine will do
    current = store.get(p.id)
    current.full_name = "韦晓明"
    store.save(current)
    current = store.get(p.id)
    current.phones = [{"number": "13800001111", "phone_type": "self"}]
    store.save(current)
    pending = store.outbox()
    assert [(e.op, e.payload) for e in pending] == [("update", {"fields": ["full_name", "phones"]})]
    assert pending[0].device_seq == 2


def test_sensitive_values_are_not_copied_into_the_audit_log(store):
    p = f.person("韦小明", id_number=None)
    store.save(p)
    current = store.get(p.id)
    current.id_number = "11010519491231002X"
    store.save(current)
    detail = store.history(p.id)[-1].detail
    assert "11010519491231002X" not in str(detail)
    assert "id_number" in detail["fields"]


def test_a_stale_edit_is_refused_instead_of_overwriting_newer_data(store):
    p = f.person("韦小明")
    store.save(p)
    first, second = store.get(p.id), store.get(p.id)
    first.full_name = "韦晓明"
    store.save(first)
    second.full_name = "韦小名"
    with pytest.raises(GridAppError) as caught:
        store.save(second)
    assert caught.value.code == "stale_edit"
    assert store.get(p.id).full_name == "韦晓明"


def test_state_changes_only_through_transition(store):
    v = f.visit()
    store.save(v)
    draft = store.get(v.id)
    draft.state = "COMPLETED"
    with pytest.raises(TransitionNotAllowed):
        store.save(draft)
    with pytest.raises(TransitionNotAllowed):
        store.save(f.visit(state="COMPLETED"))
    assert store.get(v.id).state == "DRAFT"


def test_delete_leaves_a_tombstone_and_the_id_never_comes_back(store):
    p = f.person("韦小明")
    store.save(p)
    store.db.execute("UPDATE outbox SET status = 'sent'")
    store.delete(p.id, reason="重复录入")
    with pytest.raises(RecordNotFound):
        store.get(p.id)
    assert store.search("韦小明") == [] and store.search("韦") == []
    with pytest.raises(RecordNotFound):
        store.save(p)
    assert [e.op for e in store.outbox()] == ["delete"]
    row = store.db.execute("SELECT body, deleted FROM records WHERE id = ?", (p.id,)).fetchone()
    assert row == ("{}", 1)  # the personal data itself is gone


def test_a_record_created_and_deleted_offline_sends_only_the_delete(store):
    p = f.person("韦小明")
    store.save(p)
    store.delete(p.id, reason="录错了")
    assert [e.op for e in store.outbox()] == ["delete"]


def test_the_audit_log_is_append_only_and_hash_chained(store):
    for n in range(3):
        store.save(f.person(f"韦{n}"))
    assert store.verify_audit_chain() is None
    with pytest.raises(Exception, match="append-only"):
        store.db.execute("UPDATE audit SET actor = 'someone else'")
    with pytest.raises(Exception, match="append-only"):
        store.db.execute("DELETE FROM audit")
    # A row forged past the triggers (as a file editor could) breaks the chain at that row.
    store.db.execute(
        "INSERT INTO audit (at, actor, device_id, action, detail, prev_hash, hash) "
        "VALUES ('2026-01-01', 'x', 'x', 'update', '{}', 'forged', 'forged')"
    )
    assert store.verify_audit_chain() == 4
    assert any("操作日志" in p for p in store.check())


def test_find_a_person_by_id_number_without_storing_it_in_clear_for_search(store):
    p = f.person("韦小明", id_number="11010519491231002X")
    store.save(p)
    assert store.find_by_id_number("11010519491231002x") == [p.id]
    assert store.find_by_id_number("440524188001010014") == []


def test_reveal_of_an_id_number_is_audited(store):
    p = f.person()
    store.save(p)
    store.log_access(p.id, "unmask", {"field": "id_number"})
    assert store.history(p.id)[-1].action == "unmask"
    assert store.verify_audit_chain() is None

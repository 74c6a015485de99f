"""Completing a visit seals it: a SHA-256 of its canonical JSON, refused edits, amendments."""

from __future__ import annotations

import hashlib
import json

import pytest

from gridapp import sealing
from gridapp.errors import GridAppError, InvalidRecord, SealedRecordError, StaleAmendment
from gridapp.models import Attachment
from tests.support import factories as f


def _completed(store, **extra):
    v = f.visit(**extra)
    store.save(v)
    store.transition(v.id, "COMPLETED")
    return store.get(v.id)


def test_canonical_json_is_sorted_compact_and_keeps_chinese_as_utf8():
    assert sealing.canonical_json({"b": 1, "a": "泉头"}) == '{"a":"泉头","b":1}'
    expected = hashlib.sha256('{"attachments":["aa","bb"],"document":{"x":1}}'.encode()).hexdigest()
    assert sealing.content_hash({"x": 1}, ["bb", "aa"]) == expected


def test_completing_a_visit_seals_it_with_the_hash_of_its_document(store):
    done = _completed(store)
    assert done.sealed and done.state == "COMPLETED"
    assert done.content_hash == sealing.content_hash(done.document(), [])
    assert [e.op for e in store.outbox()] == ["create", "seal"]
    assert store.outbox()[-1].payload["content_hash"] == done.content_hash
    assert store.state_history(done.id)[-1][:2] == ("DRAFT", "COMPLETED")


def test_an_incomplete_visit_cannot_be_completed_and_stays_a_draft(store):
    v = f.visit(summary="短")
    store.save(v)
    with pytest.raises(InvalidRecord) as caught:
        store.transition(v.id, "COMPLETED")
    assert "summary" in {p.field for p in caught.value.problems}
    assert store.get(v.id).state == "DRAFT" and not store.get(v.id).sealed


def test_a_sealed_visit_cannot_be_edited_or_deleted_through_the_store(store):
    done = _completed(store)
    done.summary = "改过的小结内容，不应该被接受。"
    with pytest.raises(SealedRecordError, match="封存"):
        store.save(done)
    with pytest.raises(SealedRecordError):
        store.delete(done.id, reason="不要了")
    assert store.get(done.id).summary != done.summary
    assert store.verify_seals() == []


def test_the_database_trigger_protects_sealed_rows_from_any_sql(store):
    done = _completed(store)
    with pytest.raises(Exception, match="sealed record"):
        store.db.execute("UPDATE records SET body = '{}' WHERE id = ?", (done.id,))
    with pytest.raises(Exception, match="sealed record"):
        store.db.execute("UPDATE records SET sealed = 0 WHERE id = ?", (done.id,))
    with pytest.raises(Exception, match="sealed record"):
        store.db.execute("DELETE FROM records WHERE id = ?", (done.id,))
    # Review is workflow, not content: the state of a sealed visit may still move on.
    store.transition(done.id, "SYNCED")
    assert store.get(done.id).state == "SYNCED"


def test_check_reports_a_sealed_row_altered_behind_the_triggers_back(store):
    done = _completed(store)
    store.db.execute("DROP TRIGGER records_sealed_no_update")  # what a hex editor could do
    body = json.loads(store.db.execute("SELECT body FROM records WHERE id = ?", (done.id,)).fetchone()[0])
    body["summary"] = "被篡改的小结"
    store.db.execute("UPDATE records SET body = ? WHERE id = ?", (json.dumps(body), done.id))
    assert store.verify_seals() == [done.id]
    assert any("指纹不一致" in p for p in store.check())


def test_attachments_are_part_of_the_seal(store):
    v = f.visit()
    store.save(v)
    photo = Attachment(village_code=f.QUANTOU, kind="photo", sha256="ab" * 32, owner_type="visit",
                       owner_id=v.id, filename="门口.jpg", size=1000, mime="image/jpeg",
                       captured_at=v.started_at, captured_by=f.STAFF)
    store.save(photo)
    store.transition(v.id, "COMPLETED")
    done = store.get(v.id)
    assert done.content_hash == sealing.content_hash(done.document(), ["ab" * 32])
    assert done.content_hash != sealing.content_hash(done.document(), [])


def test_an_amendment_is_a_new_sealed_revision_naming_the_one_it_supersedes(store):
    done = _completed(store)
    fixed = done.model_copy(update={"summary": "更正：老人腿脚不便，村医已上门两次。"})
    changes = store.amend(fixed, supersedes_id=done.id, reason="小结写错了日期")
    [new_id] = changes.record_ids - {done.id}
    amended = store.get(new_id)
    assert (amended.revision, amended.supersedes_id, amended.supersedes_hash) == (2, done.id, done.content_hash)
    assert amended.root_id == done.id and amended.amend_reason == "小结写错了日期"
    assert amended.sealed and amended.content_hash == sealing.content_hash(amended.document(), [])
    assert store.get(done.id).summary == done.summary  # the original stays as it was signed
    assert store.current_revision(done.id).id == new_id
    assert store.outbox()[-1].op == "amend"


def test_amending_a_superseded_version_is_refused_as_stale(store):
    done = _completed(store)
    store.amend(done.model_copy(update={"summary": "第一次更正的小结内容。"}), supersedes_id=done.id, reason="更正一")
    with pytest.raises(StaleAmendment):
        store.amend(done.model_copy(update={"summary": "第二次更正的小结内容。"}), supersedes_id=done.id,
                    reason="更正二")
    with pytest.raises(StaleAmendment):
        current = store.current_revision(done.id)
        store.amend(current.model_copy(update={"summary": "指纹不对的更正内容。"}), supersedes_id=current.id,
                    reason="更正三", expected_hash="0" * 64)


def test_an_amendment_needs_a_reason_a_sealed_target_and_valid_content(store):
    done = _completed(store)
    with pytest.raises(GridAppError, match="更正原因"):
        store.amend(done, supersedes_id=done.id, reason=" ")
    draft = f.visit()
    store.save(draft)
    with pytest.raises(SealedRecordError, match="直接修改"):
        store.amend(draft, supersedes_id=draft.id, reason="更正")
    with pytest.raises(InvalidRecord):
        store.amend(done.model_copy(update={"summary": "短"}), supersedes_id=done.id, reason="更正")
    assert store.count("visit") == 2


def test_attachments_of_a_sealed_visit_cannot_be_added_or_removed(store):
    v = f.visit()
    store.save(v)
    kept = Attachment(village_code=f.QUANTOU, kind="photo", sha256="cd" * 32, owner_type="visit",
                      owner_id=v.id, filename="a.jpg", size=10, mime="image/jpeg",
                      captured_at=v.started_at, captured_by=f.STAFF)
    store.save(kept)
    store.transition(v.id, "COMPLETED")
    late = kept.model_copy(update={"id": "01a2207d-0000-7000-8000-000000000001", "sha256": "ef" * 32})
    with pytest.raises(SealedRecordError, match="附件"):
        store.save(late)
    with pytest.raises(SealedRecordError, match="附件"):
        store.delete(kept.id, reason="拍错了")
    assert store.verify_seals() == []

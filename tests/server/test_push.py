"""Push: exactly once, validation, merge and conflicts, sealing, amendments, tombstones."""

from __future__ import annotations

import pytest

from gridapp.models import VisitRecord
from sync.mutations import mutation
from sync.protocol import PROTOCOL_VERSION
from tests.server.conftest import grid_of
from tests.support import factories as f

VILLAGE = f.QUANTOU


@pytest.fixture
def worker(make_user):
    return make_user("grid_worker", grid_of(VILLAGE, 1))


@pytest.fixture
def laptop(client, login, worker):
    return Laptop(client, login(worker))


class Laptop:
    """A device: its own sequence numbers and a push/pull helper."""

    def __init__(self, client, headers):
        self.client, self.headers, self.seq = client, headers, 0

    def next(self) -> int:
        self.seq += 1
        return self.seq

    def push(self, *mutations, status=200):
        body = {"protocol_version": PROTOCOL_VERSION, "mutations": [m.model_dump(mode="json") for m in mutations]}
        response = self.client.post("/v1/sync/push", json=body, headers=self.headers)
        assert response.status_code == status, response.text
        return response.json()["results"] if status == 200 else response.json()

    def send(self, op, record, **kw):
        return self.push(mutation(op, record, self.next(), **kw))[0]

    def pull(self, cursors=None, limit=None):
        response = self.client.post("/v1/sync/pull", headers=self.headers,
                                    json={"protocol_version": PROTOCOL_VERSION, "cursors": cursors or {},
                                          "limit": limit})
        assert response.status_code == 200, response.text
        return response.json()

    def records(self):
        return {c["record_id"]: c for c in self.pull()["changes"]}


def test_a_new_household_is_stored_and_pulled_back(laptop):
    head = f.person()
    result = laptop.send("create", head)
    assert (result["status"], result["status_code"], result["version"]) == ("applied", 200, 1)
    stored = laptop.records()[head.id]
    assert stored["record"]["full_name"] == "韦小明" and stored["version"] == 1 and not stored["deleted"]


def test_a_repeated_push_is_answered_duplicate_with_the_first_result(laptop):
    head = f.person()
    m = mutation("create", head, laptop.next())
    first = laptop.push(m)[0]
    again = laptop.push(m)[0]
    assert again["status"] == "duplicate" and again["original_status"] == "applied"
    assert {k: again[k] for k in ("version", "change_no", "record_id")} == \
           {k: first[k] for k in ("version", "change_no", "record_id")}
    assert len(laptop.pull()["changes"]) == 1


def test_an_invalid_record_is_rejected_and_does_not_block_the_rest(laptop):
    good_before, good_after = f.person("韦一"), f.person("韦二")
    # 450224199001011236: the check character should be 5
    m_bad = mutation("create", f.person("韦三"), 2)
    m_bad = m_bad.model_copy(update={"record": {**m_bad.record, "id_number": "450224199001011236"}})
    results = laptop.push(mutation("create", good_before, 1), m_bad, mutation("create", good_after, 3))
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["status_code"] == 422 and results[1]["problems"][0]["field"] == "id_number"
    assert "身份证" in results[1]["message"] or "校验" in results[1]["message"]
    assert set(laptop.records()) == {good_before.id, good_after.id}
    assert laptop.push(m_bad)[0]["status"] == "duplicate"  # the verdict is stored, not re-decided


def test_edits_to_different_fields_merge(client, login, worker, laptop):
    head = f.person()
    laptop.send("create", head)
    other = Laptop(client, login(worker, "另一台笔记本"))
    mine = head.model_copy(update={"full_name": "韦小明明"})
    theirs = head.model_copy(update={"hukou_address": "融安县浮石镇泉头村"})
    assert laptop.send("update", mine, base_version=1, fields=["full_name"])["status"] == "applied"
    assert other.send("update", theirs, base_version=1, fields=["hukou_address"])["status"] == "applied"
    stored = laptop.records()[head.id]
    assert (stored["record"]["full_name"], stored["record"]["hukou_address"], stored["version"]) == \
           ("韦小明明", "融安县浮石镇泉头村", 3)


def test_the_same_field_changed_on_two_laptops_becomes_a_conflict_and_nothing_is_lost(client, login, worker, laptop):
    head = f.person()
    laptop.send("create", head)
    other = Laptop(client, login(worker, "另一台笔记本"))
    laptop.send("update", head.model_copy(update={"full_name": "韦大明"}), base_version=1, fields=["full_name"])
    result = other.send("update", head.model_copy(update={"full_name": "韦二明"}), base_version=1,
                        fields=["full_name"])
    assert (result["status"], result["status_code"]) == ("conflict", 409)
    [clash] = result["conflicts"]
    assert (clash["field"], clash["base_value"], clash["server_value"], clash["client_value"]) == \
           ("full_name", "韦小明", "韦大明", "韦二明")
    assert laptop.records()[head.id]["record"]["full_name"] == "韦大明"


def test_an_edit_queued_before_the_create_was_answered_merges_against_the_laptops_own_version(laptop):
    head = f.person()
    laptop.send("create", head)
    # base_version None: the laptop had not heard back about its create when it edited.
    result = laptop.send("update", head.model_copy(update={"full_name": "韦新名"}), fields=["full_name"])
    assert result["status"] == "applied" and result["conflicts"] == []


def _completed_visit():
    return f.visit(f.person().id)


def test_sealing_a_visit_stores_its_hash_and_freezes_it(laptop):
    visit = _completed_visit()
    laptop.send("create", visit)
    sealed = laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1)
    assert sealed["status"] == "applied" and sealed["content_hash"]
    stored = laptop.records()[visit.id]
    assert stored["sealed"] and stored["state"] == "COMPLETED" and stored["content_hash"] == sealed["content_hash"]

    late_edit = laptop.send("update", visit.model_copy(update={"summary": "改过的小结内容，不应生效。"}),
                            base_version=2, fields=["summary"])
    assert (late_edit["status"], late_edit["code"]) == ("conflict", "record.sealed")
    assert late_edit["conflicts"][0]["client_value"] == "改过的小结内容，不应生效。"  # kept, not lost
    assert laptop.records()[visit.id]["record"]["summary"] == visit.summary
    deleted = laptop.send("delete", visit)
    assert (deleted["status"], deleted["status_code"]) == ("rejected", 409)


def test_a_seal_whose_hash_does_not_match_its_content_is_refused(laptop):
    visit = _completed_visit()
    laptop.send("create", visit)
    m = mutation("seal", visit, laptop.next(), from_state="DRAFT", to_state="COMPLETED")
    m = m.model_copy(update={"content_hash": "0" * 64})
    [result] = laptop.push(m)
    assert (result["status"], result["code"]) == ("rejected", "seal.hash_mismatch")
    assert not laptop.records()[visit.id]["sealed"]


def test_an_amendment_names_the_version_it_supersedes_and_a_stale_one_is_409(laptop):
    visit = _completed_visit()
    laptop.send("create", visit)
    first = laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED")
    fix = VisitRecord.model_validate({**visit.model_dump(), "id": f.new_id(), "summary": "更正：老人需要轮椅。"})
    result = laptop.send("amend", fix, supersedes_id=visit.id, supersedes_hash=first["content_hash"], reason="小结写错")
    assert result["status"] == "applied"
    stored = laptop.records()[fix.id]
    assert (stored["revision"], stored["supersedes_id"], stored["root_id"], stored["sealed"]) == \
           (2, visit.id, visit.id, True)
    rival = VisitRecord.model_validate({**visit.model_dump(), "id": f.new_id(), "summary": "另一处更正。"})
    stale = laptop.send("amend", rival, supersedes_id=visit.id, supersedes_hash=first["content_hash"], reason="补充")
    assert (stale["status"], stale["status_code"], stale["code"]) == ("conflict", 409, "amend.stale")
    assert rival.id not in laptop.records()


def _photo_of(owner, n: int = 1):
    import hashlib
    from datetime import UTC, datetime

    from gridapp.models import Attachment

    digest = hashlib.sha256(f"照片{n}".encode()).hexdigest()
    return Attachment(village_code=owner.village_code, kind="photo", sha256=digest, size=100, mime="image/jpeg",
                      captured_at=datetime(2026, 11, 20, 9, 40, tzinfo=UTC), captured_by=f.STAFF,
                      owner_type=owner.RECORD_TYPE, owner_id=owner.id)


def test_a_seal_covers_exactly_the_attachments_the_server_holds(laptop):
    visit, other = _completed_visit(), _completed_visit()
    photo = _photo_of(visit)
    for record in (visit, other, photo):
        laptop.send("create", record)
    # a laptop that had not heard of the photo seals the visit without it: refused, nothing sealed
    without = laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1)
    assert (without["status"], without["status_code"], without["code"]) == \
           ("rejected", 409, "seal.attachments_changed")
    assert (without["version"], without["change_no"]) == (1, 1)  # the laptop learns where the record stands
    # one that counts a photo the server does not hold (deleted meanwhile, or never sent): refused too
    extra = laptop.send("seal", other, from_state="DRAFT", to_state="COMPLETED", base_version=1,
                        attachment_hashes=[photo.sha256])
    assert (extra["status"], extra["code"]) == ("rejected", "seal.attachments_changed")
    stored = laptop.records()
    assert not stored[visit.id]["sealed"] and not stored[other.id]["sealed"]
    covered = laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1,
                          attachment_hashes=[photo.sha256])
    assert covered["status"] == "applied" and laptop.records()[visit.id]["sealed"]


def test_a_seal_that_does_not_match_its_own_content_is_refused_even_over_another_seal(laptop):
    visit = _completed_visit()
    laptop.send("create", visit)
    laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1)
    other = visit.model_copy(update={"summary": "另一台笔记本上签的小结，内容不同。"})
    signed = laptop.send("seal", other, from_state="DRAFT", to_state="COMPLETED", base_version=1)
    assert (signed["status"], signed["code"]) == ("conflict", "record.sealed_differently")  # a real other seal
    m = mutation("seal", other, laptop.next(), from_state="DRAFT", to_state="COMPLETED", base_version=1)
    [broken] = laptop.push(m.model_copy(update={"content_hash": "1" * 64}))
    assert (broken["status"], broken["code"]) == ("rejected", "seal.hash_mismatch")


def test_the_attachments_of_a_sealed_record_can_be_neither_added_changed_nor_deleted(laptop):
    visit = _completed_visit()
    photo, late = _photo_of(visit, 1), _photo_of(visit, 2)
    laptop.send("create", visit)
    laptop.send("create", photo)
    sealed = laptop.send("seal", visit, from_state="DRAFT", to_state="COMPLETED", base_version=1,
                         attachment_hashes=[photo.sha256])
    assert sealed["status"] == "applied"
    # sent by laptops that had not heard of the seal yet
    added = laptop.send("create", late)
    assert (added["status"], added["status_code"], added["code"]) == ("rejected", 409, "owner.sealed")
    changed = laptop.send("update", photo.model_copy(update={"description": "门前照片"}), base_version=1,
                          fields=["description"])
    assert (changed["status"], changed["status_code"], changed["code"]) == ("conflict", 409, "owner.sealed")
    assert [(c["field"], c["client_value"]) for c in changed["conflicts"]] == [("description", "门前照片")]  # kept
    deleted = laptop.send("delete", photo)
    assert (deleted["status"], deleted["status_code"], deleted["code"]) == ("rejected", 409, "owner.sealed")
    assert deleted["version"] == 1  # the photo stands at version 1: the laptop fetches it again
    stored = laptop.records()
    assert late.id not in stored and not stored[photo.id]["deleted"] and stored[photo.id]["record"]["description"] is None
    # moving a photo onto a sealed record is adding one to it
    loose = _photo_of(_completed_visit(), 3).model_copy(update={"owner_type": None, "owner_id": None})
    laptop.send("create", loose)
    moved = laptop.send("update", loose.model_copy(update={"owner_type": "visit", "owner_id": visit.id}),
                        base_version=1, fields=["owner_id", "owner_type"])
    assert (moved["status"], moved["code"]) == ("conflict", "owner.sealed")
    assert laptop.records()[loose.id]["record"]["owner_id"] is None


def test_a_deleted_record_leaves_a_tombstone_and_never_comes_back(laptop):
    head = f.person()
    laptop.send("create", head)
    assert laptop.send("delete", head)["status"] == "applied"
    tomb = laptop.records()[head.id]
    assert tomb["deleted"] and tomb["record"] is None and tomb["version"] == 2
    again = laptop.send("create", head)
    assert (again["status"], again["status_code"]) == ("rejected", 410)
    edit = laptop.send("update", head.model_copy(update={"full_name": "韦复活"}), base_version=1,
                       fields=["full_name"])
    assert edit["code"] == "record.deleted" and edit["conflicts"][0]["client_value"] == "韦复活"


def test_a_record_outside_the_workers_villages_is_refused(laptop):
    elsewhere = f.person().model_copy(update={"village_code": "450224106201"})
    result = laptop.send("create", elsewhere)
    assert (result["status"], result["status_code"], result["code"]) == ("rejected", 403, "territory.outside")
    assert elsewhere.id not in laptop.records()


def test_a_change_made_under_an_older_assignment_is_quarantined(engine, laptop, worker):
    from sync.server import accounts

    head = f.person()
    epoch = laptop.client.get("/v1/sync/hello", headers=laptop.headers).json()["assignment_epoch"]
    with engine.begin() as conn:
        accounts.assign(conn, worker.username, [grid_of("450224101202", 1)])  # moved to 隘口村
    result = laptop.send("create", head, assignment_epoch=epoch)
    assert (result["status"], result["status_code"]) == ("quarantined", 202)
    from sqlalchemy import select

    from sync.server.tables import quarantine
    with engine.connect() as conn:
        rows = conn.execute(select(quarantine.c.record_id, quarantine.c.bucket)).all()
    assert [tuple(r) for r in rows] == [(head.id, VILLAGE)]


def test_a_cloned_device_is_told_to_register_again_and_nothing_is_applied(laptop):
    laptop.push(mutation("create", f.person("韦一"), 1))
    clone = mutation("create", f.person("韦二"), 1)  # same sequence number, another mutation
    body = laptop.push(clone, status=409)
    assert body["code"] == "device.clone" and "重新登录" in body["message"]
    assert len(laptop.records()) == 1


def test_an_edit_by_a_mediator_to_a_case_not_theirs_is_refused(client, login, make_user, laptop):
    mediator = make_user("mediator", "450224101", mediator_id=f.new_id())
    theirs = Laptop(client, login(mediator))
    head = f.person()
    laptop.send("create", head)
    result = theirs.send("update", head.model_copy(update={"full_name": "韦改名"}), base_version=1,
                         fields=["full_name"])
    assert (result["status"], result["status_code"]) == ("rejected", 403)


def test_a_batch_that_repeats_a_sequence_number_is_refused_whole(laptop):
    first, second = mutation("create", f.person("韦一"), 7), mutation("create", f.person("韦二"), 7)
    body = laptop.push(first, second, status=422)
    assert body["code"] == "push.duplicate_in_batch" and laptop.records() == {}

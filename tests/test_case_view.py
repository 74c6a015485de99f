"""The read-only case view a grid worker gets: labels not codes, masked ID numbers and phones, a
family matter's content left out, the mediation and 司法确认 deadlines with days left."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gridapp import codes, demo, privacy
from gridapp.case_view import HIDDEN, case_view
from gridapp.models.dispute import DisputeCase
from gridapp.states import state_label


@pytest.fixture
def county(store):
    store.import_records(demo.generate(households=30, seed=7))
    return store


def _cases(store) -> list[DisputeCase]:
    return [store.get(s.id) for s in store.summaries("case")]  # type: ignore[misc]


def test_a_case_shows_labels_and_masked_parties(county):
    case = next(c for c in _cases(county) if c.agreement_id and c.dispute_type != "marriage_family")
    view = case_view(county, case.id)
    assert (view.case_no, view.dispute_type, view.state) == \
        (case.case_no, codes.DISPUTE_TYPE[case.dispute_type], state_label("case", case.state))
    assert [(p.role, p.name, p.id_number_masked, p.phone_masked) for p in view.parties] == [
        (codes.PARTY_ROLE[p.role], p.name, privacy.mask_id_number(p.id_number), privacy.mask_phone(p.phone))
        for p in case.parties]
    shown = repr(view)
    assert all(p.id_number not in shown and p.phone not in shown for p in case.parties if p.id_number and p.phone)
    assert view.summary == case.summary and not view.content_hidden
    assert view.agreement is not None and view.agreement.id == case.agreement_id
    assert [s.id for s in view.sessions] == case.session_ids


def test_a_family_matters_content_is_left_out(county):
    case = next(c for c in _cases(county) if c.dispute_type == "marriage_family" and c.summary and c.session_ids)
    view = case_view(county, case.id)
    assert view.content_hidden and view.summary == "" and HIDDEN.startswith("婚姻家庭")
    assert all(s.matter == "" for s in view.sessions) and view.oral_agreement == ""
    assert case.summary not in repr(view)
    assert [p.name for p in view.parties] == [p.name for p in case.parties]  # who is involved is C2, shown


def test_a_running_case_past_its_deadline_is_flagged(county):
    case = next(c for c in _cases(county) if c.state == "MEDIATING" and c.due_at)
    view = case_view(county, case.id, today=case.due_at + timedelta(days=3))
    (mediation,) = [d for d in view.deadlines if d.name == "调解期限"]
    assert (mediation.due, mediation.days_left, mediation.running) == (case.due_at, -3, True)
    assert view.flags == ("已超过调解期限",)
    before = case_view(county, case.id, today=case.due_at - timedelta(days=5))
    assert before.flags == () and before.deadlines[0].days_left == 5


def test_a_registered_case_has_no_deadline_yet(county):
    case = next(c for c in _cases(county) if c.state == "REGISTERED")
    assert case_view(county, case.id).deadlines == ()


def test_words_of_a_family_matters_summary_find_nothing_but_its_number_and_parties_do(county):
    family = next(c for c in _cases(county) if c.dispute_type == "marriage_family" and len(c.summary or "") >= 6)
    other = next(c for c in _cases(county) if c.dispute_type != "marriage_family" and len(c.summary or "") >= 6)

    def found(text: str) -> set[str]:
        return {s.id for s in county.search(text, types=["case"], limit=500)}

    assert family.id not in found(family.summary[:6])
    assert other.id in found(other.summary[:6])
    assert family.id in found(family.case_no)
    assert family.id in found(family.party_names[0])

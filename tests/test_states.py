"""State machines as data: allowed moves, Chinese refusals, sealing points, terminal states."""

from __future__ import annotations

import pytest

from gridapp import states
from gridapp.errors import TransitionNotAllowed
from gridapp.states import (
    MACHINES, SEAL_ON, STATE_LABELS, allowed_next, check_transition, is_sealed_state, is_terminal,
)


def test_visit_machine():
    assert allowed_next("visit", "DRAFT") == {"COMPLETED"}
    assert allowed_next("visit", "REVIEWED") == {"ACCEPTED", "RETURNED"}
    assert allowed_next("visit", "RETURNED") == {"DRAFT"}


def test_meeting_failed_quorum_goes_back_to_notice():
    assert allowed_next("meeting", "HELD") == {"VOTED", "QUORUM_FAILED"}
    assert allowed_next("meeting", "QUORUM_FAILED") == {"NOTICED"}
    assert allowed_next("meeting", "PUBLICIZED") == {"IMPLEMENTING", "HELD", "VOTED"}


def test_case_outcomes():
    assert allowed_next("case", "MEDIATING") == {
        "AGREEMENT_PENDING_SIGNATURE", "ORAL_AGREED", "TERMINATED_NO_AGREEMENT", "WITHDRAWN", "REFERRED"}
    assert allowed_next("case", "URGED") == {"PERFORMED", "REMEDIATED", "LITIGATION_OR_ENFORCEMENT"}


def test_refusal_messages_are_chinese():
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition("visit", "DRAFT", "REVIEWED")
    assert (caught.value.code, caught.value.message) == (
        "transition.not_allowed", "走访记录不能从“草稿”直接变为“已审核”")
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition("case", "REJECTED", "ACCEPTED")
    assert (caught.value.code, caught.value.message) == (
        "transition.terminal", "纠纷案件已是“不予受理”，不能再变为“已受理”")
    with pytest.raises(TransitionNotAllowed) as caught:
        check_transition("person", "ACTIVE", "DRAFT")
    assert caught.value.code == "transition.no_machine"


def test_allowed_moves_pass():
    check_transition("agreement", "AWAITING_SIGNATURES", "EFFECTIVE")
    check_transition("jc_state", "JC_NONE", "JC_APPLIED")
    check_transition("session", "DRAFT", "SIGNED")


def test_seal_points():
    assert SEAL_ON == {("visit", "COMPLETED"), ("meeting", "VOTED"), ("meeting", "QUORUM_FAILED"),
                       ("agreement", "EFFECTIVE"), ("session", "SIGNED")}
    assert states.seals("visit", "COMPLETED") and not states.seals("case", "ARCHIVED")
    assert is_sealed_state("agreement", "PERFORMING") and not is_sealed_state("agreement", "DRAFT")


def test_terminal_states():
    assert is_terminal("case", "REJECTED") and is_terminal("case", "ARCHIVED")
    assert is_terminal("agreement", "SUPERSEDED")
    assert not is_terminal("case", "MEDIATING") and not is_terminal("case", "NO_SUCH_STATE")


def test_every_state_has_a_label_and_every_target_is_a_state():
    for record_type, machine in MACHINES.items():
        for state, targets in machine.items():
            assert state in STATE_LABELS, state
            assert targets <= machine.keys(), (record_type, state)
    for record_type, state in SEAL_ON:
        assert state in MACHINES[record_type]
        assert is_sealed_state(record_type, state)

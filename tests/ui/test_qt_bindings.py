"""The Qt bindings the app is installed with keep Python's objects alive. PySide6 6.12.0's
`Signal.emit()` returned `True` without taking a reference: every emit — the app makes one per
database answer — lowered `True`'s count until Python 3.11 freed it and the app aborted with
"bool_dealloc" (after scrolling a long list, or at exit). pyproject.toml keeps that release out;
this test fails on any release that brings the bug back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    value = Signal(object)
    number = Signal(int)


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_false_alone(qapp):
    sender = _Sender()
    received = []
    sender.value.connect(received.append)
    sender.number.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(200):
        sender.value.emit({"rows": n})
        sender.number.emit(n)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 400
    assert after == before

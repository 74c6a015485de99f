"""A real crash while typing a visit: a child process opens the laptop's store, types into the
visit form, lets about a second pass, and kills itself with SIGKILL. The draft, with what was
typed, is in the store when it is opened again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sync.credentials import open_local_store

ROOT = Path(__file__).resolve().parents[2]
TYPED = "户主说水管漏水，已联系村委会维修"

CHILD = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from pathlib import Path

    import keyring
    from tests.support.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()  # the parent's keyring secrets, handed over: the same key opens the store
    for (service, name), secret in json.loads(os.environ["TEST_KEYRING"]):
        backend.set_password(service, name, secret)
    keyring.set_keyring(backend)

    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from sync.credentials import open_local_store
    from ui.visit_form import VisitForm
    from ui.worker import Runner

    path, household_id, typed = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    store = open_local_store(path, actor="韦网格员")
    form = VisitForm(Runner(store))
    form.show()

    def spin(ms):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    form.choose_household(household_id)
    while form.household is None:
        spin(20)
    form.summary.setFocus()
    for ch in typed:  # key by key, as the keyboard delivers it
        app.sendEvent(form.summary, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                              Qt.KeyboardModifier.NoModifier, ch))
        spin(15)
    print("TYPED", form.base.id, flush=True)
    spin(1200)  # the last keystroke is a little over a second old
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_visit_typed_a_second_before_a_crash_is_in_the_store(demo_db, memory_keyring):
    with open_local_store(demo_db, actor="韦网格员") as store:
        household_id = store.list_ids("household")[0]
        visits = store.count("visit")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "TEST_KEYRING": json.dumps(list(memory_keyring.secrets.items()))}
    child = subprocess.run([sys.executable, "-c", CHILD, str(demo_db), household_id, TYPED],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    visit_id = next(line.split()[1] for line in child.stdout.splitlines() if line.startswith("TYPED"))

    with open_local_store(demo_db, actor="韦网格员") as store:
        assert store.integrity_check() == ["ok"]
        assert store.count("visit") == visits + 1
        draft = store.get(visit_id)
        assert (draft.state, draft.household_id, draft.summary) == ("DRAFT", household_id, TYPED)

"""The real window on a real X server: Xvfb with Qt's `xcb` platform plugin, the one Linux users
get. Off-screen tests never load xcb, so they cannot notice a missing system library
(libxcb-cursor0 and friends, listed in the README); this test does.

A child process starts the desktop (`Desktop.start`, the same path as `gridapp`) on an existing
database, waits until the window is mapped and exposed, checks it is painted, closes it the way
a user does, and exits; the parent checks the exit code and what the child said.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gridapp import demo
from sync.credentials import open_local_store

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.app import Desktop, prepare_application
    from ui.settings import Settings

    app = prepare_application([])
    print("platform", app.platformName(), flush=True)
    folder = Path(sys.argv[1])
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.offline_chosen = True
    desktop = Desktop.start(app, folder / "gridapp.db", settings=settings, actor="韦网格员")
    window = desktop.window
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (window.windowHandle() and window.windowHandle().isExposed()):
        app.processEvents()
        time.sleep(0.02)
    print("exposed", bool(window.windowHandle() and window.windowHandle().isExposed()), flush=True)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    shot = window.screen().grabWindow(window.winId())
    image = shot.toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
    print("size", image.width(), image.height(), "colours", len(colours), flush=True)
    shot.save(str(folder / "xcb-window.png"))
    window.close()
    desktop.close()
    print("closed", flush=True)
""")


def test_the_window_opens_and_closes_on_a_real_x_server(tmp_path: Path, no_keyring, monkeypatch):
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install xvfb (Debian's xvfb package); see .ci/run")
        pytest.skip("xvfb-run is not installed (apt-get install xvfb xauth)")
    env = {**os.environ, "GRIDAPP_PASSPHRASE": "xcb-test-pass-2024", "QT_QPA_PLATFORM": "xcb",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    monkeypatch.setenv("GRIDAPP_PASSPHRASE", "xcb-test-pass-2024")  # no keyring here nor in the child
    with open_local_store(tmp_path / "gridapp.db", actor="韦网格员") as store:
        store.import_records(demo.generate(households=20, seed=3))
    result = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-c", CHILD, str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2],
    )
    said = result.stdout
    assert result.returncode == 0, f"exit {result.returncode}\n{said}\n{result.stderr[-3000:]}"
    assert "platform xcb" in said
    assert "exposed True" in said
    size = said.split("size ")[1].split()
    assert int(size[0]) >= 960 and int(size[1]) >= 600  # the window's minimum size
    colours = int(said.split("colours ")[1].split()[0])
    assert colours > 3, "the window was mapped but nothing was painted"
    assert said.rstrip().endswith("closed")
    assert (tmp_path / "xcb-window.png").stat().st_size > 0

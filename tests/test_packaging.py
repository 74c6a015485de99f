"""The PyInstaller build (`build.spec`): it builds, the frozen app passes its self-check, the server stays out."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "build.spec"

SERVER_PACKAGES = {"fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "psycopg2"}
TEST_PACKAGES = {"pytest", "_pytest", "pytestqt", "hypothesis"}
UNWANTED_QT_LIBS = ("Qml", "Quick", "WebEngine", "3D", "Multimedia", "Pdf", "Charts", "Designer")


# --- the spec, read without building -----------------------------------------------------------


def _spec_constants() -> dict[str, object]:
    """The spec's literal module-level constants (ENTRY_POINT, SERVER_SIDE, ...)."""
    constants = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return constants


def _spec_call(name: str) -> ast.Call:
    calls = [
        node
        for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]
    assert len(calls) == 1, f"build.spec should call {name}() once"
    return calls[0]


def test_spec_builds_the_desktop_entry_point_as_onedir():
    constants = _spec_constants()
    assert constants["ENTRY_POINT"] == "ui/main.py"
    analysis = _spec_call("Analysis")
    assert ast.unparse(analysis.args[0]) == "[ENTRY_POINT]"
    exe_keywords = {k.arg: ast.unparse(k.value) for k in _spec_call("EXE").keywords}
    assert exe_keywords["exclude_binaries"] == "True"  # binaries go to COLLECT: a onedir build
    assert exe_keywords["name"] == "'gridapp'"
    assert {k.arg: ast.unparse(k.value) for k in _spec_call("COLLECT").keywords}["name"] == "'gridapp'"


def test_spec_excludes_the_server_and_the_test_tools():
    constants = _spec_constants()
    assert {"sync.server"} | SERVER_PACKAGES <= set(constants["SERVER_SIDE"])
    assert TEST_PACKAGES <= set(constants["TEST_TOOLS"])
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"} <= set(constants["UNUSED_QT"])
    excludes = {k.arg: ast.unparse(k.value) for k in _spec_call("Analysis").keywords}["excludes"]
    assert excludes == "SERVER_SIDE + TEST_TOOLS + [f'PySide6.{name}' for name in UNUSED_QT]"


# --- the real build ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build once per run into a temporary folder; the folder `dist/gridapp` of the onedir build."""
    work = tmp_path_factory.mktemp("pyinstaller")
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
        "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
    ]  # fmt: skip
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=work, env=env, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, f"PyInstaller failed after {elapsed:.0f} s:\n{result.stderr[-4000:]}"
    folder = work / "dist" / "gridapp"
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"\nPyInstaller build: {elapsed:.0f} s, bundle {size / 2**20:.0f} MiB")
    return folder


def _bundled_names(folder: Path) -> set[str]:
    """Module names inside the executable's archives, plus every path under `_internal/`."""
    from PyInstaller.archive.readers import pkg_archive_contents

    modules = set(pkg_archive_contents(str(folder / "gridapp")))
    files = {path.relative_to(folder).as_posix() for path in folder.rglob("*")}
    return modules | files


@pytest.mark.slow
def test_frozen_app_passes_its_self_check(bundle, tmp_path):
    result = subprocess.run(
        [str(bundle / "gridapp"), "--self-check"],
        cwd=tmp_path,
        env=dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    assert (result.returncode, "自检通过" in out) == (0, True), f"stdout:\n{out}\nstderr:\n{err[-4000:]}"


def _top_level(name: str) -> str:
    """`fastapi.routing` → fastapi; `_internal/fastapi-0.1.dist-info/RECORD` → fastapi."""
    if "/" not in name:
        return name.split(".")[0]
    parts = name.split("/")
    top = parts[1] if parts[0] == "_internal" and len(parts) > 1 else parts[0]
    return top.split("-")[0].split(".")[0]


@pytest.mark.slow
def test_bundle_leaves_out_the_server_and_test_tools(bundle):
    names = _bundled_names(bundle)
    leaked = sorted(
        name
        for name in names
        if _top_level(name) in SERVER_PACKAGES | TEST_PACKAGES
        or name.startswith("sync.server")
        or "sync/server" in name
    )
    assert leaked == []
    assert {"gridapp.selfcheck", "ui.main"} <= names  # the check read the right archive


@pytest.mark.slow
def test_bundle_carries_resources_and_no_unused_qt(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "data" / "rongan-villages.csv").is_file()
    qt_libs = sorted(p.name for p in internal.glob("PySide6/Qt/lib/libQt6*"))
    assert [name for name in qt_libs if any(part in name for part in UNWANTED_QT_LIBS)] == []

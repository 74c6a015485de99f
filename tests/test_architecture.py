"""The import rules of architecture.md §1 and the module-docstring habit of style.md, enforced.

An AST walk, not an import: every `import` statement counts wherever it stands (module level, inside a
function, under `if TYPE_CHECKING:`), and so do `importlib.import_module("...")` / `__import__("...")`
calls with a literal name. Relative imports are resolved against the importing module's package.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIRST_PARTY = ("gridapp", "sync", "ui")

QT = ("PySide6", "shiboken6")
# Libraries only the county server uses. The desktop build (build.spec) excludes them, so an import
# of one from the desktop side would break the frozen app, not only the layering.
SERVER_ONLY = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "psycopg2")


@dataclass(frozen=True)
class Rule:
    """Modules in `layer` must not import any module named in `forbidden` (or below it)."""

    layer: str
    forbidden: tuple[str, ...]
    why: str
    allowed: tuple[str, ...] = ()  # exceptions below a forbidden name, e.g. sync.protocol below sync

    def breaks(self, module: str) -> bool:
        if any(_within(module, ok) for ok in self.allowed):
            return False
        return any(_within(module, bad) for bad in self.forbidden)


RULES = {
    "gridapp": Rule(
        "gridapp",
        QT + ("requests", "keyring", "httpx", "ui", "sync") + SERVER_ONLY,
        "gridapp is the Qt-free core: no Qt, HTTP, keyring, server libraries, nothing from ui or sync",
    ),
    "sync": Rule(
        "sync (client side)",
        QT + ("sync.server", "ui") + SERVER_ONLY,
        "sync (client side) may import gridapp, requests, keyring; never Qt, ui or sync.server",
    ),
    "sync.server": Rule(
        "sync/server",
        QT + ("ui", "keyring", "sync"),
        "sync/server may import sync.protocol and gridapp; never ui, Qt, keyring or the sync client",
        allowed=("sync.protocol", "sync.server"),
    ),
    "ui": Rule(
        "ui",
        ("sync.server",) + SERVER_ONLY,
        "ui may import gridapp and sync (client side); never sync.server or server libraries",
    ),
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    imported: str
    rule: Rule

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: imports {self.imported!r} — {self.rule.why}"


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def module_name(root: Path, path: Path) -> str:
    """`sync/server/app.py` → `sync.server.app`; a package's `__init__.py` → the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def rule_for(module: str) -> Rule | None:
    """The server is checked by its own rule; the rest of `sync` by the client-side rule."""
    if _within(module, "sync.server"):
        return RULES["sync.server"]
    top = module.split(".")[0]
    return RULES.get(top)


def _is_first_party_module(root: Path, dotted: str) -> bool:
    base = root.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported_modules(source: str, module: str, is_package: bool, root: Path) -> list[tuple[int, str]]:
    """Every (line, module) the source imports, anywhere in the file."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".") if package else []
                anchor = anchor[: len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from sync import server` imports sync.server: a first-party name that is a module
            # counts as that module; any other name counts as an import of `base` itself.
            names = [f"{base}.{alias.name}" for alias in node.names]
            if base.split(".")[0] in FIRST_PARTY:
                submodules = [name for name in names if _is_first_party_module(root, name)]
                found.extend((node.lineno, name) for name in submodules)
                if len(submodules) < len(names):
                    found.append((node.lineno, base))
            else:
                found.append((node.lineno, base))
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.append((node.lineno, node.args[0].value))
    return [(line, name) for line, name in found if name]


def python_files(root: Path) -> list[Path]:
    return sorted(
        path
        for top in FIRST_PARTY
        if (root / top).is_dir()
        for path in (root / top).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def import_violations(root: Path) -> list[Violation]:
    """Every import in gridapp/, sync/ and ui/ under `root` that breaks the layer rules."""
    violations = []
    for path in python_files(root):
        module = module_name(root, path)
        rule = rule_for(module)
        if rule is None:
            continue
        source = path.read_text(encoding="utf-8")
        for line, imported in imported_modules(source, module, path.name == "__init__.py", root):
            if rule.breaks(imported):
                violations.append(Violation(path.relative_to(root).as_posix(), line, imported, rule))
    return violations


def docstring_offenders(root: Path) -> list[str]:
    """Modules of gridapp/ and sync/ that do not open with a docstring whose first line says what they provide."""
    offenders = []
    for path in python_files(root):
        if path.relative_to(root).parts[0] not in ("gridapp", "sync"):
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")), clean=False)
        if not doc or not doc.splitlines()[0].strip():
            offenders.append(f"{path.relative_to(root).as_posix()}:1: no one-line module docstring")
    return offenders


# --- the rules hold in this repository ---------------------------------------------------------


def test_layers_import_only_what_architecture_allows():
    violations = [str(v) for v in import_violations(REPO)]
    assert violations == [], "\n".join(violations)


def test_every_core_and_sync_module_opens_with_a_docstring():
    offenders = docstring_offenders(REPO)
    assert offenders == [], "\n".join(offenders)


def test_the_walk_sees_the_real_tree():
    modules = {module_name(REPO, path) for path in python_files(REPO)}
    assert {"gridapp", "gridapp.selfcheck", "ui.main", "sync", "sync.server"} <= modules


# --- the checker itself catches what it should --------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return tmp_path


def _found(root: Path) -> list[tuple[str, int, str, str]]:
    return sorted((v.path, v.line, v.imported, v.rule.layer) for v in import_violations(root))


def test_checker_reports_each_forbidden_import_with_file_line_and_rule(tmp_path):
    root = _tree(
        tmp_path,
        {
            "gridapp/__init__.py": '"""Core."""\n',
            "gridapp/store.py": '''\
                """Store."""
                import sqlite3

                def notify():
                    from PySide6.QtCore import QObject  # a lazy import counts
                    return QObject
            ''',
            "gridapp/report.py": '"""Report."""\nfrom ui import widgets\nimport keyring\n',
            "sync/__init__.py": '"""Sync."""\n',
            "sync/protocol.py": '"""Wire messages."""\n',
            "sync/engine.py": '''\
                """Client."""
                import requests
                import keyring
                from gridapp import store
                from sync import server
                from .server.app import make_app
            ''',
            "sync/server/__init__.py": '"""Server."""\n',
            "sync/server/app.py": '''\
                """App."""
                from sync import protocol
                from sync.protocol import Push
                from .. import engine
                from gridapp.store import Store
                import importlib
                importlib.import_module("keyring")
            ''',
            "ui/__init__.py": "",
            "ui/widgets.py": "from sync.engine import run\nfrom sync.server.app import make_app\n",
        },
    )
    assert _found(root) == [
        ("gridapp/report.py", 2, "ui.widgets", "gridapp"),
        ("gridapp/report.py", 3, "keyring", "gridapp"),
        ("gridapp/store.py", 5, "PySide6.QtCore", "gridapp"),
        ("sync/engine.py", 5, "sync.server", "sync (client side)"),
        ("sync/engine.py", 6, "sync.server.app", "sync (client side)"),
        ("sync/server/app.py", 4, "sync.engine", "sync/server"),
        ("sync/server/app.py", 7, "keyring", "sync/server"),
        ("ui/widgets.py", 2, "sync.server.app", "ui"),
    ]
    message = str(next(v for v in import_violations(root) if v.path == "gridapp/store.py"))
    assert message.startswith("gridapp/store.py:5: imports 'PySide6.QtCore' — gridapp is the Qt-free core")


def test_checker_passes_a_clean_tree(tmp_path):
    root = _tree(
        tmp_path,
        {
            "gridapp/__init__.py": '"""Core."""\n__version__ = "0"\n',
            "gridapp/store.py": '"""Store."""\nimport sqlite3\nfrom . import ids\nfrom gridapp import __version__\n',
            "gridapp/ids.py": '"""Ids."""\n',
            "sync/__init__.py": '"""Sync."""\n',
            "sync/engine.py": '"""Client."""\nimport requests, keyring\nfrom gridapp.store import x\n',
            "sync/server/__init__.py": '"""Server."""\n',
            "sync/server/app.py": '"""App."""\nimport fastapi\nfrom ..protocol import Push\nfrom gridapp import ids\n',
            "ui/__init__.py": "",
            "ui/app.py": "from PySide6 import QtWidgets\nfrom sync import engine\nfrom gridapp import store\n",
        },
    )
    assert _found(root) == []


def test_docstring_check_names_modules_without_one(tmp_path):
    root = _tree(
        tmp_path,
        {
            "gridapp/__init__.py": "",
            "gridapp/good.py": '"""Provides good things.\n\nMore detail."""\nx = 1\n',
            "gridapp/late.py": 'import os\n"""Not a docstring: it comes after code."""\n',
            "sync/__init__.py": '"""Sync."""\n',
            "sync/server/blank.py": '"""\n\nStarts with an empty line."""\n',
            "ui/free.py": "x = 1\n",  # ui is not checked for docstrings
        },
    )
    assert docstring_offenders(root) == [
        "gridapp/__init__.py:1: no one-line module docstring",
        "gridapp/late.py:1: no one-line module docstring",
        "sync/server/blank.py:1: no one-line module docstring",
    ]

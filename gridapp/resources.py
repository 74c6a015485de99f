"""Finds files under `resources/`, both from a source checkout and inside a PyInstaller build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The folder that holds `data/`, `translations/`, `templates/` and icons."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. `resource_path("data", "rongan-villages.csv")`."""
    return resource_dir().joinpath(*parts)

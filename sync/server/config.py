"""Server configuration: defaults, then a TOML file (`GRIDAPP_SERVER_CONFIG`), then environment
variables `GRIDAPP_SERVER_<NAME>` (pydantic-settings). Example file: docs/server.md."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRIDAPP_SERVER_", extra="forbid")

    database_url: str = Field(default="sqlite:///gridapp-server.db",
                              description="sqlite:///PATH or postgresql+psycopg://USER:PASS@HOST/DB")
    blob_dir: Path = Field(default=Path("blobs"), description="where attachment files are kept")
    snapshot_dir: Path | None = Field(default=None, description="cache of bucket snapshots (default: blob_dir/../snapshots)")
    max_body_bytes: int = 8 * 1024 * 1024
    max_batch: int = 500
    max_page: int = 2000
    max_blob_bytes: int = 50 * 1024 * 1024
    blob_chunk_bytes: int = 1024 * 1024
    # Login throttling: after `login_slow_after` failures each attempt waits longer; after
    # `login_lock_after` the account is locked for `login_lock_minutes`.
    login_slow_after: int = 3
    login_lock_after: int = 10
    login_lock_minutes: int = 15
    # A village whose snapshot (first sync) holds more records than this is logged as a warning
    # when the snapshot is built. Nothing is refused; laptops check their own disk against the
    # snapshot's size (docs/sync.md, "Huge first sync").
    snapshot_warn_records: int = 100_000
    # A village's cached snapshot at most this many changes behind its newest is served as it is;
    # the laptop pulls the rest as usual. On a busy county server nearly every first sync would
    # otherwise build the village's snapshot again (docs/sync.md, "How a first sync runs").
    snapshot_stale_changes: int = Field(default=1_000, ge=0)
    pool_size: int = 10
    log_level: str = "INFO"

    def snapshots(self) -> Path:
        return self.snapshot_dir or self.blob_dir.parent / "snapshots"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the TOML file named by GRIDAPP_SERVER_CONFIG (if any), the environment, and
    `overrides` (highest)."""
    from_file: dict[str, Any] = {}
    path = os.environ.get("GRIDAPP_SERVER_CONFIG")
    if path:
        with open(Path(path), "rb") as fh:
            from_file = tomllib.load(fh).get("server", {})
    env = Settings()  # environment and defaults
    merged = {**from_file, **{k: getattr(env, k) for k in env.model_fields_set}, **overrides}
    return Settings(**merged)

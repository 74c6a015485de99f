"""Server settings come from defaults, a TOML file, the environment, then explicit overrides."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from sync.server.config import load_settings


def test_file_then_environment_then_overrides(tmp_path, monkeypatch):
    config = tmp_path / "server.toml"
    config.write_text('[server]\ndatabase_url = "sqlite:////srv/gridapp.db"\nmax_batch = 200\nmax_page = 300\n',
                      encoding="utf-8")
    monkeypatch.setenv("GRIDAPP_SERVER_CONFIG", str(config))
    monkeypatch.setenv("GRIDAPP_SERVER_MAX_BATCH", "250")
    settings = load_settings(max_page=400)
    assert (settings.database_url, settings.max_batch, settings.max_page) == ("sqlite:////srv/gridapp.db", 250, 400)
    assert settings.blob_dir == Path("blobs")


def test_a_misspelt_setting_is_an_error_not_silently_ignored(tmp_path, monkeypatch):
    config = tmp_path / "server.toml"
    config.write_text('[server]\nmax_bacth = 200\n', encoding="utf-8")
    monkeypatch.setenv("GRIDAPP_SERVER_CONFIG", str(config))
    with pytest.raises(ValidationError, match="max_bacth"):
        load_settings()


def test_a_negative_count_of_changes_for_a_cached_snapshot_is_refused():
    with pytest.raises(ValidationError, match="snapshot_stale_changes"):
        load_settings(snapshot_stale_changes=-1)

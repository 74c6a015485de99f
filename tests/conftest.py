"""Suite-wide set-up: Qt renders off-screen, and every test gets its own in-memory keyring."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display, CI has none.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Child processes (the `gridapp` command run by a test) cannot share the in-memory keyring; they
# see "no keyring backend" instead of the OS keychain, and take the passphrase path.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import keyring  # noqa: E402
import keyring.backends.fail  # noqa: E402
import pytest  # noqa: E402

from tests.support.memory_keyring import MemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    """A fresh, empty in-memory keyring for every test (request it to inspect what was stored)."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> keyring.backends.fail.Keyring:
    """The OS has no keyring backend: every keyring call raises, as on a bare Linux desktop."""
    backend = keyring.backends.fail.Keyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def db_key() -> bytes:
    """The 32-byte key of the test store (as the keyring would hand it over)."""
    return bytes(range(32))


@pytest.fixture
def store(tmp_path, db_key):
    """A fresh encrypted store in a temporary folder, closed after the test."""
    from gridapp.store import Store

    opened = Store.create(tmp_path / "gridapp.db", db_key, actor="韦网格员", device_id="laptop-1")
    yield opened
    opened.close()

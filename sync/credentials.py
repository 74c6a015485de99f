"""The only module that touches `keyring`: secrets behind get/set/delete, and the local store's key.

When the OS has no keyring backend (a bare Linux, some shared Windows set-ups), GridApp does not
fail: `keyring_available()` says so, secrets are not kept, and the database key comes from a
passphrase the user types (scrypt, see `gridapp.keys`). The key is never written to disk in clear.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
from keyring.backends import fail

from gridapp import keys
from gridapp.errors import KeyUnavailable, WrongKey
from gridapp.store import Store

SERVICE = "GridApp"
PassphrasePrompt = Callable[[bool], str | None]  # argument: True when creating a new passphrase


def keyring_available() -> bool:
    """True when an OS keyring backend that can keep secrets is present."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return True


def get_secret(name: str) -> str | None:
    """The secret stored under `name`, or None (also when no keyring backend exists)."""
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError:
        return None


def set_secret(name: str, value: str) -> bool:
    """Keep `value` under `name`; False when there is no keyring to keep it in."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError:
        return False
    return True


def delete_secret(name: str) -> None:
    """Forget the secret `name`; forgetting what was never kept is not an error."""
    if not keyring_available():
        return
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError:
        pass


def env_passphrase(_creating: bool) -> str | None:
    """A passphrase prompt for scripts: the `GRIDAPP_PASSPHRASE` environment variable."""
    return os.environ.get("GRIDAPP_PASSPHRASE") or None


def store_key(db_path: Path, prompt: PassphrasePrompt = env_passphrase) -> bytes:
    """The key of the database at `db_path`, creating and keeping one for a new database.

    A new database gets a random key in the keyring, or — without a keyring — a key derived
    from a passphrase asked through `prompt(True)`. Raises KeyUnavailable with a plain message
    when no key can be had; WrongKey is raised later by `Store.open` when a passphrase is wrong.
    """
    info = keys.read_key_info(db_path)
    if info is None:
        if db_path.exists():
            raise KeyUnavailable(
                "数据库文件缺少钥匙说明文件（.keyinfo.json），无法打开。请从备份恢复或联系技术支持。"
            )
        return _new_key(db_path, prompt)
    if info.mode == "keyring":
        secret = get_secret(info.keyring_name())
        if secret is None:
            raise KeyUnavailable(
                "在本机的系统钥匙串中找不到这个数据库的钥匙（可能换了系统账户或重装了系统）。"
                "数据库文件没有被改动；已同步到县服务器的数据不会丢失，请联系技术支持。"
            )
        return bytes.fromhex(secret)
    passphrase = prompt(False)
    if not passphrase:
        raise KeyUnavailable("这台电脑没有系统钥匙串，请输入数据库口令（或设置 GRIDAPP_PASSPHRASE）。")
    return keys.derive_key(passphrase, info)


def _new_key(db_path: Path, prompt: PassphrasePrompt) -> bytes:
    if keyring_available():
        info = keys.KeyInfo(mode="keyring")
        key = keys.new_random_key()
        if set_secret(info.keyring_name(), key.hex()):
            keys.write_key_info(db_path, info)
            return key
    info = keys.new_passphrase_info()
    passphrase = prompt(True)
    if not passphrase:
        raise KeyUnavailable(
            "这台电脑没有系统钥匙串，需要设置一个数据库口令（或设置 GRIDAPP_PASSPHRASE）。"
        )
    keys.check_passphrase_strength(passphrase)
    keys.write_key_info(db_path, info)
    return keys.derive_key(passphrase, info)


def open_local_store(
    db_path: Path, *, actor: str, device_id: str | None = None,
    prompt: PassphrasePrompt = env_passphrase,
) -> Store:
    """Open (or create) the laptop's store with its key from the keyring or a passphrase."""
    db_path = Path(db_path)
    existed = db_path.exists()
    key = store_key(db_path, prompt)
    if existed:
        return Store.open(db_path, key, actor=actor, device_id=device_id)
    return Store.create(db_path, key, actor=actor, device_id=device_id)


# ---------------------------------------------------------------- the county server account


@dataclass(frozen=True)
class ServerAccount:
    """Who this laptop is on the county server. The URL, user name and device id live in the
    (encrypted) store; the token in the keyring, or — without one — in the encrypted store too."""

    url: str
    username: str
    device_id: str
    token: str


def _token_name(store: Store) -> str:
    return f"token:{store.get_meta('device_id')}"


def save_account(store: Store, account: ServerAccount) -> None:
    store.set_meta("server_url", account.url)
    store.set_meta("server_username", account.username)
    store.set_meta("server_device_id", account.device_id)
    if set_secret(_token_name(store), account.token):
        store.set_meta("server_token", "")
    else:
        store.set_meta("server_token", account.token)


def load_account(store: Store) -> ServerAccount | None:
    """The saved account, or None when this laptop has not signed in (or was signed out)."""
    url, username, device = (store.get_meta(k) for k in ("server_url", "server_username", "server_device_id"))
    token = get_secret(_token_name(store)) or store.get_meta("server_token")
    if not (url and username and device and token):
        return None
    return ServerAccount(url, username, device, token)


def forget_token(store: Store) -> None:
    """Sign out: the token is dropped; the URL and user name stay for the next sign-in."""
    delete_secret(_token_name(store))
    store.set_meta("server_token", "")


__all__ = [
    "SERVICE", "ServerAccount", "WrongKey", "delete_secret", "forget_token", "get_secret", "keyring_available",
    "load_account", "open_local_store", "save_account", "set_secret", "store_key",
]

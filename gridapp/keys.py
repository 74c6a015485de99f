"""Database keys: 32 random bytes kept in the OS keyring, or derived from a passphrase (scrypt).

The core never talks to the keyring itself (architecture.md §1); `sync.credentials` does, and
hands the core a key. What the core owns is the small clear-text *key info* file beside the
database: which way the key is kept and, for a passphrase, the scrypt salt and cost. It holds
no secret, so a lost laptop reveals nothing from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from gridapp.errors import GridAppError, KeyUnavailable
from gridapp.wording import say

KEY_BYTES = 32
MIN_PASSPHRASE_CHARS = 8
# scrypt cost: about 0.1 s and 32 MiB on a modest laptop, paid once per start.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1

KeyMode = Literal["keyring", "passphrase"]


@dataclass(frozen=True)
class KeyInfo:
    """What the key-info file says: `store_uid` names the key in the keyring."""

    mode: KeyMode
    store_uid: str = field(default_factory=lambda: secrets.token_hex(16))
    salt: str | None = None
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    format: int = 1

    def keyring_name(self) -> str:
        return f"db-key:{self.store_uid}"


def key_info_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".keyinfo.json")


def read_key_info(db_path: Path) -> KeyInfo | None:
    """The key info of `db_path`, or None when the database has none yet.

    Raises KeyUnavailable when the file exists but cannot be understood."""
    path = key_info_path(db_path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return KeyInfo(**data)
    except (ValueError, TypeError) as exc:
        raise KeyUnavailable(say("数据库钥匙说明文件已损坏：{file}，请联系技术支持。", file=path.name)) from exc


def write_key_info(db_path: Path, info: KeyInfo) -> None:
    """Write the key info atomically (a half-written file would lock the user out)."""
    path = key_info_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(info), indent=1), encoding="utf-8")
    os.replace(tmp, path)


def new_random_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_passphrase_info(store_uid: str | None = None) -> KeyInfo:
    uid = store_uid or secrets.token_hex(16)
    return KeyInfo(mode="passphrase", store_uid=uid, salt=secrets.token_hex(16))


def check_passphrase_strength(passphrase: str) -> None:
    """Raise GridAppError when a new passphrase is too weak to protect the data."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise GridAppError(
            f"口令太短：至少需要 {MIN_PASSPHRASE_CHARS} 个字符。", code="passphrase.too_short"
        )


def derive_key(passphrase: str, info: KeyInfo) -> bytes:
    """The 32-byte database key for `passphrase` under the salt and cost in `info`."""
    if info.mode != "passphrase" or not info.salt:
        raise KeyUnavailable(say("这个数据库不是用口令加密的。"))
    if not passphrase:
        raise KeyUnavailable(say("请输入数据库口令。"))
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=bytes.fromhex(info.salt),
        n=info.n,
        r=info.r,
        p=info.p,
        maxmem=256 * 1024 * 1024,
        dklen=KEY_BYTES,
    )

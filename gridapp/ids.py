"""Record ids: time-ordered UUIDs (version 7 layout) minted on the laptop, so offline creation never collides."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from typing import NewType

RecordId = NewType("RecordId", str)
DeviceId = NewType("DeviceId", str)
UserId = NewType("UserId", str)

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> RecordId:
    """Return a new UUIDv7 string; ids minted in one process sort in creation order."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same millisecond (or the clock went back): keep order with a 12-bit counter,
            # borrowing the next millisecond when it overflows.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = 0
        counter = _counter
    rand = int.from_bytes(os.urandom(8), "big") & 0x3FFF_FFFF_FFFF_FFFF
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    return RecordId(str(uuid.UUID(int=value)))


def is_record_id(text: str) -> bool:
    """True when `text` is a canonical lower-case UUID string."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, AttributeError, TypeError):
        return False


# Crockford's base32 without I, L, O, U: read aloud or copied by hand without confusion.
_TAG_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def device_tag(device_id: str, length: int = 4) -> str:
    """A short, stable tag of a laptop (4 characters of a hash of its device id: about a million
    values), put into numbers a laptop gives offline (visit numbers) so that two laptops of one
    village numbering on the same day never give the same number."""
    value = int.from_bytes(hashlib.sha256(device_id.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        chars.append(_TAG_ALPHABET[digit])
    return "".join(chars)

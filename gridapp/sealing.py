"""Sealing legal records: canonical JSON and the SHA-256 `content_hash` that freezes a document.

Canonical JSON here is: keys sorted, no insignificant whitespace, UTF-8 without escaping (so
Chinese text hashes as the bytes a person reads), numbers and dates as pydantic's JSON mode gives
them (Decimals and datetimes as strings). The hash covers the document part of the record plus
the sorted SHA-256 hashes of its attachments, so swapping a scan changes the hash too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any


def canonical_json(value: Any) -> str:
    """The one canonical text of a JSON value (see the module docstring)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(document: dict[str, Any], attachment_hashes: Iterable[str] = ()) -> str:
    """SHA-256 (hex) of the canonical JSON of `{"document": ..., "attachments": [sorted hashes]}`."""
    payload = {"document": document, "attachments": sorted(attachment_hashes)}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()

"""Privacy helpers (domain.md §12): masking, ID-number HMAC, the C3/C2 table, 公示 redaction.

Raises ValueError for programming errors only (an unknown record type, an empty HMAC key); masking
never raises and never returns more of a value than its rule allows.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Any, Literal

Classification = Literal["C1", "C2", "C3"]

_MASK = "*"
_MOBILE = re.compile(r"^(\+?86)?(1[3-9]\d)(\d{4})(\d{4})$")
_LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})$")
# An ID number inside free text: 17 digits and a check character, not part of a longer number.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def _compact(value: str | None) -> str:
    """NFKC (full-width digits from a Chinese IME become ASCII), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def _mask_middle(text: str, head: int, tail: int) -> str:
    return text[:head] + _MASK * (len(text) - head - tail) + (text[-tail:] if tail else "")


def _mask_unknown(text: str) -> str:
    """An identifier of no known shape: at most a third of it stays visible, none if very short."""
    if len(text) < 6:
        return _MASK * len(text)
    return _mask_middle(text, 1, 1)


def mask_id_number(value: str | None) -> str:
    """`450224199001011234` → `450224********1234`: first 6 (address code) and last 4 kept.

    A 15- to 18-character number keeps 6 + 4; anything shorter (passport, typo) keeps at most its
    first and last character. None or blank gives ""."""
    text = _compact(value).upper()
    if len(text) >= 15:
        return _mask_middle(text, 6, 4)
    return _mask_unknown(text)


def mask_phone(value: str | None) -> str:
    """Mobile `13812345678` → `138****5678` (a +86 prefix is kept); landline `0772-8123456` →
    `0772-81***56` (area code kept, the local number's middle masked); other values keep at most
    their first and last character."""
    text = _compact(value)
    if m := _MOBILE.match(text.replace("-", "")):
        return f"{m.group(1) or ''}{m.group(2)}****{m.group(4)}"
    digits = text.replace("-", "")
    if _LANDLINE.match(text):
        # Area codes 010 and 02x have three digits, all others four (0772 for 融安).
        split = 3 if digits[:2] in ("01", "02") else 4
        area, local = digits[:split], digits[split:]
        if 7 <= len(local) <= 8:
            return f"{area}-{_mask_middle(local, 2, 2)}"
    return _mask_unknown(text)


def mask_name(name: str | None) -> str:
    """`张三丰` → `张*丰`, `张三` → `张*`, `买买提·艾力` → `买**·*力`: first and last character kept
    (only the first for two-character names); "·" stays so the name's shape is recognisable."""
    text = (name or "").strip()
    letters = [i for i, ch in enumerate(text) if ch != "·"]
    if len(letters) <= 1:
        return _MASK * len(text)
    keep = {letters[0]} if len(letters) == 2 else {letters[0], letters[-1]}
    return "".join(ch if ch == "·" or i in keep else _MASK for i, ch in enumerate(text))


def normalise_id_number(value: str) -> str:
    """The form the HMAC is computed over: NFKC, whitespace removed, `x` upper-cased."""
    return _compact(value).upper()


def id_number_hmac(id_number: str, key: bytes) -> str:
    """HMAC-SHA256 (lower-case hex) of the normalised ID number under the county's key.

    Equal numbers give equal values whatever their spacing or `x`/`X`; without the key the value
    cannot be reversed by enumerating ID numbers. Raises ValueError for a key shorter than 16
    bytes or an empty number."""
    if not isinstance(key, bytes) or len(key) < 16:
        raise ValueError("HMAC key must be at least 16 bytes")
    text = normalise_id_number(id_number)
    if not text:
        raise ValueError("empty ID number")
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def new_hmac_key() -> bytes:
    """A fresh 32-byte county key; the store keeps it, never the source code."""
    return secrets.token_bytes(32)


# --- data classification (§12.1) ---------------------------------------------------------------

# Per record type, the fields holding personal (C2) or sensitive (C3, 个保法 §28) data. Fields not
# listed are C2 (they still describe people) except for "committee", whose other fields are C1.
# Names follow domain.md; where the models spell a field differently (`*_ids` references, the
# attachment's `filename`), both spellings are listed so neither slips through.
SENSITIVE_FIELDS: dict[str, dict[str, Classification]] = {
    "person": {
        "id_number": "C3", "id_number_legacy": "C3", "health_status": "C3", "disability": "C3",
        "special_tags": "C3",
        # only set for minors with a special tag, so its presence reveals a tag
        "guardian_person_id": "C3",
        # pseudonymous and needed in clear for dedup; still never printed (see redaction)
        "id_number_hmac": "C2",
        "full_name": "C2", "former_names": "C2", "sex": "C2", "birth_date": "C2",
        "ethnicity": "C2", "phones": "C2", "hukou_region_code": "C2", "hukou_address": "C2",
        "current_household_id": "C2", "residence_status": "C2", "away_status": "C2",
        "marital_status": "C2", "political_status": "C2", "education": "C2",
    },
    "household": {
        "household_tags": "C3", "income_band": "C3", "geo": "C3",
        "head_person_id": "C2", "members": "C2", "hamlet": "C2", "address_detail": "C2",
        "phones": "C2", "hukou_book_no": "C2",
    },
    "visit": {
        "risk_followups": "C3", "geo": "C3",
        "interviewee_person_id": "C2", "interviewee_name_text": "C2", "household_id": "C2",
        "summary": "C2", "issues": "C2", "requests": "C2", "suggestions": "C2",
        "interviewee_ack": "C2", "attachments": "C2", "attachment_ids": "C2", "companions": "C2",
    },
    "meeting": {
        "attendees": "C2", "discussion": "C2", "household_consents": "C2",
        "land_transfer": "C2", "votes": "C2", "attachments": "C2",
    },
    "case": {
        "parties": "C2", "summary": "C2", "police_report": "C2", "invited_participants": "C2",
        "termination": "C2", "followups": "C2", "investigations": "C2", "sessions": "C2",
        "amount_cny": "C2", "recusals": "C2", "oral_agreement": "C2", "dispute_type_other": "C2",
    },
    "session": {
        "parties_present": "C2", "participants": "C2", "matter": "C2", "statements": "C2",
        "process": "C2", "verification": "C2", "result": "C2", "signatures": "C2",
    },
    "agreement": {
        "parties": "C2", "facts_and_issues": "C2", "responsibilities": "C2", "terms": "C2",
        "performance": "C2", "party_signatures": "C2", "mediator_signatures": "C2",
        "recorder_signature": "C2", "original_scan": "C2", "original_scan_id": "C2",
    },
    "followup": {
        "interviewee": "C2", "interviewee_name": "C2", "interviewee_party_id": "C2",
        "matter": "C2", "relapse_signs": "C2", "measures_taken": "C2", "court_action": "C2",
        "visitor_signature": "C2", "satisfaction": "C2",
    },
    "attachment": {"blob_ref": "C2", "filename": "C2", "description": "C2", "minor_reason": "C2",
                   "captured_by": "C2"},
    "mediator": {"id_number": "C3", "name": "C2", "phone": "C2", "phones": "C2"},
    "committee": {"members": "C2"},
    "event": {"description": "C2", "location": "C2", "handling_log": "C2", "result": "C2",
              "satisfaction": "C2", "household_id": "C2", "reported_by": "C2"},
}
_UNLISTED: dict[str, Classification] = {"committee": "C1"}

# Content that turns C3 when the matter is a family (婚姻家庭, incl. 赡养/抚养/继承) one, or, for an
# attachment, when it shows a minor or an identity document.
CONTENT_FIELDS: dict[str, frozenset[str]] = {
    "case": frozenset({"summary", "investigations", "sessions", "termination", "followups",
                       "oral_agreement"}),
    "session": frozenset({"matter", "statements", "process", "verification", "result"}),
    "agreement": frozenset({"facts_and_issues", "responsibilities", "terms", "performance"}),
    "followup": frozenset({"matter", "relapse_signs", "measures_taken"}),
    "attachment": frozenset({"blob_ref", "filename", "description", "minor_reason"}),
    # a report that a minor was harmed (未保法 §11) is as sensitive as a family matter
    "event": frozenset({"description", "location", "handling_log", "result", "household_id"}),
}
FAMILY_DISPUTE_TYPES = frozenset({"marriage_family"})

# Keys removed wherever they appear in a 公示 print, nested parties and agents included.
_NEVER_PRINTED = frozenset({
    "id_number", "id_number_hmac", "id_number_legacy", "special_tags", "household_tags",
    "health_status", "disability", "risk_followups", "income_band", "geo", "minor_guardian",
})


def _fields(record_type: str) -> dict[str, Classification]:
    try:
        return SENSITIVE_FIELDS[record_type]
    except KeyError:
        raise ValueError(f"unknown record type {record_type!r}") from None


def _content_is_sensitive(record_type: str, data: dict[str, Any] | None,
                          family_matter: bool | None) -> bool:
    data = data or {}
    if record_type == "attachment":
        return bool(data.get("contains_minor") or data.get("contains_id_document"))
    if record_type == "event":
        return data.get("category") == "minor_protection"
    if family_matter is None:
        family_matter = data.get("dispute_type") in FAMILY_DISPUTE_TYPES
    return family_matter and record_type in CONTENT_FIELDS


def classification(record_type: str, field: str, data: dict[str, Any] | None = None, *,
                   family_matter: bool | None = None) -> Classification:
    """C1/C2/C3 of one field. `data` (the record as a dict) and `family_matter` let content rules
    apply: a case's `dispute_type`, an attachment's `contains_minor`; pass `family_matter` for
    sessions, agreements and follow-ups, which do not carry the dispute type. Raises ValueError
    for an unknown record type."""
    fields = _fields(record_type)
    if field in c3_fields(record_type, data, family_matter=family_matter):
        return "C3"
    return fields.get(field, _UNLISTED.get(record_type, "C2"))


def c3_fields(record_type: str, data: dict[str, Any] | None = None, *,
              family_matter: bool | None = None) -> frozenset[str]:
    """The C3 field names of a record type (with content rules as in `classification`)."""
    names = {f for f, c in _fields(record_type).items() if c == "C3"}
    if _content_is_sensitive(record_type, data, family_matter):
        names |= CONTENT_FIELDS[record_type]
    return frozenset(names)


def redact_for_publicity(data: dict[str, Any], record_type: str, *,
                         family_matter: bool | None = None) -> dict[str, Any]:
    """A copy of `data` fit for a 公示 print: every C3 field removed, ID numbers, HMACs, tags,
    health and locations removed at any depth, attachments showing a minor or an ID document
    dropped, and ID numbers typed into free text masked. `data` is not changed. Raises
    ValueError for an unknown record type."""
    drop = c3_fields(record_type, data, family_matter=family_matter)
    kept = {k: copy.deepcopy(v) for k, v in data.items() if k not in drop}
    return _scrub(kept)


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()
                if k not in _NEVER_PRINTED and not _shows_minor_or_id(v)}
    if isinstance(value, list):
        return [_scrub(v) for v in value if not _shows_minor_or_id(v)]
    if isinstance(value, str):
        return _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), value)
    return value


def _shows_minor_or_id(value: Any) -> bool:
    return isinstance(value, dict) and bool(
        value.get("contains_minor") or value.get("contains_id_document"))

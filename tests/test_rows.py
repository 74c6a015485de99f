"""The row format: what the store writes for a record (`gridapp.rows`). The county server works
the same rows out when it stores a record, and a laptop of the same row format stores a first
sync's snapshot without working them out again, so the format must name what it writes."""

from __future__ import annotations

import hashlib

import pytest

from gridapp import privacy
from gridapp.demo import generate
from gridapp.rows import ROW_VERSION, laptop_line, row_data, row_format

KEY = bytes.fromhex("ab" * 32)

# The rows of the demo's first 40 households (every record type the demo makes), with this
# ROW_VERSION. When this test fails, what the store writes for a record has changed: if
# rows.py, projection.py, a model's search_text or the body's JSON changed, raise ROW_VERSION
# (laptops of the old format then get Change lines and validate them, as before) and pin the
# new digest; if only the demo's records changed, pin the new digest alone.
PINNED = {1: "47ef909522bdd6f0", 2: "2a9d54a794eec6ae"}


def _hmac(number: str) -> str:
    return privacy.id_number_hmac(number, KEY)


def test_the_rows_of_the_demo_records_are_what_this_row_version_says():
    digest = hashlib.sha256()
    for record in generate(40):
        digest.update(laptop_line(row_data(record, _hmac)).encode())
    assert PINNED.get(ROW_VERSION) == digest.hexdigest()[:16], (
        "what the store writes for a record changed: raise gridapp.rows.ROW_VERSION if rows, "
        "projection or search text changed, then pin the new digest here")


@pytest.fixture
def fresh_format(monkeypatch):  # noqa: ANN001, ANN201
    """`row_format()` worked out anew under the test's patches, and again once they are undone."""
    row_format.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    row_format.cache_clear()


def test_the_row_format_changes_with_the_row_version_and_with_any_models_schema(fresh_format):
    from gridapp import rows
    from gridapp.models import RECORD_TYPES, Person

    first = row_format()
    assert first.startswith(f"{ROW_VERSION}.")
    fresh_format.setattr(rows, "ROW_VERSION", ROW_VERSION + 1)
    row_format.cache_clear()
    assert row_format() != first
    fresh_format.setattr(rows, "ROW_VERSION", ROW_VERSION)
    row_format.cache_clear()
    assert row_format() == first

    class NewPerson(Person):
        nickname: str | None = None

    fresh_format.setitem(RECORD_TYPES, "person", NewPerson)
    row_format.cache_clear()
    assert row_format().startswith(f"{ROW_VERSION}.") and row_format() != first

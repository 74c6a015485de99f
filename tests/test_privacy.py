"""Privacy helpers: masking, the ID-number HMAC, the classification table and 公示 redaction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp.models import RECORD_TYPES as _MODEL_TYPES
from gridapp.privacy import (
    SENSITIVE_FIELDS,
    c3_fields,
    classification,
    id_number_hmac,
    mask_id_number,
    mask_name,
    mask_phone,
    new_hmac_key,
    redact_for_publicity,
)

KEY = bytes(range(32))
# Every record type the store holds (a new type must say which of its fields are sensitive).
RECORD_TYPES = set(_MODEL_TYPES)


# --- masking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, masked",
    [
        ("450224199001011234", "450224********1234"),
        ("45022419900101123x", "450224********123X"),
        (" 450224 19900101 123X ", "450224********123X"),
        ("450224900101123", "450224*****1123"),          # legacy 15-digit number
        ("E12345678", "E*******8"),                       # passport: first and last only
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@given(st.text(alphabet="0123456789Xx ", max_size=25))
def test_masked_id_never_shows_more_than_ten_characters(value):
    masked = mask_id_number(value)
    visible = [c for c in masked if c != "*"]
    assert len(visible) <= 10
    assert len(visible) * 3 <= len(masked) or len(masked) >= 15


@pytest.mark.parametrize(
    "value, masked",
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("0772-8123456", "0772-81***56"),
        ("07728123456", "0772-81***56"),
        ("010-12345678", "010-12****78"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    "name, masked",
    [("张三丰", "张*丰"), ("张三", "张*"), ("欧阳娜娜", "欧**娜"), ("买买提·艾力", "买**·*力"),
     ("张", "*"), ("", "")],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


# --- HMAC -------------------------------------------------------------------------------------


def test_hmac_is_stable_over_spacing_case_and_full_width_digits():
    expected = id_number_hmac("45022419900101123X", KEY)
    assert len(expected) == 64 and int(expected, 16) >= 0
    for variant in ["45022419900101123x", " 450224 19900101 123X\n", "４５０２２４１９９００１０１１２３Ｘ"]:
        assert id_number_hmac(variant, KEY) == expected


def test_hmac_differs_by_number_and_by_key():
    a = id_number_hmac("450224199001011234", KEY)
    assert id_number_hmac("450224199001011242", KEY) != a
    assert id_number_hmac("450224199001011234", new_hmac_key()) != a


def test_hmac_refuses_weak_keys_and_empty_numbers():
    with pytest.raises(ValueError):
        id_number_hmac("450224199001011234", b"short")
    with pytest.raises(ValueError):
        id_number_hmac("  ", KEY)


def test_new_keys_are_32_random_bytes():
    keys = {new_hmac_key() for _ in range(5)}
    assert len(keys) == 5 and all(len(k) == 32 for k in keys)


# --- classification ---------------------------------------------------------------------------


def test_table_covers_every_store_record_type_with_valid_classes():
    assert set(SENSITIVE_FIELDS) == RECORD_TYPES
    assert {c for fields in SENSITIVE_FIELDS.values() for c in fields.values()} == {"C2", "C3"}


def test_c3_fields_follow_domain_12_1():
    assert c3_fields("person") == {"id_number", "id_number_legacy", "special_tags",
                                   "health_status", "disability", "guardian_person_id"}
    assert c3_fields("household") == {"household_tags", "income_band", "geo"}
    assert c3_fields("visit") == {"risk_followups", "geo"}
    assert c3_fields("meeting") == set()


def test_classification_of_single_fields():
    assert classification("person", "id_number") == "C3"
    assert classification("person", "phones") == "C2"
    assert classification("person", "id_number_hmac") == "C2"
    assert classification("person", "verified_at") == "C2"      # unlisted personal field
    assert classification("committee", "level") == "C1"
    with pytest.raises(ValueError):
        classification("persons", "id_number")


def test_family_matter_content_is_c3():
    family = {"dispute_type": "marriage_family", "summary": "赡养纠纷"}
    assert classification("case", "summary", family) == "C3"
    assert classification("case", "summary", {"dispute_type": "neighbour"}) == "C2"
    assert "statements" in c3_fields("session", family_matter=True)
    assert "statements" not in c3_fields("session")
    assert classification("agreement", "terms", family_matter=True) == "C3"


def test_attachment_showing_a_minor_is_c3():
    assert classification("attachment", "blob_ref", {"contains_minor": True}) == "C3"
    assert classification("attachment", "blob_ref", {"contains_id_document": True}) == "C3"
    assert classification("attachment", "blob_ref", {"contains_minor": False}) == "C2"
    assert c3_fields("attachment", {"contains_minor": True}) == {
        "blob_ref", "filename", "description", "minor_reason"}


# --- redaction --------------------------------------------------------------------------------


def test_redact_person_removes_c3_and_id_fields_and_keeps_the_rest():
    person = {
        "full_name": "张三", "id_number": "450224199001011234", "id_number_hmac": "ab" * 32,
        "special_tags": [{"tag": "left_behind_elderly"}], "health_status": "慢性病",
        "disability": {"category": "肢体", "grade": "三级"}, "guardian_person_id": None,
        "phones": [{"number": "13812345678", "phone_type": "本人"}],
    }
    assert redact_for_publicity(person, "person") == {
        "full_name": "张三", "phones": [{"number": "13812345678", "phone_type": "本人"}]}
    assert person["id_number"] == "450224199001011234"        # the input is untouched


def test_redact_meeting_removes_nested_ids_minor_photos_and_masks_ids_in_text():
    meeting = {
        "topics": [{"title": "修路", "background": "户主身份证450224199001011234已核对"}],
        "land_transfer": {"transferee": {"name": "李四", "id_number": "450224198001011237"}},
        "attachments": [{"kind": "照片", "contains_minor": True},
                        {"kind": "签到表", "contains_minor": False}],
        "resolutions": [{"text": "同意", "passed": True}],
    }
    assert redact_for_publicity(meeting, "meeting") == {
        "topics": [{"title": "修路", "background": "户主身份证450224********1234已核对"}],
        "land_transfer": {"transferee": {"name": "李四"}},
        "attachments": [{"kind": "签到表", "contains_minor": False}],
        "resolutions": [{"text": "同意", "passed": True}],
    }


def test_redact_family_case_drops_its_content():
    case = {"case_no": "(2025)长调字第1号", "dispute_type": "marriage_family", "summary": "离婚财产",
            "parties": [{"name": "王五", "id_number": "450224199001011234", "minor_guardian": "x"}]}
    assert redact_for_publicity(case, "case") == {
        "case_no": "(2025)长调字第1号", "dispute_type": "marriage_family",
        "parties": [{"name": "王五"}]}


def test_redact_household_and_visit():
    household = {"address_detail": "泉头屯3号", "household_tags": ["dibao"], "income_band": "低",
                 "geo": {"lat": 25.2, "lng": 109.4}}
    assert redact_for_publicity(household, "household") == {"address_detail": "泉头屯3号"}
    visit = {"summary": "走访情况良好，已宣讲政策", "risk_followups": [{"person_id": "p"}], "geo": {}}
    assert redact_for_publicity(visit, "visit") == {"summary": "走访情况良好，已宣讲政策"}

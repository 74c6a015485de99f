"""Record models: parse_record's Chinese problems, codes, time zones, derived fields, master-data rules."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from gridapp import codes
from gridapp.errors import InvalidRecord
from gridapp.ids import new_id
from gridapp.models import (
    RECORD_TYPES, Attachment, DisputeCase, Household, MediationAgreement, Mediator,
    MediationCommittee, Person, VisitRecord, parse_record, record_class,
)
from gridapp.validation import ensure_valid, problems

VILLAGE = "450224100201"
TODAY = date(2025, 6, 1)
CST = timezone(timedelta(hours=8))


def assert_chinese(message: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert not re.search(r"(Input|should|valid|field|required)", message), message


def parse_problems(type_name: str, data: dict) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidRecord) as caught:
        parse_record(type_name, {"village_code": VILLAGE, **data})
    for p in caught.value.problems:
        assert_chinese(p.message)
    return [(p.field, p.code, p.message) for p in caught.value.problems]


def test_record_types_by_name():
    assert sorted(RECORD_TYPES) == [
        "agreement", "attachment", "case", "committee", "event", "followup", "household", "mediator",
        "meeting", "person", "session", "visit",
    ]
    assert record_class("visit") is VisitRecord
    assert VisitRecord.SEALABLE and VisitRecord.INITIAL_STATE == "DRAFT"
    assert VisitRecord.ANNEX_FIELDS == {"review"}
    assert MediationAgreement.ANNEX_FIELDS == {"performance_status", "jc_state"}


def test_every_field_has_a_chinese_title():
    for cls in RECORD_TYPES.values():
        for name, info in cls.model_fields.items():
            if name in cls.META_FIELDS:
                continue
            assert info.title and re.search(r"[\u4e00-\u9fff]", info.title), (cls.__name__, name)


def test_the_local_ethnic_groups_have_their_national_codes():
    assert {k: codes.ETHNICITY[k] for k in ("01", "06", "08", "12", "13", "32")} == {
        "01": "汉族", "06": "苗族", "08": "壮族", "12": "侗族", "13": "瑶族", "32": "仫佬族"}
    assert len([k for k in codes.ETHNICITY if int(k) <= 56]) == 56


def test_builtin_errors_become_chinese_sentences_naming_the_field():
    found = parse_problems("person", {
        "full_name": "", "birth_date": "1990-13-01", "verified_at": "2024-05-01T09:30:00",
        "phones": [{"number": "12345"}], "nickname": "阿兰",
    })
    assert found == [
        ("full_name", "full_name.too_short", "姓名：不能为空"),
        ("birth_date", "birth_date.date_from_datetime_parsing", "出生日期：日期格式不对（应为 2024-05-01）"),
        ("phones.0.number", "phone.mobile_length",
         "联系电话第1项·电话号码：手机号码应为11位、以13–19开头（现在是5位：12345）"),
        ("verified_at", "verified_at.timezone_aware", "核实时间：时间必须带时区（如 +08:00）"),
        ("nickname", "nickname.extra_forbidden", "未知字段：nickname"),
    ]


def test_custom_errors_keep_their_code_and_nested_path():
    found = parse_problems("case", {
        "parties": [{"name": "张三"}, {"name": "李四", "id_number": "110105194912310021"}],
        "amount_cny": "一百", "involved_count": "两", "sex": "1",
    })
    assert ("parties.1.id_number", "id_number.checksum") in [(f, c) for f, c, _ in found]
    by_field = {f: m for f, _, m in found}
    assert by_field["parties.1.id_number"].startswith("当事人第2项·证件号码：身份证号码最后一位校验码不对")
    assert by_field["amount_cny"] == "涉及金额（元）：应为数字"
    assert by_field["involved_count"] == "涉及人数：应为整数"
    assert by_field["sex"] == "未知字段：sex"


def test_unknown_code_lists_the_choices():
    found = parse_problems("person", {"sex": "3", "ethnicity": "99"})
    assert found == [
        ("sex", "code.unknown", "性别：“3”不是有效的性别代码，应为：未知、男、女、未说明"),
        ("ethnicity", "code.unknown", "民族：“99”不是有效的民族代码"),
    ]


def test_other_common_errors():
    found = parse_problems("visit", {
        "purposes": "dispute_screening", "notice_given": "也许", "grid_id": "grid-1",
        "next_visit_due": "下周",
    })
    assert found == [
        ("grid_id", "ref.invalid", "网格：“grid-1”不是有效的记录编号"),
        ("purposes", "purposes.list_type", "走访事由：应为多项列表"),
        ("notice_given", "notice_given.bool_parsing", "已告知：应为“是”或“否”"),
        ("next_visit_due", "next_visit_due.date_from_datetime_parsing", "下次走访：日期格式不对（应为 2024-05-01）"),
    ]


def test_unknown_record_type():
    with pytest.raises(InvalidRecord) as caught:
        parse_record("petition", {})
    assert caught.value.codes() == ["record.unknown_type"]


def test_naive_datetimes_are_refused_aware_ones_kept():
    with pytest.raises(InvalidRecord, match="必须带时区"):
        parse_record("visit", {"village_code": VILLAGE, "started_at": "2025-05-01T09:00:00"})
    visit = parse_record("visit", {"village_code": VILLAGE, "started_at": "2025-05-01T09:00:00+08:00"})
    assert visit.started_at == datetime(2025, 5, 1, 9, tzinfo=CST)


def test_money_is_decimal_and_ids_are_lower_case_uuids():
    ref = new_id()
    case = DisputeCase(village_code=VILLAGE, amount_cny="1200.50", committee_id=ref.upper())
    assert case.amount_cny == Decimal("1200.50") and case.committee_id == ref


def test_phone_numbers_are_stored_normalised():
    person = Person(village_code=VILLAGE, full_name="韦秀兰", phones=[{"number": "138 0000 1234"}])
    assert person.phones[0].model_dump() == {"number": "13800001234", "phone_type": "self"}


def test_person_sex_and_birth_date_are_derived_from_the_id_number():
    person = Person(village_code=VILLAGE, full_name="王芳", id_number="11010519491231002x")
    assert (person.id_number, person.sex, person.birth_date) == ("11010519491231002X", "2", date(1949, 12, 31))


def test_person_with_disagreeing_sex_gets_a_warning_not_an_error():
    person = Person(village_code=VILLAGE, full_name="王芳", id_number="11010519491231002X", sex="1",
                    ethnicity="08")
    assert [(p.field, p.code, p.severity) for p in problems(person, today=TODAY)] == [
        ("sex", "id_number.sex_mismatch", "warning")]


def test_person_needs_only_a_name_to_be_saved():
    warnings = ensure_valid(Person(village_code=VILLAGE, full_name="韦秀兰"), today=TODAY)
    assert [p.code for p in warnings] == ["sex.required", "birth_date.required", "ethnicity.required"]
    with pytest.raises(InvalidRecord) as caught:
        ensure_valid(Person(village_code=VILLAGE), today=TODAY)
    assert caught.value.codes() == ["full_name.required"]
    assert caught.value.problems[0].message == "人员信息缺少姓名"


def test_adult_without_id_number_is_warned():
    person = Person(village_code=VILLAGE, full_name="韦秀兰", sex="2", ethnicity="08",
                    birth_date=date(1980, 1, 1))
    assert [(p.code, p.severity) for p in problems(person, today=TODAY)] == [("id_number.required", "warning")]
    child = person.model_copy(update={"birth_date": date(2015, 1, 1)})
    assert problems(child, today=TODAY) == []


def test_legacy_15_digit_number_is_refused_in_the_id_field_and_kept_in_the_legacy_field():
    found = parse_problems("person", {"full_name": "韦秀兰", "id_number": "450224800101123"})
    assert [(f, c) for f, c, _ in found] == [("id_number", "id_number.legacy_15")]
    person = Person(village_code=VILLAGE, full_name="韦秀兰", id_number_legacy="450224800101123")
    assert person.id_number is None


def test_other_document_types_skip_the_checksum():
    person = Person(village_code=VILLAGE, full_name="John", id_doc_type="414", id_number="e12345678")
    assert person.id_number == "E12345678"


def household(**overrides):
    head, wife = new_id(), new_id()
    data = dict(village_code=VILLAGE, head_person_id=head, hamlet="大巷屯", grid_id=new_id(),
                members=[{"person_id": head, "relation_to_head": "02"},
                         {"person_id": wife, "relation_to_head": "10"}])
    data.update(overrides)
    return Household(**data)


def test_household_with_one_head_is_valid():
    assert problems(household()) == []


def test_household_needs_exactly_one_head():
    h = household()
    two = h.model_copy(update={"members": [m.model_copy(update={"relation_to_head": "02"}) for m in h.members]})
    assert [(p.code, p.message) for p in problems(two)] == [
        ("members.head_count", "户成员中应有且只有一名户主（与户主关系为“02 户主”），现在有2名")]
    none = h.model_copy(update={"members": [m.model_copy(update={"relation_to_head": "10"}) for m in h.members]})
    assert [p.code for p in problems(none)] == ["members.head_count"]


def test_household_head_must_match_the_member_marked_head():
    assert [p.code for p in problems(household(head_person_id=new_id()))] == ["head_person_id.mismatch"]


def test_mediator_of_kind_five_elders_needs_a_category():
    m = Mediator(village_code=VILLAGE, name="覃德明", committee_id=new_id(), mediator_kind="five_elders")
    assert [(p.code, p.message) for p in problems(m)] == [
        ("five_elders_category.required", "五老调解员须注明五老类别")]
    assert problems(m.model_copy(update={"five_elders_category": "old_teacher"})) == []


def test_committee_size_chair_and_women():
    members = [{"mediator_id": new_id(), "post": "member", "sex": "1"} for _ in range(2)]
    c = MediationCommittee(village_code=VILLAGE, name="大巷村人民调解委员会", level="village", members=members)
    assert [(p.code, p.severity) for p in problems(c)] == [
        ("members.count", "error"), ("members.chair_count", "error"), ("members.no_woman", "warning")]


def test_attachment_with_a_minor_needs_a_reason():
    a = Attachment(village_code=VILLAGE, kind="photo", sha256="a" * 64, captured_by=new_id(),
                   captured_at=datetime(2025, 5, 1, 9, tzinfo=CST), contains_minor=True,
                   owner_type="visit", owner_id=new_id())
    assert [(p.code, p.severity) for p in problems(a)] == [("minor_reason.required", "warning")]


def test_search_text_holds_names_and_free_text_not_codes():
    v = VisitRecord(village_code=VILLAGE, summary="了解老人身体情况", issues=[
        {"category": "fire_hazard", "description": "厨房电线老化"}])
    assert v.search_text() == "了解老人身体情况 厨房电线老化"
    case = DisputeCase(village_code=VILLAGE, summary="宅基地边界争议", parties=[{"name": "张三"}, {"name": "李四"}])
    assert case.search_text() == "宅基地边界争议 张三 李四"


def test_annex_fields_are_outside_the_sealed_document():
    a = MediationAgreement(village_code=VILLAGE, agreement_no="(2025)大巷人调字第1号", performance_status="not_due")
    assert "performance_status" not in a.document() and "jc_state" not in a.document()
    assert a.annex() == {"performance_status": "not_due", "jc_state": "JC_NONE"}

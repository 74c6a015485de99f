"""gridapp.wording: a composed sentence is the Chinese text itself (logs, the CLI and the server see
no difference) and keeps its template and parameters, so the window can translate it."""

from __future__ import annotations

import json
import pickle
from datetime import date

from gridapp.errors import InvalidRecord, Problem
from gridapp.idnumber import check_id_number
from gridapp.models import problems_from_error
from gridapp.models.person import Person
from gridapp.wording import Said, after_title, joined, listed, say


def test_a_said_sentence_is_the_chinese_text():
    said = say("第{n}项表决无效：会议未达到法定人数，不能表决", n=2)
    assert isinstance(said, str) and isinstance(said, Said)
    assert said == "第2项表决无效：会议未达到法定人数，不能表决"
    assert said.template == "第{n}项表决无效：会议未达到法定人数，不能表决"
    assert said.params == {"n": 2}
    assert json.dumps({"message": said}, ensure_ascii=False) == '{"message": "第2项表决无效：会议未达到法定人数，不能表决"}'
    assert f"{said}。" == "第2项表决无效：会议未达到法定人数，不能表决。"


def test_a_sentence_without_parameters_is_its_template():
    said = say("不能为空")
    assert said == said.template == "不能为空" and said.params == {}


def test_parameters_may_be_sentences_themselves_and_survive_pickling():
    inner = say("第{n}个问题的", n=1)
    said = say("{doc}缺少{what}{title}", doc="走访记录", what=inner, title="类别")
    assert said == "走访记录缺少第1个问题的类别"
    assert said.params["what"].template == "第{n}个问题的"
    again = pickle.loads(pickle.dumps(said))
    assert again == said and again.template == said.template and again.params["what"].params == {"n": 1}


def test_the_part_after_a_field_title_stays_translatable():
    said = say("{field}：{problem}", field="姓名", problem=say("不能为空"))
    short = after_title(said)
    assert short == "不能为空" and isinstance(short, Said) and short.template == "{problem}"
    assert Problem("full_name", "x", said).short_message == "不能为空"
    long_head = say("{field}：{problem}", field="一个非常非常长的字段名称超过十二个字", problem="不对")
    assert after_title(long_head) == long_head
    assert after_title("姓名：不能为空") == "不能为空"  # plain text as before


def test_joined_and_listed_read_as_before():
    assert joined([say("甲"), say("乙"), "丙"]) == "甲；乙；丙"
    assert joined([say("甲")]).template == "甲"
    assert listed(["男", "女"]) == "男、女" and listed(["男", "女"]).template == "{first}、{then}"
    assert joined([]) == "" and listed([]) == ""


def test_invalid_record_message_is_the_same_chinese_and_keeps_its_parts():
    problems = [Problem("a", "x", say("第{n}项", n=i)) for i in range(1, 8)]
    exc = InvalidRecord(problems)
    assert exc.message == "第1项；第2项；第3项；第4项；第5项；另有2处问题"
    assert exc.message.template == "{problems}；另有{n}处问题" and exc.message.params["n"] == 2


def test_core_messages_carry_their_numbers():
    found = check_id_number("450224199001011230", today=date(2024, 5, 1))  # the check character is 5
    message = found.errors[0].message
    assert found.errors[0].code == "id_number.checksum"
    assert message == "身份证号码最后一位校验码不对：按前17位计算第18位应为“5”，请核对号码"
    assert message.template == "身份证号码最后一位校验码不对：按前17位计算第18位应为“{expected}”，请核对号码"
    assert message.params == {"expected": "5"}


def test_pydantic_errors_name_the_field_by_its_title_as_a_parameter():
    try:
        Person.model_validate({"village_code": "450224102201", "full_name": "", "phones": [{"number": "12"}]})
    except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError
        problems = problems_from_error(Person, exc)  # type: ignore[arg-type]
    by_field = {p.field: p.message for p in problems}
    name = by_field["full_name"]
    assert name == "姓名：至少要1个字" or name == "姓名：不能为空"
    assert name.template == "{field}：{problem}" and name.params["field"] == "姓名"
    phone = by_field["phones.0.number"]
    assert phone.params["field"].template == "{field}·{part}"
    assert phone.params["problem"].template.startswith("手机号码应为11位")

"""The record types by name, and `parse_record`, which turns pydantic's errors into Chinese `Problem`s."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from gridapp.errors import InvalidRecord, Problem
from gridapp.models.attachment import Attachment
from gridapp.models.base import Part, Record
from gridapp.models.common import Geo, Phone, SignatureEvidence
from gridapp.models.deliberation import (
    Attendee, DeliberationMeeting, Filing, HouseholdConsent, Implementation, LandTransfer, Notice,
    Observer, Publicity, Resolution, Speech, Topic, Transferee, VoteResult, quorum_met, vote_passed,
)
from gridapp.models.dispute import (
    Acceptance, Agent, Archive, DisputeCase, Extension, Guardian, InvitedParticipant,
    MediatorAssignment, OralAgreement, OralPerformance, Party, PoliceReport, Recusal, RightsNotice,
    Termination,
)
from gridapp.models.event import EventReport, HandlingStep
from gridapp.models.household import Household, Member
from gridapp.models.mediation import (
    CommitteeMember, FollowUp, MediationAgreement, MediationCommittee, MediationSession, Mediator,
    Performance, RelapseSigns, SealAffixed, SessionResult, Statement, Term, effective_at,
)
from gridapp.models.person import Disability, Person, SpecialTag
from gridapp.models.visit import Companion, Issue, PolicyExplained, Review, RiskFollowup, VisitRecord
from gridapp.wording import marked, say

RECORD_TYPES: dict[str, type[Record]] = {
    cls.RECORD_TYPE: cls
    for cls in (
        Person, Household, VisitRecord, DeliberationMeeting, DisputeCase, MediationSession,
        MediationAgreement, FollowUp, Mediator, MediationCommittee, Attachment, EventReport,
    )
}

# Chinese text per pydantic error type; {placeholders} come from the error's ctx.
_MESSAGES = {
    "missing": marked("不能为空"),
    "string_type": marked("应为文字"),
    "string_too_short": marked("至少要{min_length}个字"),
    "string_too_long": marked("最多{max_length}个字"),
    "string_pattern_mismatch": marked("格式不对"),
    "too_short": marked("至少要有{min_length}项"),
    "too_long": marked("最多只能有{max_length}项"),
    "int_parsing": marked("应为整数"),
    "int_type": marked("应为整数"),
    "int_from_float": marked("应为整数"),
    "float_parsing": marked("应为数字"),
    "float_type": marked("应为数字"),
    "decimal_parsing": marked("应为数字"),
    "decimal_type": marked("应为数字"),
    "decimal_max_places": marked("小数最多{decimal_places}位"),
    "decimal_max_digits": marked("数字位数过多"),
    "decimal_whole_digits": marked("整数部分位数过多"),
    "greater_than_equal": marked("不能小于{ge}"),
    "greater_than": marked("必须大于{gt}"),
    "less_than_equal": marked("不能大于{le}"),
    "less_than": marked("必须小于{lt}"),
    "bool_parsing": marked("应为“是”或“否”"),
    "bool_type": marked("应为“是”或“否”"),
    "date_parsing": marked("日期格式不对（应为 2024-05-01）"),
    "date_type": marked("日期格式不对（应为 2024-05-01）"),
    "date_from_datetime_parsing": marked("日期格式不对（应为 2024-05-01）"),
    "date_from_datetime_inexact": marked("日期格式不对（应为 2024-05-01，不带时刻）"),
    "datetime_parsing": marked("时间格式不对（应为 2024-05-01T09:30:00+08:00）"),
    "datetime_type": marked("时间格式不对（应为 2024-05-01T09:30:00+08:00）"),
    "datetime_from_date_parsing": marked("时间格式不对（应为 2024-05-01T09:30:00+08:00）"),
    "timezone_aware": marked("时间必须带时区（如 +08:00）"),
    "timezone_naive": marked("时间不应带时区"),
    "enum": marked("不是可选的值"),
    "literal_error": marked("不是可选的值"),
    "uuid_parsing": marked("不是有效的记录编号"),
    "uuid_type": marked("不是有效的记录编号"),
    "list_type": marked("应为多项列表"),
    "set_type": marked("应为多项列表"),
    "dict_type": marked("格式不对（应为一组字段）"),
    "model_type": marked("格式不对（应为一组字段）"),
    "model_attributes_type": marked("格式不对（应为一组字段）"),
    "value_error": marked("取值不对"),
    "assertion_error": marked("取值不对"),
}
_FALLBACK = marked("填写有误")


def record_class(type_name: str) -> type[Record]:
    """The model class of a record type name ("visit" → VisitRecord); raises KeyError if unknown."""
    return RECORD_TYPES[type_name]


def parse_record(type_name: str, data: dict[str, Any]) -> Record:
    """Validate `data` as a record of `type_name` and return the model.

    Raises InvalidRecord with one Problem per error: field = dotted path, code = our custom code
    ("id_number.checksum") or "<field>.<pydantic type>", message = Chinese sentence naming the
    field by its title. An unknown type name gives the code "record.unknown_type"."""
    cls = RECORD_TYPES.get(type_name)
    if cls is None:
        raise InvalidRecord([Problem("", "record.unknown_type", say("未知的记录类型：{kind}", kind=type_name))])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise InvalidRecord(problems_from_error(cls, exc)) from None


def problems_from_error(model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """One Chinese Problem per pydantic error of `model` (for forms that validate themselves)."""
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        label, name = _label(model, loc)
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            unknown = say("{field}·未知字段：{key}", field=label, key=key) if label else say("未知字段：{key}", key=key)
            out.append(Problem(_path(loc), f"{key}.extra_forbidden", unknown))
            continue
        ctx = error.get("ctx") or {}
        if "." in kind:  # our PydanticCustomError codes: the sentence is already said (Chinese)
            code, text = kind, ctx.get("said") or error["msg"]
        else:
            code = f"{name or 'record'}.{kind}"
            if kind in ("too_short", "string_too_short") and ctx.get("min_length") == 1:
                text = say("不能为空")
            else:
                text = _format(_MESSAGES.get(kind, _FALLBACK), ctx)
        out.append(Problem(_path(loc), code, say("{field}：{problem}", field=label or say("记录"), problem=text)))
    return out


def _path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(x) for x in loc)


def _format(template: str, ctx: dict[str, Any]) -> str:
    params = {k: str(v) for k, v in ctx.items()}
    try:
        template.format(**params)
    except (KeyError, IndexError, ValueError):
        return say(template.split("{")[0]) if template.split("{")[0] else say(_FALLBACK)
    return say(template, **params)


def _label(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    """The Chinese label of a loc path ("当事人第2项·证件号码") and its last field name."""
    labels: list[Any] = []
    name = ""
    current: type[BaseModel] | None = model
    for item in loc:
        if isinstance(item, int):
            if labels:
                labels[-1] = say("{field}第{n}项", field=labels[-1], n=item + 1)
            continue
        if current is None or item not in current.model_fields:
            continue  # a union member tag or an unknown key
        info = current.model_fields[item]
        labels.append(info.title or item)
        name = item
        current = _inner_model(info.annotation)
    label: Any = labels[0] if labels else ""
    for more in labels[1:]:
        label = say("{field}·{part}", field=label, part=more)
    return label, name


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


__all__ = [
    "EventReport", "HandlingStep", "RECORD_TYPES", "record_class", "parse_record", "problems_from_error", "quorum_met",
    "vote_passed", "effective_at", "Record", "Part",
    "Person", "SpecialTag", "Disability", "Household", "Member", "Phone", "Geo",
    "SignatureEvidence", "VisitRecord", "Companion", "PolicyExplained", "RiskFollowup", "Issue",
    "Review", "DeliberationMeeting", "Notice", "Topic", "Attendee", "Observer", "Speech",
    "VoteResult", "Resolution", "HouseholdConsent", "Transferee", "LandTransfer", "Publicity",
    "Implementation", "Filing", "DisputeCase", "Party", "Agent", "Guardian", "PoliceReport",
    "Acceptance", "RightsNotice", "MediatorAssignment", "Recusal", "InvitedParticipant",
    "Extension", "Termination", "Archive", "OralAgreement", "OralPerformance",
    "MediationSession", "Statement", "SessionResult", "MediationAgreement", "Term", "Performance",
    "SealAffixed", "FollowUp", "RelapseSigns", "Mediator", "MediationCommittee",
    "CommitteeMember", "Attachment",
]

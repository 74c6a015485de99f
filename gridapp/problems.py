"""The sync problems as a person reads them (同步问题): each open conflict, rejection or quarantine
with its kind and the server's reason in plain Chinese, the record by a readable name, and for a
conflict one row per field — 字段 / 我的 / 服务器的 / 原来的 — with code values as their labels.

Resolving follows docs/sync.md: the laptop already shows the server's value, and keeping one's
own is an ordinary edit (`Store.save`) that syncs like any other; the problem is then closed
(`Store.resolve_problem`). Nothing is closed without the user choosing it.
"""

from __future__ import annotations

import inspect
import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from gridapp.models import RECORD_TYPES, parse_record
from gridapp.models.base import Record
from gridapp.models.common import RecordRef
from gridapp.privacy import mask_id_number, mask_phone
from gridapp.projection import project
from gridapp.states import type_name
from gridapp.store import Changes, Store
from gridapp.wording import say

# What the user may do with a problem (the page shows a button per action).
CHOOSE = "choose"  # 用我的 / 用服务器的 / per field: an edit of a live, unsealed record
OPEN = "open"  # open the record on its page (to correct it, or fix it and submit again)
DISCARD = "discard"  # 放弃这条修改: close it, the change is not sent again
ACKNOWLEDGE = "acknowledge"  # 知道了: close it, nothing to decide (the server's version stays)

KEPT_MINE, KEPT_SERVER, DISMISSED = "kept_mine", "kept_server", "dismissed"

EMPTY = say("（空）")
UNKNOWN_BASE = say("（不知道）")

KIND_TEXTS = {
    "conflict": say("冲突：你和别人同时改了同一条记录"),
    "rejected": say("服务器拒收"),
    "quarantined": say("已隔离：等乡镇审核"),
}
# Conflicts that are not two edits of one field read better under their own heading.
CONFLICT_TEXTS = {
    "record.sealed": say("冲突：记录已被别人封存"),
    "record.deleted": say("冲突：记录已被别人删除"),
    "owner.sealed": say("冲突：记录已被别人封存"),
    "state.diverged": say("冲突：状态已被别人改了"),
    "amend.stale": say("冲突：记录已被别人更正"),
    "record.sealed_differently": say("冲突：别人封存的内容和你的不同"),
    "seal.not_on_server": say("冲突：你的封存没有被接受"),
}

# The server's refusal codes (sync/server/push.py) as sentences a grid worker understands.
REASONS = {
    "record.conflict": say("你和别人在差不多同一时间改了这条记录的同一项内容。服务器先收到别人的修改，"
                           "现在显示的是别人的；你的修改保留在这里，由你决定用哪个。"),
    "record.sealed": say("这份记录已经被别人完成并封存（签字/定稿），不能再直接修改，你的修改没有上传。"
                         "如果你的内容是对的，请打开记录做“更正”。"),
    "record.deleted": say("这条记录已经被别人删除，你的修改没有保存到服务器。你写的内容保留在这里，可以查看。"),
    "owner.sealed": say("这份记录已经封存，不能再增加、修改或删除照片，你的改动没有上传，内容保留在这里。"
                        "如需补充，请打开记录做“更正”。"),
    "state.diverged": say("这条记录的状态在服务器上已经被别人改了，你这一步没有生效。请打开记录看看现在的状态。"),
    "amend.stale": say("这份记录已经被别人更正过，你的更正没有被采用（它仍保留在本机）。请同步后打开最新版本，"
                       "需要的话再做更正。"),
    "record.sealed_differently": say("同一份记录在别的电脑上也封存了，但内容和你封存的不一样。两份都保留着，"
                                    "请和同事核对哪一份是对的。"),
    "seal.not_on_server": say("服务器没有接受你的这次封存，记录已恢复为服务器上的版本；你封存的内容保留在这里。"),
    "seal.attachments_changed": say("别人给这份记录增加或删除了照片，你的封存没有上传。请同步后核对照片，再重新封存。"),
    "seal.hash_mismatch": say("封存的内容和它的“指纹”对不上（可能在传送中被改动），服务器没有保存。"
                              "请打开记录核对后再封存。"),
    "seal.bad_state": say("这一步不是封存的状态，服务器没有保存。"),
    "seal.hash_missing": say("封存的记录缺少内容指纹，服务器没有保存。请升级网格工作台后再试。"),
    "record.invalid": say("服务器检查发现内容有问题，没有保存。"),
    "territory.outside": say("这条记录不在你负责的村（辖区）内，服务器不收。"),
    "territory.reassigned": say("你负责的村已经调整，这条修改已交给乡镇审核，不会丢失。"),
    "territory.case_not_assigned": say("这条记录属于没有分配给你的案件，服务器不收。"),
    "role.type_not_allowed": say("你的账号不能修改这类记录。"),
    "record.not_found": say("服务器上没有这条记录（它的新建可能没有通过），这次修改无法保存。"),
    "record.moved": say("记录所属的村不能更改；如确实要改，请新建一条记录。"),
    "record.unknown_type": say("服务器不认识这种记录，请升级网格工作台。"),
    "record.type_mismatch": say("记录的类型和服务器上的不一致，服务器没有保存。"),
    "state.not_allowed": say("服务器不允许这一步状态变更。"),
    "amend.not_sealed": say("这份记录还没有封存，应该直接修改，不用更正。"),
    "amend.target_missing": say("找不到要更正的那份记录。"),
    "amend.id_taken": say("更正记录的编号已被占用。"),
    "amend.incomplete": say("更正必须写明更正哪一版、更正原因。"),
    "mutation.record_missing": say("这次修改缺少记录内容，服务器没有保存。"),
    "mutation.id_mismatch": say("这次修改的记录编号对不上，服务器没有保存。"),
    "mutation.to_state_missing": say("这次状态变更缺少目标状态，服务器没有保存。"),
}
_NO_REASON = say("服务器没有接受这条修改。")


@dataclass(frozen=True)
class FieldRow:
    """One field of a conflict: its title and the three values as text. `differs_from_base` tells
    which sides changed it (mine, server's); unknown when the base is not known."""

    problem_id: str
    field: str
    title: str
    mine: str
    server: str
    base: str
    base_known: bool

    @property
    def mine_changed(self) -> bool:
        return not self.base_known or self.mine != self.base

    @property
    def server_changed(self) -> bool:
        return not self.base_known or self.server != self.base


@dataclass(frozen=True)
class ProblemItem:
    """One problem as the page lists it (a conflict of several fields of one edit is one item)."""

    key: str
    problem_ids: tuple[str, ...]
    kind: str
    headline: str
    record_type: str
    record_id: str
    type_label: str
    record_name: str
    created_at: str
    code: str
    reason: str
    server_message: str
    details: tuple[str, ...]
    rows: tuple[FieldRow, ...]
    actions: frozenset[str]
    record_exists: bool
    sent: tuple[tuple[str, str], ...] = ()  # (title, value) of what a refused change held

    @property
    def record_label(self) -> str:
        if not self.record_name:
            return self.type_label
        return say("{kind}：{name}", kind=self.type_label, name=self.record_name)


# ---------------------------------------------------------------- reading


def open_problems(store: Store) -> list[ProblemItem]:
    """Every open problem, newest first, grouped: the fields one edit clashed on form one item."""
    names = _Names(store)
    return [_item(store, names, rows) for rows in _groups(store.sync_problems()).values()]


def open_count(store: Store) -> int:
    """How many items `open_problems` lists (what the status bar should count)."""
    return len(_groups(store.sync_problems()))


def _groups(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for p in rows:
        key = ("fields", p["record_id"], p["mutation_id"] or p["id"], p["code"] or "") if p["field"] else ("one", p["id"])
        groups.setdefault(key, []).append(p)
    return groups


def reason_for(code: str | None, message: str | None = None) -> str:
    """The server's refusal as a plain sentence; its own message when the code is not known."""
    return REASONS.get(code or "") or (message or "").strip() or _NO_REASON


def headline_for(kind: str, code: str | None) -> str:
    if kind == "conflict" and code in CONFLICT_TEXTS:
        return CONFLICT_TEXTS[code]
    return KIND_TEXTS.get(kind, kind)


def _item(store: Store, names: _Names, problems: list[dict[str, Any]]) -> ProblemItem:
    first = problems[0]
    kind, code, rtype, rid = first["kind"], first["code"] or "", first["record_type"], first["record_id"]
    details = first["details"] or {}
    exists = store.exists(rid)
    mutation_record = (details.get("mutation") or {}).get("record") or {}
    model = RECORD_TYPES.get(rtype)
    order = list(model.model_fields) if model else []
    fields = sorted((p for p in problems if p["field"]),
                    key=lambda p: order.index(p["field"]) if p["field"] in order else len(order))
    rows = tuple(_row(model, p, names) for p in fields)
    sealed = exists and store.get(rid).sealed
    actions: set[str] = set()
    if kind == "conflict":
        if rows and code == "record.conflict" and exists and not sealed:
            actions.add(CHOOSE)
        else:
            actions.add(ACKNOWLEDGE)
            if exists and code not in ("record.deleted",):
                actions.add(OPEN)
    elif kind == "rejected":
        actions.add(DISCARD)
        if exists:
            actions.add(OPEN)
    else:
        actions.add(ACKNOWLEDGE)
    server_problems = tuple(f"{_problem_title(model, d)}{d.get('message', '')}" for d in details.get("problems") or [])
    return ProblemItem(
        key=first["id"], problem_ids=tuple(p["id"] for p in problems), kind=kind, headline=headline_for(kind, code),
        record_type=rtype, record_id=rid, type_label=type_name(rtype),
        record_name=names.of(rtype, rid, mutation_record), created_at=first["created_at"], code=code,
        reason=reason_for(code, first["message"]), server_message=first["message"] or "", details=server_problems,
        rows=rows, actions=frozenset(actions), record_exists=exists,
        sent=_sent(model, mutation_record, names) if kind != "conflict" or not rows else ())


SENT_LINES = 12  # the first values of a refused change the view lists (the rest stay in the problem)


def _sent(model: type[Record] | None, data: Mapping[str, Any], names: _Names) -> tuple[tuple[str, str], ...]:
    """The filled-in fields of a refused record, titled, in the form's order."""
    if model is None or not data:
        return ()
    hidden = model.META_FIELDS | {"id", "state", "village_code", "id_number_hmac"}
    lines = []
    for name, info in model.model_fields.items():
        if name in hidden or data.get(name) in (None, "", [], {}):
            continue
        lines.append((say(info.title) if info.title else name, show_value(info, name, data[name], names.ref)))
    return tuple(lines[:SENT_LINES])


def _problem_title(model: type[Record] | None, problem: Mapping[str, Any]) -> str:
    field = str(problem.get("field") or "")
    title = _field_title(model, field.split(".")[0]) if field else ""
    return f"{title}：" if title else ""


def _row(model: type[Record] | None, p: dict[str, Any], names: _Names) -> FieldRow:
    field = p["field"]
    info = model.model_fields.get(field) if model else None
    show: Callable[[Any], str] = (lambda v: show_value(info, field, v, names.ref)) if info else _plain_value
    base_known = p["base_value"] is not None or p["code"] == "record.conflict"
    return FieldRow(problem_id=p["id"], field=field, title=_field_title(model, field), mine=show(p["client_value"]),
                    server=show(p["server_value"]), base=show(p["base_value"]) if base_known else UNKNOWN_BASE,
                    base_known=base_known)


def _field_title(model: type[BaseModel] | None, field: str) -> str:
    info = model.model_fields.get(field) if model else None
    return say(info.title) if info and info.title else say("其他内容")  # titles are listed for translation


class _Names:
    """Readable names of records, each looked up once: a household by its head, a person by
    name, a visit by household and day, others by their list title."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, str] = {}

    def ref(self, record_id: str) -> str:
        if record_id not in self._cache:
            self._cache[record_id] = ""
            record = self._get(record_id)
            self._cache[record_id] = self._name(record.RECORD_TYPE, record.model_dump(mode="json")) if record else ""
        return self._cache[record_id] or say("（另一条记录）")

    def of(self, record_type: str, record_id: str, fallback: Mapping[str, Any]) -> str:
        record = self._get(record_id)
        data = record.model_dump(mode="json") if record is not None else dict(fallback)
        return self._name(record_type, data) if data else ""

    def _get(self, record_id: str) -> Record | None:
        return self.store.get(record_id) if self.store.exists(record_id) else None

    def _name(self, record_type: str, data: Mapping[str, Any]) -> str:
        if record_type == "person":
            return str(data.get("full_name") or "")
        if record_type == "household":
            head = self._person(data.get("head_person_id"))
            hamlet = data.get("hamlet")
            name = f"{head}家" if head else str(data.get("address_detail") or "")
            return f"{name}（{hamlet}）" if hamlet and name else name
        if record_type == "visit":
            household = data.get("household_id")
            who = self.ref(household) if household and self.store.exists(household) else ""
            day = str(data.get("started_at") or "")[:10]
            return " ".join(part for part in (who, day) if part)
        model = RECORD_TYPES.get(record_type)
        if model is None:
            return ""
        try:
            return project(model.model_validate(dict(data))).title
        except ValueError:
            return ""

    def _person(self, person_id: Any) -> str:
        if not person_id:
            return ""
        record = self._get(str(person_id))
        return str(getattr(record, "full_name", "") or "") if record is not None else ""


# ---------------------------------------------------------------- values as text


def show_value(info: FieldInfo, field: str, value: Any, ref_name: Callable[[str], str]) -> str:
    """A stored (JSON) value of a model field as a person reads it: code labels, names for
    record references, 是/否, dates without seconds, ID numbers and phones masked; "（空）"."""
    return _show(field, value, _annotation_of(info), ref_name) or EMPTY


def _plain_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _annotation_of(info: FieldInfo) -> Any:
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def _show(field: str, value: Any, annotation: Any, ref_name: Callable[[str], str]) -> str:
    if value is None or value == "" or value == []:
        return ""
    inner, validators = _unwrap(annotation)
    if isinstance(value, list):
        item = typing.get_args(inner)[0] if typing.get_args(inner) else Any
        return "、".join(text for v in value if (text := _show(field, v, item, ref_name)))
    if isinstance(value, dict):
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        if model is None:
            return json.dumps(value, ensure_ascii=False)
        parts = []
        for name, sub in model.model_fields.items():
            text = _show(name, value.get(name), _annotation_of(sub), ref_name)
            if text:
                parts.append(f"{sub.title or name}：{text}")
        return "，".join(parts)
    if isinstance(value, bool):
        return say("是") if value else say("否")
    for validator in validators:
        table = _code_table(validator)
        if table is not None:
            return table.get(str(value), str(value))
        if validator is _REF_CHECK:
            return ref_name(str(value))
    if field in ("id_number", "id_number_legacy"):
        return mask_id_number(str(value))
    if field == "number" or "phone" in field:
        return mask_phone(str(value))
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return str(value)


def _unwrap(annotation: Any) -> tuple[Any, list[Callable[..., Any]]]:
    """The type inside Optional/Annotated, and the after-validators met on the way."""
    validators: list[Callable[..., Any]] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            validators += [m.func for m in args[1:] if isinstance(m, AfterValidator)]
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, validators
            annotation = args[0]
        else:
            return annotation, validators


_REF_CHECK = typing.get_args(RecordRef)[1].func


def _code_table(check: Callable[..., Any]) -> dict[str, str] | None:
    # `models.common.code_type` keeps its code table in the validator's closure; reading it
    # there labels every code field without a second list of which field uses which table.
    try:
        table = inspect.getclosurevars(check).nonlocals.get("table")
    except TypeError:
        return None
    return table if isinstance(table, dict) else None


# ---------------------------------------------------------------- resolving


def resolve_conflict(store: Store, problem_ids: Iterable[str], mine: Iterable[str]) -> Changes:
    """Close the conflict `problem_ids`, keeping the laptop's value for the fields of the problems
    in `mine` and the server's for the rest. Keeping one's own is an ordinary edit of the record
    (queued for sync, based on the server's version); the server's value is already the row's.

    Raises InvalidRecord when the chosen values do not make a valid record together (nothing
    closed), SealedRecordError / RecordNotFound when the record can no longer be edited."""
    wanted = set(problem_ids)
    chosen = set(mine)
    problems = [p for p in store.sync_problems() if p["id"] in wanted]
    changes = Changes()
    keep = {p["field"]: p["client_value"] for p in problems if p["id"] in chosen and p["field"]}
    if keep:
        record_id = problems[0]["record_id"]
        record = store.get(record_id)
        data = record.model_dump(warnings=False)
        data.update(keep)
        changes = store.save(parse_record(record.RECORD_TYPE, data))
    for p in problems:
        store.resolve_problem(p["id"], KEPT_MINE if p["id"] in chosen else KEPT_SERVER)
    return changes


def close_problems(store: Store, problem_ids: Iterable[str], resolution: str = DISMISSED) -> Changes:
    """Close problems the user has read (知道了) or whose change they give up (放弃这条修改)."""
    for problem_id in problem_ids:
        store.resolve_problem(problem_id, resolution)
    return Changes()

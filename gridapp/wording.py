"""Sentences the core composes, kept translatable without Qt.

`say("第{n}项表决无效：会议未达到法定人数，不能表决", n=2)` is the Chinese sentence itself (a `str`:
logs, the CLI and the server use it as is) that also remembers its template and parameters, so the
window can show it in the user's language (ui/i18n.py `words`). Parameters may be numbers, names,
field titles and code labels (which the window translates too) or other `Said` sentences.

scripts/label_catalog.py finds every `say("…")` with a literal template in gridapp/ and lists it for
the translators, so a template must be a literal string, never built at run time.
"""

from __future__ import annotations

from typing import Any


class Said(str):
    """A composed Chinese sentence: its value is `template.format(**params)`."""

    __slots__ = ("template", "params")
    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Said:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = dict(params)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (self.template, self.params))

    def __repr__(self) -> str:
        return f"say({self.template!r}{''.join(f', {k}={v!r}' for k, v in self.params.items())})"


def say(template: str, **params: Any) -> Said:
    """The Chinese sentence `template` filled with `params`, translatable later."""
    return Said(template, params)


def marked(template: str) -> str:
    """A literal template kept in a table and passed to `say` later: listed for the translators
    like a `say("…")` literal, returned unchanged."""
    return template


def joined(parts: list[str]) -> str:
    """Sentences shown on one line, separated by "；" (translatable when they are `Said`)."""
    if not parts:
        return ""
    text = parts[0]
    for part in parts[1:]:
        text = say("{first}；{then}", first=text, then=part)
    return text


def listed(labels: list[str]) -> str:
    """Labels in one run, separated by "、" (each translatable)."""
    if not labels:
        return ""
    text = labels[0]
    for label in labels[1:]:
        text = say("{first}、{then}", first=text, then=label)
    return text


def after_title(text: str, longest: int = 12) -> str:
    """`text` without a leading "<field title>：" (at most `longest` characters), as a form shows it
    next to that field; `text` itself when it has no such head."""
    if isinstance(text, Said):
        head, sep, rest = text.template.partition("：")
        if not sep or not rest:
            return text
        try:
            shown = head.format(**text.params)
        except (KeyError, IndexError, ValueError):
            return text
        return Said(rest, text.params) if len(shown) <= longest else text
    head, sep, rest = text.partition("：")
    return rest if sep and len(head) <= longest and rest else text

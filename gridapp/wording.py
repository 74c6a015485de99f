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


def joined(parts: list[str], separator: str = "；") -> str:
    """Sentences joined for one line: a `Said` when every part is one (so it stays translatable)."""
    if len(parts) == 1:
        return parts[0]
    text = separator.join(parts)
    if parts and all(isinstance(p, Said) for p in parts):
        names = {f"part{i}": p for i, p in enumerate(parts)}
        return Said(separator.join("{" + name + "}" for name in names), names)
    return text

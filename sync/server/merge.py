"""Field-by-field merge of a laptop's edit against the version it started from (rule 5).

Pure functions on plain dicts, so the rules are tested apart from the network and the database:

- a field only the laptop changed takes the laptop's value;
- a field only the server changed keeps the server's value;
- a field both changed to the same value is simply that value;
- a field both changed differently keeps the server's value (the first to arrive) and becomes a
  `Clash` that carries all three values, so the laptop's value is never lost and either side can
  resolve it with an ordinary edit.

A field's value is compared whole (a list of household members is one value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class Clash:
    field: str
    base: Any
    server: Any
    client: Any


@dataclass
class Merged:
    data: dict[str, Any]
    clashes: list[Clash] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # fields that took the laptop's value


def changed_fields(base: dict[str, Any], client: dict[str, Any]) -> list[str]:
    """The fields where `client` differs from `base` (for a laptop that did not list them)."""
    return sorted(k for k in set(base) | set(client) if base.get(k, _MISSING) != client.get(k, _MISSING))


def merge(base: dict[str, Any] | None, server: dict[str, Any], client: dict[str, Any],
          fields: Iterable[str]) -> Merged:
    """Merge the laptop's changes to `fields` into `server`. `base` None means the server no
    longer knows the version the laptop started from: every differing field is then a clash."""
    out = Merged(dict(server))
    for name in sorted(set(fields)):
        if name not in client:
            continue  # the laptop's record does not carry it (older schema): nothing to change
        c = client[name]
        s = server.get(name)
        if c == s:
            continue
        b = base.get(name) if base is not None else _MISSING
        if base is not None and s == b:
            out.data[name] = c
            out.taken.append(name)
        else:
            out.clashes.append(Clash(name, None if b is _MISSING else b, s, c))
    return out


def overwrite(server: dict[str, Any], client: dict[str, Any], base: dict[str, Any] | None) -> Merged:
    """A sealed document from the laptop replaces the server's unsealed draft whole (the signed
    paper is what it is); every server value it overwrites that the laptop had not seen is kept
    as a clash, so it is not lost."""
    out = Merged(dict(client))
    for name in sorted(set(server) | set(client)):
        s, c = server.get(name), client.get(name)
        if s == c:
            continue
        b = base.get(name) if base is not None else _MISSING
        out.taken.append(name)
        if base is None or s != b:
            out.clashes.append(Clash(name, None if b is _MISSING else b, s, c))
    return out

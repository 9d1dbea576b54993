"""Dutch word lists and patterns, kept as data files next to this module.

Formats:
- ``*.txt``: one entry per line; ``#`` starts a comment; blank lines are ignored.
- ``*.tsv``: tab-separated columns, same comments.
- ``*.patterns``: ``[section]`` headers followed by one regular expression per line, matched
  against the normalised text (lowercase, accents removed, obfuscation undone, one space
  between words). A line may end with ``  => reason`` to give the Dutch reason shown to agents.
  A line ``@name = regex`` defines a word group; ``%name%`` in later lines of the same file is
  replaced by ``(?:regex)``, so shared groups (pronouns, body parts, property) are written once.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _lines(name: str) -> list[str]:
    out = []
    for raw in (HERE / name).read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> tuple[str, ...]:
    return tuple(_lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in _lines(name))


@cache
def patterns(name: str) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """Sections of compiled patterns with their reasons (empty reason when none given)."""
    sections: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    groups: dict[str, str] = {}
    current = None
    for line in _lines(name):
        if line.startswith("@"):
            key, sep, value = line[1:].partition("=")
            if not sep or not key.strip().isidentifier():
                raise ValueError(f"{name}: bad group definition {line!r}")
            groups[key.strip()] = expand_groups(name, value.strip(), groups)
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
            continue
        if current is None:
            raise ValueError(f"{name}: pattern before the first [section]: {line!r}")
        regex, _, reason = line.partition("  => ")
        regex = expand_groups(name, regex.strip(), groups)
        try:
            compiled = re.compile(rf"(?<![a-z0-9])(?:{regex.strip()})(?![a-z0-9])")
        except re.error as exc:
            raise ValueError(f"{name} [{current}]: bad pattern {regex!r}: {exc}") from exc
        sections[current].append((compiled, reason.strip()))
    return {k: tuple(v) for k, v in sections.items()}


_GROUP_REF = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%")


def expand_groups(name: str, regex: str, groups: dict[str, str]) -> str:
    """Replace every ``%group%`` in ``regex`` by ``(?:its regex)``; `name` is for errors."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in groups:
            raise ValueError(f"{name}: unknown group %{key}% in {regex!r}")
        return f"(?:{groups[key]})"

    return _GROUP_REF.sub(sub, regex)

"""Load the coach's Dutch phrase lists (``lang/nl/coach.patterns``) once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kalmte.analysis.lang.nl import expand_groups

# A pattern ending in a word character, a group or a quantifier ends on a word boundary.
_WORD_END = re.compile(r"[\w)\]*+?}]$")
# "%name% = regex" under [groups] defines a word group; "%name%" in a pattern stands for it
_GROUP_DEF = re.compile(r"%(\w+)%\s*=\s*(.+)")


def _expand(line: str, groups: dict[str, str]) -> str:
    return expand_groups("coach.patterns", line, groups)


_SECTION = re.compile(r"\[[a-z0-9_]+\]")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Section name → one compiled alternation of that section's patterns."""
    text = resources.files("kalmte.analysis.coach.lang.nl").joinpath("coach.patterns")
    sections: dict[str, list[str]] = {}
    groups: dict[str, str] = {}
    current: list[str] | None = None
    for raw in text.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        # a header is a bare name: "[,] (vriend)[.!]" is a pattern, not a section
        if _SECTION.fullmatch(line):
            current = None if line == "[groups]" else sections.setdefault(line[1:-1], [])
            continue
        if current is None:
            if group := _GROUP_DEF.fullmatch(line):
                # a group may use the groups defined above it
                groups[group.group(1)] = _expand(group.group(2).strip(), groups)
                continue
            raise ValueError(f"coach.patterns: pattern outside a section: {line!r}")
        current.append(_expand(line, groups))
    return {
        # one look-behind for the whole alternation: checked once per position
        name: re.compile(
            "(?<!\\w)(?:"
            + "|".join(rf"(?:{p})(?!\w)" if _WORD_END.search(p) else rf"(?:{p})" for p in items)
            + ")",
            re.IGNORECASE,
        )
        for name, items in sections.items()
    }

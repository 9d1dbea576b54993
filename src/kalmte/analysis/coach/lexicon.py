"""Load the coach's Dutch phrase lists (``lang/nl/coach.patterns``) once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A pattern ending in a word character, a group or a quantifier ends on a word boundary.
_WORD_END = re.compile(r"[\w)\]*+?}]$")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Section name → one compiled alternation of that section's patterns."""
    text = resources.files("kalmte.analysis.coach.lang.nl").joinpath("coach.patterns")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        if current is None:
            raise ValueError(f"coach.patterns: pattern outside a section: {line!r}")
        current.append(line)
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

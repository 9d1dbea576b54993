"""Tokenise and normalise Dutch as customers write it, keeping offsets into the original.

Handles case, accents, elongations (heeeel -> heel), leetspeak and masking (k@nker, sh1t,
k*t), dotted and spaced-out letters (k.u.t, o p l i c h t e r s), SMS shorthand and
Flemish forms (ff, mn, idd, da's, nie). A word's ``norm`` may hold several words
("ipv" -> "in plaats van"); every character of the normalised text maps back to a token.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache, lru_cache

from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import Analysis, NormText, Token

_TOKEN = re.compile(
    r"(?:[^\W_]\.){2,}[^\W_]\.?"  # dotted letters: k.u.t, a.u.b., i.p.v.
    r"|[@$]?[^\W_]+(?:(?:[\-'’*@$€]+|\.(?=[^\W_]\b))[^\W_]+)*\**"  # words, compounds, masks
)
_LEET = str.maketrans(
    {"4": "a", "@": "a", "3": "e", "€": "e", "1": "i", "0": "o", "5": "s", "$": "s", "7": "t"}
)
_ELONGATED = re.compile(r"(.)\1{2,}")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def collapse(word: str, keep: int = 2) -> str:
    """Shorten runs of three or more equal characters to ``keep`` characters."""
    return _ELONGATED.sub(lambda m: m.group(1) * keep, word)


def norm_word(raw: str) -> str:
    word = strip_accents(raw.lower()).replace("’", "'")
    shorthand = _shorthand()
    if word in shorthand:
        return shorthand[word]
    letters = sum(c.isalpha() for c in word)
    odd = sum(c.isdigit() or c in "@$€" for c in word)
    if letters >= 2 and odd and odd < letters:
        word = word.translate(_LEET)
    word = word.replace("'", "").replace(".", "").replace("-", "")
    word = collapse(word)
    return shorthand.get(word, word)


@cache
def _shorthand() -> dict[str, str]:
    return {row[0]: row[1] for row in nl.table("shorthand.tsv")}


def tokenize(text: str) -> list[Token]:
    tokens = [
        Token(m.start(), m.end(), m.group(), norm_word(m.group())) for m in _TOKEN.finditer(text)
    ]
    return _merge_spaced_letters(text, tokens)


def _merge_spaced_letters(text: str, tokens: list[Token]) -> list[Token]:
    """Join runs of single letters ("o p l i c h t e r s", "K U T") into one word.

    Only a run of three or more letters separated by single spaces, dots or dashes is joined,
    and only when the joined word is a known abusive word, so "ik heb u a b c" is left alone.
    """
    from kalmte.analysis.components.abuse import is_abusive_word

    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and len(tokens[j].text) == 1
            and tokens[j].text.isalpha()
            and (j == i or text[tokens[j - 1].end : tokens[j].start] in (" ", ".", "-", ". ", "_"))
        ):
            j += 1
        if j - i >= 3:
            word = norm_word("".join(t.text for t in tokens[i:j]))
            if is_abusive_word(word):
                out.append(
                    Token(
                        tokens[i].start,
                        tokens[j - 1].end,
                        text[tokens[i].start : tokens[j - 1].end],
                        word,
                    )
                )
                i = j
                continue
        out.append(tokens[i])
        i += 1
    return out


_SENTENCE_END = re.compile(r"[.!?;\n]")


def build_norm(text: str, tokens: list[Token] | tuple[Token, ...]) -> NormText:
    """Join the token norms with spaces; a sentence end between two tokens becomes " . "
    (" ? " after a question), so patterns can see sentence ends and questions."""
    parts: list[str] = []
    owners: list[int] = []
    for index, token in enumerate(tokens):
        if parts:
            gap = text[tokens[index - 1].end : token.start]
            sep = " ? " if "?" in gap else " . " if _SENTENCE_END.search(gap) else " "
            parts.append(sep)
            owners.extend([-1] * len(sep))
        parts.append(token.norm)
        owners.extend([index] * len(token.norm))
    if tokens and "?" in text[tokens[-1].end :]:
        parts.append(" ?")
        owners.extend([-1, -1])
    return NormText("".join(parts), tuple(owners))


def norm_span(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) range of the normalised text back to the original text."""
    assert analysis.norm is not None
    owners = analysis.norm.char_token
    first = next(owners[i] for i in range(start, end) if owners[i] >= 0)
    last = next(owners[i] for i in range(end - 1, start - 1, -1) if owners[i] >= 0)
    return analysis.tokens[first].start, analysis.tokens[last].end


@component("nl.normalize.v1", assigns=("tokens", "norm"))
def normalize(analysis: Analysis) -> Analysis:
    tokens = tokenize(analysis.text)
    return replace(analysis, tokens=tuple(tokens), norm=build_norm(analysis.text, tokens))


def find_patterns(
    analysis: Analysis, compiled: tuple[tuple[re.Pattern[str], str], ...]
) -> list[tuple[int, int, str, int]]:
    """Every match of the patterns in the normalised text, as original spans.

    Returns ``(start, end, reason, norm_start)`` tuples, sorted by position.
    """
    assert analysis.norm is not None
    hits = []
    for norm_start, norm_end, reason in _matches(analysis.norm.text, compiled):
        start, end = norm_span(analysis, norm_start, norm_end)
        hits.append((start, end, reason, norm_start))
    hits.sort()
    return hits


@lru_cache(maxsize=512)
def _matches(
    norm: str, compiled: tuple[tuple[re.Pattern[str], str], ...]
) -> tuple[tuple[int, int, str], ...]:
    out = []
    for regex, reason in compiled:
        for match in regex.finditer(norm):
            if match.end() > match.start() and norm[match.start() : match.end()].strip(" .?"):
                out.append((match.start(), match.end(), reason))
    return tuple(out)


def sentence_bounds(analysis: Analysis, norm_pos: int) -> tuple[int, int]:
    """The [start, end) range in the normalised text of the sentence around ``norm_pos``."""
    assert analysis.norm is not None
    norm = analysis.norm.text
    start = max(norm.rfind(" . ", 0, norm_pos), norm.rfind(" ? ", 0, norm_pos))
    ends = [
        e
        for e in (norm.find(" . ", norm_pos), norm.find(" ? ", norm_pos), norm.find(" ?", norm_pos))
        if e >= 0
    ]
    return (0 if start < 0 else start + 3), (min(ends) if ends else len(norm))

"""Turn a Dutch reply from informal "je/jij" into formal "u" and back.

Verbs and possessives follow the pronoun: ``je hebt`` ↔ ``u heeft``, ``kun je`` ↔ ``kunt u``,
``jouw`` ↔ ``uw``. The verb table and the words that mark "je" as a pronoun are data files
under ``lang/nl/``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

REGISTERS = ("formal", "informal")
_SUBJECTS = frozenset({"ik", "we", "wij", "ze", "zij", "hij", "jullie", "men"})
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+|[^A-Za-zÀ-ÿ']+")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    base = resources.files("kalmte.analysis.coach.lang.nl")
    inverted_to_formal: dict[str, str] = {}
    declarative_to_formal: dict[str, str] = {}
    formal_to_inverted: dict[str, str] = {}
    for line in base.joinpath("register_verbs.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        inverted, declarative, formal = line.split("\t")
        inverted_to_formal.setdefault(inverted, formal)
        declarative_to_formal.setdefault(declarative, formal)
        formal_to_inverted.setdefault(formal, inverted)
    words = frozenset(
        w.strip()
        for w in base.joinpath("register_pronoun_next.txt").read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    )
    return inverted_to_formal, declarative_to_formal, formal_to_inverted, words


def _case_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def convert_register(text: str, target: str) -> str:
    """Rewrite ``text`` in the ``target`` register ("formal" = u, "informal" = je)."""
    if target not in REGISTERS:
        raise ValueError(f"target must be one of {REGISTERS}, not {target!r}")
    tokens = _WORD.findall(text)
    words = [i for i, t in enumerate(tokens) if t[0].isalpha() or t[0] == "'"]
    out = list(tokens)
    if target == "formal":
        _to_formal(tokens, words, out)
    else:
        _to_informal(tokens, words, out)
    return "".join(out)


def _to_formal(tokens: list[str], words: list[int], out: list[str]) -> None:
    inverted, declarative, _, pronoun_next = _tables()
    for n, i in enumerate(words):
        low = tokens[i].lower()
        prev = words[n - 1] if n else None
        nxt = words[n + 1] if n + 1 < len(words) else None
        nxt_low = tokens[nxt].lower() if nxt is not None else ""
        if low in ("jouw",):
            out[i] = _case_like("uw", tokens[i])
        elif low in ("jou", "jij", "ge", "gij"):
            out[i] = _case_like("u", tokens[i])
            if low in ("jij", "ge", "gij") and nxt is not None and nxt_low in declarative:
                out[nxt] = _case_like(declarative[nxt_low], tokens[nxt])
        elif low == "je":
            prev_low = tokens[prev].lower() if prev is not None else ""
            gap = "".join(tokens[prev + 1 : i]) if prev is not None else ""
            before = tokens[words[n - 2]].lower() if n >= 2 else ""
            if prev_low in _SUBJECTS or (prev_low in inverted and before in _SUBJECTS):
                # "dat ik je help", "ik stuur je": "je" is the object
                out[i] = _case_like("u", tokens[i])
            elif prev is not None and prev_low in inverted and not re.search(r"[.!?]", gap):
                # "heb je" → "heeft u" (the verb precedes the subject)
                out[prev] = _case_like(inverted[prev_low], tokens[prev])
                out[i] = _case_like("u", tokens[i])
            elif nxt is not None and nxt_low in declarative:
                # "je hebt" → "u heeft"
                out[i] = _case_like("u", tokens[i])
                out[nxt] = _case_like(declarative[nxt_low], tokens[nxt])
            elif nxt is None or nxt_low in pronoun_next or _ends_clause(tokens, i):
                out[i] = _case_like("u", tokens[i])
            else:
                out[i] = _case_like("uw", tokens[i])
        elif low in ("jezelf", "jijzelf"):
            out[i] = _case_like("uzelf", tokens[i])


def _ends_clause(tokens: list[str], i: int) -> bool:
    return i + 1 < len(tokens) and bool(re.match(r"\s*[.,!?;:]", tokens[i + 1]))


def _to_informal(tokens: list[str], words: list[int], out: list[str]) -> None:
    inverted, declarative, formal_to_inverted, _ = _tables()
    formal_to_declarative = {f: d for d, f in declarative.items() if d not in ("kan", "hou")}
    formal_to_declarative.setdefault("kunt", "kunt")
    for n, i in enumerate(words):
        low = tokens[i].lower()
        prev = words[n - 1] if n else None
        nxt = words[n + 1] if n + 1 < len(words) else None
        if low == "uw":
            out[i] = _case_like("je", tokens[i])
        elif low == "uzelf":
            out[i] = _case_like("jezelf", tokens[i])
        elif low == "u":
            prev_low = tokens[prev].lower() if prev is not None else ""
            gap = "".join(tokens[prev + 1 : i]) if prev is not None else ""
            nxt_low = tokens[nxt].lower() if nxt is not None else ""
            if (
                prev is not None
                and prev_low in formal_to_inverted
                and not re.search(r"[.!?,]", gap)
            ):
                out[prev] = _case_like(formal_to_inverted[prev_low], tokens[prev])
                out[i] = _case_like("je", tokens[i])
            elif nxt is not None and nxt_low in formal_to_declarative:
                out[i] = _case_like("je", tokens[i])
                out[nxt] = _case_like(formal_to_declarative[nxt_low], tokens[nxt])
            else:
                out[i] = _case_like("je", tokens[i])

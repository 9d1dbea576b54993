"""Abuse: insults, profanity and threats, each with its span and a Dutch reason.

Word lists and patterns live in ``lang/nl/``. Words are looked up after normalisation, so
obfuscated (k@nker, k.u.t, o p l i c h t e r s), elongated (kuuuut) and compound forms
(kutbedrijf, tyfusbende, kankerlijers) are found. Hard negatives are handled here too:
illness (mijn moeder heeft kanker), quoted insults (hij noemde mij een idioot) and
self-deprecation (ik ben zo'n sukkel) are not abuse.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from kalmte.analysis.components.normalize import (
    collapse,
    find_patterns,
    sentence_bounds,
    strip_accents,
)
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import ABUSE_KINDS, Analysis, Finding, Token

REASONS = {
    "profanity": "vloek of grof woord",
    "insult": "scheldwoord gericht aan personen",
    "disease": "ziekte als vloek",
    "compound": "vloek in samenstelling",
    "people_compound": "vloek in samenstelling gericht aan personen",
}
_ILLNESS_BEFORE = re.compile(
    r"\b(heeft|had|hebben|heb|hadden|kreeg|krijgt|aan|met|tegen|door|de|van|overleden)$"
)
_ILLNESS_SENTENCE = re.compile(
    r"\b(ziek|zieke|ziekte|rotziekte|overleden|overlijden|chemo|chemokuur|behandeling|bestraling|"
    r"diagnose|ziekenhuis|patient|kwf|genezen|uitgezaaid|tumor|oncoloog|hospice|terminaal|"
    r"terminale|operatie|gehad|familie|erfelijk|opa|oma|moeder|vader|vrouw|man|zus|broer|vriendin)\b"
)

_GROUP_WORDS = (
    "bedrijf",
    "winkel",
    "webshop",
    "bende",
    "club",
    "tent",
    "toko",
    "zooi",
    "clubje",
    "volk",
)


@cache
def _lexicon() -> dict[str, tuple[str, ...]]:
    lex: dict[str, tuple[str, ...]] = {}
    for name in ("abuse_ldnoobw.tsv", "abuse_words.tsv"):
        for word, kinds, *_ in nl.table(name):
            merged = set(lex.get(word, ())) | set(kinds.split(","))
            lex[word] = tuple(k for k in ABUSE_KINDS if k in merged)
    return lex


@cache
def _variants_index() -> dict[str, str]:
    """Every lexicon word under its spellings with runs collapsed, for elongated input."""
    index: dict[str, str] = {}
    for word in _lexicon():
        for v in _variants(word):
            index.setdefault(v, word)
    return index


def _variants(word: str) -> tuple[str, ...]:
    return (word, collapse(word, 1), re.sub(r"(.)\1+", r"\1", word))


@cache
def _prefixes() -> tuple[tuple[str, str], ...]:
    rows = [(p, t) for p, t, *_ in nl.table("curse_prefixes.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _safe_parts() -> tuple[str, ...]:
    return nl.words("curse_safe_compounds.txt")


@cache
def _people() -> tuple[str, ...]:
    return tuple(sorted(nl.words("people_nouns.txt"), key=len, reverse=True))


@cache
def _insult_words() -> tuple[str, ...]:
    return tuple(
        sorted(
            (w for w, k in _lexicon().items() if "insult" in k and len(w) >= 7),
            key=len,
            reverse=True,
        )
    )


def lookup(word: str) -> tuple[str, ...]:
    index = _variants_index()
    for v in _variants(word):
        if v in index:
            return _lexicon()[index[v]]
    return ()


def resolve_mask(word: str) -> str:
    """Fill in masked letters (k*t, f**k, k*nkerbedrijf) from the lexicon, when one fits."""
    if "*" not in word or sum(c.isalpha() for c in word) < 1:
        return word
    pattern = re.compile(re.escape(word).replace(r"\*", "[a-z]"))
    for candidate in (*_lexicon(), *(p for p, _ in _prefixes())):
        if len(candidate) == len(word) and pattern.fullmatch(candidate):
            return candidate
        if len(word) > len(candidate) + 2 and pattern.fullmatch(candidate + word[len(candidate) :]):
            return candidate + word[len(candidate) :]
    return word.replace("*", "")


@lru_cache(maxsize=65536)
def compound(word: str) -> tuple[tuple[str, ...], str] | None:
    """Analyse a curse compound: (kinds, reason) or None. kutbedrijf -> profanity."""
    for variant in dict.fromkeys(_variants(word)):
        found = _compound(variant)
        if found:
            return found
    return None


@cache
def _compound_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    prefixes = "|".join(re.escape(p) for p, _ in _prefixes())
    insults = "|".join(re.escape(w) for w in _insult_words())
    return (
        re.compile(rf"^(?:{prefixes})(?=...)"),
        re.compile(rf"..(?:{insults})$"),
        re.compile(rf"^(?:{insults})"),
    )


def _compound(word: str) -> tuple[tuple[str, ...], str] | None:
    prefix_re, insult_end, insult_start = _compound_regexes()
    if prefix_re.match(word):
        for prefix, kind in _prefixes():
            if not word.startswith(prefix) or len(word) < len(prefix) + 3:
                continue
            rest = word[len(prefix) :]
            bare = rest[1:] if rest[:1] in ("e", "s") and len(rest) > 4 else rest
            if kind == "disease" and any(
                rest.startswith(s) or bare.startswith(s) for s in _safe_parts()
            ):
                return None
            if any(rest.endswith(p) or bare == p for p in _people()):
                return ("insult", "profanity"), REASONS["people_compound"]
            return ("profanity",), REASONS["compound"]
    if insult_end.search(word):
        return ("insult",), REASONS["insult"]
    m = insult_start.match(word)
    if m:
        for insult in _insult_words():
            rest = word[len(insult) :]
            if word.startswith(insult) and (rest in _people() or rest in _GROUP_WORDS):
                return ("insult",), REASONS["insult"]
    return None


def is_abusive_word(word: str) -> bool:
    return bool(lookup(word) or compound(word) or any(word == p for p, _ in _prefixes()))


@lru_cache(maxsize=65536)
def word_info(norm: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """(kinds, reason per kind, is a disease word) for one normalised word; cached."""
    word = resolve_mask(norm)
    if not word:
        return (), (), False
    disease = any(word == p for p, t in _prefixes() if t == "disease")
    kinds = lookup(word)
    if kinds:
        if len(kinds) > 1:
            reasons = tuple(
                REASONS["people_compound" if k == "insult" else "compound"] for k in kinds
            )
        elif disease:
            reasons = (REASONS["disease"],)
        else:
            reasons = (REASONS["insult"] if kinds == ("insult",) else REASONS["profanity"],)
        return kinds, reasons, disease
    if " " in word:
        return (), (), False
    found = compound(word)
    if found:
        kinds, reason = found
        if len(kinds) > 1:
            reasons = tuple(
                REASONS["people_compound" if k == "insult" else "compound"] for k in kinds
            )
        else:
            reasons = (reason,)
        return kinds, reasons, False
    if disease:
        return ("profanity",), (REASONS["disease"],), True
    return (), (), False


def _word_findings(analysis: Analysis, index: int, token: Token) -> list[Finding]:
    kinds, reasons, disease = word_info(token.norm)
    if not kinds or (disease and _illness_context(analysis, index)):
        return []
    return [
        Finding(k, token.start, token.end, token.text, r)
        for k, r in zip(kinds, reasons, strict=True)
    ]


def _illness_context(analysis: Analysis, index: int) -> bool:
    """A disease word used as the illness: "mijn moeder heeft kanker", "kanker is een rotziekte"."""
    assert analysis.norm is not None
    before = " ".join(t.norm for t in analysis.tokens[max(0, index - 3) : index])
    if index > 0 and _ILLNESS_BEFORE.search(before):
        return True
    start, end = sentence_bounds(analysis, _norm_start(analysis, index))
    return bool(_ILLNESS_SENTENCE.search(analysis.norm.text[start:end]))


def _excused(analysis: Analysis, start: int, norm_start: int) -> bool:
    """True when the words at ``norm_start`` are quoted from someone else or self-directed."""
    assert analysis.norm is not None
    norm = analysis.norm.text
    s_start, _ = sentence_bounds(analysis, norm_start)
    before = norm[s_start:norm_start]
    sections = nl.patterns("abuse.patterns")
    if any(r.search(before) for r, _ in sections["reported"]):
        return True
    if any(r.search(before) for r, _ in sections["self"]):
        return True
    s_start, s_end = sentence_bounds(analysis, norm_start)
    sentence = norm[s_start:s_end]
    for regex, _ in sections["idiom"]:
        for m in regex.finditer(sentence):
            if m.start() <= norm_start - s_start < m.end() + 1:
                return True
    return _inside_quotes(analysis.text, start) and bool(
        re.search(r"\b(zei|zegt|noemde|riep|schreef|aldus|volgens)\b", before)
    )


def _pressure_not_threat(analysis: Analysis, finding: Finding, norm_start: int) -> bool:
    """A soft threat ("dan zul je het merken") next to legal or public pressure is pressure."""
    assert analysis.norm is not None
    sections = nl.patterns("abuse.patterns")
    if not any(r.search(finding.text.lower()) for r, _ in sections["soft_threat"]):
        return False
    start, end = sentence_bounds(analysis, norm_start)
    # the sentence before counts too: "Ik stap naar de rechter. Dan zul je het merken."
    if start > 0:
        start = sentence_bounds(analysis, max(0, start - 4))[0]
    window = analysis.norm.text[start:end]
    return any(r.search(window) for r, _ in sections["pressure_context"])


def _harmless_visit(analysis: Analysis, finding: Finding, norm_start: int) -> bool:
    """A visit with a shop purpose ("ik kom je morgen opzoeken in de winkel om de jas te passen")
    is no threat, unless weapons or violence are named in the same sentence."""
    assert analysis.norm is not None
    sections = nl.patterns("abuse.patterns")
    text = strip_accents(finding.text.lower())
    if not any(r.search(text) for r, _ in sections["visit_threat"]):
        return False
    start, end = sentence_bounds(analysis, norm_start)
    sentence = analysis.norm.text[start:end]
    if any(r.search(sentence) for r, _ in sections["violent_context"]):
        return False
    return any(r.search(sentence) for r, _ in sections["benign_visit"])


_TAKEN_BACK = re.compile(
    r"^[\s'\"”’]*\?[\s'\"”’]*(nee|neen|nope|grapje|geintje|natuurlijk niet)\b"
    r"|^[\s,.!'\"”’]*(figuurlijk|bij wijze van spreken|grapje|geintje|haha|ik meen het niet)\b"
)
_ON_A_PLATFORM = re.compile(
    r"^[\s,]*(op|via|in) (trustpilot|google|facebook|insta\w*|twitter|x|tiktok|linkedin|kiyoh|"
    r"internet|social media|sociale media|de reviews|een review|mijn review)\b"
)


def _taken_back(analysis: Analysis, finding: Finding) -> bool:
    """A threat the customer takes back or names as figurative right after it ("ik kom je
    halen? nee hoor", "ik maak je kapot. Figuurlijk dan"), or one aimed at a review platform
    ("ik zal jullie vinden op Trustpilot")."""
    after = strip_accents(analysis.text[finding.end : finding.end + 60].lower())
    return bool(_TAKEN_BACK.search(after) or _ON_A_PLATFORM.search(after))


def _inside_quotes(text: str, pos: int) -> bool:
    line_start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    before = text[line_start:pos]
    return (
        before.count('"') % 2 == 1
        or before.count("“") > before.count("”")
        or before.count("„") > before.count("”")
    )


def _norm_start(analysis: Analysis, token_index: int) -> int:
    assert analysis.norm is not None
    return analysis.norm.char_token.index(token_index)


def find_abuse(analysis: Analysis) -> list[Finding]:
    found: list[tuple[Finding, int]] = []
    for index, token in enumerate(analysis.tokens):
        for f in _word_findings(analysis, index, token):
            found.append((f, _norm_start(analysis, index)))
    sections = nl.patterns("abuse.patterns")
    for kind in ("threat", "insult", "profanity"):
        for start, end, reason, norm_start in find_patterns(analysis, sections[kind]):
            found.append((Finding(kind, start, end, analysis.text[start:end], reason), norm_start))
    kept: list[Finding] = []
    for f, norm_start in found:
        if _excused(analysis, f.start, norm_start):
            continue
        if f.kind == "threat" and (
            _pressure_not_threat(analysis, f, norm_start)
            or _harmless_visit(analysis, f, norm_start)
            or _taken_back(analysis, f)
        ):
            continue
        if any(k.kind == f.kind and k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept = [k for k in kept if not (k.kind == f.kind and f.start <= k.start and k.end <= f.end)]
        kept.append(f)
    kept.sort(key=lambda f: (f.start, ABUSE_KINDS.index(f.kind)))
    return kept


@component("nl.abuse_lexicon.v1", requires=("tokens", "norm"), assigns=("abuse",))
def abuse_lexicon(analysis: Analysis) -> Analysis:
    return replace(analysis, abuse=tuple(find_abuse(analysis)))

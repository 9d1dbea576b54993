"""Identifiers the customer already gave: order numbers, e-mail addresses, postcodes and
track & trace codes, so the agent does not have to ask again (PLAYBOOK M8)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import Analysis, Identifier

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_TRACKING = re.compile(
    r"(?<![\w-])(?:"
    r"3S[A-Z0-9]{4}\d{5,11}"  # PostNL
    r"|JVGL\d{8,14}|JJD\d{12,22}|00340434\d{10,12}"  # DHL (also SSCC)
    r"|1Z[0-9A-Z]{16}"  # UPS
    r"|(?:CD|32)\d{20,22}"  # bpost
    r"|\d{14}"  # DPD
    r")(?![\w-])",
    re.IGNORECASE,
)
_CARRIER_CODE = re.compile(
    r"\b(?:gls|dpd|ups|postnl|dhl|bpost|track(?:ing)?(?:code)?|track ?& ?trace|t&t|volgcode)"
    r"[\w &:-]{0,16}?(?<![\w-])(?P<code>[A-Z0-9]{0,4}\d{9,22})(?![\w-])",
    re.IGNORECASE,
)
_CODE = r"#?(?=[A-Z0-9/-]*\d{3})[A-Z0-9]{1,12}(?:[-/][A-Z0-9]{1,12}){0,4}"
_ORDER_WORD = (
    r"(?:bestel(?:ling)?s?[ -]?(?:nummer|nr|no|id)?|order(?:[ -]?(?:nummer|nr|no|id))?|"
    r"ordernummer|ordernr|bestelnr|referentie(?:nummer)?|ref|nummer)"
)
_ORDER = re.compile(
    rf"(?:\b{_ORDER_WORD}\.?\s*(?:is\s+|:\s*|nummer\s+|nr\.?\s*)?(?P<code>{_CODE})"
    r"(?P<more>(?:\s*(?:,|en|&)\s*#?\d[\d-]{3,14})*)"
    r"|(?P<hash>#\s?\d{4,12}))(?![\w-])",
    re.IGNORECASE,
)
_PHONE = re.compile(r"^(?:0[1-9]|\+|06)")
_POSTCODE_WORD = re.compile(r"\bpostcode", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"(?<![\w-])[1-9]\d{3}(?![\w-])")
_POSTCODE_NL = re.compile(
    r"(?<![\w-])(?P<code>[1-9]\d{3}(?P<sep> ?)(?P<letters>[A-Za-z]{2}))(?![\w-])"
)
_POSTCODE_BE = re.compile(r"(?<![\w-])(?P<code>[1-9]\d{3})\s+(?P<place>[A-Z][\w-]+)")
_NOT_LETTERS = frozenset(
    {
        "en",
        "de",
        "of",
        "in",
        "op",
        "te",
        "is",
        "ik",
        "je",
        "ze",
        "we",
        "al",
        "er",
        "om",
        "na",
        "nu",
        "ja",
        "ok",
        "km",
        "kg",
        "cm",
        "mm",
        "uw",
        "het",
        "eu",
        "st",
        "pm",
        "am",
    }
)


@cache
def _belgian_places() -> frozenset[str]:
    return frozenset(w.lower() for w in nl.words("belgian_places.txt"))


def find_identifiers(text: str) -> list[Identifier]:
    found: list[Identifier] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(i.start < end and start < i.end for i in found):
            return
        found.append(Identifier(kind, start, end, text[start:end]))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _TRACKING.finditer(text):
        add("tracking_code", m.start(), m.end())
    for m in _CARRIER_CODE.finditer(text):
        add("tracking_code", m.start("code"), m.end("code"))
    for m in _ORDER.finditer(text):
        if m.group("hash"):
            add("order_number", m.start("hash"), m.end("hash"))
            continue
        code = m.group("code")
        if _PHONE.match(code) and sum(c.isdigit() for c in code) >= 9:
            continue  # a phone number after "nummer"
        if sum(c.isdigit() for c in code) < 4 and not re.search(r"[A-Za-z]", code):
            continue
        add("order_number", m.start("code"), m.end("code"))
        for extra in re.finditer(r"#?\d[\d-]{3,14}", m.group("more") or ""):
            add("order_number", m.start("more") + extra.start(), m.start("more") + extra.end())
    for m in _POSTCODE_NL.finditer(text):
        letters = m.group("letters")
        if letters.lower() in _NOT_LETTERS or (
            m.group("sep") and not letters.isupper() and letters.lower() in _NOT_LETTERS
        ):
            continue
        if (
            m.group("sep")
            and letters.islower()
            and not re.search(
                r"postcode|adres|woon", text[max(0, m.start() - 40) : m.start()], re.I
            )
        ):
            continue
        add("postcode", m.start("code"), m.end("code"))
    for m in _POSTCODE_BE.finditer(text):
        if m.group("place").lower() in _belgian_places():
            add("postcode", m.start("code"), m.end("code"))
    for sentence in re.finditer(r"[^.!?\n]+", text):
        if _POSTCODE_WORD.search(sentence.group()):
            for m in _FOUR_DIGITS.finditer(sentence.group()):
                add("postcode", sentence.start() + m.start(), sentence.start() + m.end())
    found.sort(key=lambda i: i.start)
    return found


@component("nl.identifiers.v1", assigns=("identifiers",))
def identifiers(analysis: Analysis) -> Analysis:
    return replace(analysis, identifiers=tuple(find_identifiers(analysis.text)))

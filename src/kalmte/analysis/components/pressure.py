"""Legitimate pressure: legal steps (advocaat, Geschillencommissie, ...) and going public
(reviews, social media, Consumentenbond, TV). Reported apart from abuse, never as abuse."""

from __future__ import annotations

from dataclasses import replace

from kalmte.analysis.components.normalize import find_patterns
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import PRESSURE_KINDS, Analysis, Finding


def find_pressure(analysis: Analysis) -> list[Finding]:
    sections = nl.patterns("pressure.patterns")
    found: list[Finding] = []
    for kind in PRESSURE_KINDS:
        for start, end, reason, _ in find_patterns(analysis, sections[kind]):
            if any(f.kind == kind and f.start <= start < f.end for f in found):
                continue
            found.append(Finding(kind, start, end, analysis.text[start:end], reason))
    found.sort(key=lambda f: f.start)
    return found


@component("nl.pressure.v1", requires=("tokens", "norm"), assigns=("pressure",))
def pressure(analysis: Analysis) -> Analysis:
    return replace(analysis, pressure=tuple(find_pressure(analysis)))

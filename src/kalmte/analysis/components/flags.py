"""Flags: needs_certainty (M5), venting (M4) and suspects_intent (M6)."""

from __future__ import annotations

from dataclasses import replace

from kalmte.analysis.components.normalize import find_patterns
from kalmte.analysis.components.problems import has_request
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import NEGATIVE_EMOTIONS, Analysis, Flag

VENTING_REASON = "veel emotie zonder vraag of verzoek: luister en vat samen"
VENTING_MIN_INTENSITY = 0.45


def find_flags(analysis: Analysis) -> list[Flag]:
    sections = nl.patterns("flags.patterns")
    flags: list[Flag] = []
    hits = find_patterns(analysis, sections["needs_certainty"])
    if hits:
        start, end, reason, _ = hits[0]
        flags.append(Flag("needs_certainty", reason, start, end, analysis.text[start:end]))
    emotion = analysis.emotion
    if (
        emotion is not None
        and emotion.label in NEGATIVE_EMOTIONS
        and emotion.intensity >= VENTING_MIN_INTENSITY
        and not hits
        and not has_request(analysis.text)
    ):
        flags.append(Flag("venting", VENTING_REASON))
    hits = find_patterns(analysis, sections["suspects_intent"])
    if hits:
        start, end, reason, _ = hits[0]
        flags.append(Flag("suspects_intent", reason, start, end, analysis.text[start:end]))
    return flags


@component("nl.flags.v1", requires=("norm", "emotion"), assigns=("flags",))
def flags(analysis: Analysis) -> Analysis:
    return replace(analysis, flags=tuple(find_flags(analysis)))

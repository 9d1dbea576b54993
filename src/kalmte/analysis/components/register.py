"""Register: formal (u/uw), informal (je/jij, Flemish ge/gij) or unknown (PLAYBOOK M9)."""

from __future__ import annotations

from dataclasses import replace

from kalmte.analysis.components.normalize import find_patterns
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import Analysis


def detect_register(analysis: Analysis) -> str:
    sections = nl.patterns("register.patterns")
    formal = len(find_patterns(analysis, sections["formal"]))
    informal = len(find_patterns(analysis, sections["informal"]))
    if find_patterns(analysis, sections["flemish"]):
        # Flemish ge/gij goes with "uw" as the informal possessive.
        return "informal"
    if formal == informal == 0:
        return "unknown"
    return "formal" if formal >= informal else "informal"


@component("nl.register.v1", requires=("tokens", "norm"), assigns=("register",))
def register(analysis: Analysis) -> Analysis:
    return replace(analysis, register=detect_register(analysis))

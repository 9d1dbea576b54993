"""Tests of the analysis engine, and what they share."""

from __future__ import annotations

from kalmte.analysis.types import Analysis


def explained_abuse(result: Analysis, kind: str) -> list:
    """The abuse findings of `kind`; each must carry a reason and its exact span."""
    found = [f for f in result.abuse if f.kind == kind]
    for f in found:
        assert f.reason, f
        assert result.text[f.start : f.end] == f.text, f
    return found

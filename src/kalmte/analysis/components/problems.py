"""The problem(s) behind a message (PLAYBOOK M3), from cue words in ``lang/nl/problems.patterns``.

The learned problem head (``nl.problem_head.v1``) refines these; ``nl.problem_other.v1``
adds ``other`` when nothing specific was found and the message is more than thanks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kalmte.analysis.components.normalize import find_patterns, sentence_bounds
from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import PROBLEMS, Analysis, Problem

OTHER_REASON = "geen specifiek probleem herkend"
_REQUEST = re.compile(
    r"\?|\b(graag|alstublieft|alsjeblieft|kunt u|kun je|kunnen jullie|kan ik|wil ik|ik wil|ik eis|"
    r"ik verwacht|zou(den)? (u|je|jullie)|wil(len)? (u|je|jullie)|wanneer|waarom|hoe lang|help|regel|"
    r"stuur|geef|bel (me|mij)|laat (me|mij|het) (\w+ )?weten|los (\w+ )?op|moeten jullie|moet u)\b",
    re.IGNORECASE,
)


def cue_problems(analysis: Analysis) -> list[Problem]:
    sections = nl.patterns("problems.patterns")
    found: list[Problem] = []
    for label in PROBLEMS:
        for start, end, reason, norm_start in find_patterns(analysis, sections.get(label, ())):
            if _vetoed(analysis, sections, label, norm_start):
                continue
            found.append(Problem(label, start, end, analysis.text[start:end], reason))
            break
    return found


def _vetoed(
    analysis: Analysis,
    sections: dict[str, tuple[tuple[re.Pattern[str], str], ...]],
    label: str,
    norm_start: int,
) -> bool:
    """A cue whose sentence is about something else is no cue for the
    label: "ik heb de factuur nog steeds niet ontvangen" is not a missing parcel. Sections
    ``[label:not]`` name what the sentence is about instead; ``[label:keep]`` words (a parcel,
    a physical defect) keep the cue anyway, unless ``[label:never]`` matches too."""
    vetoes = sections.get(f"{label}:not", ())
    never = sections.get(f"{label}:never", ())
    if not vetoes and not never:
        return False
    assert analysis.norm is not None
    start, end = sentence_bounds(analysis, norm_start)
    window = analysis.norm.text[start:end]
    if any(r.search(window) for r, _ in never):
        return True
    if not any(r.search(window) for r, _ in vetoes):
        return False
    return not any(r.search(window) for r, _ in sections.get(f"{label}:keep", ()))


def has_request(text: str) -> bool:
    """Whether the message asks something that can be answered or done."""
    return bool(_REQUEST.search(text))


@component("nl.problem_cues.v1", requires=("tokens", "norm"), assigns=("problems",))
def problem_cues(analysis: Analysis) -> Analysis:
    return replace(analysis, problems=tuple(cue_problems(analysis)))


@component("nl.problem_other.v1", requires=("problems", "emotion"), assigns=("problems",))
def problem_other(analysis: Analysis) -> Analysis:
    if analysis.problems or not analysis.text.strip():
        return analysis
    if analysis.emotion_label == "positive" and not has_request(analysis.text):
        return analysis  # pure thanks or praise
    text = analysis.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return replace(
        analysis, problems=(Problem("other", start, end, text[start:end], OTHER_REASON, 0.5),)
    )

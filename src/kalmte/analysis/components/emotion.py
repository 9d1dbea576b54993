"""Emotion from cue words and typography (caps, !!!, elongation, curses), PLAYBOOK M1.

Gives every label a score; the learned emotion head (``nl.emotion_head.v1``) refines them.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

from kalmte.analysis.lang import nl
from kalmte.analysis.pipeline import component
from kalmte.analysis.types import EMOTIONS, NEGATIVE_EMOTIONS, Analysis, Emotion

_CAPS_WORD = re.compile(r"\b[A-ZÀ-Þ]{3,}\b")
_WORD = re.compile(r"\b[^\W\d_]{3,}\b")
_ELONGATED = re.compile(r"([a-zA-Z])\1{2,}")
_INTENSIFIER = re.compile(
    r"\b(echt|zo|heel|enorm|super|totaal|compleet|absoluut|ontzettend|verschrikkelijk|vreselijk|"
    r"ontiegelijk|wreed|erg|werkelijk|gewoon|nooit|helemaal|volledig|godsgruwelijk)\b"
)
FEATURES = (
    "caps",
    "exclaim",
    "question",
    "elongation",
    "intensifier",
    "profanity",
    "insult",
    "threat",
    "pressure",
    "length",
)


def cue_counts(analysis: Analysis) -> dict[str, float]:
    assert analysis.norm is not None
    counts = dict(_cue_counts(analysis.norm.text))
    for label, n in emoji_counts(analysis.text).items():
        counts[label] += n
    return counts


@lru_cache(maxsize=1)
def _emoji() -> dict[str, str]:
    return {row[0]: row[1] for row in nl.table("emoji.tsv")}


def emoji_counts(text: str) -> dict[str, float]:
    """Feeling-bearing emoji per emotion; a run of the same emoji counts at most twice."""
    emoji = _emoji()
    counts: dict[str, float] = {}
    seen: dict[str, int] = {}
    for char in text:
        label = emoji.get(char)
        if label is not None and seen.get(char, 0) < 2:
            seen[char] = seen.get(char, 0) + 1
            counts[label] = counts.get(label, 0.0) + 1.0
    return counts


@lru_cache(maxsize=1024)
def _cue_counts(norm: str) -> tuple[tuple[str, float], ...]:
    sections = nl.patterns("emotion.patterns")

    def count(section: str) -> int:
        return sum(len(r.findall(norm)) for r, _ in sections.get(section, ()))

    counts = {label: float(count(label)) for label in EMOTIONS}
    sarcasm = count("sarcasm")
    polite = count("politeness")
    counts["anger"] += 1.5 * sarcasm
    counts["positive"] = max(0.0, counts["positive"] - polite - 1.5 * sarcasm)
    return tuple(counts.items())


def typography(analysis: Analysis) -> dict[str, float]:
    text = analysis.text
    words = _WORD.findall(text)
    caps = _CAPS_WORD.findall(text)
    kinds = {f.kind for f in analysis.abuse}
    return {
        "caps": min(1.0, 3 * len(caps) / max(1, len(words)))
        if len(caps) >= 2 or (caps and len(words) <= 3)
        else 0.0,
        "exclaim": min(1.0, text.count("!") / 3),
        "question": min(1.0, text.count("?") / 2),
        "elongation": 1.0 if _ELONGATED.search(text) else 0.0,
        "intensifier": min(
            1.0,
            len(_INTENSIFIER.findall(analysis.norm.text if analysis.norm else text.lower())) / 3,
        ),
        "profanity": 1.0 if "profanity" in kinds else 0.0,
        "insult": 1.0 if "insult" in kinds else 0.0,
        "threat": 1.0 if "threat" in kinds else 0.0,
        "pressure": 1.0 if analysis.pressure else 0.0,
        "length": min(1.0, len(words) / 150),
    }


def arousal(feats: dict[str, float]) -> float:
    return min(
        1.0,
        0.35 * feats["caps"]
        + 0.25 * feats["exclaim"]
        + 0.1 * feats["elongation"]
        + 0.15 * feats["intensifier"]
        + 0.3 * feats["profanity"]
        + 0.3 * feats["insult"]
        + 0.5 * feats["threat"],
    )


def rule_scores(analysis: Analysis) -> dict[str, float]:
    counts = cue_counts(analysis)
    feats = typography(analysis)
    logits = {label: 1.1 * min(counts[label], 3.0) for label in EMOTIONS}
    logits["neutral"] = 1.0
    logits["anger"] += (
        2.0 * max(feats["profanity"], feats["insult"])
        + 3.0 * feats["threat"]
        + 1.2 * feats["caps"]
        + 0.6 * feats["exclaim"]
    )
    logits["frustration"] += 0.3 * feats["exclaim"] + 0.3 * feats["question"]
    if any(counts[label] for label in NEGATIVE_EMOTIONS) or analysis.problems:
        logits["positive"] -= 0.8
    return softmax(logits)


def softmax(logits: dict[str, float]) -> dict[str, float]:
    top = max(logits.values())
    exp = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exp.values())
    return {k: exp[k] / total for k in EMOTIONS}


def make_emotion(analysis: Analysis, scores: dict[str, float]) -> Emotion:
    label = max(EMOTIONS, key=lambda k: scores[k])
    feats = typography(analysis)
    if label == "neutral":
        intensity = 0.2 * (1.0 - scores["neutral"])
    else:
        intensity = 0.55 * scores[label] + 0.45 * arousal(feats)
        if label == "distress":
            intensity = max(intensity, 0.5 * scores[label] + 0.3)
    return Emotion(label, max(0.0, min(1.0, intensity)), scores)


@component(
    "nl.emotion_cues.v1", requires=("norm", "abuse", "pressure", "problems"), assigns=("emotion",)
)
def emotion_cues(analysis: Analysis) -> Analysis:
    return replace(analysis, emotion=make_emotion(analysis, rule_scores(analysis)))

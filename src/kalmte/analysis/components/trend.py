"""The emotion trend over the conversation (PLAYBOOK M1): is the customer heating up?"""

from __future__ import annotations

from dataclasses import replace

from kalmte.analysis.pipeline import component
from kalmte.analysis.types import NEGATIVE_EMOTIONS, Analysis, Emotion, Trend

STEP = 0.15  # change in heat that counts as rising or falling


def heat(emotion: Emotion | None) -> float:
    """Negative feeling counts up, positive feeling down, neutral is zero."""
    if emotion is None or emotion.label == "neutral":
        return 0.0
    return emotion.intensity if emotion.label in NEGATIVE_EMOTIONS else -emotion.intensity


@component("nl.trend.v1", requires=("emotion", "context_emotions"), assigns=("trend",))
def trend(analysis: Analysis) -> Analysis:
    if not analysis.context:
        return analysis
    emotions = (*analysis.context_emotions, analysis.emotion)
    heats = tuple(heat(e) for e in emotions)
    earlier = heats[:-1]
    baseline = sum(earlier[-2:]) / len(earlier[-2:]) if earlier else 0.0
    delta = heats[-1] - baseline
    direction = "rising" if delta > STEP else "falling" if delta < -STEP else "steady"
    labels = tuple(e.label if e else "neutral" for e in emotions)
    return replace(analysis, trend=Trend(labels, heats, direction))

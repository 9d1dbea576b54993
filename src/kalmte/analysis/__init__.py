"""Kalmte's analysis engine: read a Dutch customer message like a seasoned agent.

Framework-free (no Django). Usage::

    from kalmte.analysis import analyze
    result = analyze("Waar blijft mijn pakket?? Bestelnummer #100234", context=["Hallo?"])
    result.emotion.label, result.problem_labels, result.flag_labels, result.abuse_kinds
    result.to_dict()

``analyze(text, context=None)`` returns an immutable :class:`Analysis`. ``context`` holds
the earlier customer messages of the conversation, oldest first; with it the result has a
``trend``. The pipeline (lexicons, patterns, encoder and heads) is built once per process,
on first use, thread-safely.

``Analysis.to_dict()`` is the stable, JSON-serialisable contract::

    {
      "emotion": {"label": "anger"|"frustration"|"distress"|"disappointment"|"neutral"|"positive",
                  "intensity": 0.0..1.0,
                  "scores": {label: 0.0..1.0 for all six labels}},
      "abuse":    [{"kind": "insult"|"profanity"|"threat", "start": int, "end": int,
                    "text": str, "reason": str}],
      "pressure": [{"kind": "legal"|"public", "start": int, "end": int, "text": str, "reason": str}],
      "problems": [{"label": "late_delivery"|"damaged_or_defective"|"wrong_item"|"return_refund"|
                              "promo_code"|"payment_checkout"|"invoice_billing"|"out_of_stock"|
                              "website_error"|"missed_callback"|"cancellation"|"staff_complaint"|
                              "product_question"|"other",
                    "start": int, "end": int, "text": str, "reason": str, "score": float}],
      "flags":    [{"label": "needs_certainty"|"venting"|"suspects_intent", "reason": str,
                    optionally "start": int, "end": int, "text": str}],
      "register": "formal"|"informal"|"unknown",
      "identifiers": [{"kind": "order_number"|"email"|"postcode"|"tracking_code",
                       "start": int, "end": int, "text": str}],
      "trend": {"labels": [str], "heat": [float], "direction": "rising"|"falling"|"steady"}
               # only when context was given; earlier messages first, this one last
    }

Spans are character offsets into the original text (``text[start:end] == text``); reasons are
short Dutch explanations for the agent. A problem found by the model alone has the reason
``"model"`` and spans the whole message.
"""

from __future__ import annotations

from collections.abc import Sequence

from kalmte.analysis.pipeline import Pipeline, PipelineError, get_pipeline
from kalmte.analysis.types import (
    ABUSE_KINDS,
    EMOTIONS,
    FLAGS,
    IDENTIFIER_KINDS,
    PRESSURE_KINDS,
    PROBLEMS,
    REGISTERS,
    Analysis,
    Emotion,
    Finding,
    Flag,
    Identifier,
    Problem,
    Trend,
)

MAX_TEXT_CHARS = 20_000


def analyze(text: str, context: Sequence[str] | None = None) -> Analysis:
    """Analyse one customer message; ``context`` = the earlier messages, oldest first."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(
            f"text is {len(text)} characters; at most {MAX_TEXT_CHARS} can be analysed"
        )
    return get_pipeline()(text, context)


__all__ = [
    "ABUSE_KINDS",
    "EMOTIONS",
    "FLAGS",
    "IDENTIFIER_KINDS",
    "PRESSURE_KINDS",
    "PROBLEMS",
    "REGISTERS",
    "Analysis",
    "Emotion",
    "Finding",
    "Flag",
    "Identifier",
    "Pipeline",
    "PipelineError",
    "Problem",
    "Trend",
    "analyze",
]

"""Immutable result types of the analysis engine.

Every signal carries the character span (``start``/``end`` into the original text, end
exclusive) that caused it and a short Dutch reason an agent can read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

EMOTIONS = ("anger", "frustration", "distress", "disappointment", "neutral", "positive")
NEGATIVE_EMOTIONS = frozenset({"anger", "frustration", "distress", "disappointment"})
ABUSE_KINDS = ("insult", "profanity", "threat")
PRESSURE_KINDS = ("legal", "public")
PROBLEMS = (
    "late_delivery",
    "damaged_or_defective",
    "wrong_item",
    "return_refund",
    "promo_code",
    "payment_checkout",
    "invoice_billing",
    "out_of_stock",
    "website_error",
    "missed_callback",
    "cancellation",
    "staff_complaint",
    "product_question",
    "other",
)
FLAGS = ("needs_certainty", "venting", "suspects_intent")
REGISTERS = ("formal", "informal", "unknown")
IDENTIFIER_KINDS = ("order_number", "email", "postcode", "tracking_code")

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text with its normalised form (lowercase, de-obfuscated)."""

    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Finding:
    """An abuse or pressure signal: ``kind`` with the span that shows it."""

    kind: str
    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem behind the message; the span is the cue words (or the text for the model)."""

    label: str
    start: int
    end: int
    text: str
    reason: str
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """A flag for the agent (needs_certainty, venting, suspects_intent)."""

    label: str
    reason: str
    start: int | None = None
    end: int | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "reason": self.reason}
        if self.start is not None:
            out.update(start=self.start, end=self.end, text=self.text)
        return out


@dataclass(frozen=True, slots=True)
class Identifier:
    """An order number, e-mail address, postcode or track & trace code found in the text."""

    kind: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Emotion:
    """The dominant emotion, its intensity 0..1 and the score of every label."""

    label: str
    intensity: float
    scores: Mapping[str, float] = field(default_factory=lambda: _EMPTY)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "intensity": round(self.intensity, 3),
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
        }


@dataclass(frozen=True, slots=True)
class Trend:
    """Emotion over the conversation: earlier messages first, this message last."""

    labels: tuple[str, ...]
    heat: tuple[float, ...]
    direction: str  # rising, falling or steady

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "heat": [round(h, 3) for h in self.heat],
            "direction": self.direction,
        }


@dataclass(frozen=True, slots=True)
class NormText:
    """The normalised text: token norms joined by single spaces, mapped back to tokens."""

    text: str
    char_token: tuple[int, ...]  # token index of every character of ``text`` (-1 = space)


@dataclass(frozen=True, eq=False)
class Analysis:
    """What the engine read in one customer message. Build it with :func:`analyze`.

    Components refine it in order with :func:`dataclasses.replace`; the working fields
    (``tokens``, ``norm``, ``embedding``) are not part of :meth:`to_dict`.
    """

    text: str
    context: tuple[str, ...] = ()
    context_emotions: tuple[Emotion, ...] = ()  # of the earlier messages, oldest first
    tokens: tuple[Token, ...] = ()
    norm: NormText | None = None
    embedding: Any = None  # numpy vector of the sentence encoder, when the pipeline has one
    emotion: Emotion | None = None
    abuse: tuple[Finding, ...] = ()
    pressure: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    flags: tuple[Flag, ...] = ()
    register: str = "unknown"
    identifiers: tuple[Identifier, ...] = ()
    trend: Trend | None = None

    @property
    def problem_labels(self) -> list[str]:
        return [p.label for p in self.problems]

    @property
    def flag_labels(self) -> list[str]:
        return [f.label for f in self.flags]

    @property
    def abuse_kinds(self) -> list[str]:
        return sorted({f.kind for f in self.abuse}, key=ABUSE_KINDS.index)

    @property
    def pressure_kinds(self) -> list[str]:
        return sorted({f.kind for f in self.pressure}, key=PRESSURE_KINDS.index)

    @property
    def emotion_label(self) -> str:
        return self.emotion.label if self.emotion else "neutral"

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_dict(self) -> dict[str, Any]:
        emotion = self.emotion or Emotion("neutral", 0.0, {e: 0.0 for e in EMOTIONS})
        out: dict[str, Any] = {
            "emotion": emotion.to_dict(),
            "abuse": [f.to_dict() for f in self.abuse],
            "pressure": [f.to_dict() for f in self.pressure],
            "problems": [p.to_dict() for p in self.problems],
            "flags": [f.to_dict() for f in self.flags],
            "register": self.register,
            "identifiers": [i.to_dict() for i in self.identifiers],
        }
        if self.context:
            out["trend"] = self.trend.to_dict() if self.trend else None
        return out

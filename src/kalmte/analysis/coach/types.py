"""The coach's result and input types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

RULES = tuple(f"R{i}" for i in range(1, 11))


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule the draft breaks, with the span that shows it and a Dutch explanation.

    ``suggestion`` replaces ``draft[start:end]`` when the agent applies it.
    """

    rule: str
    start: int
    end: int
    text: str
    explanation: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class Conversation:
    """What the coach needs of a conversation: customer and earlier agent messages.

    ``customer_messages`` oldest first; the last one is the message being answered.
    ``analysis`` is that message's analysis (an ``Analysis`` or its ``to_dict()``);
    when absent the coach analyses the message itself.
    """

    customer_messages: Sequence[str] = ()
    agent_messages: Sequence[str] = ()
    analysis: Any = None
    extra: Mapping[str, Any] = field(default_factory=dict)

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


POLICY_KEYS = ("delivery_days", "free_shipping_from_eur", "return_days", "refund_days", "register")


def check_policy(policy: Mapping[str, Any] | None) -> dict[str, Any]:
    """A shop policy in the coach's shape, or ValueError saying exactly what is wrong.

    ``{delivery_days: [min, max], free_shipping_from_eur, return_days, refund_days,
    register: formal|informal}``; every key may be left out, ``None`` means "not set"."""
    if policy is None:
        return {}
    if not isinstance(policy, Mapping):
        raise ValueError(f"policy must be an object, not {type(policy).__name__}")
    unknown = sorted(set(policy) - set(POLICY_KEYS))
    if unknown:
        raise ValueError(
            f"policy: unknown key(s) {', '.join(unknown)}; known: {', '.join(POLICY_KEYS)}"
        )
    out = {k: v for k, v in policy.items() if v is not None}
    days = out.get("delivery_days")
    if days is not None and not (
        isinstance(days, Sequence)
        and not isinstance(days, str)
        and len(days) == 2
        and all(_whole(d) for d in days)
        and days[0] <= days[1]
    ):
        raise ValueError("policy: delivery_days must be [min, max] whole days with min <= max")
    for key in ("return_days", "refund_days"):
        if key in out and not _whole(out[key]):
            raise ValueError(f"policy: {key} must be a whole number of days (0 or more)")
    amount = out.get("free_shipping_from_eur")
    if amount is not None and (
        isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0
    ):
        raise ValueError("policy: free_shipping_from_eur must be an amount of 0 or more")
    if "register" in out and out["register"] not in ("formal", "informal"):
        raise ValueError("policy: register must be 'formal' or 'informal'")
    return out


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0

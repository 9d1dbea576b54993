"""Shop policies the coach tests check drafts against, and the rules a draft is flagged for."""

from __future__ import annotations

from kalmte.analysis.coach import Conversation, coach

FORMAL = {
    "delivery_days": [2, 4],
    "free_shipping_from_eur": 50,
    "return_days": 30,
    "refund_days": 14,
    "register": "formal",
}
INFORMAL = {**FORMAL, "register": "informal"}


def rules(
    customer: str,
    draft: str,
    policy: dict = FORMAL,
    previous: str | None = None,
    *,
    gate: bool = True,
) -> set:
    """The rules ``draft`` breaks as an answer to ``customer`` (after ``previous``)."""
    conversation = Conversation([customer], [previous] if previous else [])
    return {f.rule for f in coach(draft, conversation, policy, gate=gate)}

"""The reply coach: check an agent's draft against the playbook (rules R1–R10).

Framework-free (no Django). Usage::

    from kalmte.analysis.coach import coach, Conversation
    findings = coach(
        "Zoals ik al zei: het ligt aan PostNL.",
        Conversation(customer_messages=["Waar blijft mijn pakket??"]),
        {"delivery_days": [1, 3], "free_shipping_from_eur": 50, "return_days": 30,
         "refund_days": 14, "register": "formal"},
    )
    [f.to_dict() for f in findings]

Each finding is ``{rule: "R1".."R10", start, end, text, explanation, suggestion}``:
``draft[start:end] == text``; ``explanation`` is Dutch for the agent; ``suggestion``
replaces the span when applied (empty when the agent must rewrite it in their own words).
``conversation`` is a :class:`Conversation` or a mapping with ``customer`` (messages, oldest
first), ``previous_agent`` (earlier agent messages) and optionally ``analysis`` (of the
latest customer message, an ``Analysis`` or its ``to_dict()``).
"""

from kalmte.analysis.coach.core import MAX_DRAFT_CHARS, coach, draft_register, similarity
from kalmte.analysis.coach.register import REGISTERS, convert_register
from kalmte.analysis.coach.types import RULES, Conversation, Finding

__all__ = [
    "MAX_DRAFT_CHARS",
    "REGISTERS",
    "RULES",
    "Conversation",
    "Finding",
    "coach",
    "convert_register",
    "draft_register",
    "similarity",
]

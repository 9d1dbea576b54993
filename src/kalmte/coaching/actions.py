"""The reply coach in the desk: check a draft in its conversation, record overrides."""

from __future__ import annotations

from kalmte.accounts.models import Agent
from kalmte.analysis.coach import Conversation as CoachConversation
from kalmte.analysis.coach import Finding, coach
from kalmte.conversations.actions import record_event
from kalmte.conversations.models import AuthorKind, Conversation, Event, MessageKind

MAX_DRAFT_CHARS = 10_000
CONTEXT_MESSAGES = 20


def latest_customer_analysis(conversation: Conversation) -> dict | None:
    """The stored analysis of the latest customer message (None when there is none)."""
    message = (
        conversation.messages.filter(author_kind=AuthorKind.CUSTOMER)
        .order_by("-created_at", "-pk")
        .only("analysis")
        .first()
    )
    return message.analysis if message else None


def coach_conversation(conversation: Conversation, *, sent: str | None = None) -> CoachConversation:
    """The customer and agent messages the coach reads, with the stored analysis.

    ``sent``: a reply just stored; it is left out so it is not compared with itself.
    """
    rows = list(
        conversation.messages.filter(
            author_kind__in=[AuthorKind.CUSTOMER, AuthorKind.AGENT], kind=MessageKind.MESSAGE
        )
        .order_by("-created_at", "-pk")
        .values_list("author_kind", "body", "analysis")[:CONTEXT_MESSAGES]
    )
    rows.reverse()
    customer = [body for kind, body, _ in rows if kind == AuthorKind.CUSTOMER]
    agent = [body for kind, body, _ in rows if kind == AuthorKind.AGENT]
    if sent is not None and agent and agent[-1].strip() == sent.strip():
        agent.pop()
    analysis = next((a for kind, _, a in reversed(rows) if kind == AuthorKind.CUSTOMER and a), None)
    if customer and analysis is None:
        analysis = {}  # analysis unavailable: coach the draft on its own, never block typing
    return CoachConversation(customer_messages=customer, agent_messages=agent, analysis=analysis)


def check_draft(conversation: Conversation, draft: str, *, sent: bool = False) -> list[Finding]:
    """Findings for ``draft`` as a reply in ``conversation``, under the shop's policy."""
    context = coach_conversation(conversation, sent=draft if sent else None)
    return coach(draft, context, conversation.shop.policy())


def do_record_override(
    conversation: Conversation, body: str, *, acting_agent: Agent
) -> Event | None:
    """The agent sent ``body`` despite open findings: keep them in the audit trail."""
    findings = check_draft(conversation, body, sent=True)
    if not findings:
        return None
    return record_event(
        conversation.shop,
        "coach_overridden",
        conversation=conversation,
        actor=acting_agent,
        findings=[f.to_dict() for f in findings],
    )

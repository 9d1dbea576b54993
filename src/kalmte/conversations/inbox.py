"""The inbox: an agent's conversations filtered and ordered by need.

Order: conversations with abuse first, then those waiting for an answer by
waiting time × (1 + 2 × emotional intensity) — a furious customer who waited five minutes
comes before a calm one who waited ten — then the rest, most recently updated first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from kalmte.accounts.models import Agent
from kalmte.conversations.access import conversations_for
from kalmte.conversations.models import Channel, Conversation, Status

SCOPES = ("mine", "unassigned", "all")
INTENSITY_WEIGHT = 2.0
WAITING_LIMIT = 2000


@dataclass(frozen=True)
class InboxFilter:
    scope: str = "all"
    status: str = "active"
    channel: str = ""

    @classmethod
    def from_query(cls, params) -> InboxFilter:
        scope = params.get("scope", "all")
        status = params.get("status", "active")
        channel = params.get("channel", "")
        return cls(
            scope=scope if scope in SCOPES else "all",
            status=status if status in (*Status.values, "active", "any") else "active",
            channel=channel if channel in Channel.values else "",
        )


def urgency(conversation: Conversation, now: datetime) -> float:
    if conversation.waiting_since is None:
        return 0.0
    waited = max((now - conversation.waiting_since).total_seconds(), 0.0)
    return waited * (1.0 + INTENSITY_WEIGHT * conversation.intensity)


def inbox(agent: Agent, flt: InboxFilter, *, limit: int = 50) -> list[Conversation]:
    qs = conversations_for(agent).select_related("customer", "owner")
    if flt.scope == "mine":
        qs = qs.filter(owner=agent)
    elif flt.scope == "unassigned":
        qs = qs.filter(owner__isnull=True)
    if flt.status == "active":
        qs = qs.filter(status__in=[Status.OPEN, Status.PENDING])
    elif flt.status != "any":
        qs = qs.filter(status=flt.status)
    if flt.channel:
        qs = qs.filter(channel=flt.channel)

    now = timezone.now()
    waiting = list(qs.filter(waiting_since__isnull=False).order_by("waiting_since")[:WAITING_LIMIT])
    waiting.sort(key=lambda c: (not c.has_abuse, -urgency(c, now)))
    rest: list[Conversation] = []
    if len(waiting) < limit:
        rest = list(
            qs.filter(Q(waiting_since__isnull=True)).order_by("-has_abuse", "-updated_at")[
                : limit - len(waiting)
            ]
        )
    return (waiting + rest)[:limit]

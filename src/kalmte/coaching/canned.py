"""Canned replies with their variables filled in from the conversation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kalmte.accounts.models import Agent
from kalmte.conversations.models import Conversation

VARIABLE = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")


@dataclass(frozen=True)
class RenderedReply:
    title: str
    register: str
    register_label: str
    body: str


def _order_for(conversation: Conversation, analysis: dict | None):
    from kalmte.shop.models import Order

    orders = Order.objects.filter(shop_id=conversation.shop_id)
    for ident in (analysis or {}).get("identifiers", []):
        if ident.get("kind") == "order_number":
            number = re.sub(r"[^0-9A-Za-z]", "", ident.get("text", "")).upper()
            number = re.sub(r"^(BESTELNUMMER|ORDERNR|ORDER|NR)", "", number)
            order = orders.filter(number__iexact=number).first()
            if order:
                return order
    return orders.filter(customer_id=conversation.customer_id).order_by("-placed_at").first()


def delivery_time(policy: dict) -> str:
    low, high = policy["delivery_days"]
    if low == high:
        return f"{low} werkdag" if low == 1 else f"{low} werkdagen"
    return f"{low} tot {high} werkdagen"


def variables(conversation: Conversation, agent: Agent, analysis: dict | None) -> dict[str, str]:
    """Every variable a canned reply may use; empty when unknown."""
    order = _order_for(conversation, analysis)
    shipment = (
        order.shipments.exclude(tracking_code="").order_by("-created_at").first() if order else None
    )
    return {
        "klant.voornaam": conversation.customer.first_name,
        "klant.naam": conversation.customer.name,
        "order.nummer": f"#{order.number}" if order else "",
        "order.track_trace": shipment.tracking_code if shipment else "",
        "agent.naam": agent.display_name,
        "beleid.levertijd": delivery_time(conversation.shop.policy()),
        "winkel.naam": conversation.shop.name,
    }


def fill(body: str, values: dict[str, str]) -> str:
    """Replace ``{{ name }}`` with its value; unknown variables become empty."""
    return VARIABLE.sub(lambda m: values.get(m.group(1), ""), body)


def rendered_replies(
    conversation: Conversation, agent: Agent, analysis: dict | None
) -> list[RenderedReply]:
    values = variables(conversation, agent, analysis)
    return [
        RenderedReply(r.title, r.register, r.get_register_display(), fill(r.body, values))
        for r in conversation.shop.canned_replies.all()
    ]

"""Permission-checked fetching: views and the API never fetch conversations directly."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kalmte.accounts.models import Agent
from kalmte.conversations.models import Conversation, Customer


def conversations_for(agent: Agent) -> QuerySet[Conversation]:
    return Conversation.objects.filter(shop_id=agent.shop_id)


def access_conversation(agent: Agent, conversation_id: int | str) -> Conversation:
    """The conversation if the agent's shop owns it; 404 otherwise (no existence leak)."""
    try:
        return (
            conversations_for(agent)
            .select_related("customer", "owner", "shop")
            .get(pk=int(conversation_id))
        )
    except (Conversation.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("Gesprek niet gevonden") from None


def customers_for(agent: Agent) -> QuerySet[Customer]:
    return Customer.objects.filter(shop_id=agent.shop_id)


def access_customer(agent: Agent, customer_id: int | str) -> Customer:
    try:
        return customers_for(agent).get(pk=int(customer_id))
    except (Customer.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("Klant niet gevonden") from None


def access_agent(agent: Agent, agent_id: int | str) -> Agent:
    """A colleague in the same shop."""
    try:
        return Agent.objects.select_related("user").get(
            pk=int(agent_id), shop_id=agent.shop_id, user__is_active=True
        )
    except (Agent.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("Medewerker niet gevonden") from None

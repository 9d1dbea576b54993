from __future__ import annotations

from django import template

from kalmte.workflow import actions
from kalmte.workflow.models import Callback, CallbackStatus, CustomerRecord, EndReason

register = template.Library()


@register.simple_tag
def workflow_panel(conversation, agent) -> dict:
    """Everything the side bar panel shows for this conversation and agent."""
    record = CustomerRecord.objects.filter(customer=conversation.customer).first()
    load = actions.hostile_load(agent)
    threshold = actions.settings_for(agent.shop).hostile_threshold
    return {
        "contact": actions.fixed_contact_for(conversation.customer),
        "record": record,
        "block": actions.active_block(conversation.customer),
        "reasons": EndReason.choices,
        "callbacks": Callback.objects.filter(
            conversation=conversation, status=CallbackStatus.PLANNED
        ).select_related("agent"),
        "alerts": actions.alerts_for(agent)[:10],
        "load": load,
        "threshold": threshold,
        "needs_break": load >= threshold,
        "preference": actions.preference_for(agent),
    }

"""``{% load coaching %}``: the playbook panel and the canned replies of a conversation."""

from __future__ import annotations

from django import template

from kalmte.coaching.actions import latest_customer_analysis
from kalmte.coaching.canned import rendered_replies
from kalmte.coaching.playbook import advice_for

register = template.Library()


@register.simple_tag
def playbook_advice(conversation):
    return advice_for(latest_customer_analysis(conversation))


@register.simple_tag
def canned_for(conversation, agent):
    if agent is None:
        return []
    return rendered_replies(conversation, agent, latest_customer_analysis(conversation))

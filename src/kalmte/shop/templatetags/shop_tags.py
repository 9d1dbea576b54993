from django import template

from kalmte.shop.actions import orders_panel as build_orders_panel

register = template.Library()


@register.simple_tag
def orders_panel(conversation):
    """The customer's orders for the conversation page's side bar."""
    return build_orders_panel(conversation)

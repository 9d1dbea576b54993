"""Webhook endpoints of the connectors and the orders panel's actions. Thin: verify,
parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kalmte.accounts.decorators import agent_required
from kalmte.conversations.access import access_conversation
from kalmte.conversations.actions import ActionError
from kalmte.shop import actions
from kalmte.shop.connectors import (
    MAX_BODY_BYTES,
    PayloadError,
    generic,
    load_json,
    shopify,
    woocommerce,
)
from kalmte.shop.models import Platform, ShopIntegration


def _error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    fields = {field: message} if field else {}
    return JsonResponse(
        {"error": {"code": code, "message": message, "fields": fields}}, status=status
    )


def _integration(slug: str, platform: str) -> ShopIntegration | None:
    return (
        ShopIntegration.objects.select_related("shop")
        .filter(shop__slug=slug, platform=platform, active=True)
        .first()
    )


def _body(request: HttpRequest) -> bytes | JsonResponse:
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return _error(413, "too_large", "The body is too large.")
    return request.body


def _answer(receipt: actions.Receipt) -> JsonResponse:
    return JsonResponse(receipt.body, status=receipt.status)


@csrf_exempt
@require_POST
def shopify_webhook(request: HttpRequest, slug: str) -> JsonResponse:
    integration = _integration(slug, Platform.SHOPIFY)
    if integration is None:
        return _error(404, "not_found", "No active Shopify integration for this shop.")
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    try:
        shopify.verify(integration.secret, request.headers, body)
    except PayloadError as exc:
        return _error(exc.status, "invalid_signature", exc.message)
    domain = request.headers.get("X-Shopify-Shop-Domain", "")
    if integration.shop_domain and domain != integration.shop_domain:
        return _error(
            403, "wrong_shop", "X-Shopify-Shop-Domain does not belong to this integration."
        )
    topic = request.headers.get("X-Shopify-Topic", "")
    if topic not in shopify.TOPICS:
        return _error(
            422, "unsupported_topic", f"Topic {topic!r} is not handled.", "X-Shopify-Topic"
        )
    shop = integration.shop

    def apply():
        data = load_json(body)
        if topic in shopify.FULFILLMENT_TOPICS:
            order_id = data.get("order_id")
            if not isinstance(order_id, (int, str)) or not str(order_id).strip():
                raise PayloadError("`order_id` is required.", field="order_id")
            return actions.do_ingest_shipment(
                shop,
                order_external_id=str(order_id),
                platform=Platform.SHOPIFY,
                data=shopify.parse_fulfillment(data),
            )
        order, _created = actions.do_ingest_order(
            shop, shopify.parse_order(data), source=Platform.SHOPIFY
        )
        return order

    return _answer(
        actions.do_receive_webhook(
            shop,
            platform=Platform.SHOPIFY,
            event_id=request.headers.get("X-Shopify-Webhook-Id", ""),
            topic=topic,
            apply=apply,
        )
    )


@csrf_exempt
@require_POST
def woocommerce_webhook(request: HttpRequest, slug: str) -> JsonResponse:
    integration = _integration(slug, Platform.WOOCOMMERCE)
    if integration is None:
        return _error(404, "not_found", "No active WooCommerce integration for this shop.")
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    if woocommerce.is_ping(request.headers, body):
        return JsonResponse({"ok": True, "ping": True})
    try:
        woocommerce.verify(integration.secret, request.headers, body)
    except PayloadError as exc:
        return _error(exc.status, "invalid_signature", exc.message)
    topic = request.headers.get("X-WC-Webhook-Topic", "")
    if topic not in woocommerce.TOPICS:
        return _error(
            422, "unsupported_topic", f"Topic {topic!r} is not handled.", "X-WC-Webhook-Topic"
        )
    shop = integration.shop

    def apply():
        order, _created = actions.do_ingest_order(
            shop, woocommerce.parse_order(load_json(body)), source=Platform.WOOCOMMERCE
        )
        return order

    return _answer(
        actions.do_receive_webhook(
            shop,
            platform=Platform.WOOCOMMERCE,
            event_id=request.headers.get("X-WC-Webhook-Delivery-ID", ""),
            topic=topic,
            apply=apply,
        )
    )


@csrf_exempt
@require_POST
def api_orders(request: HttpRequest, slug: str) -> JsonResponse:
    integration = _integration(slug, Platform.API)
    if integration is None:
        return _error(404, "not_found", "No active API integration for this shop.")
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    try:
        generic.verify(integration.secret, request.headers, body)
        data = load_json(body)
        event_id, order_data = generic.parse_body(data, request.headers)
    except PayloadError as exc:
        code = "invalid_signature" if exc.status == 401 else "invalid_payload"
        return _error(exc.status, code, exc.message, exc.field)
    shop = integration.shop

    def apply():
        order, _created = actions.do_ingest_order(shop, order_data, source=Platform.API)
        return order

    return _answer(
        actions.do_receive_webhook(
            shop, platform=Platform.API, event_id=event_id, topic="order", apply=apply
        )
    )


# --- the orders panel ---------------------------------------------------------------------


def _panel_response(request: HttpRequest, conversation) -> HttpResponse:
    if request.htmx:
        context = {"conversation": conversation, "customer": conversation.customer}
        return render(request, "shop/_orders_panel.html", context)
    return redirect(reverse("kalmte-conversation", args=[conversation.pk]))


@require_POST
@agent_required
def link_order(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    try:
        actions.do_link_order(conversation, request.POST.get("number"), acting_agent=request.agent)
    except ActionError as exc:
        if request.htmx:
            response = _panel_response(request, conversation)
            response.status_code = 422 if exc.code != "forbidden" else 403
            return response
        flash.error(request, exc.message)
    return _panel_response(request, conversation)


@require_POST
@agent_required
def unlink_order(request: HttpRequest, conversation_id: int, order_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    try:
        actions.do_unlink_order(conversation, order_id, acting_agent=request.agent)
    except ActionError as exc:
        flash.error(request, exc.message)
    return _panel_response(request, conversation)


@require_POST
@agent_required
def set_updates(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = access_conversation(request.agent, conversation_id)
    opted_out = request.POST.get("opted_out") == "1"
    actions.do_set_updates_opt_out(
        conversation.customer, opted_out, acting_agent=request.agent, conversation=conversation
    )
    return _panel_response(request, conversation)

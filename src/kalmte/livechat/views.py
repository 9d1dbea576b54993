"""HTTP side of the live chat: widget.js, start, the fallback for blocked WebSockets, the demo.

Every widget endpoint answers the shop's allowed origin with CORS headers and refuses any
other origin; bad input gets a JSON error with a Dutch message.
"""

from __future__ import annotations

import json
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from kalmte.conversations.actions import ActionError
from kalmte.livechat import actions
from kalmte.shop.models import Shop

WIDGET_JS = Path(__file__).resolve().parent / "static" / "livechat" / "widget.js"
DEMO_SHOP_SLUG = "fietsenwinkel-noord"
MAX_BODY_BYTES = 64 * 1024


def request_origin(request: HttpRequest) -> str | None:
    """The page's origin; browsers leave it out of same-origin GETs, so fall back to the host."""
    origin = request.headers.get("Origin")
    if origin:
        return origin
    if request.headers.get("Sec-Fetch-Site") == "same-origin":
        return f"{request.scheme}://{request.get_host()}"
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}"
    return None


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _error(error: ActionError, status: int = 400) -> JsonResponse:
    status = {
        "rate_limited": 429,
        "origin_refused": 403,
        "bad_token": 401,
        "unknown_shop": 404,
    }.get(error.code, status)
    return JsonResponse(
        {"error": {"code": error.code, "message": error.message, "field": error.field}},
        status=status,
    )


def widget_endpoint(view):
    """CORS for allowed origins, JSON in and out, ActionError → JSON error."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        origin = request_origin(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "POST"):
            response = JsonResponse({"error": {"code": "method"}}, status=405)
        else:
            try:
                data = _read_json(request) if request.method == "POST" else request.GET.dict()
                response = view(request, data, origin, *args, **kwargs)
            except ActionError as error:
                response = _error(error)
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Content-Type"
            response["Access-Control-Max-Age"] = "600"
            response["Vary"] = "Origin"
        return response

    return wrapper


def _read_json(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY_BYTES:
        raise ActionError(_("Het verzoek is te groot."), code="too_long")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ActionError(_("Het verzoek is geen geldige JSON."), code="bad_request") from None
    if not isinstance(data, dict):
        raise ActionError(_("Het verzoek is geen geldige JSON."), code="bad_request")
    return data


def _visitor(data: dict, origin: str | None):
    visitor = actions.check_visitor_token(data.get("token"))
    conversation = actions.access_visitor_conversation(visitor)
    actions.check_origin(conversation.shop, origin)
    return visitor, conversation


@widget_endpoint
def start_view(request: HttpRequest, data: dict, origin: str | None) -> HttpResponse:
    if request.method != "POST":
        raise ActionError(_("Gebruik POST."), code="method")
    shop = actions.check_widget_shop(data.get("key"), origin)
    started = actions.do_start_chat(
        shop,
        token=data.get("token"),
        name=data.get("name", ""),
        email=data.get("email", ""),
        ip=client_ip(request),
    )
    state = actions.chat_state(started.conversation, started.token)
    return JsonResponse({**state, "resumed": started.resumed}, status=200)


@widget_endpoint
def messages_view(request: HttpRequest, data: dict, origin: str | None) -> HttpResponse:
    """GET ?token=&after=: catch up; POST {token, client_id, text}: send (fallback)."""
    visitor, conversation = _visitor(data, origin)
    if request.method == "GET":
        return JsonResponse(
            {
                "messages": actions.messages_after(conversation, data.get("after")),
                "online": actions.agents_online(conversation.shop_id),
                "status": conversation.status,
            }
        )
    posted = actions.do_post_visitor_message(
        conversation,
        visitor,
        data.get("text"),
        client_id=data.get("client_id"),
        ip=client_ip(request),
    )
    return JsonResponse(
        {"message": actions.public_message(posted.message), "created": posted.created},
        status=201 if posted.created else 200,
    )


@widget_endpoint
def profile_view(request: HttpRequest, data: dict, origin: str | None) -> HttpResponse:
    if request.method != "POST":
        raise ActionError(_("Gebruik POST."), code="method")
    _visitor_, conversation = _visitor(data, origin)
    actions.do_update_visitor_profile(conversation, name=data.get("name"), email=data.get("email"))
    conversation.customer.refresh_from_db()
    return JsonResponse(
        {"customer": {"name": conversation.customer.name, "email": conversation.customer.email}}
    )


@require_GET
def widget_js_view(request: HttpRequest) -> HttpResponse:
    """The widget script with its Dutch texts; any site may load it, only allowed origins
    can use it."""
    strings = {
        "title": _("Chat met %(shop)s"),
        "launcher": _("Chat met ons"),
        "close": _("Sluiten"),
        "placeholder": _("Typ uw bericht…"),
        "send": _("Versturen"),
        "online": _("Er is iemand online"),
        "offline": _("Niemand online"),
        "connecting": _("Verbinden…"),
        "reconnecting": _("Verbinding verbroken, opnieuw verbinden…"),
        "fallback": _("Live verbinding geblokkeerd; berichten gaan via een gewone verbinding."),
        "typing": _("%(name)s typt…"),
        "agent": _("Medewerker"),
        "you": _("U"),
        "pending": _("wordt verstuurd…"),
        "failed": _("niet verstuurd"),
        "offline_note": _(
            "Er is nu niemand online. Laat uw e-mailadres achter, dan krijgt u antwoord per "
            "e-mail. Wij zijn bereikbaar: %(hours)s."
        ),
        "details": _("Uw gegevens"),
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "save": _("Opslaan"),
        "saved": _("Bedankt, we hebben uw gegevens."),
        "empty": _("Stel hier uw vraag; we helpen u graag."),
        "ended": _("Dit gesprek is afgesloten."),
        "error": _("Er ging iets mis; probeer het later opnieuw."),
    }
    script = WIDGET_JS.read_text(encoding="utf-8").replace(
        "/*KALMTE_STRINGS*/{}", json.dumps(strings, ensure_ascii=False)
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def demo_shop_view(request: HttpRequest) -> HttpResponse:
    """A fake shop page with the demo shop's widget: chat with yourself in two windows."""
    shop = Shop.objects.filter(slug=DEMO_SHOP_SLUG).first()
    if shop is None:
        raise Http404(_("De demowinkel ontbreekt; voer eerst `kalmte load_demo` uit."))
    origin = f"{request.scheme}://{request.get_host()}"
    response = render(
        request,
        "livechat/demo_shop.html",
        {
            "shop": shop,
            "origin_allowed": shop.allows_origin(origin),
            "origin": origin,
            "desk_url": settings.SITE_URL,
        },
    )
    return response

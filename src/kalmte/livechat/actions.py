"""Live chat: the widget's visitors, their signed tokens, limits at the edge and presence.

Consumers and views parse input and call these functions; storing a message is always
`conversations.actions.do_add_customer_message` (idempotent on client_id, broadcast after
commit), so the WebSocket and the HTTP fallback behave the same.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from kalmte.accounts.models import Agent
from kalmte.conversations.actions import (
    ActionError,
    Posted,
    check_client_id,
    do_add_customer_message,
    do_create_conversation,
    do_get_or_create_customer,
    record_event,
)
from kalmte.conversations.models import Conversation, Message, MessageKind
from kalmte.lib.realtime import send_event_on_commit, shop_group
from kalmte.shop.models import Shop

TOKEN_SALT = "kalmte.livechat.visitor"  # noqa: S105 - a salt, not a secret
HISTORY_LIMIT = 500


def visitors_group(shop_id: int) -> str:
    """Every visitor socket of a shop: presence changes go here."""
    return f"livechat-visitors-{shop_id}"


@dataclass(frozen=True)
class Visitor:
    """What a valid token proves: this visitor may use this conversation of this shop."""

    shop_id: int
    visitor_id: str
    conversation_id: int


@dataclass(frozen=True)
class ChatStart:
    token: str
    visitor: Visitor
    conversation: Conversation
    resumed: bool


# --- shops and origins ---------------------------------------------------------------


def check_widget_shop(widget_key: Any, origin: str | None) -> Shop:
    """The shop whose widget key this is, if the page's origin may embed it."""
    if not isinstance(widget_key, str) or not widget_key or len(widget_key) > 64:
        raise ActionError(
            _("De chat is niet goed ingesteld (winkelsleutel ontbreekt)."), code="unknown_shop"
        )
    shop = Shop.objects.filter(widget_key=widget_key).first()
    if shop is None:
        raise ActionError(_("Deze chat is niet (meer) actief."), code="unknown_shop")
    check_origin(shop, origin)
    return shop


def check_origin(shop: Shop, origin: str | None) -> None:
    if not shop.allows_origin(origin):
        raise ActionError(
            _("Deze website mag de chat van %(shop)s niet gebruiken.") % {"shop": shop.name},
            code="origin_refused",
        )


# --- tokens ----------------------------------------------------------------------------


def sign_visitor_token(visitor: Visitor) -> str:
    return signing.dumps(
        {"s": visitor.shop_id, "v": visitor.visitor_id, "c": visitor.conversation_id},
        salt=TOKEN_SALT,
        compress=True,
    )


def check_visitor_token(token: Any, *, shop: Shop | None = None) -> Visitor:
    """The visitor a token proves; expired, forged or another shop's tokens are refused."""
    if not isinstance(token, str) or not token or len(token) > 400:
        raise ActionError(_("Uw chatsessie ontbreekt; start de chat opnieuw."), code="bad_token")
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=settings.KALMTE_CHAT_TOKEN_MAX_AGE)
        visitor = Visitor(int(data["s"]), str(data["v"]), int(data["c"]))
    except signing.SignatureExpired:
        raise ActionError(
            _("Uw chatsessie is verlopen; start een nieuwe chat."), code="bad_token"
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ActionError(
            _("Uw chatsessie is ongeldig; start de chat opnieuw."), code="bad_token"
        ) from None
    if shop is not None and visitor.shop_id != shop.pk:
        raise ActionError(
            _("Uw chatsessie hoort bij een andere winkel; start de chat opnieuw."),
            code="bad_token",
        )
    return visitor


def access_visitor_conversation(visitor: Visitor) -> Conversation:
    conversation = (
        Conversation.objects.select_related("shop", "customer")
        .filter(pk=visitor.conversation_id, shop_id=visitor.shop_id, channel="chat")
        .first()
    )
    if conversation is None:
        raise ActionError(
            _("Dit gesprek bestaat niet meer; start een nieuwe chat."), code="bad_token"
        )
    return conversation


def check_profile(name: Any, email: Any) -> tuple[str, str]:
    name = name.strip()[:120] if isinstance(name, str) else ""
    email = email.strip().lower() if isinstance(email, str) else ""
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ActionError(
                _("Dit e-mailadres klopt niet; controleer het even."), code="invalid", field="email"
            ) from None
    return name, email


@transaction.atomic
def do_start_chat(
    shop: Shop, *, token: Any = None, name: Any = "", email: Any = "", ip: str = ""
) -> ChatStart:
    """Resume the visitor's chat when their token is still good, else open a new one."""
    if token:
        try:
            visitor = check_visitor_token(token, shop=shop)
            conversation = access_visitor_conversation(visitor)
            if conversation.status != "ended":
                return ChatStart(token, visitor, conversation, resumed=True)
        except ActionError:
            pass  # a stale token simply starts a new chat
    check_rate("start-ip", ip, settings.KALMTE_CHAT_STARTS_PER_MINUTE_PER_IP)
    name, email = check_profile(name, email)
    customer = do_get_or_create_customer(shop, email=email, name=name)
    conversation = do_create_conversation(
        shop, customer, channel="chat", subject=_("Chat via de website")
    )
    visitor = Visitor(shop.pk, secrets.token_urlsafe(12), conversation.pk)
    return ChatStart(sign_visitor_token(visitor), visitor, conversation, resumed=False)


@transaction.atomic
def do_update_visitor_profile(conversation: Conversation, *, name: Any, email: Any) -> None:
    """The visitor gives a name and/or e-mail address; an earlier customer with that
    address is not merged here (an agent decides), the chat's customer is filled in."""
    name, email = check_profile(name, email)
    if not name and not email:
        raise ActionError(_("Vul een naam of e-mailadres in."), code="required", field="email")
    customer = conversation.customer
    fields = []
    if name and name != customer.name:
        customer.name = name
        fields.append("name")
    if email and email != customer.email:
        taken = customer.__class__.objects.filter(shop_id=customer.shop_id, email=email).exclude(
            pk=customer.pk
        )
        if taken.exists():
            conversation.customer = taken.get()
            conversation.save(update_fields=["customer"])
            customer = conversation.customer
            if name and not customer.name:
                customer.name = name
                customer.save(update_fields=["name"])
            fields = []
        else:
            customer.email = email
            fields.append("email")
    if fields:
        customer.save(update_fields=fields)
    record_event(
        conversation.shop,
        "visitor_profile",
        conversation=conversation,
        fields=["name"] * bool(name) + ["email"] * bool(email),
    )
    send_event_on_commit(
        shop_group(conversation.shop_id),
        {"type": "inbox.changed", "conversation": conversation.to_dict()},
    )


# --- limits ----------------------------------------------------------------------------


def check_rate(kind: str, ident: str, limit: int) -> None:
    """Count one event for `ident` in this minute; refuse beyond `limit`."""
    if not ident or limit <= 0:
        return
    key = f"livechat:rate:{kind}:{ident}:{int(time.time() // 60)}"
    cache.add(key, 0, 90)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 90)
        count = 1
    if count > limit:
        raise ActionError(
            _(
                "U stuurt te veel berichten kort na elkaar. Wacht een minuut en probeer het opnieuw."
            ),
            code="rate_limited",
        )


def do_open_connection(ip: str) -> None:
    """Count a visitor socket for this IP address; refuse beyond the limit."""
    key = f"livechat:conn:{ip}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        count = 1
    if count > settings.KALMTE_CHAT_CONNECTIONS_PER_IP:
        do_close_connection(ip)
        raise ActionError(
            _(
                "Er staan te veel chatvensters open vanaf uw adres. Sluit er een en probeer opnieuw."
            ),
            code="too_many_connections",
        )


def do_close_connection(ip: str) -> None:
    key = f"livechat:conn:{ip}"
    try:
        if cache.decr(key) < 0:
            cache.set(key, 0, 3600)
    except ValueError:
        pass


# --- messages --------------------------------------------------------------------------


def public_message(message: Message | dict) -> dict:
    """A message as the visitor may see it: no analysis, no internal fields."""
    data = message.to_dict() if isinstance(message, Message) else message
    agent = data.get("agent") or None
    return {
        "id": data["id"],
        "conversation": data["conversation"],
        "author_kind": data["author_kind"],
        "author": agent["name"] if agent else "",
        "body": data["body"],
        "created_at": data["created_at"],
        "client_id": data["client_id"] if data["author_kind"] == "customer" else None,
    }


def is_visible_to_visitor(data: dict) -> bool:
    return data.get("kind", MessageKind.MESSAGE) == MessageKind.MESSAGE


def check_last_id(value: Any) -> int:
    if value in (None, ""):
        return 0
    try:
        last_id = int(value)
    except (TypeError, ValueError):
        raise ActionError(_("last_id moet een getal zijn."), field="last_id") from None
    if last_id < 0:
        raise ActionError(_("last_id moet een getal zijn."), field="last_id")
    return last_id


def messages_after(conversation: Conversation, last_id: Any) -> list[dict]:
    """Everything the visitor may see after `last_id`, oldest first (catch-up)."""
    after = check_last_id(last_id)
    rows = (
        conversation.messages.filter(pk__gt=after, kind=MessageKind.MESSAGE)
        .select_related("agent")
        .order_by("pk")[:HISTORY_LIMIT]
    )
    return [public_message(m) for m in rows]


def do_post_visitor_message(
    conversation: Conversation, visitor: Visitor, text: Any, *, client_id: Any, ip: str
) -> Posted:
    """One visitor message from the widget, WebSocket or HTTP: limits, then the action."""
    client_id = check_client_id(client_id)
    if client_id is not None:
        existing = Message.objects.filter(conversation=conversation, client_id=client_id).first()
        if existing is not None:  # a replay after a lost acknowledgement: not counted again
            return Posted(existing, created=False)
    check_rate("visitor", visitor.visitor_id, settings.KALMTE_CHAT_MESSAGES_PER_MINUTE)
    check_rate("ip", ip, settings.KALMTE_CHAT_MESSAGES_PER_MINUTE_PER_IP)
    return do_add_customer_message(conversation, text, client_id=client_id)


# --- presence --------------------------------------------------------------------------


def _presence_key(shop_id: int) -> str:
    return f"livechat:presence:{shop_id}"


def do_mark_agent_connected(agent: Agent, channel_name: str, *, connected: bool) -> bool:
    """Record (or forget) one workspace socket; tell visitors when 'online' changes."""
    before = agents_online(agent.shop_id)
    key = _presence_key(agent.shop_id)
    now = time.time()
    sockets = {
        name: (agent_id, seen)
        for name, (agent_id, seen) in (cache.get(key) or {}).items()
        if now - seen < settings.KALMTE_CHAT_PRESENCE_SECONDS
    }
    if connected:
        sockets[channel_name] = (agent.pk, now)
    else:
        sockets.pop(channel_name, None)
    cache.set(key, sockets, settings.KALMTE_CHAT_PRESENCE_SECONDS * 2)
    after = agents_online(agent.shop_id)
    if after != before:
        send_event_on_commit(
            visitors_group(agent.shop_id), {"type": "presence.changed", "online": after}
        )
    return after


def agents_online(shop_id: int) -> bool:
    """Someone can answer now: an available agent of the shop has the workspace open."""
    now = time.time()
    connected = {
        agent_id
        for agent_id, seen in (cache.get(_presence_key(shop_id)) or {}).values()
        if now - seen < settings.KALMTE_CHAT_PRESENCE_SECONDS
    }
    if not connected:
        return False
    return Agent.objects.filter(
        pk__in=connected, shop_id=shop_id, is_available=True, user__is_active=True
    ).exists()


def chat_state(conversation: Conversation, token: str) -> dict:
    """What the widget needs after start: who it talks to and whether anyone is there."""
    shop = conversation.shop
    customer = conversation.customer
    return {
        "token": token,
        "conversation": conversation.pk,
        "shop": {"name": shop.name, "opening_hours": shop.opening_hours},
        "online": agents_online(shop.pk),
        "customer": {"name": customer.name, "email": customer.email},
        "max_chars": settings.KALMTE_MAX_MESSAGE_CHARS,
    }

"""Everything that changes conversations. Views, consumers, the API, tasks and commands
call these functions; each writes in one transaction and broadcasts after commit.

`check_*` validates input and raises ActionError with a Dutch message for the user;
`do_*` performs the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalmte.accounts.models import Agent
from kalmte.conversations.models import (
    AuthorKind,
    Channel,
    Conversation,
    Customer,
    Event,
    Message,
    MessageKind,
    Note,
    Status,
)
from kalmte.lib.realtime import conversation_group, send_event_on_commit, shop_group
from kalmte.shop.models import Shop

HEATED_EMOTIONS = {"anger", "frustration", "distress", "disappointment"}


class ActionError(Exception):
    """Input a user can correct; `message` is Dutch and shown as is."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


def check_body(body: Any, *, field: str = "body") -> str:
    if not isinstance(body, str):
        raise ActionError(_("De tekst ontbreekt."), code="required", field=field)
    text = body.replace("\r\n", "\n").strip()
    if not text:
        raise ActionError(
            _("Een leeg bericht kan niet worden verstuurd."), code="empty", field=field
        )
    limit = settings.KALMTE_MAX_MESSAGE_CHARS
    if len(text) > limit:
        raise ActionError(
            _("Het bericht is te lang (%(n)d tekens, maximaal %(max)d).")
            % {"n": len(text), "max": limit},
            code="too_long",
            field=field,
        )
    if "\x00" in text:
        raise ActionError(
            _("Het bericht bevat ongeldige tekens."), code="invalid_chars", field=field
        )
    return text


def check_client_id(client_id: Any) -> str | None:
    if client_id in (None, ""):
        return None
    if not isinstance(client_id, str) or len(client_id) > 64 or not client_id.isprintable():
        raise ActionError(
            _("client_id moet tekst van hoogstens 64 tekens zijn."),
            code="invalid",
            field="client_id",
        )
    return client_id


def record_event(
    shop: Shop,
    verb: str,
    *,
    conversation: Conversation | None = None,
    actor: Agent | None = None,
    **data: Any,
) -> Event:
    return Event.objects.create(
        shop=shop, conversation=conversation, actor=actor, verb=verb, data=data
    )


def analyze_customer_text(text: str, context: list[str]) -> dict | None:
    try:
        from kalmte.analysis import analyze
    except ImportError:
        return None
    return analyze(text, context=context).to_dict()


def _broadcast_message(message: Message) -> None:
    conversation = message.conversation
    payload = {"type": "message.new", "message": message.to_dict()}
    send_event_on_commit(conversation_group(conversation.pk), payload)
    send_event_on_commit(
        shop_group(conversation.shop_id),
        {"type": "inbox.changed", "conversation": conversation.to_dict()},
    )


# --- customers and conversations -------------------------------------------------------


def do_get_or_create_customer(
    shop: Shop, *, email: str = "", name: str = "", phone: str = ""
) -> Customer:
    for field, value in (("email", email), ("name", name), ("phone", phone)):
        if "\x00" in value:
            raise ActionError(_("Ongeldige tekens in %(f)s.") % {"f": field}, field=field)
    email = email.strip().lower()
    if email:
        customer, created = Customer.objects.get_or_create(
            shop=shop, email=email, defaults={"name": name.strip(), "phone": phone.strip()}
        )
        if not created and name and not customer.name:
            customer.name = name.strip()
            customer.save(update_fields=["name"])
        return customer
    return Customer.objects.create(shop=shop, name=name.strip(), phone=phone.strip())


def check_channel(channel: Any) -> str:
    if channel not in Channel.values:
        raise ActionError(
            _("Onbekend kanaal %(c)r; kies uit %(all)s.")
            % {"c": channel, "all": ", ".join(Channel.values)},
            field="channel",
        )
    return channel


@transaction.atomic
def do_create_conversation(
    shop: Shop,
    customer: Customer,
    *,
    channel: str,
    subject: str = "",
    acting_agent: Agent | None = None,
) -> Conversation:
    if customer.shop_id != shop.pk:
        raise ActionError(_("Deze klant hoort niet bij deze winkel."), field="customer")
    now = timezone.now()
    conversation = Conversation.objects.create(
        shop=shop,
        customer=customer,
        channel=check_channel(channel),
        subject=subject.strip()[:200],
        created_at=now,
        updated_at=now,
    )
    record_event(
        shop, "conversation_created", conversation=conversation, actor=acting_agent, channel=channel
    )
    send_event_on_commit(
        shop_group(shop.pk), {"type": "inbox.changed", "conversation": conversation.to_dict()}
    )
    return conversation


# --- messages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Posted:
    message: Message
    created: bool


def _existing(conversation: Conversation, client_id: str | None) -> Message | None:
    if client_id is None:
        return None
    return Message.objects.filter(conversation=conversation, client_id=client_id).first()


def _store_message(conversation: Conversation, client_id: str | None, **fields: Any) -> Posted:
    """Insert once per client_id; a replay (or a race) returns the stored message."""
    existing = _existing(conversation, client_id)
    if existing is not None:
        return Posted(existing, created=False)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                conversation=conversation, client_id=client_id, **fields
            )
    except IntegrityError:
        existing = _existing(conversation, client_id)
        if existing is None:
            raise
        return Posted(existing, created=False)
    return Posted(message, created=True)


def do_add_customer_message(
    conversation: Conversation,
    body: str,
    *,
    client_id: str | None = None,
    created_at: datetime | None = None,
) -> Posted:
    """Store a customer's message with its analysis; idempotent on client_id."""
    text = check_body(body)
    client_id = check_client_id(client_id)
    if conversation.status == Status.ENDED:
        raise ActionError(
            _("Dit gesprek is beëindigd; er kunnen geen berichten meer bij."), code="ended"
        )
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if (existing := _existing(conversation, client_id)) is not None:
            return Posted(existing, created=False)
        context = list(
            conversation.messages.filter(author_kind=AuthorKind.CUSTOMER)
            .order_by("-created_at", "-pk")
            .values_list("body", flat=True)[:5]
        )[::-1]
        analysis = analyze_customer_text(text, context)
        now = created_at or timezone.now()
        posted = _store_message(
            conversation,
            client_id,
            author_kind=AuthorKind.CUSTOMER,
            body=text,
            created_at=now,
            analysis=analysis,
        )
        if not posted.created:
            return posted
        fields = ["updated_at"]
        conversation.updated_at = now
        if conversation.waiting_since is None:
            conversation.waiting_since = now
            fields.append("waiting_since")
        if conversation.status in (Status.PENDING, Status.CLOSED):
            conversation.status = Status.OPEN
            conversation.closed_at = None
            fields += ["status", "closed_at"]
        if analysis is not None:
            emotion = analysis.get("emotion") or {}
            heat = (
                float(emotion.get("intensity", 0.0))
                if emotion.get("label") in HEATED_EMOTIONS
                else 0.0
            )
            conversation.intensity = round(heat, 3)
            fields.append("intensity")
            if analysis.get("abuse") and not conversation.has_abuse:
                conversation.has_abuse = True
                fields.append("has_abuse")
        conversation.save(update_fields=fields)
        posted.message.conversation = conversation
        _broadcast_message(posted.message)
        from kalmte.shop.actions import link_message_to_orders

        link_message_to_orders(posted.message)
        from kalmte.workflow.actions import on_customer_message

        on_customer_message(posted.message)
    return posted


def check_agent_can_write(conversation: Conversation, agent: Agent) -> None:
    if conversation.shop_id != agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    if conversation.status == Status.ENDED:
        raise ActionError(_("Dit gesprek is beëindigd en vergrendeld."), code="ended")


def do_add_agent_message(
    conversation: Conversation,
    body: str,
    *,
    acting_agent: Agent,
    client_id: str | None = None,
    kind: str = MessageKind.MESSAGE,
) -> Posted:
    """An agent's reply (or a logged phone call). Answers the waiting customer."""
    text = check_body(body)
    client_id = check_client_id(client_id)
    check_agent_can_write(conversation, acting_agent)
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        posted = _store_message(
            conversation,
            client_id,
            author_kind=AuthorKind.AGENT,
            kind=kind,
            agent=acting_agent,
            body=text,
            created_at=timezone.now(),
        )
        if not posted.created:
            return posted
        now = posted.message.created_at
        conversation.updated_at = now
        conversation.waiting_since = None
        fields = ["updated_at", "waiting_since"]
        if conversation.status == Status.CLOSED:
            conversation.status = Status.OPEN
            conversation.closed_at = None
            fields += ["status", "closed_at"]
        if conversation.owner_id is None:
            conversation.owner = acting_agent
            fields.append("owner")
        conversation.save(update_fields=fields)
        verb = "phone_note_logged" if kind == MessageKind.PHONE_NOTE else "agent_replied"
        record_event(
            conversation.shop,
            verb,
            conversation=conversation,
            actor=acting_agent,
            message_id=posted.message.pk,
        )
        posted.message.conversation = conversation
        _broadcast_message(posted.message)
        if conversation.channel == Channel.EMAIL and kind == MessageKind.MESSAGE:
            from kalmte.mail.actions import queue_outgoing

            queue_outgoing(posted.message)
    return posted


def do_add_system_message(
    conversation: Conversation, body: str, *, verb: str, **data: Any
) -> Message:
    with transaction.atomic():
        message = Message.objects.create(
            conversation=conversation, author_kind=AuthorKind.SYSTEM, body=check_body(body)
        )
        record_event(
            conversation.shop, verb, conversation=conversation, message_id=message.pk, **data
        )
        _broadcast_message(message)
        if conversation.channel == Channel.EMAIL:
            from kalmte.mail.actions import queue_outgoing

            queue_outgoing(message)
    return message


@transaction.atomic
def do_add_note(conversation: Conversation, body: str, *, acting_agent: Agent) -> Note:
    text = check_body(body)
    if conversation.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    note = Note.objects.create(conversation=conversation, agent=acting_agent, body=text)
    record_event(
        conversation.shop,
        "note_added",
        conversation=conversation,
        actor=acting_agent,
        note_id=note.pk,
    )
    send_event_on_commit(
        conversation_group(conversation.pk), {"type": "note.new", "note_id": note.pk}
    )
    return note


# --- assignment and status ---------------------------------------------------------------


def _save_and_announce(conversation: Conversation, fields: list[str]) -> None:
    conversation.updated_at = timezone.now()
    conversation.save(update_fields=[*fields, "updated_at"])
    event = {"type": "conversation.changed", "conversation": conversation.to_dict()}
    send_event_on_commit(conversation_group(conversation.pk), event)
    send_event_on_commit(shop_group(conversation.shop_id), {**event, "type": "inbox.changed"})


@transaction.atomic
def do_assign_conversation(
    conversation: Conversation, assignee: Agent | None, *, acting_agent: Agent
) -> Conversation:
    if conversation.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    if assignee is not None and assignee.shop_id != conversation.shop_id:
        raise ActionError(_("Deze medewerker hoort niet bij deze winkel."), field="agent_id")
    previous = conversation.owner_id
    conversation.owner = assignee
    _save_and_announce(conversation, ["owner"])
    record_event(
        conversation.shop,
        "assigned" if assignee else "unassigned",
        conversation=conversation,
        actor=acting_agent,
        previous_owner=previous,
        owner=assignee.pk if assignee else None,
    )
    return conversation


@transaction.atomic
def do_close_conversation(conversation: Conversation, *, acting_agent: Agent) -> Conversation:
    check_agent_can_write(conversation, acting_agent)
    if conversation.status == Status.CLOSED:
        return conversation
    conversation.status = Status.CLOSED
    conversation.closed_at = timezone.now()
    conversation.waiting_since = None
    _save_and_announce(conversation, ["status", "closed_at", "waiting_since"])
    record_event(conversation.shop, "closed", conversation=conversation, actor=acting_agent)
    return conversation


@transaction.atomic
def do_reopen_conversation(conversation: Conversation, *, acting_agent: Agent) -> Conversation:
    if conversation.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    if conversation.status == Status.ENDED and not acting_agent.is_supervisor:
        raise ActionError(
            _("Alleen een teamleider kan een beëindigd gesprek heropenen."), code="forbidden"
        )
    if conversation.status == Status.OPEN:
        return conversation
    previous = conversation.status
    conversation.status = Status.OPEN
    conversation.closed_at = None
    _save_and_announce(conversation, ["status", "closed_at"])
    record_event(
        conversation.shop,
        "reopened",
        conversation=conversation,
        actor=acting_agent,
        previous_status=previous,
    )
    return conversation


@transaction.atomic
def do_set_pending(conversation: Conversation, *, acting_agent: Agent) -> Conversation:
    check_agent_can_write(conversation, acting_agent)
    conversation.status = Status.PENDING
    _save_and_announce(conversation, ["status"])
    record_event(conversation.shop, "set_pending", conversation=conversation, actor=acting_agent)
    return conversation

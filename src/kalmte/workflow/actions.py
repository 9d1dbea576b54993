"""The conflict workflow (PLAYBOOK W2-W5). Views, tasks and the message hook call these.

A blocked customer who writes again: the message is still stored for the record, the
customer gets a polite fixed notice, and that conversation is locked (status ended), so
nothing is lost and nobody is left in silence.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalmte.accounts.models import Agent
from kalmte.conversations.actions import (
    ActionError,
    check_body,
    do_add_system_message,
    record_event,
)
from kalmte.conversations.models import (
    AuthorKind,
    Conversation,
    Customer,
    Message,
    Note,
    Status,
)
from kalmte.lib.realtime import conversation_group, send_event_on_commit, shop_group
from kalmte.shop.models import Register, Shop
from kalmte.workflow.models import (
    AgentPreference,
    Alert,
    AlertKind,
    Callback,
    CallbackStatus,
    CustomerBlock,
    CustomerRecord,
    EndReason,
    WorkflowSettings,
)

CONFLICT_ANGER = 0.6  # W2: anger this strong makes a conversation a conflict
HOSTILE_ANGER = 0.7  # W5: anger this strong counts as a hostile conversation
MAX_BLOCK_DAYS = 365


# --- helpers -------------------------------------------------------------------------------


def check_same_shop(agent: Agent, shop_id: int) -> None:
    if agent.shop_id != shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")


def check_supervisor(agent: Agent) -> None:
    if not agent.is_supervisor:
        raise ActionError(_("Alleen een teamleider mag dit doen."), code="forbidden")


def settings_for(shop: Shop) -> WorkflowSettings:
    return WorkflowSettings.objects.get_or_create(shop=shop)[0]


def preference_for(agent: Agent) -> AgentPreference:
    return AgentPreference.objects.get_or_create(agent=agent)[0]


def record_for(customer: Customer) -> CustomerRecord:
    return CustomerRecord.objects.get_or_create(customer=customer)[0]


def _formal(shop: Shop) -> bool:
    return shop.register != Register.INFORMAL


def _announce(conversation: Conversation, fields: list[str]) -> None:
    conversation.updated_at = timezone.now()
    conversation.save(update_fields=[*fields, "updated_at"])
    event = {"type": "conversation.changed", "conversation": conversation.to_dict()}
    send_event_on_commit(conversation_group(conversation.pk), event)
    send_event_on_commit(shop_group(conversation.shop_id), {**event, "type": "inbox.changed"})


def _abuse_kinds(message: Message) -> set[str]:
    analysis = message.analysis or {}
    return {item.get("kind", "") for item in analysis.get("abuse") or []}


def _anger(message: Message) -> float:
    emotion = (message.analysis or {}).get("emotion") or {}
    if emotion.get("label") != "anger":
        return 0.0
    try:
        return float(emotion.get("intensity", 0.0))
    except (TypeError, ValueError):
        return 0.0


def _customer_messages(conversation: Conversation):
    return conversation.messages.filter(author_kind=AuthorKind.CUSTOMER)


def is_heated(conversation: Conversation, *, anger: float) -> bool:
    if conversation.has_abuse or conversation.status == Status.ENDED:
        return True
    return any(_anger(m) >= anger for m in _customer_messages(conversation))


# --- W3: ending a contact, blocks ---------------------------------------------------------


def closing_message(shop: Shop) -> str:
    if _formal(shop):
        return _(
            "Wij beëindigen dit gesprek, omdat de toon van de berichten over onze grens gaat. "
            "Alles wat u ons schreef blijft bewaard. Heeft u later een vraag over uw bestelling, "
            "dan helpen wij u graag verder, op een rustige manier."
        )
    return _(
        "We beëindigen dit gesprek, omdat de toon van de berichten over onze grens gaat. "
        "Alles wat je ons schreef blijft bewaard. Heb je later een vraag over je bestelling, "
        "dan helpen we je graag verder, op een rustige manier."
    )


def blocked_notice(shop: Shop, until: datetime) -> str:
    date = timezone.localtime(until).strftime("%d-%m-%Y")
    if _formal(shop):
        return _(
            "Wij hebben uw bericht ontvangen en bewaard. Na een eerder beëindigd gesprek is "
            "contact met ons tijdelijk niet mogelijk, tot %(date)s. Daarna helpen wij u graag "
            "weer verder."
        ) % {"date": date}
    return _(
        "We hebben je bericht ontvangen en bewaard. Na een eerder beëindigd gesprek is "
        "contact met ons tijdelijk niet mogelijk, tot %(date)s. Daarna helpen we je graag "
        "weer verder."
    ) % {"date": date}


def check_end_reason(reason: Any) -> str:
    if reason not in EndReason.values:
        raise ActionError(
            _("Kies een reden om het gesprek te beëindigen."), code="invalid", field="reason"
        )
    return reason


def check_block_days(days: Any) -> int:
    """0 or empty: no block; else a whole number of days, 1..365."""
    if days in (None, "", 0, "0"):
        return 0
    try:
        value = int(days)
    except (TypeError, ValueError):
        value = -1
    if not 1 <= value <= MAX_BLOCK_DAYS:
        raise ActionError(
            _("Een blokkade duurt 1 tot %(max)d dagen.") % {"max": MAX_BLOCK_DAYS},
            field="block_days",
        )
    return value


def evidence_for(conversation: Conversation) -> list[dict]:
    """The customer's messages that carried abuse, with their analysis, for the audit."""
    return [
        {
            "message_id": m.pk,
            "created_at": m.created_at.isoformat(),
            "body": m.body,
            "analysis": m.analysis,
        }
        for m in _customer_messages(conversation).order_by("created_at", "pk")
        if (m.analysis or {}).get("abuse")
    ]


def do_end_conversation(
    conversation: Conversation,
    *,
    reason: Any,
    acting_agent: Agent,
    note: Any = "",
    block_days: Any = 0,
) -> Conversation:
    """W3: a calm closing message, the conversation locked, an audit entry with evidence."""
    check_same_shop(acting_agent, conversation.shop_id)
    reason = check_end_reason(reason)
    days = check_block_days(block_days)
    note = note.strip()[:2000] if isinstance(note, str) else ""
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.status == Status.ENDED:
            raise ActionError(_("Dit gesprek is al beëindigd."), code="ended")
        now = timezone.now()
        message = do_add_system_message(
            conversation, closing_message(conversation.shop), verb="closing_message_sent"
        )
        conversation.status = Status.ENDED
        conversation.closed_at = now
        conversation.waiting_since = None
        _announce(conversation, ["status", "closed_at", "waiting_since"])
        block = None
        if days:
            block = CustomerBlock.objects.create(
                shop=conversation.shop,
                customer=conversation.customer,
                email=conversation.customer.email,
                conversation=conversation,
                reason=reason,
                until=now + timedelta(days=days),
                created_by=acting_agent,
            )
        record_event(
            conversation.shop,
            "contact_ended",
            conversation=conversation,
            actor=acting_agent,
            reason=reason,
            agent_id=acting_agent.pk,
            agent_name=acting_agent.display_name,
            ended_at=now.isoformat(),
            note=note,
            closing_message_id=message.pk,
            block_id=block.pk if block else None,
            block_until=block.until.isoformat() if block else None,
            evidence=evidence_for(conversation),
        )
        _set_fixed_contact(conversation, acting_agent)
    return conversation


def active_block(customer: Customer) -> CustomerBlock | None:
    match = Q(customer=customer)
    if customer.email:
        match |= Q(email=customer.email)
    return (
        CustomerBlock.objects.filter(match, shop_id=customer.shop_id, lifted_at__isnull=True)
        .filter(until__gt=timezone.now())
        .order_by("-until")
        .first()
    )


def access_block(agent: Agent, block_id: Any) -> CustomerBlock:
    try:
        return CustomerBlock.objects.get(pk=int(block_id), shop_id=agent.shop_id)
    except (CustomerBlock.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ActionError(_("Blokkade niet gevonden."), code="not_found") from None


@transaction.atomic
def do_lift_block(block: CustomerBlock, *, acting_agent: Agent) -> CustomerBlock:
    check_same_shop(acting_agent, block.shop_id)
    check_supervisor(acting_agent)
    if block.lifted_at is not None:
        return block
    block.lifted_at = timezone.now()
    block.lifted_by = acting_agent
    block.save(update_fields=["lifted_at", "lifted_by"])
    record_event(
        block.shop,
        "block_lifted",
        conversation=block.conversation,
        actor=acting_agent,
        block_id=block.pk,
        customer_id=block.customer_id,
    )
    return block


def _answer_blocked(message: Message, block: CustomerBlock) -> None:
    conversation = message.conversation
    do_add_system_message(
        conversation,
        blocked_notice(conversation.shop, block.until),
        verb="blocked_customer_wrote",
        block_id=block.pk,
        customer_message_id=message.pk,
    )
    conversation.status = Status.ENDED
    conversation.closed_at = timezone.now()
    conversation.waiting_since = None
    _announce(conversation, ["status", "closed_at", "waiting_since"])


# --- threat alerts ------------------------------------------------------------------------


def _alert(shop: Shop, kind: str, text: str, **fields: Any) -> Alert:
    alert = Alert.objects.create(shop=shop, kind=kind, text=text, **fields)
    send_event_on_commit(shop_group(shop.pk), {"type": "workflow.alert", "alert": alert.to_dict()})
    return alert


def do_alert_threat(message: Message) -> Alert | None:
    """A message with an abuse signal of kind threat alerts the supervisors at once.
    Legal or public pressure is no abuse and never gets here."""
    threats = [a for a in (message.analysis or {}).get("abuse") or [] if a.get("kind") == "threat"]
    if not threats:
        return None
    conversation = message.conversation
    quoted = "; ".join(t.get("text", "") for t in threats)
    alert = _alert(
        conversation.shop,
        AlertKind.THREAT,
        _("Dreiging in gesprek %(id)d (%(customer)s): “%(quote)s”")
        % {"id": conversation.pk, "customer": conversation.customer.display_name, "quote": quoted},
        conversation=conversation,
        message=message,
    )
    record_event(
        conversation.shop,
        "threat_alert",
        conversation=conversation,
        alert_id=alert.pk,
        message_id=message.pk,
    )
    from kalmte.workflow.tasks import mail_supervisors

    transaction.on_commit(lambda: mail_supervisors.enqueue(alert.pk))
    return alert


def supervisors_of(shop_id: int):
    return Agent.objects.filter(
        shop_id=shop_id, role__in=["supervisor", "admin"], user__is_active=True
    ).select_related("user")


def alerts_for(agent: Agent):
    """Unread alerts the agent should see: their own, and the shop's when a supervisor."""
    mine = Q(recipient=agent)
    if agent.is_supervisor:
        mine |= Q(recipient__isnull=True)
    return Alert.objects.filter(mine, shop_id=agent.shop_id, read_at__isnull=True)


def access_alert(agent: Agent, alert_id: Any) -> Alert:
    try:
        return alerts_for(agent).get(pk=int(alert_id))
    except (Alert.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ActionError(_("Melding niet gevonden."), code="not_found") from None


def do_mark_alert_read(alert: Alert, *, acting_agent: Agent) -> Alert:
    check_same_shop(acting_agent, alert.shop_id)
    if alert.recipient_id not in (None, acting_agent.pk) or (
        alert.recipient_id is None and not acting_agent.is_supervisor
    ):
        raise ActionError(_("Deze melding is niet voor u."), code="forbidden")
    alert.read_at = timezone.now()
    alert.read_by = acting_agent
    alert.save(update_fields=["read_at", "read_by"])
    return alert


# --- W2: the fixed contact person -----------------------------------------------------------


def _last_replying_agent(conversation: Conversation) -> Agent | None:
    last = (
        conversation.messages.filter(author_kind=AuthorKind.AGENT, agent__isnull=False)
        .select_related("agent")
        .order_by("-created_at", "-pk")
        .first()
    )
    return last.agent if last else None


def _set_fixed_contact(conversation: Conversation, agent: Agent) -> CustomerRecord:
    record = record_for(conversation.customer)
    if record.fixed_contact_id != agent.pk:
        record.fixed_contact = agent
        record.fixed_contact_since = timezone.now()
        record.fixed_contact_conversation = conversation
        record.save(
            update_fields=["fixed_contact", "fixed_contact_since", "fixed_contact_conversation"]
        )
        record_event(
            conversation.shop,
            "fixed_contact_set",
            conversation=conversation,
            agent_id=agent.pk,
            customer_id=conversation.customer_id,
        )
    return record


def fixed_contact_for(customer: Customer, *, exclude: Conversation | None = None) -> Agent | None:
    """The agent who last handled a conflict with this customer (W2), kept on the record."""
    record = CustomerRecord.objects.filter(customer=customer).first()
    earlier = customer.conversations.order_by("-pk")
    if exclude is not None:
        earlier = earlier.exclude(pk=exclude.pk)
    if record is not None and record.fixed_contact_conversation_id:
        earlier = earlier.filter(pk__gt=record.fixed_contact_conversation_id)
    for conversation in earlier[:10]:
        agent = _last_replying_agent(conversation)
        if agent is not None and is_heated(conversation, anger=CONFLICT_ANGER):
            return _set_fixed_contact(conversation, agent).fixed_contact
    return record.fixed_contact if record is not None else None


NAME_REQUEST = re.compile(
    r"\b(?:kan|mag|wil|zou)\s+ik\s+(?:graag\s+)?(?:met\s+)?(?P<a>[A-Za-zÀ-ÿ]+)\s+"
    r"(?:spreken|hebben|aan de lijn)"
    r"|\bik\s+wil\s+(?:graag\s+)?(?:met\s+)?(?P<b>[A-Za-zÀ-ÿ]+)\b"
    r"|\b(?:is|was)\s+(?P<c>[A-Za-zÀ-ÿ]+)\s+er\b",
    re.IGNORECASE,
)


def requested_agent(shop_id: int, text: str) -> Agent | None:
    """ "kan ik Sanne spreken", "ik wil Daan": the colleague asked for by first name."""
    names = {
        (agent.display_name.split() or [""])[0].lower(): agent
        for agent in Agent.objects.filter(shop_id=shop_id, user__is_active=True)
    }
    for match in NAME_REQUEST.finditer(text):
        name = (match.group("a") or match.group("b") or match.group("c") or "").lower()
        if name in names:
            return names[name]
    return None


def hostile_load(agent: Agent, *, now: datetime | None = None) -> int:
    """W5: hostile conversations (abuse, anger >= 0.7) the agent answered this shift."""
    hours = settings_for(agent.shop).shift_hours
    since = (now or timezone.now()) - timedelta(hours=hours)
    ids = set(
        Message.objects.filter(
            agent=agent, author_kind=AuthorKind.AGENT, created_at__gte=since
        ).values_list("conversation_id", flat=True)
    )
    conversations = Conversation.objects.filter(pk__in=ids)
    return sum(1 for c in conversations if is_heated(c, anger=HOSTILE_ANGER))


def needs_break(agent: Agent) -> bool:
    return hostile_load(agent) >= settings_for(agent.shop).hostile_threshold


def _colleague_for(conversation: Conversation, *, instead_of: Agent) -> Agent | None:
    colleagues = [
        a
        for a in Agent.objects.filter(
            shop_id=conversation.shop_id, is_available=True, user__is_active=True
        ).exclude(pk=instead_of.pk)
    ]
    if not colleagues:
        return None
    return min(colleagues, key=lambda a: (hostile_load(a), a.pk))


def _route(conversation: Conversation, agent: Agent, *, why: str, handover: str = "") -> None:
    previous = conversation.owner_id
    conversation.owner = agent
    _announce(conversation, ["owner"])
    record_event(
        conversation.shop,
        "routed",
        conversation=conversation,
        why=why,
        previous_owner=previous,
        owner=agent.pk,
    )
    if handover:
        note = Note.objects.create(conversation=conversation, agent=None, body=handover)
        send_event_on_commit(
            conversation_group(conversation.pk), {"type": "note.new", "note_id": note.pk}
        )


def _route_to(conversation: Conversation, target: Agent, *, why: str) -> None:
    if conversation.owner_id == target.pk:
        return
    if target.is_available:
        _route(conversation, target, why=why)
        return
    colleague = _colleague_for(conversation, instead_of=target)
    if colleague is None:
        return
    _route(
        conversation,
        colleague,
        why=why,
        handover=_(
            "Overdracht: %(name)s is de vaste contactpersoon van deze klant, maar is nu niet "
            "beschikbaar. Neem het over en meld de klant dat %(name)s het dossier kent."
        )
        % {"name": target.display_name},
    )


def _route_heated_away(conversation: Conversation, message: Message) -> None:
    """W5: an owner past their threshold who asked for it gets no new heated messages."""
    owner = conversation.owner
    if owner is None or not (_abuse_kinds(message) or _anger(message) >= HOSTILE_ANGER):
        return
    if not preference_for(owner).route_heated_away or not needs_break(owner):
        return
    colleague = _colleague_for(conversation, instead_of=owner)
    if colleague is not None:
        _route(
            conversation,
            colleague,
            why="agent_load",
            handover=_(
                "Overdracht: %(name)s heeft deze dienst veel verhitte gesprekken gehad en "
                "draagt dit gesprek over."
            )
            % {"name": owner.display_name},
        )


# --- the hook on every new customer message -------------------------------------------------


def on_customer_message(message: Message) -> None:
    """Called by do_add_customer_message inside its transaction, once per stored message."""
    conversation = message.conversation
    do_alert_threat(message)
    block = active_block(conversation.customer)
    if block is not None:
        _answer_blocked(message, block)
        return
    asked = requested_agent(conversation.shop_id, message.body)
    if asked is not None:
        _route_to(conversation, asked, why="asked_by_name")
    elif conversation.owner_id is None:
        contact = fixed_contact_for(conversation.customer, exclude=conversation)
        if contact is not None:
            _route_to(conversation, contact, why="fixed_contact")
    _route_heated_away(conversation, message)
    owner = conversation.owner
    conflict = bool(_abuse_kinds(message)) or _anger(message) >= CONFLICT_ANGER
    if (
        owner is not None
        and conflict
        and conversation.messages.filter(author_kind=AuthorKind.AGENT, agent=owner).exists()
    ):
        _set_fixed_contact(conversation, owner)


# --- W4: callback appointments ----------------------------------------------------------------


def check_scheduled_at(value: Any) -> datetime:
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        parsed = parse_datetime(value.strip()) if value.strip() else None
        value = parsed
    if not isinstance(value, datetime):
        raise ActionError(_("Vul een datum en tijd in voor het terugbellen."), field="scheduled_at")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value <= timezone.now():
        raise ActionError(_("Het tijdstip moet in de toekomst liggen."), field="scheduled_at")
    return value


def confirmation_message(shop: Shop, agent: Agent, when: datetime) -> str:
    moment = timezone.localtime(when).strftime("%d-%m-%Y om %H:%M")
    if _formal(shop):
        return _("%(name)s belt u terug op %(when)s.") % {
            "name": agent.display_name,
            "when": moment,
        }
    return _("%(name)s belt je terug op %(when)s.") % {"name": agent.display_name, "when": moment}


def do_schedule_callback(
    conversation: Conversation,
    *,
    scheduled_at: Any,
    acting_agent: Agent,
    agent: Agent | None = None,
    note: Any = "",
    confirm: bool = False,
) -> Callback:
    check_same_shop(acting_agent, conversation.shop_id)
    agent = agent or acting_agent
    check_same_shop(agent, conversation.shop_id)
    when = check_scheduled_at(scheduled_at)
    note = check_body(note, field="note") if isinstance(note, str) and note.strip() else ""
    with transaction.atomic():
        callback = Callback.objects.create(
            conversation=conversation, agent=agent, scheduled_at=when, note=note
        )
        record_event(
            conversation.shop,
            "callback_scheduled",
            conversation=conversation,
            actor=acting_agent,
            callback_id=callback.pk,
            agent_id=agent.pk,
            scheduled_at=when.isoformat(),
        )
        if confirm and conversation.status != Status.ENDED:
            do_add_system_message(
                conversation,
                confirmation_message(conversation.shop, agent, when),
                verb="callback_confirmed",
                callback_id=callback.pk,
            )
        minutes = settings_for(conversation.shop).callback_reminder_minutes
        remind_at = when - timedelta(minutes=minutes)
        from kalmte.workflow.tasks import remind_callback

        def enqueue() -> None:
            task = remind_callback
            if remind_at > timezone.now() and task.get_backend().supports_defer:
                task = task.using(run_after=remind_at)
            task.enqueue(callback.pk)

        transaction.on_commit(enqueue)
    return callback


def do_remind_callback(callback_id: int) -> Alert | None:
    """The background reminder: an in-app alert for the agent, once, while still planned."""
    with transaction.atomic():
        callback = (
            Callback.objects.select_for_update()
            .select_related("conversation__shop", "conversation__customer", "agent")
            .filter(pk=callback_id)
            .first()
        )
        if callback is None or callback.status != CallbackStatus.PLANNED or callback.reminded_at:
            return None
        callback.reminded_at = timezone.now()
        callback.save(update_fields=["reminded_at"])
        conversation = callback.conversation
        when = timezone.localtime(callback.scheduled_at).strftime("%H:%M")
        return _alert(
            conversation.shop,
            AlertKind.CALLBACK,
            _("Om %(when)s terugbellen: %(customer)s (gesprek %(id)d).")
            % {"when": when, "customer": conversation.customer.display_name, "id": conversation.pk},
            recipient=callback.agent,
            conversation=conversation,
        )


def access_callback(agent: Agent, callback_id: Any) -> Callback:
    try:
        return Callback.objects.select_related("conversation__customer").get(
            pk=int(callback_id), conversation__shop_id=agent.shop_id
        )
    except (Callback.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ActionError(_("Terugbelafspraak niet gevonden."), code="not_found") from None


@transaction.atomic
def do_mark_callback(callback: Callback, *, status: Any, acting_agent: Agent) -> Callback:
    conversation = callback.conversation
    check_same_shop(acting_agent, conversation.shop_id)
    if status not in (CallbackStatus.DONE, CallbackStatus.NO_SHOW):
        raise ActionError(_("Kies ‘gebeld’ of ‘niet bereikbaar’."), field="status")
    if callback.status != CallbackStatus.PLANNED:
        raise ActionError(_("Deze afspraak is al afgehandeld."), code="done")
    callback.status = status
    callback.save(update_fields=["status"])
    if status == CallbackStatus.NO_SHOW:
        record = record_for(conversation.customer)
        record.no_show_count += 1
        record.save(update_fields=["no_show_count"])
    record_event(
        conversation.shop,
        "callback_" + status,
        conversation=conversation,
        actor=acting_agent,
        callback_id=callback.pk,
    )
    return callback


# --- W5: care settings ------------------------------------------------------------------------


def do_set_preferences(
    agent: Agent, *, blur_insults: bool, route_heated_away: bool
) -> AgentPreference:
    preference = preference_for(agent)
    preference.blur_insults = bool(blur_insults)
    preference.route_heated_away = bool(route_heated_away)
    preference.save(update_fields=["blur_insults", "route_heated_away"])
    return preference


def do_set_hostile_threshold(
    shop: Shop, threshold: Any, *, acting_agent: Agent
) -> WorkflowSettings:
    check_same_shop(acting_agent, shop.pk)
    check_supervisor(acting_agent)
    try:
        value = int(threshold)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 100:
        raise ActionError(_("Kies een grens van 1 tot 100 gesprekken."), field="threshold")
    settings = settings_for(shop)
    settings.hostile_threshold = value
    settings.save(update_fields=["hostile_threshold"])
    record_event(shop, "hostile_threshold_set", actor=acting_agent, threshold=value)
    return settings

"""Everything that changes shop data: ingesting orders from connectors, linking
conversations to orders, proactive updates, and the "where is my order" figures.

`check_*` validates, `do_*` writes in one transaction; views, tasks and commands call these.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kalmte.accounts.models import Agent
from kalmte.conversations.actions import (
    ActionError,
    do_add_system_message,
    do_get_or_create_customer,
    record_event,
)
from kalmte.conversations.models import AuthorKind, Conversation, Customer, Message, Status
from kalmte.lib.realtime import conversation_group, send_event_on_commit
from kalmte.shop.connectors import OrderData, PayloadError, ShipmentData
from kalmte.shop.identifiers import (
    carrier_for_code,
    expected_delivery,
    house_number_after,
    normalize_postcode,
    normalize_tracking_code,
    order_number_candidates,
)
from kalmte.shop.models import (
    ConversationOrderLink,
    CustomerPreference,
    MatchKind,
    Order,
    OrderLine,
    OrderStatus,
    ProactiveUpdate,
    Shipment,
    ShipmentEvent,
    ShipmentStatus,
    Shop,
    UpdateKind,
    WebhookEvent,
    WebhookOutcome,
)
from kalmte.shop.updates import render_template, template_body

log = logging.getLogger(__name__)

# --- ingest -----------------------------------------------------------------------------

ORDER_UPDATE = {
    OrderStatus.PARTLY_SHIPPED: UpdateKind.PARTLY_SHIPPED,
    OrderStatus.SHIPPED: UpdateKind.SHIPPED,
    OrderStatus.DELIVERED: UpdateKind.DELIVERED,
    OrderStatus.CANCELLED: UpdateKind.CANCELLED,
}
SHIPMENT_UPDATE = {
    ShipmentStatus.SHIPPED: UpdateKind.SHIPPED,
    ShipmentStatus.IN_TRANSIT: UpdateKind.SHIPPED,
    ShipmentStatus.OUT_FOR_DELIVERY: UpdateKind.OUT_FOR_DELIVERY,
    ShipmentStatus.DELIVERED: UpdateKind.DELIVERED,
    ShipmentStatus.DELAYED: UpdateKind.DELAYED,
    ShipmentStatus.FAILED: UpdateKind.DELAYED,
    ShipmentStatus.APPOINTMENT: UpdateKind.APPOINTMENT,
}


@dataclass(frozen=True)
class Change:
    kind: str
    key: str
    shipment_id: int | None = None


def _schedule_updates(order: Order, changes: list[Change]) -> None:
    if not changes or not settings.KALMTE_PROACTIVE_UPDATES:
        return
    from kalmte.shop.tasks import post_order_update

    by_key: dict[str, Change] = {}
    for change in changes:  # one task per key; the shipment's change carries more detail
        if change.key not in by_key or change.shipment_id:
            by_key[change.key] = change
    for change in by_key.values():
        transaction.on_commit(
            lambda c=change: post_order_update.enqueue(
                order.pk, c.kind, c.key, shipment_id=c.shipment_id
            )
        )


def _shipment_change(order: Order, shipment: Shipment, source: str) -> Change | None:
    ShipmentEvent.objects.create(
        order=order, shipment=shipment, status=shipment.status, source=source
    )
    kind = SHIPMENT_UPDATE.get(shipment.status)
    if kind is None:
        return None
    if kind == UpdateKind.SHIPPED and order.status == OrderStatus.PARTLY_SHIPPED:
        kind = UpdateKind.PARTLY_SHIPPED
    if kind == UpdateKind.APPOINTMENT:
        when = shipment.appointment_at.isoformat() if shipment.appointment_at else ""
        return Change(kind, f"appointment:{shipment.pk}:{when}", shipment.pk)
    if kind == UpdateKind.PARTLY_SHIPPED:
        return Change(kind, f"partly_shipped:{shipment.pk}", shipment.pk)
    return Change(kind, kind, shipment.pk)


def _upsert_shipment(order: Order, data: ShipmentData, source: str) -> Change | None:
    lookup = Q(external_id=data.external_id) if data.external_id else Q(pk__in=[])
    if data.tracking_code:
        lookup |= Q(tracking_code=data.tracking_code)
    shipment = order.shipments.filter(lookup).first()
    fields = {
        "carrier": data.carrier,
        "tracking_code": data.tracking_code,
        "tracking_url": data.tracking_url,
        "status": data.status,
        "expected_on": data.expected_on,
        "appointment_at": data.appointment_at,
    }
    if shipment is None:
        shipment = Shipment.objects.create(order=order, external_id=data.external_id, **fields)
        return _shipment_change(order, shipment, source)
    changed = shipment.status != data.status or (
        data.status == ShipmentStatus.APPOINTMENT and shipment.appointment_at != data.appointment_at
    )
    for name, value in fields.items():
        if name == "tracking_url" and not value:
            continue
        setattr(shipment, name, value)
    shipment.save()
    return _shipment_change(order, shipment, source) if changed else None


def do_ingest_order(
    shop: Shop, data: OrderData, *, source: str, notify: bool = True
) -> tuple[Order, bool]:
    """Create or update one order with its lines and shipments; returns (order, created).
    Status changes land in the history and, for orders that existed, schedule updates."""
    with transaction.atomic():
        customer = (
            do_get_or_create_customer(shop, email=data.email, name=data.name)
            if data.email
            else None
        )
        order = Order.objects.select_for_update().filter(shop=shop, number=data.number).first()
        created = order is None
        if order is None:
            order = Order(shop=shop, number=data.number, platform=source)
        previous = None if created else order.status
        order.external_id = data.external_id or order.external_id
        order.status = data.status
        order.email = data.email or order.email
        order.placed_at = data.placed_at
        order.total = data.total
        order.currency = data.currency
        order.postcode = data.postcode or order.postcode
        order.house_number = data.house_number or order.house_number
        if customer is not None:
            order.customer = customer
        order.save()
        if data.lines is not None:
            order.lines.all().delete()
            OrderLine.objects.bulk_create(
                OrderLine(
                    order=order,
                    title=line.title[:250],
                    quantity=line.quantity,
                    price=line.price,
                    sku=line.sku,
                )
                for line in data.lines
            )
        changes: list[Change] = []
        if previous != order.status:
            ShipmentEvent.objects.create(order=order, status=order.status, source=source)
            if order.status in ORDER_UPDATE:
                kind = ORDER_UPDATE[order.status]
                changes.append(Change(kind, kind))
        for shipment in data.shipments:
            change = _upsert_shipment(order, shipment, source)
            if change is not None:
                changes.append(change)
        if notify and not created:
            _schedule_updates(order, changes)
    return order, created


def do_ingest_shipment(
    shop: Shop, *, order_external_id: str, platform: str, data: ShipmentData
) -> Order:
    """A shipment (e.g. a Shopify fulfillment) of an order that is already stored."""
    with transaction.atomic():
        order = (
            Order.objects.select_for_update()
            .filter(shop=shop, platform=platform, external_id=order_external_id)
            .first()
        )
        if order is None:
            raise PayloadError(
                f"Order {order_external_id} is not known yet; send the order first.",
                field="order_id",
                status=409,
            )
        change = _upsert_shipment(order, data, platform)
        _schedule_updates(order, [change] if change else [])
    return order


@dataclass(frozen=True)
class Receipt:
    status: int
    body: dict


def do_receive_webhook(
    shop: Shop,
    *,
    platform: str,
    event_id: str,
    topic: str,
    apply: Callable[[], Order | None],
) -> Receipt:
    """Apply one delivery exactly once per (shop, platform, event id). `apply` parses and
    stores; a PayloadError rolls everything back and is recorded as rejected, so that a
    corrected redelivery of the same event is processed."""
    event_id = event_id.strip()[:120]
    if not event_id:
        return Receipt(400, _error("missing_event_id", "The delivery has no event id."))
    seen = WebhookEvent.objects.filter(shop=shop, platform=platform, event_id=event_id).first()
    if seen is not None and seen.outcome != WebhookOutcome.REJECTED:
        return Receipt(200, {"ok": True, "duplicate": True, "outcome": seen.outcome})
    try:
        with transaction.atomic():
            order = apply()
            outcome = WebhookOutcome.PROCESSED if order is not None else WebhookOutcome.IGNORED
            WebhookEvent.objects.update_or_create(
                shop=shop,
                platform=platform,
                event_id=event_id,
                defaults={
                    "topic": topic[:60],
                    "outcome": outcome,
                    "order": order,
                    "detail": "",
                    "received_at": timezone.now(),
                },
            )
    except PayloadError as exc:
        WebhookEvent.objects.update_or_create(
            shop=shop,
            platform=platform,
            event_id=event_id,
            defaults={
                "topic": topic[:60],
                "outcome": WebhookOutcome.REJECTED,
                "detail": exc.message[:300],
                "received_at": timezone.now(),
            },
        )
        return Receipt(exc.status, _error("invalid_payload", exc.message, exc.field))
    except IntegrityError:
        # The same event arrived twice at once; the other delivery stored it.
        return Receipt(200, {"ok": True, "duplicate": True})
    return Receipt(200, {"ok": True, "outcome": outcome, "order": order.number if order else None})


def _error(code: str, message: str, field: str | None = None) -> dict:
    return {
        "error": {"code": code, "message": message, "fields": {field: message} if field else {}}
    }


# --- matching ----------------------------------------------------------------------------

# Used when a message carries no analysis (the engine is optional).
FALLBACK_PATTERNS = [
    ("order_number", re.compile(r"#\s?[A-Z0-9-]{3,20}\b|\b\d{5,8}\b", re.I)),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")),
    (
        "tracking_code",
        re.compile(
            r"\b(?:3S[A-Z0-9]{8,13}|JVGL[0-9A-Z]{6,22}|(?:00)?340\d{14,16}|0?\d{14})\b", re.I
        ),
    ),
]


def _identifiers(message: Message) -> list[dict]:
    analysis = message.analysis if isinstance(message.analysis, dict) else None
    found = analysis.get("identifiers") if analysis else None
    if isinstance(found, list):
        return [i for i in found if isinstance(i, dict) and isinstance(i.get("text"), str)]
    out = []
    for kind, pattern in FALLBACK_PATTERNS:
        for match in pattern.finditer(message.body):
            out.append(
                {"kind": kind, "start": match.start(), "end": match.end(), "text": match.group()}
            )
    return out


def find_orders(shop: Shop, text: str, identifiers: list[dict]) -> list[tuple[Order, str, str]]:
    """(order, matched_by, evidence) for every order the identifiers point at."""
    found: list[tuple[Order, str, str]] = []
    orders = Order.objects.filter(shop=shop)
    for ident in identifiers:
        kind, raw = ident.get("kind"), ident["text"]
        matches: Any = ()
        if kind == "order_number":
            candidates = order_number_candidates(raw)
            if candidates:
                matches = orders.filter(number__in=candidates)
        elif kind == "email":
            matches = orders.filter(email=raw.strip().lower())
        elif kind == "postcode":
            postcode = normalize_postcode(raw)
            end = ident.get("end")
            house = house_number_after(text, end) if isinstance(end, int) else ""
            if postcode and house:
                matches = orders.filter(postcode=postcode, house_number=house)
                raw = f"{raw} {house}"
        elif kind == "tracking_code":
            code = normalize_tracking_code(raw)
            if code:
                matches = orders.filter(shipments__tracking_code=code).distinct()
        # A number that looks like a tracking code may be written without context.
        if kind == "order_number" and not matches and carrier_for_code(raw):
            matches = orders.filter(
                shipments__tracking_code=normalize_tracking_code(raw)
            ).distinct()
            kind = "tracking_code"
        for order in matches:
            found.append((order, kind, raw[:120]))
    return found


def link_message_to_orders(message: Message) -> list[ConversationOrderLink]:
    """Link the message's conversation to the orders its identifiers point at. Never raises
    on odd analysis data; links an agent removed are not made again."""
    if message.author_kind != AuthorKind.CUSTOMER:
        return []
    conversation = message.conversation
    made = []
    for order, kind, evidence in find_orders(
        conversation.shop, message.body, _identifiers(message)
    ):
        link, created = ConversationOrderLink.objects.get_or_create(
            conversation=conversation,
            order=order,
            defaults={"matched_by": kind, "evidence": evidence, "message": message},
        )
        if not created:
            continue
        made.append(link)
        record_event(
            conversation.shop,
            "order_linked",
            conversation=conversation,
            order=order.number,
            matched_by=kind,
            evidence=evidence,
            message_id=message.pk,
        )
    if made:
        send_event_on_commit(conversation_group(conversation.pk), {"type": "orders.changed"})
    return made


def check_order_number(shop: Shop, number: Any) -> Order:
    candidates = order_number_candidates(number if isinstance(number, str) else "")
    if not candidates:
        raise ActionError(_("Vul een bestelnummer in."), code="required", field="number")
    order = Order.objects.filter(shop=shop, number__in=candidates).first()
    if order is None:
        raise ActionError(
            _("Bestelling %(n)s is niet gevonden.") % {"n": number.strip()},
            code="not_found",
            field="number",
        )
    return order


@transaction.atomic
def do_link_order(
    conversation: Conversation, number: Any, *, acting_agent: Agent
) -> ConversationOrderLink:
    if conversation.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    order = check_order_number(conversation.shop, number)
    link, _created = ConversationOrderLink.objects.update_or_create(
        conversation=conversation,
        order=order,
        defaults={"matched_by": MatchKind.AGENT, "removed": False, "corrected_by": acting_agent},
    )
    record_event(
        conversation.shop,
        "order_linked",
        conversation=conversation,
        actor=acting_agent,
        order=order.number,
        matched_by=MatchKind.AGENT,
    )
    send_event_on_commit(conversation_group(conversation.pk), {"type": "orders.changed"})
    return link


@transaction.atomic
def do_unlink_order(conversation: Conversation, order_id: Any, *, acting_agent: Agent) -> None:
    """Mark a wrong match as removed (it stays, so the matcher does not make it again)."""
    if conversation.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot dit gesprek."), code="forbidden")
    try:
        link = ConversationOrderLink.objects.select_related("order").get(
            conversation=conversation, order_id=int(order_id), removed=False
        )
    except (ConversationOrderLink.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ActionError(
            _("Deze bestelling is niet aan het gesprek gekoppeld."), code="not_found"
        ) from None
    link.removed = True
    link.corrected_by = acting_agent
    link.save(update_fields=["removed", "corrected_by"])
    record_event(
        conversation.shop,
        "order_unlinked",
        conversation=conversation,
        actor=acting_agent,
        order=link.order.number,
        matched_by=link.matched_by,
        evidence=link.evidence,
    )
    send_event_on_commit(conversation_group(conversation.pk), {"type": "orders.changed"})


def updates_opted_out(customer: Customer) -> bool:
    return CustomerPreference.objects.filter(customer=customer, updates_opted_out=True).exists()


@transaction.atomic
def do_set_updates_opt_out(
    customer: Customer,
    opted_out: bool,
    *,
    acting_agent: Agent | None,
    conversation: Conversation | None = None,
) -> CustomerPreference:
    if acting_agent is not None and customer.shop_id != acting_agent.shop_id:
        raise ActionError(_("Geen toegang tot deze klant."), code="forbidden")
    preference, _created = CustomerPreference.objects.update_or_create(
        customer=customer,
        defaults={
            "updates_opted_out": opted_out,
            "changed_by": acting_agent,
            "changed_at": timezone.now(),
        },
    )
    record_event(
        customer.shop,
        "updates_opted_out" if opted_out else "updates_opted_in",
        conversation=conversation,
        actor=acting_agent,
        customer_id=customer.pk,
    )
    return preference


# --- proactive updates --------------------------------------------------------------------


def _open_conversation(customer: Customer) -> Conversation | None:
    return (
        Conversation.objects.filter(customer=customer, status__in=[Status.OPEN, Status.PENDING])
        .order_by("-updated_at", "-pk")
        .first()
    )


def update_context(order: Order, shipment: Shipment | None) -> dict[str, str]:
    shipment = shipment or order.shipments.order_by("-created_at", "-pk").first()
    expected = (shipment.expected_on if shipment and shipment.expected_on else None) or (
        expected_delivery(order.placed_at, order.shop.delivery_days_max)
    )
    customer = order.customer
    return {
        "naam": customer.first_name if customer else "",
        "bestelnummer": f"#{order.number}",
        "vervoerder": shipment.get_carrier_display() if shipment else "",
        "track_trace": shipment.tracking_code if shipment else "",
        "volglink": shipment.link() or shipment.tracking_code if shipment else "",
        "verwacht": formats.date_format(expected, "l j F"),
        "afspraak": formats.date_format(timezone.localtime(shipment.appointment_at), "l j F H:i")
        if shipment and shipment.appointment_at
        else "",
        "winkel": order.shop.name,
    }


def _skip(order: Order, reason: str, kind: str) -> str:
    record_event(
        order.shop, "proactive_update_skipped", order=order.number, kind=kind, reason=reason
    )
    return f"skipped:{reason}"


def do_post_order_update(
    order_id: int, kind: str, key: str, *, shipment_id: int | None = None
) -> str:
    """Post the update for one change into the customer's open conversation: once per
    (order, key), never after an opt-out, at most one per customer per interval."""
    order = Order.objects.select_related("shop", "customer").filter(pk=order_id).first()
    if order is None or kind not in UpdateKind.values:
        return "skipped:unknown"
    if order.customer is None:
        return _skip(order, "no_customer", kind)
    if updates_opted_out(order.customer):
        return _skip(order, "opted_out", kind)
    if ProactiveUpdate.objects.filter(order=order, key=key).exists():
        return "skipped:duplicate"
    conversation = _open_conversation(order.customer)
    if conversation is None:
        return _skip(order, "no_open_conversation", kind)
    interval = timedelta(minutes=settings.KALMTE_PROACTIVE_MIN_INTERVAL_MINUTES)
    recent = ProactiveUpdate.objects.filter(
        customer=order.customer, message__isnull=False, created_at__gte=timezone.now() - interval
    ).exists()
    if recent:
        return _skip(order, "rate_limited", kind)
    shipment = order.shipments.filter(pk=shipment_id).first() if shipment_id else None
    body = render_template(template_body(order.shop, kind), update_context(order, shipment))
    try:
        with transaction.atomic():
            update = ProactiveUpdate.objects.create(
                shop=order.shop,
                order=order,
                customer=order.customer,
                kind=kind,
                key=key,
                conversation=conversation,
            )
            message = do_add_system_message(
                conversation,
                body,
                verb="proactive_update_sent",
                order=order.number,
                kind=kind,
                update_id=update.pk,
            )
            update.message = message
            update.save(update_fields=["message"])
    except IntegrityError:
        return "skipped:duplicate"
    return "sent"


# --- the orders panel -----------------------------------------------------------------------


def orders_panel(conversation: Conversation) -> dict:
    """What the conversation page shows beside the thread."""
    links = {
        link.order_id: link
        for link in ConversationOrderLink.objects.filter(conversation=conversation)
    }
    linked_ids = [pk for pk, link in links.items() if not link.removed]
    orders = (
        Order.objects.filter(shop_id=conversation.shop_id)
        .filter(Q(customer_id=conversation.customer_id) | Q(pk__in=linked_ids))
        .exclude(pk__in=[pk for pk, link in links.items() if link.removed])
        .select_related("shop")
        .prefetch_related("lines", "shipments", "history")
        .order_by("-placed_at", "-pk")[:10]
    )
    rows = []
    for order in orders:
        rows.append(
            {
                "order": order,
                "link": links.get(order.pk),
                "expected": expected_delivery(order.placed_at, order.shop.delivery_days_max),
                "shipments": list(order.shipments.all()),
                "history": list(order.history.all())[-8:],
            }
        )
    rows.sort(key=lambda r: (r["link"] is None,))
    return {
        "order_rows": rows,
        "updates_opted_out": updates_opted_out(conversation.customer),
    }


# --- figures -------------------------------------------------------------------------------


def iso_week(moment: datetime) -> str:
    year, week, _day = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def is_where_is_my_order(analysis: Any) -> bool:
    if not isinstance(analysis, dict):
        return False
    problems = analysis.get("problems") or []
    flags = analysis.get("flags") or []
    return any(isinstance(p, dict) and p.get("label") == "late_delivery" for p in problems) and any(
        isinstance(f, dict) and f.get("label") == "needs_certainty" for f in flags
    )


def where_is_my_order_figures(shop: Shop, *, weeks: int, now: datetime | None = None) -> list[dict]:
    """Per ISO week (oldest first): "where is my order" contacts and proactive updates sent."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    start_day = local.date() - timedelta(days=local.weekday() + 7 * (weeks - 1))
    start = timezone.make_aware(datetime(start_day.year, start_day.month, start_day.day))
    labels = [iso_week(start + timedelta(days=7 * i, hours=12)) for i in range(weeks)]
    contacts: Counter[str] = Counter()
    messages = Message.objects.filter(
        conversation__shop=shop,
        author_kind=AuthorKind.CUSTOMER,
        created_at__gte=start,
        analysis__isnull=False,
    ).values_list("created_at", "analysis")
    for created_at, analysis in messages.iterator(chunk_size=2000):
        if is_where_is_my_order(analysis):
            contacts[iso_week(created_at)] += 1
    updates: Counter[str] = Counter(
        iso_week(at)
        for at in ProactiveUpdate.objects.filter(
            shop=shop, message__isnull=False, created_at__gte=start
        ).values_list("created_at", flat=True)
    )
    return [
        {
            "week": label,
            "where_is_my_order_contacts": contacts[label],
            "proactive_updates": updates[label],
        }
        for label in labels
    ]

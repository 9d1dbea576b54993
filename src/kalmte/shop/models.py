"""Shops that use the desk, with the policy the reply coach checks drafts against."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_widget_key() -> str:
    return secrets.token_urlsafe(18)


class Register(models.TextChoices):
    FORMAL = "formal", _("u (formeel)")
    INFORMAL = "informal", _("je (informeel)")


class Shop(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), unique=True)
    widget_key = models.CharField(
        _("widgetsleutel"), max_length=64, unique=True, default=new_widget_key
    )
    allowed_origins = models.TextField(
        _("toegestane origins"),
        blank=True,
        help_text=_("Eén origin per regel, bv. https://www.fietsenwinkel-noord.nl"),
    )
    register = models.CharField(
        _("aanspreekvorm"), max_length=10, choices=Register.choices, default=Register.FORMAL
    )
    email_address = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(
        _("bereikbaarheid"), max_length=200, blank=True, default="ma–vr 9:00–17:30"
    )
    # Policy (PLAYBOOK M7/R5): what agents may promise.
    delivery_days_min = models.PositiveSmallIntegerField(
        _("levertijd minimaal (werkdagen)"), default=1
    )
    delivery_days_max = models.PositiveSmallIntegerField(
        _("levertijd maximaal (werkdagen)"), default=3
    )
    free_shipping_from_eur = models.DecimalField(
        _("gratis verzending vanaf (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    return_days = models.PositiveSmallIntegerField(_("retourtermijn (dagen)"), default=30)
    refund_days = models.PositiveSmallIntegerField(_("terugbetaling binnen (dagen)"), default=14)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("winkel")
        verbose_name_plural = _("winkels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.delivery_days_min > self.delivery_days_max:
            raise ValidationError(
                {"delivery_days_min": _("De minimale levertijd is groter dan de maximale.")}
            )
        for origin in self.origin_list():
            if not origin.startswith(("http://", "https://")) or origin.count("/") != 2:
                raise ValidationError(
                    {"allowed_origins": _("Ongeldige origin: %(o)s") % {"o": origin}}
                )

    def origin_list(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()
        ]

    def allows_origin(self, origin: str | None) -> bool:
        return bool(origin) and origin.rstrip("/") in self.origin_list()

    def policy(self) -> dict:
        """The policy in the shape the reply coach reads."""
        return {
            "delivery_days": [self.delivery_days_min, self.delivery_days_max],
            "free_shipping_from_eur": float(self.free_shipping_from_eur)
            if self.free_shipping_from_eur is not None
            else None,
            "return_days": self.return_days,
            "refund_days": self.refund_days,
            "register": self.register,
        }


# --- shop data: orders, shipments, integrations (PLAYBOOK M8, W1) ---------------------


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Platform(models.TextChoices):
    SHOPIFY = "shopify", "Shopify"
    WOOCOMMERCE = "woocommerce", "WooCommerce"
    API = "api", _("eigen koppeling (API)")
    CSV = "csv", _("CSV-import")


class ShopIntegration(models.Model):
    """A shop's connection to its platform; the secret verifies incoming webhooks."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="integrations")
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    secret = models.CharField(_("geheime sleutel"), max_length=128, default=new_secret)
    shop_domain = models.CharField(
        _("winkeldomein"),
        max_length=200,
        blank=True,
        help_text=_("Bij Shopify: naam.myshopify.com; leeg = niet controleren."),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["shop", "platform"], name="integration_unique_platform")
        ]

    def __str__(self) -> str:
        return f"{self.shop} · {self.get_platform_display()}"


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("in afwachting")
    PAID = "paid", _("betaald")
    PROCESSING = "processing", _("in behandeling")
    PARTLY_SHIPPED = "partly_shipped", _("deels verzonden")
    SHIPPED = "shipped", _("verzonden")
    DELIVERED = "delivered", _("bezorgd")
    CANCELLED = "cancelled", _("geannuleerd")
    REFUNDED = "refunded", _("terugbetaald")
    ON_HOLD = "on_hold", _("wacht")


class Order(models.Model):
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="orders")
    customer = models.ForeignKey(
        "conversations.Customer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    platform = models.CharField(max_length=12, choices=Platform.choices, default=Platform.API)
    external_id = models.CharField(_("extern id"), max_length=80, blank=True)
    # The number as the customer sees it ("#1001" → "1001"), normalised: digits/letters only.
    number = models.CharField(_("bestelnummer"), max_length=40)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    placed_at = models.DateTimeField(_("besteld op"))
    total = models.DecimalField(_("totaal"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(_("valuta"), max_length=3, default="EUR")
    postcode = models.CharField(_("postcode"), max_length=12, blank=True, db_index=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bestelling")
        verbose_name_plural = _("bestellingen")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="order_unique_number_per_shop")
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "number": self.number,
            "status": self.status,
            "customer": self.customer_id,
            "email": self.email,
            "placed_at": self.placed_at.isoformat(),
            "total": str(self.total),
            "currency": self.currency,
            "postcode": self.postcode,
            "house_number": self.house_number,
            "external_id": self.external_id,
            "platform": self.platform,
        }


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(_("artikelnummer"), max_length=80, blank=True)
    title = models.CharField(_("artikel"), max_length=250)
    quantity = models.PositiveIntegerField(_("aantal"), default=1)
    price = models.DecimalField(_("prijs"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("bestelregel")
        verbose_name_plural = _("bestelregels")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.quantity}× {self.title}"


class Carrier(models.TextChoices):
    POSTNL = "postnl", "PostNL"
    DHL = "dhl", "DHL"
    DPD = "dpd", "DPD"
    GLS = "gls", "GLS"
    OTHER = "other", _("anders")


class ShipmentStatus(models.TextChoices):
    PENDING = "pending", _("aangemeld")
    SHIPPED = "shipped", _("verzonden")
    IN_TRANSIT = "in_transit", _("onderweg")
    OUT_FOR_DELIVERY = "out_for_delivery", _("wordt vandaag bezorgd")
    DELIVERED = "delivered", _("bezorgd")
    DELAYED = "delayed", _("vertraagd")
    FAILED = "failed", _("bezorging mislukt")
    APPOINTMENT = "appointment", _("afspraak gepland")
    RETURNED = "returned", _("retour")


class Shipment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    external_id = models.CharField(_("extern id"), max_length=80, blank=True)
    carrier = models.CharField(
        _("vervoerder"), max_length=8, choices=Carrier.choices, default=Carrier.OTHER
    )
    tracking_code = models.CharField(_("track & trace"), max_length=40, blank=True, db_index=True)
    tracking_url = models.URLField(_("volglink"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ShipmentStatus.choices, default=ShipmentStatus.SHIPPED
    )
    expected_on = models.DateField(_("verwacht op"), null=True, blank=True)
    # For a courier or technician appointment: when.
    appointment_at = models.DateTimeField(_("afspraak"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zending")
        verbose_name_plural = _("zendingen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_carrier_display()} {self.tracking_code}".strip()

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "carrier": self.carrier,
            "tracking_code": self.tracking_code,
            "tracking_url": self.link(),
            "status": self.status,
            "expected_on": self.expected_on.isoformat() if self.expected_on else None,
            "appointment_at": self.appointment_at.isoformat() if self.appointment_at else None,
        }

    def link(self) -> str:
        from kalmte.shop.identifiers import tracking_link

        return self.tracking_url or tracking_link(self.carrier, self.tracking_code, self.order)


class ShipmentEvent(models.Model):
    """Status history of an order or one of its shipments."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history")
    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    status = models.CharField(_("status"), max_length=16)
    source = models.CharField(_("bron"), max_length=12, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statusgeschiedenis")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"

    def label(self) -> str:
        choices = ShipmentStatus if self.shipment_id else OrderStatus
        try:
            return str(choices(self.status).label)
        except ValueError:
            return self.status


class WebhookOutcome(models.TextChoices):
    PROCESSED = "processed", _("verwerkt")
    IGNORED = "ignored", _("genegeerd")
    REJECTED = "rejected", _("geweigerd")


class WebhookEvent(models.Model):
    """One delivery from a platform; the event id makes redelivery harmless."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="webhook_events")
    platform = models.CharField(max_length=12, choices=Platform.choices)
    event_id = models.CharField(max_length=120)
    topic = models.CharField(max_length=60, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=WebhookOutcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    order = models.ForeignKey(Order, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "platform", "event_id"], name="webhook_unique_event_per_shop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.topic} {self.event_id}"


class MatchKind(models.TextChoices):
    ORDER_NUMBER = "order_number", _("bestelnummer")
    EMAIL = "email", _("e-mailadres")
    POSTCODE = "postcode", _("postcode + huisnummer")
    TRACKING_CODE = "tracking_code", _("track & trace")
    CUSTOMER = "customer", _("klant")
    AGENT = "agent", _("door medewerker")


class ConversationOrderLink(models.Model):
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="order_links"
    )
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="conversation_links")
    matched_by = models.CharField(_("gevonden via"), max_length=14, choices=MatchKind.choices)
    evidence = models.CharField(_("bewijs"), max_length=120, blank=True)
    message = models.ForeignKey(
        "conversations.Message", on_delete=models.SET_NULL, null=True, blank=True
    )
    # An agent's correction: an unlinked match stays, marked removed, so it is not re-made.
    removed = models.BooleanField(default=False)
    corrected_by = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gekoppelde bestelling")
        verbose_name_plural = _("gekoppelde bestellingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "order"], name="link_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} ↔ {self.order}"


class UpdateKind(models.TextChoices):
    SHIPPED = "shipped", _("verzonden")
    PARTLY_SHIPPED = "partly_shipped", _("deels verzonden")
    OUT_FOR_DELIVERY = "out_for_delivery", _("wordt vandaag bezorgd")
    DELIVERED = "delivered", _("bezorgd")
    DELAYED = "delayed", _("vertraagd")
    CANCELLED = "cancelled", _("geannuleerd")
    APPOINTMENT = "appointment", _("afspraak bezorger/monteur")


class UpdateTemplate(models.Model):
    """The text of one proactive update, per shop and register; defaults in updates.py."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="update_templates")
    kind = models.CharField(_("soort"), max_length=16, choices=UpdateKind.choices)
    register = models.CharField(_("aanspreekvorm"), max_length=10, choices=Register.choices)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Beschikbaar: {naam}, {bestelnummer}, {vervoerder}, {track_trace}, {volglink}, "
            "{verwacht}, {afspraak}, {winkel}"
        ),
    )

    class Meta:
        verbose_name = _("sjabloon statusupdate")
        verbose_name_plural = _("sjablonen statusupdates")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "kind", "register"], name="update_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_register_display()})"

    def clean(self) -> None:
        from kalmte.shop.updates import render_template

        try:
            render_template(self.body, {})
        except (KeyError, ValueError, IndexError) as exc:
            raise ValidationError(
                {"body": _("Onbekende plaatshouder: %(e)s") % {"e": exc}}
            ) from exc


class CustomerPreference(models.Model):
    """Per customer: whether proactive updates may be sent."""

    customer = models.OneToOneField(
        "conversations.Customer", on_delete=models.CASCADE, related_name="shop_preference"
    )
    updates_opted_out = models.BooleanField(_("geen statusupdates"), default=False)
    changed_by = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voorkeur klant")
        verbose_name_plural = _("voorkeuren klanten")

    def __str__(self) -> str:
        return f"{self.customer_id}: {'geen updates' if self.updates_opted_out else 'updates'}"


class ProactiveUpdate(models.Model):
    """A proactive update that was posted (or skipped, with the reason): dedup + rate limit."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="proactive_updates")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="proactive_updates")
    customer = models.ForeignKey(
        "conversations.Customer", on_delete=models.CASCADE, related_name="proactive_updates"
    )
    kind = models.CharField(max_length=16, choices=UpdateKind.choices)
    # The change this update is about, e.g. shipment 12's status; dedup key per order.
    key = models.CharField(max_length=80)
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.SET_NULL, null=True, blank=True
    )
    message = models.ForeignKey(
        "conversations.Message", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("statusupdate")
        verbose_name_plural = _("statusupdates")
        constraints = [
            models.UniqueConstraint(fields=["order", "key"], name="proactive_update_once")
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.kind}"

"""Customers, conversations, messages, notes and the audit trail."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Customer(models.Model):
    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="customers")
    name = models.CharField(_("naam"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    external_id = models.CharField(_("extern id"), max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "email"],
                condition=~Q(email=""),
                name="customer_unique_email_per_shop",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email or f"klant {self.pk}"

    @property
    def display_name(self) -> str:
        return self.name or self.email or str(_("Onbekende klant"))

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "external_id": self.external_id,
            "created_at": self.created_at.isoformat(),
        }


class Channel(models.TextChoices):
    CHAT = "chat", _("chat")
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("telefoon")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    PENDING = "pending", _("wacht op klant")
    CLOSED = "closed", _("gesloten")
    ENDED = "ended", _("beëindigd")


class Conversation(models.Model):
    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="conversations")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="conversations")
    channel = models.CharField(_("kanaal"), max_length=8, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    owner = models.ForeignKey(
        "accounts.Agent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_conversations",
        verbose_name=_("eigenaar"),
    )
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set while the customer waits for an answer (last word is the customer's).
    waiting_since = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Filled by the analysis: 0..1 how heated; abuse puts it on top of the inbox.
    intensity = models.FloatField(default=0.0)
    has_abuse = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["shop", "status", "waiting_since"])]

    def __str__(self) -> str:
        return self.subject or f"gesprek {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in (Status.OPEN, Status.PENDING)

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "shop": self.shop_id,
            "customer": self.customer_id,
            "channel": self.channel,
            "status": self.status,
            "owner": self.owner_id,
            "subject": self.subject,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "waiting_since": self.waiting_since.isoformat() if self.waiting_since else None,
            "intensity": self.intensity,
            "has_abuse": self.has_abuse,
        }


class AuthorKind(models.TextChoices):
    CUSTOMER = "customer", _("klant")
    AGENT = "agent", _("medewerker")
    SYSTEM = "system", _("systeem")


class MessageKind(models.TextChoices):
    MESSAGE = "message", _("bericht")
    PHONE_NOTE = "phone_note", _("telefoonnotitie")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author_kind = models.CharField(max_length=8, choices=AuthorKind.choices)
    kind = models.CharField(max_length=10, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    agent = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # NULL (not "") when absent, so the unique constraint ignores messages without one.
    client_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    analysis = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                condition=Q(client_id__isnull=False),
                name="message_unique_client_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_author_kind_display()}: {self.body[:40]}"

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "conversation": self.conversation_id,
            "author_kind": self.author_kind,
            "kind": self.kind,
            "agent": self.agent.to_dict() if self.agent_id else None,
            "body": self.body,
            "created_at": self.created_at.isoformat(),
            "client_id": self.client_id,
            "analysis": self.analysis,
        }


class Note(models.Model):
    """An internal note: agents only, never shown to the customer."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    agent = models.ForeignKey("accounts.Agent", on_delete=models.SET_NULL, null=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]


class Event(models.Model):
    """The audit trail: who did what, when, with what evidence. Never edited."""

    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="events")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey("accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True)
    verb = models.CharField(max_length=40, db_index=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb}"


class CannedReply(models.Model):
    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="canned_replies")
    title = models.CharField(_("titel"), max_length=120)
    register = models.CharField(
        _("aanspreekvorm"), max_length=10, choices=[("formal", "u"), ("informal", "je")]
    )
    body = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

"""E-mail metadata beside the desk's conversations and messages."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_reply_token() -> str:
    return secrets.token_hex(10)


class MailThread(models.Model):
    """The reply token of an e-mail conversation: `reply+<token>@…` finds it back."""

    conversation = models.OneToOneField(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="mail_thread"
    )
    reply_token = models.CharField(max_length=32, unique=True, default=new_reply_token)

    class Meta:
        verbose_name = _("e-maildraad")
        verbose_name_plural = _("e-maildraden")

    def __str__(self) -> str:
        return self.reply_token


class InboundStatus(models.TextChoices):
    ACCEPTED = "accepted", _("ontvangen")
    DROPPED = "dropped", _("automatisch bericht, genegeerd")
    REJECTED = "rejected", _("geweigerd")


class InboundMail(models.Model):
    """One received e-mail: headers for threading, the quoted thread, the raw source."""

    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="inbound_mails")
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_mails",
    )
    message = models.OneToOneField(
        "conversations.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_mail",
    )
    status = models.CharField(max_length=8, choices=InboundStatus.choices)
    reason = models.CharField(max_length=200, blank=True)
    message_id_header = models.CharField(max_length=255)
    in_reply_to = models.TextField(blank=True)
    references = models.TextField(blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    from_address = models.CharField(max_length=254, blank=True)
    envelope_from = models.CharField(max_length=254, blank=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    quoted = models.TextField(_("eerdere berichten en handtekening"), blank=True)
    raw = models.BinaryField(blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("ontvangen e-mail")
        verbose_name_plural = _("ontvangen e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "message_id_header"],
                condition=~Q(status="rejected"),
                name="inbound_unique_message_id",
            )
        ]
        indexes = [models.Index(fields=["shop", "message_id_header"])]

    def __str__(self) -> str:
        return f"{self.message_id_header} ({self.status})"


def attachment_path(instance: MailAttachment, filename: str) -> str:
    return f"mail/{timezone.now():%Y/%m}/{secrets.token_hex(8)}/{filename}"


class MailAttachment(models.Model):
    inbound = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=attachment_path, max_length=300)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.filename


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("wordt verstuurd")
    RETRYING = "retrying", _("opnieuw proberen")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("niet verstuurd")


class OutboundMail(models.Model):
    """An agent's (or the system's) message as it goes out by e-mail, with its delivery."""

    message = models.OneToOneField(
        "conversations.Message", on_delete=models.CASCADE, related_name="outbound_mail"
    )
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="outbound_mails"
    )
    message_id_header = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    to_address = models.CharField(max_length=254, blank=True)
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde e-mail")
        verbose_name_plural = _("verstuurde e-mails")

    def __str__(self) -> str:
        return f"{self.message_id_header} ({self.status})"

    def to_dict(self) -> dict:
        return {
            "message_id": self.message_id_header,
            "status": self.status,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }

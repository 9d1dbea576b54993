"""The conflict workflow (PLAYBOOK W2-W5): ended contacts and blocks, the fixed contact
person, alerts, callback appointments and the care settings for agents."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkflowSettings(models.Model):
    """Per shop, set by a supervisor."""

    shop = models.OneToOneField(
        "shop.Shop", on_delete=models.CASCADE, related_name="workflow_settings"
    )
    hostile_threshold = models.PositiveSmallIntegerField(
        _("grens vijandige gesprekken per dienst"), default=5
    )
    shift_hours = models.PositiveSmallIntegerField(_("lengte dienst (uren)"), default=8)
    callback_reminder_minutes = models.PositiveSmallIntegerField(
        _("herinnering terugbellen (minuten vooraf)"), default=15
    )

    class Meta:
        verbose_name = _("instellingen conflictaanpak")
        verbose_name_plural = _("instellingen conflictaanpak")

    def __str__(self) -> str:
        return str(self.shop)


class AgentPreference(models.Model):
    agent = models.OneToOneField(
        "accounts.Agent", on_delete=models.CASCADE, related_name="workflow_preference"
    )
    blur_insults = models.BooleanField(_("scheldwoorden vervagen"), default=False)
    route_heated_away = models.BooleanField(
        _("verhitte gesprekken naar een collega"), default=False
    )

    class Meta:
        verbose_name = _("voorkeur medewerker")
        verbose_name_plural = _("voorkeuren medewerkers")

    def __str__(self) -> str:
        return str(self.agent)


class CustomerRecord(models.Model):
    """What the workflow keeps about a customer: their fixed contact and no-shows."""

    customer = models.OneToOneField(
        "conversations.Customer", on_delete=models.CASCADE, related_name="workflow_record"
    )
    fixed_contact = models.ForeignKey(
        "accounts.Agent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fixed_customers",
        verbose_name=_("vaste contactpersoon"),
    )
    fixed_contact_since = models.DateTimeField(null=True, blank=True)
    fixed_contact_conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    no_show_count = models.PositiveIntegerField(_("niet bereikbaar bij terugbellen"), default=0)

    class Meta:
        verbose_name = _("klantdossier conflictaanpak")
        verbose_name_plural = _("klantdossiers conflictaanpak")

    def __str__(self) -> str:
        return str(self.customer)


class EndReason(models.TextChoices):
    THREAT = "threat", _("dreiging")
    INSULT = "insult", _("persoonlijke belediging")
    REPEATED_ABUSE = "repeated_abuse", _("herhaald grof taalgebruik")
    OTHER = "other", _("anders")


class CustomerBlock(models.Model):
    """A time-limited block of a customer (and their e-mail address) after an ended contact."""

    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        "conversations.Customer", on_delete=models.CASCADE, related_name="blocks"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reden"), max_length=16, choices=EndReason.choices)
    until = models.DateTimeField(_("tot"))
    created_by = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("blokkade")
        verbose_name_plural = _("blokkades")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.customer} tot {self.until:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and self.until > timezone.now()


class AlertKind(models.TextChoices):
    THREAT = "threat", _("dreiging")
    CALLBACK = "callback", _("terugbelafspraak")


class Alert(models.Model):
    """An in-app alert; without a recipient it is for the shop's supervisors."""

    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=AlertKind.choices)
    recipient = models.ForeignKey(
        "accounts.Agent", on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.ForeignKey(
        "conversations.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        "accounts.Agent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:40]

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "kind": self.kind,
            "recipient": self.recipient_id,
            "conversation": self.conversation_id,
            "message": self.message_id,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "read_at": self.read_at.isoformat() if self.read_at else None,
        }


class CallbackStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    DONE = "done", _("gebeld")
    NO_SHOW = "no_show", _("niet bereikbaar")


class Callback(models.Model):
    """A callback appointment ("terugbelafspraak")."""

    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="callbacks"
    )
    agent = models.ForeignKey("accounts.Agent", on_delete=models.CASCADE, related_name="callbacks")
    scheduled_at = models.DateTimeField(_("tijdstip"))
    status = models.CharField(
        max_length=8, choices=CallbackStatus.choices, default=CallbackStatus.PLANNED
    )
    note = models.TextField(_("notitie"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("terugbelafspraak")
        verbose_name_plural = _("terugbelafspraken")
        ordering = ["scheduled_at", "pk"]

    def __str__(self) -> str:
        return f"{self.scheduled_at:%Y-%m-%d %H:%M} {self.agent}"

    def to_dict(self) -> dict:
        return {
            "id": self.pk,
            "conversation": self.conversation_id,
            "agent": self.agent_id,
            "scheduled_at": self.scheduled_at.isoformat(),
            "status": self.status,
            "note": self.note,
        }

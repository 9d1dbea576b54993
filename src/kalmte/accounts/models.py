"""Agents: the people of a shop's support team, with their role."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("medewerker")
    SUPERVISOR = "supervisor", _("teamleider")
    ADMIN = "admin", _("beheerder")


class Agent(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent"
    )
    shop = models.ForeignKey("shop.Shop", on_delete=models.CASCADE, related_name="agents")
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices, default=Role.AGENT)
    display_name = models.CharField(
        _("naam voor klanten"), max_length=80, help_text=_("Zo ziet de klant u, bv. 'Sanne'.")
    )
    is_available = models.BooleanField(_("beschikbaar"), default=True)

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.shop})"

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def to_dict(self) -> dict:
        return {"id": self.pk, "name": self.display_name, "role": self.role}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A token for the REST API; only its hash is stored."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("omschrijving"), max_length=80)
    prefix = models.CharField(max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, agent: Agent, name: str) -> tuple[ApiToken, str]:
        raw = "klm_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            agent=agent, name=name, prefix=raw[:8], token_hash=hash_token(raw)
        )
        return token, raw

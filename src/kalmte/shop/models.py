"""Shops that use the desk, with the policy the reply coach checks drafts against."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
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

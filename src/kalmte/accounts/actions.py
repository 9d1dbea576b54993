"""Creating agents. Admins (platform owners) also get Django's admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from kalmte.accounts.models import Agent, Role
from kalmte.shop.models import Shop


@transaction.atomic
def do_create_agent(
    shop: Shop,
    *,
    username: str,
    password: str,
    display_name: str,
    role: str = Role.AGENT,
    email: str = "",
) -> Agent:
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    is_admin = role == Role.ADMIN
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=display_name,
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    return Agent.objects.create(user=user, shop=shop, role=role, display_name=display_name)

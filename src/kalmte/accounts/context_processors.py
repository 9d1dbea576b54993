from __future__ import annotations

from django.http import HttpRequest


def agent(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"agent": getattr(user, "agent", None) if user and user.is_authenticated else None}

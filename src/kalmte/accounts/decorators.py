from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def agent_required(view):
    """Logged in and an agent of a shop; the agent is passed as `request.agent`."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        agent = getattr(request.user, "agent", None)
        if agent is None:
            raise PermissionDenied(_("Dit account hoort niet bij een winkel."))
        request.agent = agent
        return view(request, *args, **kwargs)

    return wrapper

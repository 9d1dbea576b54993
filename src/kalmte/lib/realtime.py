"""Broadcasting events to WebSocket groups, always after the transaction commits.

`send_event_on_commit` is the only caller of `group_send` in Kalmte: a client can never see
an event for data that was rolled back, and the receiving side can re-read the database.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def shop_group(shop_id: int) -> str:
    return f"shop-{shop_id}"


def conversation_group(conversation_id: int) -> str:
    return f"conversation-{conversation_id}"


def send_event_now(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # a broken channel layer must never lose a stored message
        log.exception("could not broadcast %s to %s", event.get("type"), group)


def send_event_on_commit(group: str, event: dict[str, Any]) -> None:
    """Send `event` to `group` once the current transaction commits (at once if none)."""
    transaction.on_commit(lambda: send_event_now(group, event))

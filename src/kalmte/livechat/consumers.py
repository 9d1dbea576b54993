"""WebSocket consumers: the visitor's widget (`ws/chat/`) and the agent workspace (`ws/agent/`).

Thin: parse a frame, call an action in `livechat.actions`, send the answer. Events reach
the sockets through the channel layer after the database commit.

Frames from the visitor:  {"type": "hello", "last_id": N}  → {"type": "history", ...}
                          {"type": "message", "client_id": "...", "text": "..."}
                              → {"type": "ack", "client_id": ..., "message": {...}}
                          {"type": "typing"}
Frames from the agent:    {"type": "subscribe", "conversation": ID, "last_id": N}
                          {"type": "typing", "conversation": ID}   {"type": "ping"}
Errors:                   {"type": "error", "code": "...", "message": "<Dutch>"}
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from kalmte.conversations.access import access_conversation
from kalmte.conversations.actions import ActionError
from kalmte.lib.realtime import conversation_group, send_event_on_commit, shop_group
from kalmte.livechat import actions

log = logging.getLogger(__name__)

# Close codes the widget understands (4000–4999 are the application's own).
CLOSE_BAD_TOKEN = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY = 4429


def header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def client_ip(scope: dict) -> str:
    client = scope.get("client") or ("", 0)
    return client[0] or "unknown"


class JsonConsumer(AsyncWebsocketConsumer):
    """JSON frames, a size limit per frame, and no crash on event types it does not know."""

    async def dispatch(self, message: dict) -> None:
        if message["type"].startswith("websocket.") or hasattr(
            self, message["type"].replace(".", "_")
        ):
            await super().dispatch(message)

    async def send_json(self, data: dict) -> None:
        await self.send(text_data=json.dumps(data, ensure_ascii=False))

    async def send_error(self, error: ActionError, **extra: Any) -> None:
        await self.send_json(
            {
                "type": "error",
                "code": error.code,
                "message": error.message,
                "field": error.field,
                **extra,
            }
        )

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        limit = settings.KALMTE_MAX_MESSAGE_CHARS * 2 + 1024
        if text_data is None or len(text_data) > limit:
            await self.send_error(
                ActionError(
                    _("Het bericht is te lang (maximaal %(max)d tekens).")
                    % {"max": settings.KALMTE_MAX_MESSAGE_CHARS},
                    code="too_long",
                )
            )
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send_error(ActionError(_("Onbekend berichtformaat."), code="bad_frame"))
            return
        try:
            await self.handle(frame)
        except ActionError as error:
            await self.send_error(error, client_id=frame.get("client_id"))

    async def handle(self, frame: dict) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class VisitorConsumer(JsonConsumer):
    """The widget on the shop's site; the signed token in the query string is the login."""

    visitor: actions.Visitor | None = None
    counted = False

    async def connect(self) -> None:
        self.ip = client_ip(self.scope)
        self.sent_ids: set[int] = set()
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        token = (query.get("token") or [""])[0]
        origin = header(self.scope, b"origin")
        try:
            visitor, conversation = await self._authenticate(token, origin)
        except ActionError as error:
            if error.code == "origin_refused":
                await self.close()  # refuse the handshake itself (HTTP 403)
                return
            await self.accept()
            await self.send_error(error)
            await self.close(code=CLOSE_BAD_TOKEN)
            return
        try:
            await database_sync_to_async(actions.do_open_connection)(self.ip)
        except ActionError as error:
            await self.accept()
            await self.send_error(error)
            await self.close(code=CLOSE_TOO_MANY)
            return
        self.counted = True
        self.visitor = visitor
        self.conversation = conversation
        self.group = conversation_group(conversation.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.channel_layer.group_add(
            actions.visitors_group(visitor.shop_id), self.channel_name
        )
        await self.accept()

    @database_sync_to_async
    def _authenticate(self, token: str, origin: str | None):
        visitor = actions.check_visitor_token(token)
        conversation = actions.access_visitor_conversation(visitor)
        actions.check_origin(conversation.shop, origin)
        return visitor, conversation

    async def disconnect(self, code: int) -> None:
        if self.counted:
            await database_sync_to_async(actions.do_close_connection)(self.ip)
        if self.visitor is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await self.channel_layer.group_discard(
                actions.visitors_group(self.visitor.shop_id), self.channel_name
            )

    async def handle(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "hello":
            messages, online = await self._catch_up(frame.get("last_id"))
            messages = [m for m in messages if m["id"] not in self.sent_ids]
            self.sent_ids.update(m["id"] for m in messages)
            await self.send_json(
                {
                    "type": "history",
                    "conversation": self.conversation.pk,
                    "messages": messages,
                    "online": online,
                }
            )
        elif kind == "message":
            message = await self._post(frame.get("text"), frame.get("client_id"))
            await self.send_json(
                {"type": "ack", "client_id": frame.get("client_id"), "message": message}
            )
            await self._deliver(message)
        elif kind == "typing":
            await database_sync_to_async(send_event_on_commit)(
                self.group,
                {"type": "typing", "who": "customer", "conversation": self.conversation.pk},
            )
        else:
            raise ActionError(_("Onbekend berichttype."), code="bad_frame")

    @database_sync_to_async
    def _catch_up(self, last_id: Any) -> tuple[list[dict], bool]:
        return (
            actions.messages_after(self.conversation, last_id),
            actions.agents_online(self.visitor.shop_id),
        )

    @database_sync_to_async
    def _post(self, text: Any, client_id: Any) -> dict:
        self.conversation.refresh_from_db(fields=["status"])
        posted = actions.do_post_visitor_message(
            self.conversation, self.visitor, text, client_id=client_id, ip=self.ip
        )
        return actions.public_message(posted.message)

    async def _deliver(self, message: dict) -> None:
        if message["id"] in self.sent_ids:
            return
        self.sent_ids.add(message["id"])
        await self.send_json({"type": "message", "message": message})

    # events from the channel layer

    async def message_new(self, event: dict) -> None:
        if actions.is_visible_to_visitor(event["message"]):
            await self._deliver(actions.public_message(event["message"]))

    async def typing(self, event: dict) -> None:
        if event.get("who") == "agent":
            await self.send_json({"type": "typing", "who": "agent", "name": event.get("name", "")})

    async def presence_changed(self, event: dict) -> None:
        await self.send_json({"type": "presence", "online": event["online"]})

    async def conversation_changed(self, event: dict) -> None:
        await self.send_json({"type": "status", "status": event["conversation"]["status"]})


class AgentConsumer(JsonConsumer):
    """The agent workspace: the shop's inbox events plus the conversations it opens."""

    agent = None

    async def connect(self) -> None:
        self.agent = await self._agent()
        if self.agent is None:
            await self.close()  # not logged in or not an agent: handshake refused (403)
            return
        self.groups_joined = {shop_group(self.agent.shop_id)}
        await self.channel_layer.group_add(shop_group(self.agent.shop_id), self.channel_name)
        await self.accept()
        await database_sync_to_async(actions.do_mark_agent_connected)(
            self.agent, self.channel_name, connected=True
        )

    @database_sync_to_async
    def _agent(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        return getattr(user, "agent", None)

    async def disconnect(self, code: int) -> None:
        if self.agent is None:
            return
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)
        await database_sync_to_async(actions.do_mark_agent_connected)(
            self.agent, self.channel_name, connected=False
        )

    async def handle(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "subscribe":
            conversation, messages = await self._subscribe(
                frame.get("conversation"), frame.get("last_id")
            )
            group = conversation_group(conversation.pk)
            if group not in self.groups_joined:
                self.groups_joined.add(group)
                await self.channel_layer.group_add(group, self.channel_name)
            await self.send_json(
                {"type": "subscribed", "conversation": conversation.pk, "messages": messages}
            )
        elif kind == "typing":
            conversation_id = frame.get("conversation")
            group = conversation_group(conversation_id) if isinstance(conversation_id, int) else ""
            if group not in self.groups_joined:
                raise ActionError(_("Open eerst het gesprek."), code="not_subscribed")
            await database_sync_to_async(send_event_on_commit)(
                group,
                {
                    "type": "typing",
                    "who": "agent",
                    "name": self.agent.display_name,
                    "conversation": conversation_id,
                },
            )
        elif kind == "ping":
            await database_sync_to_async(actions.do_mark_agent_connected)(
                self.agent, self.channel_name, connected=True
            )
            await self.send_json({"type": "pong"})
        else:
            raise ActionError(_("Onbekend berichttype."), code="bad_frame")

    @database_sync_to_async
    def _subscribe(self, conversation_id: Any, last_id: Any):
        try:
            conversation = access_conversation(self.agent, conversation_id)
        except Http404:
            raise ActionError(_("Gesprek niet gevonden."), code="not_found") from None
        after = actions.check_last_id(last_id)
        messages = [
            m.to_dict()
            for m in conversation.messages.filter(pk__gt=after)
            .select_related("agent")
            .order_by("pk")[: actions.HISTORY_LIMIT]
        ]
        return conversation, messages

    # events from the channel layer

    async def inbox_changed(self, event: dict) -> None:
        await self.send_json({"type": "inbox.changed", "conversation": event["conversation"]})

    async def message_new(self, event: dict) -> None:
        await self.send_json({"type": "message.new", "message": event["message"]})

    async def conversation_changed(self, event: dict) -> None:
        await self.send_json(
            {"type": "conversation.changed", "conversation": event["conversation"]}
        )

    async def note_new(self, event: dict) -> None:
        await self.send_json(event)

    async def typing(self, event: dict) -> None:
        if event.get("who") == "customer":
            await self.send_json(
                {"type": "typing", "who": "customer", "conversation": event["conversation"]}
            )

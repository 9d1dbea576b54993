"""WebSocket routes: the visitor's widget and the agent workspace."""

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from kalmte.livechat.consumers import AgentConsumer, VisitorConsumer

websocket_urlpatterns: list = [
    # Visitors come from shop sites: the shop's allowed origins are checked by the consumer.
    path("ws/chat/", VisitorConsumer.as_asgi()),
    # Agents: session login, and only pages of the desk itself may open the socket.
    path("ws/agent/", AllowedHostsOriginValidator(AuthMiddlewareStack(AgentConsumer.as_asgi()))),
]

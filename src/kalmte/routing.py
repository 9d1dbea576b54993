"""WebSocket routes of every app."""

from kalmte.livechat.routing import websocket_urlpatterns as livechat_routes

websocket_urlpatterns: list = [*livechat_routes]

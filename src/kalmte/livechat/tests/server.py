"""The real ASGI application served by uvicorn in a thread, for WebSocket tests.

pytest-django's live_server speaks WSGI only. This server runs in the test process, so it
sees the test database on SQLite (shared in-memory) and PostgreSQL alike; it can be
stopped and started again on the same port to test reconnects.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn


def fresh_channel_layer() -> None:
    from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers

    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AsgiServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> AsgiServer:
        from kalmte.asgi import application

        # Each server gets a fresh channel layer. A layer's receive lock belongs to the event
        # loop that first waited on it; a stopped server's loop leaves it behind, locked.
        fresh_channel_layer()

        config = uvicorn.Config(
            application, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the ASGI test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            self.server.force_exit = True
            self.thread.join(timeout=10)
            self.server = None
            fresh_channel_layer()

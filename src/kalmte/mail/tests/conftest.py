from __future__ import annotations

import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from kalmte.testing import *  # noqa: F403

FIXTURES = Path(__file__).parent / "fixtures"
SHOP_ADDRESS = "support@fietsenwinkel-noord.nl"


def eml(name: str, **replace: str) -> bytes:
    raw = (FIXTURES / name).read_bytes()
    for key, value in replace.items():
        raw = raw.replace(key.encode(), value.encode())
    return raw


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_shop(shop):
    shop.email_address = SHOP_ADDRESS
    shop.save(update_fields=["email_address"])
    return shop


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KALMTE_MAIL_DOMAIN = "desk.example"


class Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback that keeps what it receives."""
    collector = Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    yield collector
    controller.stop()

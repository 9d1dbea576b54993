from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "shpss_test_secret_0123456789"  # noqa: S105


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_json(name: str) -> dict:
    return json.loads(fixture_bytes(name))


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KALMTE_PROACTIVE_MIN_INTERVAL_MINUTES = 10


@pytest.fixture
def integrations(shop):
    from kalmte.shop.models import ShopIntegration

    return {
        platform: ShopIntegration.objects.create(shop=shop, platform=platform, secret=SECRET)
        for platform in ("shopify", "woocommerce", "api")
    }


def post_shopify(client, body: bytes, topic: str, webhook_id: str, *, secret=SECRET, slug="noord"):
    return client.post(
        f"/winkel/webhooks/{slug}/shopify",
        data=body,
        content_type="application/json",
        headers={
            "X-Shopify-Hmac-Sha256": sign(body, secret),
            "X-Shopify-Topic": topic,
            "X-Shopify-Webhook-Id": webhook_id,
            "X-Shopify-Shop-Domain": "fietsenwinkel-noord.myshopify.com",
        },
    )

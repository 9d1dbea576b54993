import json

import pytest

from kalmte.shop.models import Order, Shipment, WebhookEvent
from kalmte.shop.tests.conftest import SECRET, fixture_bytes, fixture_json, post_shopify, sign

pytestmark = pytest.mark.django_db


def test_it_stores_a_shopify_order(client, integrations, shop):
    response = post_shopify(client, fixture_bytes("shopify_order.json"), "orders/create", "wh-1")
    assert response.status_code == 200, response.content
    order = Order.objects.get(shop=shop, number="1001")
    assert order.status == "paid"
    assert order.email == "klant@example.nl"
    assert order.customer.name == "Karin de Klant"
    assert (order.postcode, order.house_number) == ("9711AB", "12A")
    assert [(line.title, line.quantity) for line in order.lines.all()] == [
        ("Stadsfiets Noord 28 inch", 1),
        ("Fietsslot ART-2", 2),
    ]
    assert str(order.total) == "549.00"


def test_it_is_idempotent_on_the_webhook_id(client, integrations, shop):
    body = fixture_bytes("shopify_order.json")
    post_shopify(client, body, "orders/create", "wh-1")
    again = post_shopify(client, body, "orders/create", "wh-1")
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert Order.objects.filter(shop=shop).count() == 1
    assert WebhookEvent.objects.filter(shop=shop).count() == 1


def test_it_refuses_a_bad_signature_before_parsing(client, integrations, shop):
    response = post_shopify(client, b"{not json", "orders/create", "wh-2", secret="wrong-secret")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_signature"
    missing = client.post(
        "/winkel/webhooks/noord/shopify", data=b"{}", content_type="application/json"
    )
    assert missing.status_code == 401
    assert not WebhookEvent.objects.exists()


def test_it_refuses_a_bad_payload_and_stores_nothing(client, integrations, shop):
    data = fixture_json("shopify_order.json")
    data["line_items"][1]["quantity"] = "veel"
    response = post_shopify(client, json.dumps(data).encode(), "orders/create", "wh-3")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "line_items[1].quantity": "`line_items[1].quantity` must be a whole number."
    }
    assert not Order.objects.exists()
    assert WebhookEvent.objects.get().outcome == "rejected"
    # A corrected redelivery of the same event is processed.
    data["line_items"][1]["quantity"] = 2
    fixed = post_shopify(client, json.dumps(data).encode(), "orders/create", "wh-3")
    assert fixed.status_code == 200
    assert Order.objects.count() == 1


def test_it_refuses_invalid_json_and_unknown_topics(client, integrations):
    assert post_shopify(client, b"[1,", "orders/create", "wh-4").status_code == 400
    assert post_shopify(client, b"{}", "products/create", "wh-5").status_code == 422
    unknown_shop = post_shopify(client, b"{}", "orders/create", "wh-6", slug="bestaat-niet")
    assert unknown_shop.status_code == 404


def test_it_adds_a_shopify_fulfillment_to_the_order(client, integrations, shop):
    post_shopify(client, fixture_bytes("shopify_order.json"), "orders/create", "wh-1")
    response = post_shopify(
        client, fixture_bytes("shopify_fulfillment.json"), "fulfillments/create", "wh-7"
    )
    assert response.status_code == 200, response.content
    shipment = Shipment.objects.get(order__number="1001")
    assert (shipment.carrier, shipment.tracking_code, shipment.status) == (
        "postnl",
        "3SFNRD123456789",
        "shipped",
    )
    data = fixture_json("shopify_fulfillment.json")
    data["shipment_status"] = "out_for_delivery"
    post_shopify(client, json.dumps(data).encode(), "fulfillments/update", "wh-8")
    shipment.refresh_from_db()
    assert shipment.status == "out_for_delivery"
    assert [h.status for h in shipment.history.all()] == ["shipped", "out_for_delivery"]


def test_it_answers_409_for_a_fulfillment_of_an_unknown_order(client, integrations):
    response = post_shopify(
        client, fixture_bytes("shopify_fulfillment.json"), "fulfillments/create", "wh-9"
    )
    assert response.status_code == 409


def _post_woo(client, body, delivery_id, *, topic="order.updated", signature=None):
    return client.post(
        "/winkel/webhooks/noord/woocommerce",
        data=body,
        content_type="application/json",
        headers={
            "X-WC-Webhook-Signature": signature if signature is not None else sign(body),
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery_id,
            "X-WC-Webhook-Source": "https://winkel.example/",
        },
    )


def test_it_stores_a_woocommerce_order_with_tracking(client, integrations, shop):
    response = _post_woo(
        client, fixture_bytes("woocommerce_order.json"), "d-1", topic="order.created"
    )
    assert response.status_code == 200, response.content
    order = Order.objects.get(shop=shop, number="727")
    assert (order.status, order.email, order.postcode, order.house_number) == (
        "processing",
        "jan.jansen@example.nl",
        "3511AA",
        "7",
    )
    assert order.placed_at.isoformat() == "2026-11-04T13:20:00+00:00"
    shipment = order.shipments.get()
    assert (shipment.carrier, shipment.tracking_code) == ("dhl", "JVGL0612345600123456")


def test_it_answers_the_woocommerce_ping_without_signature(client, integrations):
    response = client.post(
        "/winkel/webhooks/noord/woocommerce",
        data=b"webhook_id=15",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True, "ping": True}
    assert _post_woo(client, b'{"id": 1}', "d-2", signature="bm9wZQ==").status_code == 401


def test_it_refuses_an_unknown_woocommerce_status(client, integrations):
    data = fixture_json("woocommerce_order.json")
    data["status"] = "teleported"
    response = _post_woo(client, json.dumps(data).encode(), "d-3")
    assert response.status_code == 422
    assert "status" in response.json()["error"]["fields"]


def test_the_generic_api_takes_a_token_or_a_signature(client, integrations, shop):
    order = {
        "number": "#A-77",
        "placed_at": "2026-11-02T10:00:00+01:00",
        "status": "shipped",
        "email": "x@example.nl",
        "postcode": "1234 ab",
        "house_number": "5",
        "lines": [{"title": "Bel", "quantity": 1, "price": "9.95"}],
        "shipments": [
            {"carrier": "DPD", "tracking_code": "05212345678901", "status": "in_transit"}
        ],
    }
    body = json.dumps({"event_id": "e-1", "order": order}).encode()
    by_token = client.post(
        "/winkel/api/noord/orders", data=body, content_type="application/json",
        headers={"Authorization": f"Bearer {SECRET}"},
    )  # fmt: skip
    assert by_token.status_code == 200, by_token.content
    stored = Order.objects.get(shop=shop, number="A77")
    assert stored.shipments.get().carrier == "dpd"
    import hashlib
    import hmac

    signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    replay = client.post(
        "/winkel/api/noord/orders", data=body, content_type="application/json",
        headers={"X-Kalmte-Signature": f"sha256={signature}"},
    )  # fmt: skip
    assert replay.json()["duplicate"] is True
    wrong = client.post(
        "/winkel/api/noord/orders", data=body, content_type="application/json",
        headers={"Authorization": "Bearer nope"},
    )  # fmt: skip
    assert wrong.status_code == 401


def test_the_generic_api_names_the_bad_field(client, integrations):
    body = json.dumps({"event_id": "e-2", "order": {"number": "1", "placed_at": "gisteren"}})
    response = client.post(
        "/winkel/api/noord/orders", data=body, content_type="application/json",
        headers={"Authorization": f"Bearer {SECRET}"},
    )  # fmt: skip
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["order.placed_at"]
    assert not Order.objects.exists()

"""WooCommerce webhooks: order.created, order.updated (and the ping sent on creation).

Headers: X-WC-Webhook-Signature (base64 HMAC-SHA256 of the raw body with the webhook's
secret), X-WC-Webhook-Topic, X-WC-Webhook-Delivery-ID, X-WC-Webhook-ID. Tracking codes come
from the Shipment Tracking extension's `_wc_shipment_tracking_items` meta data.
"""

from __future__ import annotations

from kalmte.shop.connectors import (
    LineData,
    OrderData,
    PayloadError,
    ShipmentData,
    address,
    check_base64_signature,
    email,
    integer,
    items,
    moment,
    money,
    obj,
    order_number,
    text,
    tracking,
)

TOPICS = {"order.created", "order.updated"}

ORDER_STATUS = {
    "pending": "pending",
    "processing": "processing",
    "on-hold": "on_hold",
    "completed": "shipped",
    "cancelled": "cancelled",
    "refunded": "refunded",
    "failed": "cancelled",
    "checkout-draft": "pending",
}


def is_ping(headers, body: bytes) -> bool:
    """WooCommerce pings a new webhook with a form body `webhook_id=N` and no signature."""
    return not headers.get("X-WC-Webhook-Signature") and body.startswith(b"webhook_id=")


def verify(secret: str, headers, body: bytes) -> None:
    check_base64_signature(secret, body, headers.get("X-WC-Webhook-Signature"))


def _shipments(data: dict) -> list[ShipmentData]:
    out = []
    for meta in items(data, "meta_data"):
        if meta.get("key") != "_wc_shipment_tracking_items":
            continue
        value = meta.get("value")
        if not isinstance(value, list):
            raise PayloadError("`_wc_shipment_tracking_items` must be a list.", field="meta_data")
        for entry in value:
            if not isinstance(entry, dict):
                raise PayloadError("A tracking item must be an object.", field="meta_data")
            carrier, code = tracking(
                entry.get("tracking_provider") or entry.get("custom_tracking_provider"),
                entry.get("tracking_number"),
            )
            if code:
                out.append(
                    ShipmentData(
                        external_id=text(entry, "tracking_id", max_length=80) or code,
                        carrier=carrier,
                        tracking_code=code,
                        status="shipped",
                        expected_on=None,
                    )
                )
    return out


def parse_order(data: dict) -> OrderData:
    status = data.get("status")
    if status not in ORDER_STATUS:
        raise PayloadError(f"Unknown order status {status!r}.", field="status")
    billing = obj(data, "billing")
    shipping = obj(data, "shipping")
    postcode, house = address(
        shipping, postcode_key="postcode", street_keys=("address_1", "address_2")
    )
    if not postcode:
        postcode, house = address(
            billing, postcode_key="postcode", street_keys=("address_1", "address_2")
        )
    name = " ".join(p for p in (text(billing, "first_name"), text(billing, "last_name")) if p)
    lines = [
        LineData(
            title=text(line, "name", required=True, at=f"line_items[{i}]."),
            quantity=integer(line, "quantity", at=f"line_items[{i}]."),
            price=money(line, "price", at=f"line_items[{i}]."),
            sku=text(line, "sku", max_length=80),
        )
        for i, line in enumerate(items(data, "line_items"))
    ]
    placed = moment(data, "date_created_gmt", utc=True) or moment(
        data, "date_created", required=True
    )
    return OrderData(
        number=order_number(text(data, "number") or text(data, "id"), field_name="number"),
        external_id=text(data, "id", required=True, max_length=80),
        placed_at=placed,
        status=ORDER_STATUS[status],
        email=email(billing, "email", at="billing."),
        name=name,
        total=money(data, "total"),
        currency=(text(data, "currency", max_length=3) or "EUR").upper(),
        postcode=postcode,
        house_number=house,
        lines=lines,
        shipments=_shipments(data),
    )

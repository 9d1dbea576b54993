"""Shopify webhooks: orders/create, orders/updated, fulfillments/create, fulfillments/update.

Headers: X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the app's secret),
X-Shopify-Topic, X-Shopify-Webhook-Id (the same on every retry), X-Shopify-Shop-Domain.
"""

from __future__ import annotations

from kalmte.shop.connectors import (
    LineData,
    OrderData,
    PayloadError,
    ShipmentData,
    address,
    check_base64_signature,
    day,
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

ORDER_TOPICS = {"orders/create", "orders/updated", "orders/paid", "orders/cancelled"}
FULFILLMENT_TOPICS = {"fulfillments/create", "fulfillments/update"}
TOPICS = ORDER_TOPICS | FULFILLMENT_TOPICS

# fulfillment.shipment_status → our shipment status
SHIPMENT_STATUS = {
    None: "shipped",
    "": "shipped",
    "label_printed": "shipped",
    "label_purchased": "shipped",
    "confirmed": "shipped",
    "in_transit": "in_transit",
    "ready_for_pickup": "out_for_delivery",
    "out_for_delivery": "out_for_delivery",
    "delivered": "delivered",
    "attempted_delivery": "failed",
    "failure": "failed",
    "delayed": "delayed",
}


def verify(secret: str, headers, body: bytes) -> None:
    check_base64_signature(secret, body, headers.get("X-Shopify-Hmac-Sha256"))


def order_status(data: dict) -> str:
    if data.get("cancelled_at"):
        return "cancelled"
    financial = data.get("financial_status") or ""
    fulfillment = data.get("fulfillment_status") or ""
    if financial in ("refunded",):
        return "refunded"
    if fulfillment == "fulfilled":
        return "shipped"
    if fulfillment == "partial":
        return "partly_shipped"
    if financial == "paid":
        return "paid"
    if financial in ("pending", "authorized"):
        return "pending"
    return "processing"


def parse_fulfillment(data: dict) -> ShipmentData:
    external_id = text(data, "id", required=True, max_length=80)
    carrier, code = tracking(data.get("tracking_company"), data.get("tracking_number"))
    status = data.get("shipment_status")
    if status not in SHIPMENT_STATUS:
        raise PayloadError(f"Unknown shipment_status {status!r}.", field="shipment_status")
    url = text(data, "tracking_url", max_length=500)
    return ShipmentData(
        external_id=external_id,
        carrier=carrier,
        tracking_code=code,
        tracking_url=url if url.startswith("https://") else "",
        status=SHIPMENT_STATUS[status],
        expected_on=day(data, "estimated_delivery_at"),
    )


def parse_order(data: dict) -> OrderData:
    name = text(data, "name", max_length=40) or text(data, "order_number", max_length=40)
    shipping = obj(data, "shipping_address")
    customer = obj(data, "customer")
    postcode, house = address(shipping, postcode_key="zip", street_keys=("address1", "address2"))
    full_name = " ".join(
        p for p in (text(customer, "first_name"), text(customer, "last_name")) if p
    ) or text(shipping, "name")
    lines = [
        LineData(
            title=text(line, "title", required=True, at=f"line_items[{i}].") or text(line, "name"),
            quantity=integer(line, "quantity", at=f"line_items[{i}]."),
            price=money(line, "price", at=f"line_items[{i}]."),
            sku=text(line, "sku", max_length=80),
        )
        for i, line in enumerate(items(data, "line_items"))
    ]
    return OrderData(
        number=order_number(name, field_name="name"),
        external_id=text(data, "id", required=True, max_length=80),
        placed_at=moment(data, "created_at", required=True),
        status=order_status(data),
        email=email(data, "email") or email(customer, "email", at="customer."),
        name=full_name,
        total=money(data, "total_price"),
        currency=(text(data, "currency", max_length=3) or "EUR").upper(),
        postcode=postcode,
        house_number=house,
        lines=lines,
        shipments=[parse_fulfillment(f) for f in items(data, "fulfillments")],
    )

"""The JSON API for custom shops: POST one order (with lines and shipments) per request.

Authenticate with `Authorization: Bearer <secret>` or sign the raw body:
`X-Kalmte-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>`.
Idempotency: `event_id` in the body or an `Idempotency-Key` header (required).

    {"event_id": "evt-1", "order": {"number": "100234", "placed_at": "2026-11-02T10:00:00+01:00",
     "status": "shipped", "email": "...", "name": "...", "total": "59.95", "currency": "EUR",
     "postcode": "1234 AB", "house_number": "12", "external_id": "...",
     "lines": [{"title": "...", "quantity": 1, "price": "59.95", "sku": "..."}],
     "shipments": [{"id": "...", "carrier": "PostNL", "tracking_code": "3S...",
                    "status": "in_transit", "expected_on": "2026-11-04",
                    "appointment_at": null}]}}
"""

from __future__ import annotations

import hashlib
import hmac

from kalmte.shop.connectors import (
    LineData,
    OrderData,
    PayloadError,
    ShipmentData,
    SignatureError,
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
from kalmte.shop.identifiers import normalize_house_number, normalize_postcode
from kalmte.shop.models import OrderStatus, ShipmentStatus


def verify(secret: str, headers, body: bytes) -> None:
    auth = headers.get("Authorization") or ""
    if auth.startswith("Bearer "):
        if hmac.compare_digest(auth.removeprefix("Bearer ").strip(), secret):
            return
        raise SignatureError("The token does not match.")
    signature = (headers.get("X-Kalmte-Signature") or "").removeprefix("sha256=").strip()
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not signature or not hmac.compare_digest(signature, expected):
        raise SignatureError("Send `Authorization: Bearer <secret>` or a valid X-Kalmte-Signature.")


def parse_shipment(data: dict, index: int) -> ShipmentData:
    at = f"order.shipments[{index}]."
    carrier, code = tracking(data.get("carrier"), data.get("tracking_code"))
    status = text(data, "status", at=at) or ShipmentStatus.SHIPPED
    if status not in ShipmentStatus.values:
        raise PayloadError(
            f"`{at}status` must be one of {', '.join(ShipmentStatus.values)}.", field=f"{at}status"
        )
    return ShipmentData(
        external_id=text(data, "id", max_length=80, at=at) or code,
        carrier=carrier,
        tracking_code=code,
        status=status,
        expected_on=day(data, "expected_on", at=at),
        appointment_at=moment(data, "appointment_at", at=at),
    )


def parse_order(data: dict) -> OrderData:
    status = text(data, "status", at="order.") or OrderStatus.PENDING
    if status not in OrderStatus.values:
        raise PayloadError(
            f"`order.status` must be one of {', '.join(OrderStatus.values)}.", field="order.status"
        )
    raw_postcode = text(data, "postcode", max_length=12, at="order.")
    postcode = normalize_postcode(raw_postcode)
    if raw_postcode and not postcode:
        raise PayloadError("`order.postcode` is not a Dutch postcode.", field="order.postcode")
    lines = None
    if "lines" in data:
        lines = [
            LineData(
                title=text(line, "title", required=True, at=f"order.lines[{i}]."),
                quantity=integer(line, "quantity", at=f"order.lines[{i}]."),
                price=money(line, "price", at=f"order.lines[{i}]."),
                sku=text(line, "sku", max_length=80),
            )
            for i, line in enumerate(items(data, "lines"))
        ]
    return OrderData(
        number=order_number(
            text(data, "number", required=True, at="order."), field_name="order.number"
        ),
        external_id=text(data, "external_id", max_length=80),
        placed_at=moment(data, "placed_at", required=True, at="order."),
        status=status,
        email=email(data, "email", at="order."),
        name=text(data, "name", max_length=120),
        total=money(data, "total", at="order."),
        currency=(text(data, "currency", max_length=3) or "EUR").upper(),
        postcode=postcode,
        house_number=normalize_house_number(text(data, "house_number", max_length=12)),
        lines=lines,
        shipments=[parse_shipment(s, i) for i, s in enumerate(items(data, "shipments"))],
    )


def parse_body(data: dict, headers) -> tuple[str, OrderData]:
    event_id = text(data, "event_id", max_length=120) or (headers.get("Idempotency-Key") or "")
    if not event_id or len(event_id) > 120:
        raise PayloadError(
            "`event_id` (or an Idempotency-Key header, at most 120 characters) is required.",
            field="event_id",
        )
    order = obj(data, "order")
    if not order:
        raise PayloadError("`order` is required.", field="order")
    return event_id, parse_order(order)

"""Connectors turn what a shop platform sends into `OrderData`, the one shape the actions
store. Each verifies the signature over the raw body before it parses anything.

Add a connector: a module with `verify(integration, headers, body)` raising SignatureError,
and a parser returning OrderData / ShipmentData or raising PayloadError; then a view.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from kalmte.shop.identifiers import (
    carrier_from_name,
    normalize_house_number,
    normalize_order_number,
    normalize_postcode,
    normalize_tracking_code,
)

MAX_BODY_BYTES = 1_000_000


class PayloadError(Exception):
    """The payload cannot be used; `message` says why (English, for the sending system)."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 422):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class SignatureError(PayloadError):
    def __init__(self, message: str = "The signature is missing or does not match."):
        super().__init__(message, status=401)


@dataclass
class LineData:
    title: str
    quantity: int = 1
    price: Decimal = Decimal("0")
    sku: str = ""


@dataclass
class ShipmentData:
    external_id: str = ""
    carrier: str = "other"
    tracking_code: str = ""
    tracking_url: str = ""
    status: str = "shipped"
    expected_on: date | None = None
    appointment_at: datetime | None = None


@dataclass
class OrderData:
    number: str
    placed_at: datetime
    status: str = "pending"
    external_id: str = ""
    email: str = ""
    name: str = ""
    total: Decimal = Decimal("0")
    currency: str = "EUR"
    postcode: str = ""
    house_number: str = ""
    lines: list[LineData] | None = None  # None: leave the stored lines alone
    shipments: list[ShipmentData] = field(default_factory=list)


def hmac_base64(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def check_base64_signature(secret: str, body: bytes, given: str | None) -> None:
    if not given or not hmac.compare_digest(hmac_base64(secret, body), given.strip()):
        raise SignatureError()


def load_json(body: bytes) -> dict:
    if len(body) > MAX_BODY_BYTES:
        raise PayloadError("The body is too large.", status=413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PayloadError(f"The body is not valid JSON: {exc}", status=400) from None
    if not isinstance(data, dict):
        raise PayloadError("The body must be a JSON object.", status=400)
    return data


# --- small typed readers: each names the field it refuses -------------------------------


def text(
    data: dict, key: str, *, required: bool = False, max_length: int = 250, at: str = ""
) -> str:
    value = data.get(key)
    name = f"{at}{key}"
    if value is None or value == "":
        if required:
            raise PayloadError(f"`{name}` is required.", field=name)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PayloadError(f"`{name}` must be text.", field=name)
    value = str(value).strip()
    if len(value) > max_length:
        raise PayloadError(f"`{name}` is longer than {max_length} characters.", field=name)
    return value


def money(data: dict, key: str, *, at: str = "") -> Decimal:
    value = data.get(key)
    if value in (None, ""):
        return Decimal("0")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise PayloadError(f"`{at}{key}` is not an amount.", field=f"{at}{key}") from None
    if not amount.is_finite() or abs(amount) >= Decimal("100000000"):
        raise PayloadError(f"`{at}{key}` is not an amount.", field=f"{at}{key}")
    return amount.quantize(Decimal("0.01"))


def integer(data: dict, key: str, *, default: int = 1, at: str = "") -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PayloadError(f"`{at}{key}` must be a whole number.", field=f"{at}{key}")
    try:
        number = int(value)
    except ValueError:
        raise PayloadError(f"`{at}{key}` must be a whole number.", field=f"{at}{key}") from None
    if not 0 <= number <= 100_000:
        raise PayloadError(f"`{at}{key}` is out of range.", field=f"{at}{key}")
    return number


def moment(
    data: dict, key: str, *, required: bool = False, at: str = "", utc: bool = False
) -> datetime | None:
    """An ISO 8601 moment; without an offset it is local time (or UTC with utc=True)."""
    raw = text(data, key, required=required, max_length=40, at=at)
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        day = parse_date(raw) if len(raw) == 10 else None
        if day is None:
            raise PayloadError(f"`{at}{key}` is not an ISO 8601 date/time.", field=f"{at}{key}")
        value = datetime(day.year, day.month, day.day, 12)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC if utc else timezone.get_default_timezone())
    return value


def day(data: dict, key: str, *, at: str = "") -> date | None:
    value = moment(data, key, at=at)
    return value.date() if value else None


def obj(data: dict, key: str) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"`{key}` must be an object.", field=key)
    return value


def items(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise PayloadError(f"`{key}` must be a list of objects.", field=key)
    return value


def order_number(raw: str, *, field_name: str) -> str:
    number = normalize_order_number(raw)
    if not number:
        raise PayloadError(f"`{field_name}` holds no order number.", field=field_name)
    return number


def address(data: dict, *, postcode_key: str, street_keys: tuple[str, ...]) -> tuple[str, str]:
    from kalmte.shop.identifiers import house_number_from_address

    postcode = normalize_postcode(data.get(postcode_key))
    house = ""
    for key in street_keys:
        house = house_number_from_address(str(data.get(key) or ""))
        if house:
            break
    return postcode, normalize_house_number(house)


def tracking(carrier_name: Any, code: Any) -> tuple[str, str]:
    tracking_code = normalize_tracking_code(code)
    return carrier_from_name(carrier_name, tracking_code), tracking_code


def email(data: dict, key: str, *, at: str = "") -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    value = text(data, key, max_length=254, at=at).lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise PayloadError(
                f"`{at}{key}` is not an e-mail address.", field=f"{at}{key}"
            ) from None
    return value

"""CSV import of orders: one row per order line; rows with the same order_number form one
order. Every line is checked first; one bad line and nothing is imported.

Columns (header row required; only order_number and placed_at are mandatory):
order_number, placed_at, status, email, name, total, currency, postcode, house_number,
sku, title, quantity, price, carrier, tracking_code, shipment_status
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from kalmte.shop.actions import do_ingest_order
from kalmte.shop.connectors import OrderData, PayloadError, ShipmentData
from kalmte.shop.connectors.generic import parse_order
from kalmte.shop.models import Platform, Shop

REQUIRED = {"order_number", "placed_at"}
KNOWN = REQUIRED | {
    "status", "email", "name", "total", "currency", "postcode", "house_number", "sku",
    "title", "quantity", "price", "carrier", "tracking_code", "shipment_status",
}  # fmt: skip
MAX_ROWS = 100_000


@dataclass
class ImportReport:
    orders: int = 0
    created: int = 0
    lines: int = 0
    errors: list[str] = field(default_factory=list)


def _row_order(row: dict) -> OrderData:
    data = {
        "number": row.get("order_number"),
        "placed_at": row.get("placed_at"),
        "status": row.get("status") or None,
        "email": row.get("email"),
        "name": row.get("name"),
        "total": row.get("total"),
        "currency": row.get("currency"),
        "postcode": row.get("postcode"),
        "house_number": row.get("house_number"),
    }
    if row.get("title"):
        data["lines"] = [
            {"title": row["title"], "quantity": row.get("quantity") or 1,
             "price": row.get("price"), "sku": row.get("sku")}
        ]  # fmt: skip
    if row.get("tracking_code"):
        data["shipments"] = [
            {"carrier": row.get("carrier"), "tracking_code": row["tracking_code"],
             "status": row.get("shipment_status") or None}
        ]  # fmt: skip
    return parse_order({k: v for k, v in data.items() if v not in (None, "")})


def read_orders(text: str) -> tuple[list[OrderData], ImportReport]:
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    header = {(h or "").strip() for h in reader.fieldnames or []}
    missing = REQUIRED - header
    if missing:
        report.errors.append(f"header: missing column(s) {', '.join(sorted(missing))}")
        return [], report
    unknown = header - KNOWN
    if unknown:
        report.errors.append(f"header: unknown column(s) {', '.join(sorted(unknown))}")
        return [], report
    orders: dict[str, OrderData] = {}
    for line_no, row in enumerate(reader, start=2):
        if line_no > MAX_ROWS + 1:
            report.errors.append(f"line {line_no}: more than {MAX_ROWS} rows")
            break
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if None in row or not any(row.values()):
            continue
        try:
            data = _row_order(row)
        except PayloadError as exc:
            report.errors.append(f"line {line_no}: {exc.message.replace('order.', '')}")
            continue
        existing = orders.get(data.number)
        if existing is None:
            data.lines = data.lines or []
            orders[data.number] = data
            continue
        existing.lines = (existing.lines or []) + list(data.lines or [])
        _merge_shipments(existing.shipments, data.shipments)
    return list(orders.values()), report


def _merge_shipments(into: list[ShipmentData], more: list[ShipmentData]) -> None:
    codes = {s.tracking_code for s in into}
    into.extend(s for s in more if s.tracking_code not in codes)


def _delimiter(text: str) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def import_orders(shop: Shop, text: str, *, notify: bool = False) -> ImportReport:
    """All or nothing: returns the report; stores only when there are no errors."""
    orders, report = read_orders(text)
    if report.errors:
        return report
    with transaction.atomic():
        for data in orders:
            _order, created = do_ingest_order(shop, data, source=Platform.CSV, notify=notify)
            report.orders += 1
            report.created += int(created)
            report.lines += len(data.lines or [])
    return report

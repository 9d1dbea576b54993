from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from kalmte.shop.actions import do_ingest_order
from kalmte.shop.connectors import LineData, OrderData, ShipmentData


def make_order(shop, number="10023", *, email="klant@example.nl", status="processing",
               shipments=(), postcode="9711AB", house_number="12A", notify=True):  # fmt: skip
    data = OrderData(
        number=number,
        placed_at=timezone.make_aware(datetime(2026, 11, 20, 10)),  # a Friday
        status=status,
        email=email,
        name="Karin de Klant",
        total=Decimal("59.95"),
        postcode=postcode,
        house_number=house_number,
        lines=[LineData(title="Fietsbel", quantity=1, price=Decimal("9.95"))],
        shipments=[ShipmentData(**s) for s in shipments],
    )
    order, _created = do_ingest_order(shop, data, source="api", notify=notify)
    return order, data

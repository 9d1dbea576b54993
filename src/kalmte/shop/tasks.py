"""Background work of the shop app, run by the database worker (`kalmte db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def post_order_update(order_id: int, kind: str, key: str, shipment_id: int | None = None) -> str:
    """Post one proactive update for an order change; returns what happened."""
    from kalmte.shop.actions import do_post_order_update

    return do_post_order_update(order_id, kind, key, shipment_id=shipment_id)

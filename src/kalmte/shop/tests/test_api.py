import pytest

from kalmte.conversations.models import AuthorKind, Message
from kalmte.shop.actions import iso_week
from kalmte.shop.tests.helpers import make_order

pytestmark = pytest.mark.django_db


def test_it_lists_a_customers_orders(client, api_token, shop, customer, charlie):
    make_order(shop, shipments=[{"carrier": "dpd", "tracking_code": "05212345678901"}])
    auth = {"Authorization": f"Bearer {api_token}"}
    response = client.get(f"/api/v1/customers/{customer.pk}/orders", headers=auth)
    assert response.status_code == 200, response.content
    [order] = response.json()
    assert order["number"] == "10023"
    assert order["lines"][0]["title"] == "Fietsbel"
    assert order["shipments"][0]["tracking_url"].endswith("parcelNumber=05212345678901")


def test_it_counts_where_is_my_order_contacts_per_week(client, api_token, shop, conversation):
    Message.objects.create(
        conversation=conversation, author_kind=AuthorKind.CUSTOMER, body="Waar blijft het?",
        analysis={"problems": [{"label": "late_delivery"}], "flags": [{"label": "needs_certainty"}]},
    )  # fmt: skip
    Message.objects.create(
        conversation=conversation, author_kind=AuthorKind.CUSTOMER, body="Bedankt",
        analysis={"problems": [{"label": "late_delivery"}], "flags": []},
    )  # fmt: skip
    auth = {"Authorization": f"Bearer {api_token}"}
    response = client.get("/api/v1/reports/where-is-my-order?weeks=3", headers=auth)
    assert response.status_code == 200, response.content
    weeks = response.json()
    assert len(weeks) == 3
    this_week = weeks[-1]
    assert this_week["week"] == iso_week(conversation.created_at)
    # The fixture's own "waar blijft mijn bestelling" counts when the engine flags it.
    assert this_week["where_is_my_order_contacts"] >= 1
    assert client.get("/api/v1/reports/where-is-my-order?weeks=0", headers=auth).status_code == 422

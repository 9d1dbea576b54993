import pytest

from kalmte.conversations.actions import (
    do_add_customer_message,
    do_create_conversation,
    do_get_or_create_customer,
)
from kalmte.conversations.models import Event
from kalmte.shop.models import ConversationOrderLink
from kalmte.shop.tests.helpers import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger_conversation(shop):
    customer = do_get_or_create_customer(shop, name="Bezoeker")
    return do_create_conversation(shop, customer, channel="chat")


def _linked(conversation):
    return sorted(
        (link.order.number, link.matched_by)
        for link in ConversationOrderLink.objects.filter(conversation=conversation, removed=False)
    )


@pytest.mark.parametrize(
    ("text", "matched_by"),
    [
        ("Waar blijft bestelling #10023??", "order_number"),
        ("Mijn bestelnummer is 10023", "order_number"),
        ("Ik woon op 9711 ab 12a, waar is mijn pakket?", "postcode"),
        ("Track en trace 3SFNRD123456789 zegt niks", "tracking_code"),
        ("Ik bestelde met klant@example.nl, waar blijft het?", "email"),
    ],
)
def test_it_links_a_message_to_the_order_it_names(shop, stranger_conversation, text, matched_by):
    make_order(shop, shipments=[{"carrier": "postnl", "tracking_code": "3SFNRD123456789"}])
    do_add_customer_message(stranger_conversation, text)
    assert _linked(stranger_conversation) == [("10023", matched_by)]
    event = Event.objects.get(verb="order_linked", conversation=stranger_conversation)
    assert event.data["matched_by"] == matched_by


def test_it_does_not_link_a_postcode_without_the_house_number(shop, stranger_conversation):
    make_order(shop)
    do_add_customer_message(stranger_conversation, "Mijn postcode is 9711 AB en ik wacht al lang")
    assert _linked(stranger_conversation) == []


def test_the_agent_unlinks_a_wrong_match_and_it_stays_unlinked(
    alice_client, alice, shop, stranger_conversation
):
    order, _ = make_order(shop)
    do_add_customer_message(stranger_conversation, "Bestelling 10023 is kwijt")
    url = f"/winkel/gesprek/{stranger_conversation.pk}/bestelling/{order.pk}/ontkoppelen"
    assert alice_client.post(url).status_code == 302
    assert _linked(stranger_conversation) == []
    assert Event.objects.filter(verb="order_unlinked", actor=alice).exists()
    do_add_customer_message(stranger_conversation, "Nogmaals: 10023!")
    assert _linked(stranger_conversation) == []


def test_the_agent_links_an_order_by_number(alice_client, shop, stranger_conversation):
    make_order(shop, number="55501")
    url = f"/winkel/gesprek/{stranger_conversation.pk}/bestelling-koppelen"
    response = alice_client.post(url, {"number": "#55501"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "#55501" in response.content.decode()
    assert _linked(stranger_conversation) == [("55501", "agent")]
    missing = alice_client.post(url, {"number": "999"}, headers={"HX-Request": "true"})
    assert missing.status_code == 422


def test_an_outsider_cannot_touch_the_links(client, charlie, shop, stranger_conversation):
    order, _ = make_order(shop)
    client.force_login(charlie.user)
    url = f"/winkel/gesprek/{stranger_conversation.pk}/bestelling-koppelen"
    assert client.post(url, {"number": "10023"}).status_code == 404
    unlink = f"/winkel/gesprek/{stranger_conversation.pk}/bestelling/{order.pk}/ontkoppelen"
    assert client.post(unlink).status_code == 404


def test_the_conversation_page_shows_orders_shipments_and_the_expected_date(
    alice_client, shop, customer, conversation
):
    make_order(
        shop,
        shipments=[
            {"carrier": "postnl", "tracking_code": "3SFNRD123456789", "status": "in_transit"}
        ],
    )
    page = alice_client.get(f"/gesprekken/{conversation.pk}/").content.decode()
    assert "#10023" in page
    assert "Fietsbel" in page
    assert "https://jouw.postnl.nl/track-and-trace/3SFNRD123456789-NL-9711AB" in page
    # Placed Friday 20 November, delivery 3 working days at most: Wednesday 25 November.
    assert "25 november" in page

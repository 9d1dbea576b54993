import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kalmte.conversations import actions
from kalmte.conversations.models import Conversation, Event, Message, Status
from kalmte.testing import login


def test_it_requires_login_for_the_inbox(client, db):
    response = client.get(reverse("kalmte-inbox"))
    assert response.status_code == 302
    assert reverse("kalmte-login") in response["Location"]


def test_it_requires_login_for_a_conversation(client, conversation):
    response = client.get(reverse("kalmte-conversation", args=[conversation.pk]))
    assert response.status_code == 302


def test_it_refuses_a_user_without_agent_profile(client, django_user_model, db):
    user = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(user)
    assert client.get(reverse("kalmte-inbox")).status_code == 403


def test_it_lists_conversations_of_the_agents_shop_only(alice_client, conversation, other_shop):
    foreign_customer = actions.do_get_or_create_customer(
        other_shop, email="x@example.nl", name="Vreemde Klant"
    )
    actions.do_create_conversation(other_shop, foreign_customer, channel="chat", subject="Schoenen")
    body = alice_client.get(reverse("kalmte-inbox")).content.decode()
    assert "Karin de Klant" in body
    assert "Vreemde Klant" not in body


def test_it_hides_another_shops_conversation_from_an_outsider(client, charlie, conversation):
    login(client, charlie)
    assert client.get(reverse("kalmte-conversation", args=[conversation.pk])).status_code == 404
    response = client.post(reverse("kalmte-reply", args=[conversation.pk]), {"body": "hoi"})
    assert response.status_code == 404
    assert not conversation.messages.filter(author_kind="agent").exists()


def test_it_shows_history_and_customer_details(alice_client, conversation):
    body = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert "waar blijft mijn bestelling #10023?" in body
    assert "klant@example.nl" in body


def test_it_posts_a_reply_and_answers_the_waiting_customer(alice_client, alice, conversation):
    assert conversation.waiting_since is not None
    url = reverse("kalmte-reply", args=[conversation.pk])
    response = alice_client.post(url, {"body": "Ik zoek het voor u uit. Groet, Alice"})
    assert response.status_code == 302
    conversation.refresh_from_db()
    reply = conversation.messages.get(author_kind="agent")
    assert reply.agent == alice
    assert conversation.waiting_since is None
    assert conversation.owner == alice
    assert Event.objects.filter(
        conversation=conversation, verb="agent_replied", actor=alice
    ).exists()


def test_it_posts_a_reply_once_per_client_id(alice_client, conversation):
    url = reverse("kalmte-reply", args=[conversation.pk])
    for _ in range(3):
        alice_client.post(url, {"body": "Eén keer graag", "client_id": "abc-123"})
    assert conversation.messages.filter(author_kind="agent").count() == 1


def test_it_returns_the_history_to_htmx(alice_client, conversation):
    url = reverse("kalmte-reply", args=[conversation.pk])
    response = alice_client.post(url, {"body": "Via htmx"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="history"' in response.content.decode()
    assert "Via htmx" in response.content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_it_rejects_an_empty_or_oversized_reply(alice_client, conversation, body):
    url = reverse("kalmte-reply", args=[conversation.pk])
    response = alice_client.post(url, {"body": body}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "bericht" in response.content.decode().lower()
    assert not conversation.messages.filter(author_kind="agent").exists()


def test_it_logs_a_phone_call_in_the_history(alice_client, conversation):
    url = reverse("kalmte-reply", args=[conversation.pk])
    alice_client.post(url, {"body": "Klant gebeld, pakket komt morgen.", "kind": "phone_note"})
    note = conversation.messages.get(author_kind="agent")
    assert note.kind == "phone_note"
    page = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert "telefoonnotitie" in page


def test_it_keeps_internal_notes_out_of_the_messages(alice_client, conversation):
    alice_client.post(
        reverse("kalmte-add-note", args=[conversation.pk]), {"body": "Klant is vaste klant"}
    )
    assert conversation.notes.count() == 1
    assert not conversation.messages.filter(body__contains="vaste klant").exists()


def test_it_claims_and_assigns(alice_client, alice, bob, conversation):
    url = reverse("kalmte-assign", args=[conversation.pk])
    alice_client.post(url, {"agent_id": "me"})
    conversation.refresh_from_db()
    assert conversation.owner == alice
    alice_client.post(url, {"agent_id": str(bob.pk)})
    conversation.refresh_from_db()
    assert conversation.owner == bob
    assert Event.objects.filter(conversation=conversation, verb="assigned").count() == 2


def test_it_refuses_assignment_to_an_outsider(alice_client, charlie, conversation):
    url = reverse("kalmte-assign", args=[conversation.pk])
    assert alice_client.post(url, {"agent_id": str(charlie.pk)}).status_code == 404
    conversation.refresh_from_db()
    assert conversation.owner is None


def test_it_closes_and_reopens(alice_client, conversation):
    url = reverse("kalmte-set-status", args=[conversation.pk])
    alice_client.post(url, {"action": "close"})
    conversation.refresh_from_db()
    assert conversation.status == Status.CLOSED
    assert conversation.closed_at is not None
    alice_client.post(url, {"action": "reopen"})
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN


def test_it_reopens_a_closed_conversation_when_the_customer_writes(alice, conversation):
    actions.do_close_conversation(conversation, acting_agent=alice)
    actions.do_add_customer_message(conversation, "Toch nog een vraag")
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN
    assert conversation.waiting_since is not None


def test_it_refuses_messages_in_an_ended_conversation(alice, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Status.ENDED)
    conversation.refresh_from_db()
    with pytest.raises(actions.ActionError):
        actions.do_add_agent_message(conversation, "hallo", acting_agent=alice)
    with pytest.raises(actions.ActionError):
        actions.do_add_customer_message(conversation, "hallo")


def test_it_only_lets_a_supervisor_reopen_an_ended_conversation(alice, sup, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(status=Status.ENDED)
    conversation.refresh_from_db()
    with pytest.raises(actions.ActionError):
        actions.do_reopen_conversation(conversation, acting_agent=alice)
    actions.do_reopen_conversation(conversation, acting_agent=sup)
    assert conversation.status == Status.OPEN


def test_it_stores_a_customer_message_once_per_client_id(conversation):
    first = actions.do_add_customer_message(conversation, "dubbel?", client_id="c-1")
    second = actions.do_add_customer_message(conversation, "dubbel?", client_id="c-1")
    assert first.created and not second.created
    assert first.message.pk == second.message.pk
    assert Message.objects.filter(conversation=conversation, client_id="c-1").count() == 1


def _waiting(shop, name, minutes, *, intensity=0.0, abuse=False):
    customer = actions.do_get_or_create_customer(shop, email=f"{name}@example.nl", name=name)
    conversation = actions.do_create_conversation(shop, customer, channel="chat")
    Conversation.objects.filter(pk=conversation.pk).update(
        waiting_since=timezone.now() - timedelta(minutes=minutes),
        intensity=intensity,
        has_abuse=abuse,
    )
    return conversation


def test_it_orders_the_inbox_by_need(alice, shop):
    from kalmte.conversations.inbox import InboxFilter, inbox

    calm_long = _waiting(shop, "kalm", 10)
    angry_short = _waiting(shop, "boos", 5, intensity=0.9)
    calm_short = _waiting(shop, "rustig", 2)
    abusive = _waiting(shop, "grof", 1, abuse=True)
    answered = _waiting(shop, "klaar", 0)
    Conversation.objects.filter(pk=answered.pk).update(waiting_since=None)
    order = [c.pk for c in inbox(alice, InboxFilter())]
    assert order == [abusive.pk, angry_short.pk, calm_long.pk, calm_short.pk, answered.pk]


def test_it_filters_the_inbox(alice_client, alice, shop, conversation):
    email_customer = actions.do_get_or_create_customer(
        shop, email="mail@example.nl", name="Mail Klant"
    )
    mail = actions.do_create_conversation(shop, email_customer, channel="email", subject="Per mail")
    actions.do_assign_conversation(mail, alice, acting_agent=alice)

    def names(**params):
        return alice_client.get(reverse("kalmte-inbox"), params).content.decode()

    assert "Mail Klant" in names(scope="mine") and "Karin de Klant" not in names(scope="mine")
    assert "Karin de Klant" in names(scope="unassigned") and "Mail Klant" not in names(
        scope="unassigned"
    )
    assert "Mail Klant" in names(channel="email") and "Karin de Klant" not in names(channel="email")
    actions.do_close_conversation(mail, acting_agent=alice)
    assert "Mail Klant" not in names()
    assert "Mail Klant" in names(status="closed")


@pytest.mark.parametrize(
    "payload",
    ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">'],
)
def test_it_escapes_customer_text(alice_client, conversation, payload):
    actions.do_add_customer_message(conversation, payload)
    inbox_body = alice_client.get(
        reverse("kalmte-conversation", args=[conversation.pk])
    ).content.decode()
    assert payload not in inbox_body
    assert "&lt;" in inbox_body


def test_it_loads_the_demo_data_once(db):
    from kalmte.conversations.demo import CONVERSATIONS, load_demo

    shop, created = load_demo()
    assert created
    assert shop.conversations.count() == len(CONVERSATIONS) >= 12
    assert shop.agents.count() == 4
    _, again = load_demo()
    assert not again
    assert shop.conversations.count() == len(CONVERSATIONS)


def test_it_allows_the_demo_shop_page_on_the_port_it_is_served_on(db):
    from django.core.management import CommandError, call_command

    from kalmte.shop.models import Shop

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", "--origin", "http://127.0.0.1:8080", stdout=io.StringIO())
    call_command("load_demo", "--origin", "http://127.0.0.1:8080/", stdout=io.StringIO())
    shop = Shop.objects.get(slug="fietsenwinkel-noord")
    assert shop.allows_origin("http://127.0.0.1:8080")
    assert shop.allows_origin("http://localhost:8000")
    assert shop.origin_list().count("http://127.0.0.1:8080") == 1
    with pytest.raises(CommandError, match="no http"):
        call_command("load_demo", "--origin", "javascript:alert(1)", stdout=io.StringIO())


def test_it_shows_the_delivery_status_of_an_emailed_reply(alice_client, alice, shop, customer):
    conversation = actions.do_create_conversation(
        shop, customer, channel="email", subject="Factuur"
    )
    actions.do_add_customer_message(conversation, "Waar is mijn factuur?")
    actions.do_add_agent_message(
        conversation, "Ik stuur hem vandaag. Groet, Alice", acting_agent=alice
    )
    page = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert 'class="delivery delivery-' in page

"""The widget's HTTP side: start, the fallback for blocked WebSockets, profile, widget.js."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from kalmte.conversations.models import Conversation, Message

ORIGIN = "http://shop.example"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def post(client, url, data, origin=ORIGIN):
    return client.post(
        url, json.dumps(data), content_type="application/json", headers={"Origin": origin}
    )


def start(client, shop, **extra):
    response = post(client, "/chat/start/", {"key": shop.widget_key, **extra})
    assert response.status_code == 200, response.content
    return response.json()


def test_it_starts_a_chat_with_a_signed_token(client, shop):
    data = start(client, shop)
    conversation = Conversation.objects.get(pk=data["conversation"])
    assert conversation.shop == shop and conversation.channel == "chat"
    assert data["shop"] == {"name": shop.name, "opening_hours": shop.opening_hours}
    assert data["online"] is False
    assert data["resumed"] is False


def test_it_answers_the_allowed_origin_with_cors_headers(client, shop):
    response = client.options("/chat/start/", headers={"Origin": ORIGIN})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_it_resumes_the_conversation_with_the_token(client, shop):
    first = start(client, shop)
    again = start(client, shop, token=first["token"])
    assert again["conversation"] == first["conversation"]
    assert again["resumed"] is True
    assert Conversation.objects.count() == 1


def test_a_token_of_another_shop_starts_a_new_chat(client, shop, other_shop):
    other_shop.allowed_origins = ORIGIN
    other_shop.save()
    theirs = start(client, other_shop)
    mine = start(client, shop, token=theirs["token"])
    assert mine["conversation"] != theirs["conversation"]
    assert Conversation.objects.get(pk=mine["conversation"]).shop == shop


def test_it_refuses_an_origin_that_is_not_allowed(client, shop):
    response = post(client, "/chat/start/", {"key": shop.widget_key}, origin="http://evil.example")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_refused"
    assert "niet gebruiken" in response.json()["error"]["message"]
    assert Conversation.objects.count() == 0


def test_it_refuses_an_unknown_widget_key(client, shop):
    response = post(client, "/chat/start/", {"key": "bestaat-niet"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_shop"


def test_it_refuses_broken_json_clearly(client, shop):
    response = client.post(
        "/chat/start/", "{kapot", content_type="application/json", headers={"Origin": ORIGIN}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Het verzoek is geen geldige JSON."


def test_it_limits_chats_started_per_ip(client, shop, settings):
    settings.KALMTE_CHAT_STARTS_PER_MINUTE_PER_IP = 2
    start(client, shop)
    start(client, shop)
    response = post(client, "/chat/start/", {"key": shop.widget_key})
    assert response.status_code == 429
    assert Conversation.objects.count() == 2


def test_the_http_fallback_sends_once_and_catches_up(client, shop, alice):
    from kalmte.conversations.actions import do_add_agent_message

    chat = start(client, shop)
    body = {"token": chat["token"], "client_id": "h1", "text": "Zie https://shop.example/x"}
    first = post(client, "/chat/berichten/", body)
    assert first.status_code == 201
    replay = post(client, "/chat/berichten/", body)
    assert replay.status_code == 200
    assert replay.json()["message"]["id"] == first.json()["message"]["id"]
    assert Message.objects.count() == 1
    conversation = Conversation.objects.get(pk=chat["conversation"])
    reply = do_add_agent_message(conversation, "Ik kijk mee.", acting_agent=alice)
    caught_up = client.get(
        "/chat/berichten/",
        {"token": chat["token"], "after": first.json()["message"]["id"]},
        headers={"Origin": ORIGIN},
    )
    assert caught_up.status_code == 200
    assert [m["id"] for m in caught_up.json()["messages"]] == [reply.message.pk]
    assert caught_up.json()["messages"][0]["author"] == "Alice"


def test_the_http_fallback_refuses_a_missing_or_foreign_token(client, shop):
    response = post(client, "/chat/berichten/", {"token": "nep", "text": "hoi"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "bad_token"
    chat = start(client, shop)
    foreign = post(
        client, "/chat/berichten/", {"token": chat["token"], "text": "hoi"}, origin="http://x.nl"
    )
    assert foreign.status_code == 403
    assert Message.objects.count() == 0


def test_the_http_fallback_refuses_a_too_long_message(client, shop, settings):
    settings.KALMTE_MAX_MESSAGE_CHARS = 10
    chat = start(client, shop)
    response = post(client, "/chat/berichten/", {"token": chat["token"], "text": "x" * 11})
    assert response.status_code == 400
    assert "te lang" in response.json()["error"]["message"]
    assert Message.objects.count() == 0


def test_phone_notes_never_reach_the_visitor(client, shop, alice):
    from kalmte.conversations.actions import do_add_agent_message

    chat = start(client, shop)
    conversation = Conversation.objects.get(pk=chat["conversation"])
    do_add_agent_message(conversation, "Intern: gebeld", acting_agent=alice, kind="phone_note")
    response = client.get("/chat/berichten/", {"token": chat["token"]}, headers={"Origin": ORIGIN})
    assert response.json()["messages"] == []


def test_the_visitor_leaves_an_email_address(client, shop):
    chat = start(client, shop)
    bad = post(client, "/chat/gegevens/", {"token": chat["token"], "email": "geen-adres"})
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "email"
    good = post(
        client,
        "/chat/gegevens/",
        {"token": chat["token"], "name": "Jan Jansen", "email": "Jan@Example.nl"},
    )
    assert good.status_code == 200
    customer = Conversation.objects.get(pk=chat["conversation"]).customer
    assert (customer.name, customer.email) == ("Jan Jansen", "jan@example.nl")


def test_it_serves_the_widget_script_with_dutch_texts(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    text = response.content.decode()
    assert "Typ uw bericht" in text
    assert "/*KALMTE_STRINGS*/" not in text
    assert "innerHTML" not in text.replace("never innerHTML", "")


def test_the_demo_shop_page_embeds_the_widget(client, db):
    from kalmte.shop.models import Shop

    assert client.get("/demo/winkel/").status_code == 404
    shop = Shop.objects.create(
        name="Fietsenwinkel Noord", slug="fietsenwinkel-noord", allowed_origins="http://testserver"
    )
    response = client.get("/demo/winkel/")
    assert response.status_code == 200
    assert f'data-shop="{shop.widget_key}"' in response.content.decode()

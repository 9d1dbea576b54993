"""Both consumers through the real ASGI application and the WebSocket communicator."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.core.cache import cache

from kalmte.asgi import application
from kalmte.conversations.actions import do_add_agent_message
from kalmte.conversations.models import Message
from kalmte.livechat import actions
from kalmte.livechat.tests.communicator import WebsocketCommunicator, in_own_loop

pytestmark = pytest.mark.django_db(transaction=True)
SHOP_ORIGIN = b"http://shop.example"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def start_chat(shop, **kwargs):
    return actions.do_start_chat(shop, ip="10.0.0.1", **kwargs)


@pytest.fixture
def chat(shop):
    return start_chat(shop)


async def visitor_socket(token, origin=SHOP_ORIGIN, client=("10.0.0.1", 5000)):
    communicator = WebsocketCommunicator(
        application, f"/ws/chat/?token={token}", headers=[(b"origin", origin)]
    )
    communicator.scope["client"] = client
    connected, code = await communicator.connect()
    return communicator, connected, code


def session_cookie(client, agent):
    client.force_login(agent.user)
    return client.cookies["sessionid"].value


async def agent_socket(cookie=None, origin=b"http://testserver"):
    headers = [(b"origin", origin)]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/agent/", headers=headers)
    connected, _ = await communicator.connect()
    return communicator, connected


async def receive_type(communicator, kind, timeout=10):
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


count_messages = database_sync_to_async(
    lambda conversation_id: Message.objects.filter(conversation_id=conversation_id).count()
)


# --- visitor side ----------------------------------------------------------------------


@in_own_loop
async def test_it_sends_a_message_and_acknowledges_it_once(chat):
    ws, connected, _ = await visitor_socket(chat.token)
    assert connected
    await ws.send_json_to({"type": "hello", "last_id": 0})
    history = await receive_type(ws, "history")
    assert history["messages"] == []
    await ws.send_json_to({"type": "message", "client_id": "c-1", "text": "Waar is mijn fiets?"})
    ack = await receive_type(ws, "ack")
    assert ack["message"]["body"] == "Waar is mijn fiets?"
    assert "analysis" not in ack["message"]
    echoed = await receive_type(ws, "message")
    assert echoed["message"]["id"] == ack["message"]["id"]
    # the broadcast of the same message is not delivered a second time
    assert await ws.receive_nothing(timeout=0.3)
    await ws.disconnect()


@in_own_loop
async def test_it_stores_a_replayed_client_id_once(chat):
    ws, _, _ = await visitor_socket(chat.token)
    frame = {"type": "message", "client_id": "dubbel", "text": "Hallo"}
    await ws.send_json_to(frame)
    first = await receive_type(ws, "ack")
    await ws.send_json_to(frame)
    second = await receive_type(ws, "ack")
    assert first["message"]["id"] == second["message"]["id"]
    assert await count_messages(chat.conversation.pk) == 1
    await ws.disconnect()


@in_own_loop
async def test_it_catches_up_after_the_last_seen_id(chat, alice):
    posted = [
        await database_sync_to_async(actions.do_post_visitor_message)(
            chat.conversation, chat.visitor, f"bericht {i}", client_id=f"c{i}", ip="10.0.0.1"
        )
        for i in range(3)
    ]
    reply = await database_sync_to_async(do_add_agent_message)(
        chat.conversation, "Ik kijk het na.", acting_agent=alice
    )
    ws, _, _ = await visitor_socket(chat.token)
    await ws.send_json_to({"type": "hello", "last_id": posted[0].message.pk})
    history = await receive_type(ws, "history")
    ids = [m["id"] for m in history["messages"]]
    assert ids == [posted[1].message.pk, posted[2].message.pk, reply.message.pk]
    assert history["messages"][-1]["author"] == "Alice"
    # a second hello does not send the same messages again
    await ws.send_json_to({"type": "hello", "last_id": 0})
    again = await receive_type(ws, "history")
    assert [m["id"] for m in again["messages"]] == [posted[0].message.pk]
    await ws.disconnect()


@in_own_loop
async def test_it_delivers_agent_replies_and_typing_live(chat, alice):
    ws, _, _ = await visitor_socket(chat.token)
    await database_sync_to_async(do_add_agent_message)(
        chat.conversation, "Goedemiddag, ik help u graag.", acting_agent=alice
    )
    frame = await receive_type(ws, "message")
    assert frame["message"]["body"] == "Goedemiddag, ik help u graag."
    assert frame["message"]["author_kind"] == "agent"
    await ws.disconnect()


@in_own_loop
async def test_it_refuses_a_forged_token(chat):
    ws, connected, _ = await visitor_socket(chat.token[:-3] + "abc")
    assert connected
    error = await receive_type(ws, "error")
    assert error["code"] == "bad_token"
    assert "opnieuw" in error["message"]
    assert (await ws.receive_output(timeout=1))["code"] == 4401


@in_own_loop
async def test_it_refuses_an_origin_the_shop_does_not_allow(chat):
    ws, connected, _ = await visitor_socket(chat.token, origin=b"http://evil.example")
    assert not connected


@in_own_loop
async def test_a_second_visitor_never_sees_the_first_visitors_conversation(shop, chat):
    other = await database_sync_to_async(start_chat)(shop)
    assert other.conversation.pk != chat.conversation.pk
    first, _, _ = await visitor_socket(chat.token)
    second, _, _ = await visitor_socket(other.token, client=("10.0.0.2", 5000))
    await first.send_json_to({"type": "message", "client_id": "a", "text": "Privé vraag"})
    await receive_type(first, "ack")
    await second.send_json_to({"type": "hello", "last_id": 0})
    history = await receive_type(second, "history")
    assert history["messages"] == []
    assert history["conversation"] == other.conversation.pk
    assert await second.receive_nothing(timeout=0.3)
    await first.disconnect()
    await second.disconnect()


@in_own_loop
async def test_it_refuses_a_token_for_another_shops_conversation(shop, other_shop):
    forged = actions.sign_visitor_token(actions.Visitor(other_shop.pk, "x", 999999))
    ws, _, _ = await visitor_socket(forged)
    assert (await receive_type(ws, "error"))["code"] == "bad_token"


@in_own_loop
async def test_it_refuses_a_too_long_message_and_stores_nothing(chat, settings):
    settings.KALMTE_MAX_MESSAGE_CHARS = 50
    ws, _, _ = await visitor_socket(chat.token)
    await ws.send_json_to({"type": "message", "client_id": "lang", "text": "x" * 51})
    error = await receive_type(ws, "error")
    assert error["code"] == "too_long"
    assert error["client_id"] == "lang"
    assert "te lang" in error["message"]
    assert await count_messages(chat.conversation.pk) == 0
    await ws.disconnect()


@in_own_loop
async def test_it_limits_messages_per_minute_per_visitor(chat, settings):
    settings.KALMTE_CHAT_MESSAGES_PER_MINUTE = 2
    ws, _, _ = await visitor_socket(chat.token)
    for i in range(2):
        await ws.send_json_to({"type": "message", "client_id": f"r{i}", "text": f"vraag {i}"})
        await receive_type(ws, "ack")
    await ws.send_json_to({"type": "message", "client_id": "r2", "text": "nog een"})
    error = await receive_type(ws, "error")
    assert error["code"] == "rate_limited"
    assert "Wacht een minuut" in error["message"]
    assert await count_messages(chat.conversation.pk) == 2
    await ws.disconnect()


@in_own_loop
async def test_it_limits_messages_per_minute_per_ip(shop, settings):
    settings.KALMTE_CHAT_MESSAGES_PER_MINUTE_PER_IP = 1
    one = await database_sync_to_async(start_chat)(shop)
    two = await database_sync_to_async(start_chat)(shop)
    a, _, _ = await visitor_socket(one.token)
    b, _, _ = await visitor_socket(two.token)
    await a.send_json_to({"type": "message", "client_id": "a", "text": "eerste"})
    await receive_type(a, "ack")
    await b.send_json_to({"type": "message", "client_id": "b", "text": "tweede"})
    assert (await receive_type(b, "error"))["code"] == "rate_limited"
    await a.disconnect()
    await b.disconnect()


@in_own_loop
async def test_it_limits_connections_per_ip(chat, settings):
    settings.KALMTE_CHAT_CONNECTIONS_PER_IP = 1
    first, _, _ = await visitor_socket(chat.token)
    second, _, _ = await visitor_socket(chat.token)
    assert (await receive_type(second, "error"))["code"] == "too_many_connections"
    assert (await second.receive_output(timeout=1))["code"] == 4429
    await first.disconnect()
    third, _, _ = await visitor_socket(chat.token)  # a closed socket frees its place
    await third.send_json_to({"type": "hello"})
    assert (await receive_type(third, "history"))["messages"] == []
    await third.disconnect()


@in_own_loop
async def test_it_answers_nonsense_frames_with_a_clear_error(chat):
    ws, _, _ = await visitor_socket(chat.token)
    await ws.send_to(text_data="geen json")
    assert (await receive_type(ws, "error"))["code"] == "bad_frame"
    await ws.send_json_to({"type": "hello", "last_id": "veel"})
    error = await receive_type(ws, "error")
    assert (error["code"], error["field"]) == ("invalid", "last_id")
    await ws.disconnect()


# --- agent side ------------------------------------------------------------------------


@in_own_loop
async def test_it_refuses_an_anonymous_agent_socket(db):
    _, connected = await agent_socket()
    assert not connected


@in_own_loop
async def test_it_refuses_the_agent_socket_from_a_foreign_page(client, alice):
    cookie = await database_sync_to_async(session_cookie)(client, alice)
    _, connected = await agent_socket(cookie, origin=b"http://evil.example")
    assert not connected


@in_own_loop
async def test_the_agent_gets_inbox_messages_and_typing(client, alice, chat):
    cookie = await database_sync_to_async(session_cookie)(client, alice)
    agent, connected = await agent_socket(cookie)
    assert connected
    visitor, _, _ = await visitor_socket(chat.token)
    await visitor.send_json_to({"type": "hello"})
    presence = await receive_type(visitor, "history")
    assert presence["online"] is True
    await agent.send_json_to({"type": "subscribe", "conversation": chat.conversation.pk})
    assert (await receive_type(agent, "subscribed"))["conversation"] == chat.conversation.pk
    await visitor.send_json_to({"type": "message", "client_id": "x1", "text": "Hallo daar"})
    new = await receive_type(agent, "message.new")
    assert new["message"]["body"] == "Hallo daar"
    changed = await receive_type(agent, "inbox.changed")
    assert changed["conversation"]["id"] == chat.conversation.pk
    assert "analysis" in new["message"]
    await visitor.send_json_to({"type": "typing"})
    typing = await receive_type(agent, "typing")
    assert typing == {"type": "typing", "who": "customer", "conversation": chat.conversation.pk}
    await agent.send_json_to({"type": "typing", "conversation": chat.conversation.pk})
    assert (await receive_type(visitor, "typing"))["name"] == "Alice"
    await agent.disconnect()
    assert (await receive_type(visitor, "presence"))["online"] is False
    await visitor.disconnect()


@in_own_loop
async def test_the_outsider_cannot_open_or_hear_another_shops_conversation(client, charlie, chat):
    cookie = await database_sync_to_async(session_cookie)(client, charlie)
    agent, connected = await agent_socket(cookie)
    assert connected
    await agent.send_json_to({"type": "subscribe", "conversation": chat.conversation.pk})
    error = await receive_type(agent, "error")
    assert error["code"] == "not_found"
    await agent.send_json_to({"type": "typing", "conversation": chat.conversation.pk})
    assert (await receive_type(agent, "error"))["code"] == "not_subscribed"
    await database_sync_to_async(actions.do_post_visitor_message)(
        chat.conversation, chat.visitor, "Alleen voor mijn winkel", client_id="p", ip="1.1.1.1"
    )
    assert await agent.receive_nothing(timeout=0.3)
    await agent.disconnect()


@in_own_loop
async def test_the_agent_catches_up_after_its_last_id(client, alice, chat):
    first = await database_sync_to_async(actions.do_post_visitor_message)(
        chat.conversation, chat.visitor, "een", client_id="1", ip="1.1.1.1"
    )
    second = await database_sync_to_async(actions.do_post_visitor_message)(
        chat.conversation, chat.visitor, "twee", client_id="2", ip="1.1.1.1"
    )
    cookie = await database_sync_to_async(session_cookie)(client, alice)
    agent, _ = await agent_socket(cookie)
    await agent.send_json_to(
        {"type": "subscribe", "conversation": chat.conversation.pk, "last_id": first.message.pk}
    )
    subscribed = await receive_type(agent, "subscribed")
    assert [m["id"] for m in subscribed["messages"]] == [second.message.pk]
    await agent.disconnect()


@in_own_loop
async def test_an_unavailable_agent_does_not_count_as_online(client, alice, chat):
    alice.is_available = False
    await database_sync_to_async(alice.save)(update_fields=["is_available"])
    cookie = await database_sync_to_async(session_cookie)(client, alice)
    agent, _ = await agent_socket(cookie)
    visitor, _, _ = await visitor_socket(chat.token)
    await visitor.send_json_to({"type": "hello"})
    assert (await receive_type(visitor, "history"))["online"] is False
    await agent.disconnect()
    await visitor.disconnect()

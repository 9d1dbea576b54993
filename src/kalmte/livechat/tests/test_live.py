"""Live chat over the real ASGI server: a browser chatting both ways, a server restart
between messages, and two server processes sharing Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from kalmte.conversations.actions import do_add_agent_message
from kalmte.conversations.models import Conversation, Message
from kalmte.livechat.tests.server import AsgiServer, free_port
from kalmte.testing import browser_login

SHOP_ORIGIN = "http://shop.example"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def server():
    instance = AsgiServer().start()
    yield instance
    instance.stop()


def http_json(url: str, data: dict | None = None, origin: str = SHOP_ORIGIN) -> dict:
    request = urllib.request.Request(  # noqa: S310 - our own test server
        url,
        data=json.dumps(data).encode() if data is not None else None,
        headers={"Content-Type": "application/json", "Origin": origin},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def receive_type(ws, kind: str, timeout: float = 10) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        if frame["type"] == kind:
            return frame


@pytest.mark.django_db(transaction=True)
def test_every_message_arrives_once_across_a_server_restart(shop, alice):
    server = AsgiServer().start()
    ws_url = server.url.replace("http", "ws")
    try:
        chat = http_json(f"{server.url}/chat/start/", {"key": shop.widget_key})
        seen: list[int] = []

        def collect(frames):
            seen.extend(m["id"] for m in frames)

        ws = connect(f"{ws_url}/ws/chat/?token={chat['token']}", origin=SHOP_ORIGIN)
        ws.send(json.dumps({"type": "hello", "last_id": 0}))
        collect(receive_type(ws, "history")["messages"])
        ws.send(json.dumps({"type": "message", "client_id": "m1", "text": "Eerste bericht"}))
        first = receive_type(ws, "ack")["message"]
        collect([first])

        server.stop()  # the connection drops; the agent answers while the visitor is away
        conversation = Conversation.objects.get(pk=chat["conversation"])
        do_add_agent_message(conversation, "Antwoord tijdens de herstart", acting_agent=alice)
        with pytest.raises(ConnectionClosed):  # the restart closed the socket
            while True:
                ws.recv(timeout=5)
        server.start()

        for attempt in range(5):  # like the widget: retry while the server comes back
            try:
                ws = connect(f"{ws_url}/ws/chat/?token={chat['token']}", origin=SHOP_ORIGIN)
                ws.send(json.dumps({"type": "hello", "last_id": max(seen)}))
                collect(receive_type(ws, "history")["messages"])
                break
            except (ConnectionClosed, OSError):
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        # the acknowledgement of m1 might have been lost: the widget sends it again
        ws.send(json.dumps({"type": "message", "client_id": "m1", "text": "Eerste bericht"}))
        assert receive_type(ws, "ack")["message"]["id"] == first["id"]
        ws.send(json.dumps({"type": "message", "client_id": "m2", "text": "Tweede bericht"}))
        collect([receive_type(ws, "ack")["message"]])
        ws.close()

        stored = list(
            Message.objects.filter(conversation_id=chat["conversation"]).values_list(
                "pk", flat=True
            )
        )
        assert len(stored) == 3
        assert sorted(set(seen)) == sorted(stored)  # every message, none missing
        assert len(seen) == len(set(seen))  # and none twice
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_customer_and_an_agent_chat_both_ways_in_the_browser(browser, shop, alice, server):
    shop.slug = "fietsenwinkel-noord"
    shop.allowed_origins = server.url
    shop.save()
    agent_context = browser.new_context(locale="nl-NL")
    customer_context = browser.new_context(locale="nl-NL")
    try:
        agent = agent_context.new_page()
        browser_login(agent, server, "alice")  # the inbox opens the workspace socket
        agent.wait_for_selector("body[data-live=connected]", timeout=10000)
        customer = customer_context.new_page()
        customer.goto(f"{server.url}/demo/winkel/")
        customer.click("#kalmte-chat .k-launch")
        customer.wait_for_selector("#kalmte-chat .k-presence.k-on", timeout=10000)
        customer.fill("#kalmte-chat textarea", "Hallo, waar blijft mijn fiets?")
        customer.press("#kalmte-chat textarea", "Enter")
        customer.wait_for_selector("#kalmte-chat li.k-customer[data-message-id]", timeout=10000)

        # the new chat shows up in the inbox without a reload
        conversation = Conversation.objects.get(shop=shop, channel="chat")
        agent.wait_for_selector(f"a[href='/gesprekken/{conversation.pk}/']", timeout=20000)
        agent.goto(f"{server.url}/gesprekken/{conversation.pk}/")
        agent.wait_for_selector("li.msg.customer >> text=waar blijft mijn fiets", timeout=10000)
        agent.wait_for_selector("body[data-live=subscribed]", timeout=10000)

        customer.type("#kalmte-chat textarea", "Ik wacht al", delay=20)
        agent.wait_for_selector(".typing-indicator >> text=De klant typt", timeout=10000)
        customer.press("#kalmte-chat textarea", "Enter")
        agent.wait_for_selector("li.msg.customer >> text=Ik wacht al", timeout=10000)

        agent.fill("#reply-body", "Ik zoek het voor u uit, zie https://shop.example/track")
        agent.click("#reply-form button[type=submit]")
        reply = customer.wait_for_selector("#kalmte-chat li.k-agent", timeout=10000)
        assert "Ik zoek het voor u uit" in reply.inner_text()
        link = customer.locator("#kalmte-chat li.k-agent a")
        assert link.get_attribute("href") == "https://shop.example/track"
        assert link.get_attribute("rel") == "noopener noreferrer nofollow ugc"

        # the conversation survives a reload of the shop page, without duplicates
        customer.reload()
        customer.wait_for_selector("#kalmte-chat li.k-agent", timeout=10000)
        ids = customer.eval_on_selector_all(
            "#kalmte-chat li[data-message-id]", "els => els.map(e => e.dataset.messageId)"
        )
        assert len(ids) == 3 == len(set(ids))
        assert Message.objects.filter(conversation=conversation).count() == 3
    finally:
        agent_context.close()
        customer_context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_customer_escapes_markup_and_is_asked_for_email_when_nobody_is_online(
    browser, shop, server
):
    shop.slug = "fietsenwinkel-noord"
    shop.allowed_origins = server.url
    shop.save()
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{server.url}/demo/winkel/")
        page.click("#kalmte-chat .k-launch")
        note = page.wait_for_selector("#kalmte-chat .k-offline.k-show", timeout=10000)
        assert shop.opening_hours in note.inner_text()
        page.fill("#kalmte-chat textarea", "<img src=x onerror=alert(1)>")
        page.press("#kalmte-chat textarea", "Enter")
        sent = page.wait_for_selector("#kalmte-chat li.k-customer[data-message-id]")
        assert sent.inner_text().startswith("<img src=x")
        assert page.locator("#kalmte-chat li img").count() == 0
        page.fill("#kalmte-chat .k-offline input[name=email]", "wachter@example.nl")
        page.click("#kalmte-chat .k-offline button")
        page.wait_for_selector("#kalmte-chat .k-offline", state="hidden", timeout=10000)
        conversation = Conversation.objects.get(shop=shop, channel="chat")
        assert conversation.customer.email == "wachter@example.nl"
    finally:
        context.close()


def _database_url() -> str | None:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _spawn(port: int, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "KALMTE_LOG_LEVEL": "WARNING"}
    src = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(  # noqa: S603 - our own server
        [
            sys.executable,
            "-m",
            "uvicorn",
            "kalmte.asgi:application",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--lifespan",
            "off",
            "--log-level",
            "warning",
        ],
        env=env,
    )


def _wait_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server process exited")
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1).read()  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@pytest.mark.django_db(transaction=True)
def test_a_message_posted_on_one_process_reaches_an_agent_on_another(shop, alice, client):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: two processes share the Redis channel layer")
    database_url = _database_url()
    if database_url is None:
        pytest.skip("needs a database both server processes can open (PostgreSQL)")
    ports = [free_port(), free_port()]
    processes = [_spawn(port, database_url) for port in ports]
    try:
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        for url, process in zip((a, b), processes, strict=True):
            _wait_up(url, process)
        client.force_login(alice.user)
        cookie = client.cookies["sessionid"].value
        agent = connect(
            b.replace("http", "ws") + "/ws/agent/",
            origin="http://127.0.0.1",
            additional_headers={"Cookie": f"sessionid={cookie}"},
        )
        chat = http_json(f"{a}/chat/start/", {"key": shop.widget_key})
        agent.send(json.dumps({"type": "subscribe", "conversation": chat["conversation"]}))
        receive_type(agent, "subscribed")
        sent = http_json(
            f"{a}/chat/berichten/",
            {"token": chat["token"], "client_id": "via-a", "text": "Via proces A verstuurd"},
        )
        new = receive_type(agent, "message.new", timeout=20)
        assert new["message"]["id"] == sent["message"]["id"]
        assert new["message"]["body"] == "Via proces A verstuurd"
        agent.close()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)

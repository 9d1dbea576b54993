"""Shared pytest fixtures: a shop with agents alice and bob, supervisor sup, and charlie,
an agent of another shop who must be refused everywhere. Set up with actions."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KALMTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery-staple"  # noqa: S105


@pytest.fixture
def shop(db):
    from kalmte.shop.models import Shop

    return Shop.objects.create(
        name="Fietsenwinkel Noord",
        slug="noord",
        allowed_origins="http://shop.example",
        delivery_days_min=1,
        delivery_days_max=3,
        free_shipping_from_eur=50,
    )


@pytest.fixture
def other_shop(db):
    from kalmte.shop.models import Shop

    return Shop.objects.create(name="Schoenenparadijs", slug="schoenen", register="informal")


def _agent(shop, username, role="agent"):
    from kalmte.accounts.actions import do_create_agent

    return do_create_agent(
        shop, username=username, password=PASSWORD, display_name=username.capitalize(), role=role
    )


@pytest.fixture
def alice(shop):
    return _agent(shop, "alice")


@pytest.fixture
def bob(shop):
    return _agent(shop, "bob")


@pytest.fixture
def sup(shop):
    return _agent(shop, "sup", role="supervisor")


@pytest.fixture
def charlie(other_shop):
    return _agent(other_shop, "charlie")


@pytest.fixture
def customer(shop):
    from kalmte.conversations.actions import do_get_or_create_customer

    return do_get_or_create_customer(shop, email="klant@example.nl", name="Karin de Klant")


@pytest.fixture
def conversation(shop, customer):
    from kalmte.conversations.actions import do_add_customer_message, do_create_conversation

    conversation = do_create_conversation(
        shop, customer, channel="chat", subject="Waar is mijn pakket?"
    )
    do_add_customer_message(conversation, "Hallo, waar blijft mijn bestelling #10023?")
    conversation.refresh_from_db()
    return conversation


def login(client, agent):
    client.force_login(agent.user)
    return client


@pytest.fixture
def alice_client(client, alice):
    return login(client, alice)


@pytest.fixture
def api_token(alice):
    from kalmte.accounts.models import ApiToken

    _, raw = ApiToken.issue(alice, "tests")
    return raw


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium driven by Playwright. Skipped where chromium is missing,
    unless KALMTE_REQUIRE_BROWSER=1 (CI), where that is a failure.

    Function-scoped on purpose: Playwright's sync API keeps an event loop running in the
    main thread while it is open, which would break the asyncio tests that follow."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("KALMTE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"chromium not found at {CHROMIUM}")
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    # The ORM is called from the test while Playwright's loop runs in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def browser_login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

"""The agent workspace in a real browser (Debian's chromium through Playwright)."""

import pytest

from kalmte.conversations import actions
from kalmte.testing import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_an_agent_reply_from_the_conversation_page(page, live_server, alice, conversation):
    browser_login(page, live_server, "alice")
    page.click(f"a[href='/gesprekken/{conversation.pk}/']")
    page.wait_for_selector("text=waar blijft mijn bestelling #10023?")
    page.fill("#reply-body", "Uw pakket is onderweg en komt morgen. Groet, Alice")
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector(".msg.agent >> text=Uw pakket is onderweg en komt morgen.")
    assert page.locator("#reply-body").input_value() == ""
    assert conversation.messages.filter(author_kind="agent", agent=alice).count() == 1


def test_it_never_executes_customer_html(page, live_server, alice, conversation):
    actions.do_add_customer_message(conversation, "<script>window.__xss = 1</script>")
    actions.do_add_customer_message(conversation, '<img src="x" onerror="window.__xss = 2">')
    browser_login(page, live_server, "alice")
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    page.wait_for_selector("text=<script>window.__xss = 1</script>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".history img").count() == 0

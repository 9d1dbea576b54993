"""The workflow panel in a real browser (Debian's chromium through Playwright)."""

import pytest

from kalmte.conversations.actions import do_add_customer_message
from kalmte.conversations.models import Status
from kalmte.testing import browser_login
from kalmte.workflow.actions import do_set_preferences

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insults_stay_blurred_until_clicked(page, live_server, alice, conversation):
    do_add_customer_message(conversation, "Jij bent een idioot")
    do_set_preferences(alice, blur_insults=True, route_heated_away=False)
    browser_login(page, live_server, "alice")
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    mark = page.locator("mark.abuse").first
    mark.wait_for()
    assert "blur" in mark.evaluate("m => getComputedStyle(m).filter")
    mark.click()
    assert mark.evaluate("m => getComputedStyle(m).filter") == "none"


def test_an_agent_ends_a_contact_from_the_panel(page, live_server, alice, conversation):
    browser_login(page, live_server, "alice")
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    page.click("text=Contact beëindigen")
    page.select_option("select[name=reason]", "insult")
    page.check("#workflow-panel input[name=confirm][type=checkbox] >> nth=0")
    page.click("#workflow-panel details button[type=submit]")
    page.wait_for_selector("text=Het gesprek is beëindigd.")
    conversation.refresh_from_db()
    assert conversation.status == Status.ENDED

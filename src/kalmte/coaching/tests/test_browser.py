"""The reply coach in the browser: live findings, one-click suggestion, send anyway."""

from __future__ import annotations

import pytest

from kalmte.conversations.models import Event
from kalmte.testing import browser_login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_agent_sees_findings_applies_a_suggestion_and_sends_anyway(
    page, live_server, alice, conversation
):
    browser_login(page, live_server, "alice")
    page.goto(f"{live_server.url}/gesprekken/{conversation.pk}/")
    body = page.locator("#reply-body")
    body.fill("Beste Karin, uw pakket komt binnenkort. Zoals ik al zei ligt het aan PostNL.")
    page.wait_for_selector("#coach-result .coach-finding[data-rule=R1]")
    assert page.locator("mark.coach-span").count() >= 1
    assert page.locator("mark.coach-span[title^='R1:']").count() == 1

    # one click applies the apology the coach suggests (R4)
    page.locator(".coach-finding[data-rule=R4] .coach-apply").click()
    assert body.input_value().startswith(
        "Beste Karin, het spijt me dat dit is misgegaan. Uw pakket"
    )
    page.wait_for_function(
        "document.getElementById('coach-result') && "
        "document.getElementById('coach-result').dataset.draft === "
        "document.getElementById('reply-body').value"
    )
    assert page.locator(".coach-finding[data-rule=R4]").count() == 0

    # sending with open findings asks once, then "send anyway" goes through
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector("#coach-confirm:not([hidden])")
    assert not conversation.messages.filter(body__contains="Zoals ik al zei").exists()
    page.click("#coach-send-anyway")
    page.wait_for_selector("#history >> text=Zoals ik al zei")
    event = Event.objects.get(conversation=conversation, verb="coach_overridden")
    assert "R1" in {f["rule"] for f in event.data["findings"]}

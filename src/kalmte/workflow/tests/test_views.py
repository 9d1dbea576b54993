from __future__ import annotations

import pytest

from kalmte.conversations.actions import do_add_customer_message
from kalmte.conversations.models import Status
from kalmte.testing import login
from kalmte.workflow.models import CustomerBlock

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_fixed_contact_and_end_form(alice_client, conversation):
    from django.urls import reverse

    response = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk]))
    body = response.content.decode()
    assert 'id="fixed-contact"' in body
    assert "Contact beëindigen" in body


def test_it_ends_a_conversation_from_the_panel(alice_client, conversation):
    url = f"/workflow/gesprek/{conversation.pk}/beeindigen/"
    alice_client.post(url, {"reason": "threat", "block_days": "7"})
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN  # not confirmed
    response = alice_client.post(url, {"reason": "threat", "block_days": "7", "confirm": "yes"})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.status == Status.ENDED
    assert CustomerBlock.objects.get().is_active


def test_an_outsider_gets_404(client, charlie, conversation):
    login(client, charlie)
    url = f"/workflow/gesprek/{conversation.pk}/beeindigen/"
    response = client.post(url, {"reason": "threat", "confirm": "yes"})
    assert response.status_code == 404
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN


def test_an_agent_cannot_lift_a_block_but_a_supervisor_can(client, alice, sup, conversation):
    from kalmte.workflow.actions import do_end_conversation

    do_end_conversation(conversation, reason="threat", acting_agent=alice, block_days=7)
    block = CustomerBlock.objects.get()
    login(client, alice)
    client.post(f"/workflow/blokkade/{block.pk}/opheffen/")
    block.refresh_from_db()
    assert block.lifted_at is None
    login(client, sup)
    client.post(f"/workflow/blokkade/{block.pk}/opheffen/")
    block.refresh_from_db()
    assert block.lifted_by == sup


def test_a_supervisor_sees_threat_alerts_in_the_panel(client, sup, alice, conversation):
    from django.urls import reverse

    do_add_customer_message(conversation, "Ik weet waar je woont")
    url = reverse("kalmte-conversation", args=[conversation.pk])
    assert "Dreiging in gesprek" in login(client, sup).get(url).content.decode()
    assert "Dreiging in gesprek" not in login(client, alice).get(url).content.decode()


def _page(client, agent, conversation):
    from django.urls import reverse

    return login(client, agent).get(reverse("kalmte-conversation", args=[conversation.pk]))


def test_it_blurs_insults_for_an_agent_who_asks(client, alice, conversation):
    assert 'data-blur=""' in _page(client, alice, conversation).content.decode()
    client.post("/workflow/voorkeuren/", {"blur_insults": "on"})
    assert 'data-blur="1"' in _page(client, alice, conversation).content.decode()


def test_the_panel_suggests_a_break_past_the_threshold(client, shop, sup, alice, conversation):
    from kalmte.conversations.actions import do_add_agent_message

    login(client, alice).post("/workflow/grens/", {"threshold": "1"})
    from kalmte.workflow.actions import settings_for

    assert settings_for(shop).hostile_threshold == 5  # agents may not set it
    login(client, sup).post("/workflow/grens/", {"threshold": "1"})
    assert settings_for(shop).hostile_threshold == 1
    do_add_customer_message(conversation, "Jij bent een idioot")
    do_add_agent_message(conversation, "Ik help u graag verder.", acting_agent=alice)
    assert "korte pauze" in _page(client, alice, conversation).content.decode()


def test_it_schedules_and_closes_a_callback_from_the_panel(alice_client, conversation):
    from kalmte.workflow.models import Callback

    url = f"/workflow/gesprek/{conversation.pk}/terugbellen/"
    alice_client.post(url, {"scheduled_at": "2001-01-01T10:00"})
    assert not Callback.objects.exists()
    alice_client.post(url, {"scheduled_at": "2099-01-01T10:00", "note": "Over retour"})
    callback = Callback.objects.get()
    alice_client.post(f"/workflow/terugbellen/{callback.pk}/", {"status": "done"})
    callback.refresh_from_db()
    assert callback.status == "done"


def test_an_outsider_cannot_close_a_callback(client, alice, charlie, conversation):
    from datetime import timedelta

    from django.utils import timezone

    from kalmte.workflow.actions import do_schedule_callback

    callback = do_schedule_callback(
        conversation, scheduled_at=timezone.now() + timedelta(hours=1), acting_agent=alice
    )
    login(client, charlie).post(f"/workflow/terugbellen/{callback.pk}/", {"status": "no_show"})
    callback.refresh_from_db()
    assert callback.status == "planned"

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kalmte.conversations.actions import (
    ActionError,
    do_add_agent_message,
    do_add_customer_message,
    do_create_conversation,
)
from kalmte.conversations.models import AuthorKind, Event, Note, Status
from kalmte.workflow import actions
from kalmte.workflow.models import Alert, Callback, CustomerBlock, CustomerRecord
from kalmte.workflow.tasks import mail_supervisors, remind_callback

pytestmark = pytest.mark.django_db

THREAT = "Ik weet waar je woont, ik kom je opzoeken"
INSULT = "Jij bent een idioot"


def new_conversation(shop, customer, channel="chat"):
    return do_create_conversation(shop, customer, channel=channel, subject="Nieuw")


# --- W3 ---------------------------------------------------------------------------------------


def test_it_ends_a_conversation_with_a_calm_message_and_evidence(conversation, alice):
    do_add_agent_message(conversation, "Ik zoek het voor u uit.", acting_agent=alice)
    abusive = do_add_customer_message(conversation, INSULT).message
    actions.do_end_conversation(
        conversation, reason="insult", acting_agent=alice, note="Bleef schelden"
    )
    conversation.refresh_from_db()
    assert conversation.status == Status.ENDED
    closing = conversation.messages.filter(author_kind=AuthorKind.SYSTEM).last()
    assert "uw bestelling" in closing.body  # the shop's formal register
    event = Event.objects.get(verb="contact_ended")
    assert event.actor == alice
    assert event.data["reason"] == "insult"
    assert event.data["note"] == "Bleef schelden"
    assert [e["message_id"] for e in event.data["evidence"]] == [abusive.pk]
    assert event.data["evidence"][0]["analysis"]["abuse"][0]["kind"] == "insult"
    assert conversation.messages.filter(pk=abusive.pk).exists()  # nothing deleted
    with pytest.raises(ActionError) as error:
        do_add_customer_message(conversation, "Hallo?")
    assert error.value.code == "ended"


def test_it_uses_the_informal_register(other_shop, charlie):
    from kalmte.conversations.actions import do_get_or_create_customer

    customer = do_get_or_create_customer(other_shop, email="k@example.nl")
    conversation = new_conversation(other_shop, customer)
    actions.do_end_conversation(conversation, reason="other", acting_agent=charlie)
    assert "je bestelling" in conversation.messages.last().body


@pytest.mark.parametrize("reason", ["", "boos", None])
def test_it_refuses_an_unknown_reason(conversation, alice, reason):
    with pytest.raises(ActionError) as error:
        actions.do_end_conversation(conversation, reason=reason, acting_agent=alice)
    assert error.value.field == "reason"
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN


@pytest.mark.parametrize("days", ["-1", "400", "x"])
def test_it_refuses_a_bad_block_period(conversation, alice, days):
    with pytest.raises(ActionError):
        actions.do_end_conversation(
            conversation, reason="threat", acting_agent=alice, block_days=days
        )
    conversation.refresh_from_db()
    assert conversation.status == Status.OPEN
    assert not conversation.messages.filter(author_kind=AuthorKind.SYSTEM).exists()


def test_it_refuses_an_outsider(conversation, charlie):
    with pytest.raises(ActionError) as error:
        actions.do_end_conversation(conversation, reason="threat", acting_agent=charlie)
    assert error.value.code == "forbidden"


def test_a_blocked_customer_gets_a_polite_notice_and_the_message_is_kept(
    shop, customer, conversation, alice
):
    actions.do_end_conversation(conversation, reason="threat", acting_agent=alice, block_days=7)
    block = CustomerBlock.objects.get()
    assert block.is_active and block.created_by == alice
    again = new_conversation(shop, customer)
    posted = do_add_customer_message(again, "Ik wil mijn geld terug")
    again.refresh_from_db()
    assert again.status == Status.ENDED
    assert again.messages.filter(pk=posted.message.pk).exists()
    notice = again.messages.filter(author_kind=AuthorKind.SYSTEM).get()
    assert "tijdelijk niet mogelijk" in notice.body
    assert again.owner_id is None


def test_only_a_supervisor_lifts_a_block(shop, customer, conversation, alice, sup, charlie):
    actions.do_end_conversation(conversation, reason="threat", acting_agent=alice, block_days=30)
    block = CustomerBlock.objects.get()
    for agent in (alice, charlie):
        with pytest.raises(ActionError) as error:
            actions.do_lift_block(block, acting_agent=agent)
        assert error.value.code == "forbidden"
    actions.do_lift_block(block, acting_agent=sup)
    block.refresh_from_db()
    assert block.lifted_by == sup and not block.is_active
    again = new_conversation(shop, customer)
    do_add_customer_message(again, "Hallo, ik heb een vraag")
    again.refresh_from_db()
    assert again.status == Status.OPEN


# --- threat alerts ------------------------------------------------------------------------


def test_a_threat_alerts_supervisors_in_app_and_by_mail(
    conversation, sup, django_capture_on_commit_callbacks
):
    sup.user.email = "teamleider@example.nl"
    sup.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        message = do_add_customer_message(conversation, THREAT).message
    alert = Alert.objects.get()
    assert alert.kind == "threat" and alert.message == message and alert.recipient is None
    assert list(actions.alerts_for(sup)) == [alert]
    assert DBTaskResult.objects.filter(task_path__endswith="mail_supervisors").exists()
    assert mail_supervisors.call(alert.pk) == 1
    assert mail.outbox[0].to == ["teamleider@example.nl"]
    assert "woont" in mail.outbox[0].body


@pytest.mark.parametrize(
    "text",
    [
        "Ik stap naar mijn advocaat en zet het op Twitter",
        "Dan ga ik naar de Geschillencommissie en de Consumentenbond",
        INSULT,
    ],
)
def test_pressure_or_insults_never_alert(conversation, text):
    do_add_customer_message(conversation, text)
    assert not Alert.objects.exists()


def test_an_agent_does_not_see_supervisor_alerts(conversation, alice, sup, charlie):
    do_add_customer_message(conversation, THREAT)
    alert = Alert.objects.get()
    assert not actions.alerts_for(alice).exists()
    assert not actions.alerts_for(charlie).exists()
    with pytest.raises(ActionError):
        actions.do_mark_alert_read(alert, acting_agent=alice)
    actions.do_mark_alert_read(alert, acting_agent=sup)
    assert not actions.alerts_for(sup).exists()


# --- W2 -----------------------------------------------------------------------------------


def test_the_next_conversation_goes_back_to_the_fixed_contact(shop, customer, conversation, bob):
    do_add_customer_message(conversation, INSULT)
    do_add_agent_message(conversation, "Ik begrijp dat u boos bent.", acting_agent=bob)
    again = new_conversation(shop, customer, channel="email")
    do_add_customer_message(again, "Ik heb nog een vraag over mijn bestelling")
    again.refresh_from_db()
    assert again.owner == bob
    assert CustomerRecord.objects.get(customer=customer).fixed_contact == bob


def test_a_calm_conversation_makes_no_fixed_contact(shop, customer, conversation, bob):
    do_add_agent_message(conversation, "Het pakket komt morgen.", acting_agent=bob)
    again = new_conversation(shop, customer)
    do_add_customer_message(again, "Dank je, nog een vraag")
    again.refresh_from_db()
    assert again.owner is None


def test_an_absent_fixed_contact_hands_over_with_a_note(shop, customer, conversation, alice, bob):
    actions.do_end_conversation(conversation, reason="insult", acting_agent=bob)
    bob.is_available = False
    bob.save()
    again = new_conversation(shop, customer)
    do_add_customer_message(again, "Goedemiddag, een nieuwe vraag")
    again.refresh_from_db()
    assert again.owner == alice
    assert "Bob" in Note.objects.get(conversation=again).body


@pytest.mark.parametrize("text", ["Kan ik Bob spreken?", "ik wil bob", "Is Bob er?"])
def test_a_customer_who_asks_for_a_colleague_by_name_is_routed(conversation, bob, text):
    do_add_customer_message(conversation, text)
    conversation.refresh_from_db()
    assert conversation.owner == bob


def test_an_unknown_name_routes_nowhere(conversation, bob):
    do_add_customer_message(conversation, "Kan ik Piet spreken?")
    conversation.refresh_from_db()
    assert conversation.owner is None


# --- W4 -----------------------------------------------------------------------------------


def test_it_schedules_a_callback_with_reminder_and_confirmation(
    conversation, alice, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        callback = actions.do_schedule_callback(
            conversation, scheduled_at=when, acting_agent=alice, confirm=True
        )
    assert callback.agent == alice
    assert "Alice belt u terug" in conversation.messages.last().body
    assert DBTaskResult.objects.filter(task_path__endswith="remind_callback").exists()
    assert remind_callback.call(callback.pk) is True
    alert = Alert.objects.get(kind="callback")
    assert alert.recipient == alice
    assert list(actions.alerts_for(alice)) == [alert]
    assert remind_callback.call(callback.pk) is False  # once


@pytest.mark.parametrize("when", ["", "morgen", "2001-01-01T10:00"])
def test_it_refuses_a_bad_callback_time(conversation, alice, when):
    with pytest.raises(ActionError) as error:
        actions.do_schedule_callback(conversation, scheduled_at=when, acting_agent=alice)
    assert error.value.field == "scheduled_at"
    assert not Callback.objects.exists()


def test_a_no_show_is_recorded_on_the_customer(conversation, customer, alice, charlie):
    callback = actions.do_schedule_callback(
        conversation, scheduled_at=timezone.now() + timedelta(hours=1), acting_agent=alice
    )
    with pytest.raises(ActionError):
        actions.do_mark_callback(callback, status="no_show", acting_agent=charlie)
    actions.do_mark_callback(callback, status="no_show", acting_agent=alice)
    assert CustomerRecord.objects.get(customer=customer).no_show_count == 1
    assert actions.do_remind_callback(callback.pk) is None
    with pytest.raises(ActionError):
        actions.do_mark_callback(callback, status="done", acting_agent=alice)


def test_an_outsider_cannot_schedule(conversation, charlie):
    with pytest.raises(ActionError):
        actions.do_schedule_callback(
            conversation, scheduled_at=timezone.now() + timedelta(hours=1), acting_agent=charlie
        )


# --- W5 -----------------------------------------------------------------------------------


def _hostile(shop, customer, agent, n):
    for _ in range(n):
        c = new_conversation(shop, customer)
        do_add_customer_message(c, INSULT)
        do_add_agent_message(c, "Ik help u graag.", acting_agent=agent)


def test_it_counts_hostile_conversations_and_suggests_a_break(shop, customer, alice, sup):
    actions.do_set_hostile_threshold(shop, 2, acting_agent=sup)
    _hostile(shop, customer, alice, 1)
    assert actions.hostile_load(alice) == 1 and not actions.needs_break(alice)
    _hostile(shop, customer, alice, 1)
    assert actions.needs_break(alice)
    later = timezone.now() + timedelta(hours=9)
    assert actions.hostile_load(alice, now=later) == 0


def test_only_a_supervisor_sets_the_threshold(shop, alice, charlie):
    for agent in (alice, charlie):
        with pytest.raises(ActionError):
            actions.do_set_hostile_threshold(shop, 3, acting_agent=agent)


def test_heated_messages_go_to_a_colleague_when_asked(shop, customer, alice, bob, sup):
    actions.do_set_hostile_threshold(shop, 1, acting_agent=sup)
    _hostile(shop, customer, alice, 1)
    actions.do_set_preferences(alice, blur_insults=True, route_heated_away=True)
    sup.is_available = False
    sup.save()
    c = new_conversation(shop, customer)
    do_add_customer_message(c, "Hallo")
    c.refresh_from_db()
    from kalmte.conversations.actions import do_assign_conversation

    do_assign_conversation(c, alice, acting_agent=alice)
    do_add_customer_message(c, INSULT)
    c.refresh_from_db()
    assert c.owner == bob

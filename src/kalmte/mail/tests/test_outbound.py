"""Replies go out through Django's SMTP backend to a real server on loopback."""

from __future__ import annotations

import email
from email.policy import default

import pytest
from django.template.loader import render_to_string

from kalmte.conversations.actions import do_add_agent_message, do_add_system_message
from kalmte.conversations.models import Message
from kalmte.mail.actions import do_receive_mail, do_send_outgoing
from kalmte.mail.models import DeliveryStatus, OutboundMail
from kalmte.mail.tests.conftest import SHOP_ADDRESS, eml, free_port

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def mail_conversation(mail_shop):
    received = do_receive_mail(
        eml("apple_qp.eml"), recipients=[SHOP_ADDRESS], envelope_from="piet@example.com"
    )
    return received.message.conversation


def test_it_sends_an_agent_reply_that_threads(
    mail_conversation, alice, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    alice.display_name = "Sanne"
    alice.save(update_fields=["display_name"])
    with django_capture_on_commit_callbacks(execute=True):
        posted = do_add_agent_message(
            mail_conversation, "Het geld staat morgen op uw rekening.", acting_agent=alice
        )
    outbound = OutboundMail.objects.get(message=posted.message)
    assert outbound.status == DeliveryStatus.SENT
    [envelope] = smtp_sink.envelopes
    assert envelope.rcpt_tos == ["piet@example.com"]
    sent = email.message_from_bytes(envelope.content, policy=default)
    assert sent["Message-ID"] == outbound.message_id_header
    original = "<6F2A9B1C-1111-4C2D-9E8F-ABCDEF012345@example.com>"
    assert sent["In-Reply-To"] == original
    assert original in sent["References"]
    assert sent["From"].addresses[0].display_name == "Sanne van Fietsenwinkel Noord"
    assert sent["From"].addresses[0].addr_spec == SHOP_ADDRESS
    token = mail_conversation.mail_thread.reply_token
    assert sent["Reply-To"].addresses[0].addr_spec == f"reply+{token}@desk.example"
    assert sent["Subject"].startswith("Re: Retour fiets")
    assert sent["Auto-Submitted"] is None
    assert sent.get_body(("plain",)).get_content().startswith("Het geld staat morgen")
    assert "<p>Het geld staat morgen" in sent.get_body(("html",)).get_content()


def test_it_marks_system_mail_as_auto_generated(
    mail_conversation, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        do_add_system_message(mail_conversation, "Uw gesprek is gesloten.", verb="closed_notice")
    [envelope] = smtp_sink.envelopes
    sent = email.message_from_bytes(envelope.content, policy=default)
    assert sent["Auto-Submitted"] == "auto-generated"


def test_it_sends_nothing_for_chat_conversations(conversation, alice, smtp_sink):
    do_add_agent_message(conversation, "Hallo!", acting_agent=alice)
    assert not OutboundMail.objects.exists()


def test_it_retries_a_failed_send_with_backoff_and_loses_nothing(
    mail_conversation, alice, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KALMTE_MAIL_SEND_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        posted = do_add_agent_message(mail_conversation, "Excuses!", acting_agent=alice)
    outbound = OutboundMail.objects.get(message=posted.message)
    assert DBTaskResult.objects.count() == 1  # queued for the worker

    from kalmte.mail.tasks import send_outgoing_mail

    assert send_outgoing_mail.call(outbound.pk) == DeliveryStatus.RETRYING
    outbound.refresh_from_db()
    assert outbound.attempts == 1 and "ConnectionRefused" in outbound.last_error
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.run_after is not None and retry.run_after > outbound.created_at
    html = render_to_string(
        "mail/delivery_status.html", {"message": Message.objects.get(pk=posted.message.pk)}
    )
    assert "Versturen mislukt" in html

    assert do_send_outgoing(outbound.pk).status == DeliveryStatus.FAILED
    html = render_to_string(
        "mail/delivery_status.html", {"message": Message.objects.get(pk=posted.message.pk)}
    )
    assert "niet verstuurd na 2 pogingen" in html
    assert posted.message.body == "Excuses!"  # the reply itself stays in the conversation

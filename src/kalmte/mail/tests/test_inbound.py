from __future__ import annotations

import pytest

from kalmte.conversations.actions import do_add_agent_message, do_create_conversation
from kalmte.conversations.models import Conversation, Event, Message
from kalmte.mail.actions import MailRejected, do_receive_mail, reply_address
from kalmte.mail.models import InboundMail, InboundStatus, OutboundMail
from kalmte.mail.tests.conftest import SHOP_ADDRESS, eml


def receive(name: str, **replace: str):
    return do_receive_mail(eml(name, **replace), recipients=[SHOP_ADDRESS], envelope_from="x@y.nl")


def test_it_turns_an_outlook_mail_into_an_analysed_email_conversation(mail_shop):
    received = receive("outlook_html.eml")
    message = received.message
    assert received.created
    assert message.conversation.channel == "email"
    assert message.conversation.subject == "Bestelling 2024-55812 nog steeds niet geleverd"
    assert message.conversation.customer.email == "j.devries@example.nl"
    assert "belachelijk" in message.body and "Verzonden:" not in message.body
    assert message.analysis is not None
    assert "Bedankt voor uw bestelling" in received.inbound.quoted
    assert bytes(received.inbound.raw).startswith(b"Received:")


def test_it_is_idempotent_on_message_id(mail_shop):
    first = receive("apple_qp.eml")
    again = receive("apple_qp.eml")
    assert not again.created
    assert again.message.pk == first.message.pk
    assert Message.objects.count() == 1
    assert InboundMail.objects.count() == 1


@pytest.mark.parametrize("name", ["auto_reply.eml", "bounce.eml"])
def test_it_records_and_drops_machine_mail(mail_shop, name):
    received = receive(name)
    assert received.message is None
    assert received.inbound.status == InboundStatus.DROPPED
    assert not Conversation.objects.exists()
    assert Event.objects.filter(verb="mail_dropped").count() == 1


def test_it_threads_a_reply_by_in_reply_to(mail_shop, alice, django_capture_on_commit_callbacks):
    first = receive("outlook_html.eml")
    conversation = first.message.conversation
    do_add_agent_message(conversation, "We zoeken het voor u uit.", acting_agent=alice)
    outbound = OutboundMail.objects.get()
    reply = receive("gmail_reply.eml", **{"<REPLACE_IN_REPLY_TO>": outbound.message_id_header})
    assert reply.message.conversation_id == conversation.pk
    assert Conversation.objects.count() == 1


def test_it_threads_by_reply_token_when_headers_are_gone(mail_shop, customer):
    conversation = do_create_conversation(mail_shop, customer, channel="email", subject="Iets")
    raw = b"From: klant@example.nl\nSubject: andere titel\nMessage-ID: <t1@example.nl>\n\nnog een vraag\n"
    received = do_receive_mail(raw, recipients=[reply_address(conversation)], envelope_from="a@b")
    assert received.message.conversation_id == conversation.pk


def test_it_joins_a_recent_open_conversation_with_the_same_subject(mail_shop):
    first = receive("apple_qp.eml")
    raw = (
        b"From: Piet Jansen <piet@example.com>\nTo: support@fietsenwinkel-noord.nl\n"
        b"Subject: Antw: Retour fiets \xe2\x80\x93 wanneer geld terug?\n"
        b"Message-ID: <later@example.com>\nContent-Type: text/plain; charset=utf-8\n\nEn?\n"
    )
    second = do_receive_mail(raw, recipients=[SHOP_ADDRESS], envelope_from="piet@example.com")
    assert second.message.conversation_id == first.message.conversation_id
    other = raw.replace(b"Antw: Retour fiets", b"Nieuwe vraag").replace(b"later@", b"new@")
    third = do_receive_mail(other, recipients=[SHOP_ADDRESS], envelope_from="piet@example.com")
    assert third.message.conversation_id != first.message.conversation_id


def test_it_refuses_executables_and_records_the_refusal(mail_shop):
    with pytest.raises(MailRejected) as info:
        receive("with_exe.eml")
    assert info.value.smtp_code == 554
    assert "factuur.pdf.exe" in info.value.reason
    assert not Message.objects.exists()
    assert InboundMail.objects.get().status == InboundStatus.REJECTED


def test_it_stores_attachments(mail_shop, settings):
    received = receive("with_photo.eml")
    attachment = received.inbound.attachments.get()
    assert attachment.filename == "spatbord.jpg"
    assert attachment.content_type == "image/jpeg"
    assert attachment.file.read().startswith(b"\xff\xd8\xff")
    assert str(settings.MEDIA_ROOT) in attachment.file.path


def test_it_refuses_too_large_mail_and_unknown_recipients(mail_shop, settings):
    settings.KALMTE_MAIL_MAX_BYTES = 100
    with pytest.raises(MailRejected) as info:
        receive("outlook_html.eml")
    assert info.value.smtp_code == 552
    with pytest.raises(MailRejected) as info:
        do_receive_mail(b"Subject: x\n\nhoi", recipients=["niemand@elders.nl"])
    assert info.value.smtp_code == 550


def test_it_shortens_a_very_long_mail_but_keeps_the_whole_text(mail_shop, settings):
    body = "Dit is een lange klacht. " * 400
    raw = f"From: a@example.nl\nSubject: lang\nMessage-ID: <long@x>\n\n{body}".encode()
    received = do_receive_mail(raw, recipients=[SHOP_ADDRESS], envelope_from="a@example.nl")
    assert len(received.message.body) <= settings.KALMTE_MAX_MESSAGE_CHARS
    assert received.inbound.text == body.strip()

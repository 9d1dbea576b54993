"""A blocked customer who e-mails again: the mail is kept and a polite notice goes out."""

from __future__ import annotations

import pytest

from kalmte.conversations.models import AuthorKind, Status
from kalmte.mail.actions import do_receive_mail
from kalmte.mail.models import OutboundMail
from kalmte.workflow.actions import do_end_conversation

pytestmark = pytest.mark.django_db

SHOP_ADDRESS = "support@fietsenwinkel-noord.nl"
RAW = (
    "From: Karin de Klant <klant@example.nl>\r\n"
    f"To: {SHOP_ADDRESS}\r\n"
    "Subject: Nog steeds niets\r\n"
    "Message-ID: <blocked-1@example.nl>\r\n"
    "Date: Mon, 02 Nov 2026 10:00:00 +0100\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Waar blijft mijn geld?\r\n"
).encode()


def test_a_blocked_mailer_gets_a_mailed_notice_and_the_mail_is_kept(shop, conversation, alice):
    shop.email_address = SHOP_ADDRESS
    shop.save(update_fields=["email_address"])
    do_end_conversation(conversation, reason="threat", acting_agent=alice, block_days=7)
    received = do_receive_mail(RAW, recipients=[SHOP_ADDRESS], envelope_from="klant@example.nl")
    message = received.message
    assert message.body.startswith("Waar blijft mijn geld?")
    again = message.conversation
    again.refresh_from_db()
    assert again.pk != conversation.pk and again.status == Status.ENDED
    notice = again.messages.get(author_kind=AuthorKind.SYSTEM)
    outbound = OutboundMail.objects.get(message=notice)
    assert outbound.to_address.endswith("klant@example.nl")

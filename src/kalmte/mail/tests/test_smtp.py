"""End to end: smtplib talks to the real receiver on loopback."""

from __future__ import annotations

import smtplib

import pytest

from kalmte.conversations.models import Message
from kalmte.mail.smtp import make_controller
from kalmte.mail.tests.conftest import SHOP_ADDRESS, eml, free_port


@pytest.fixture
def receiver(transactional_db, mail_shop, settings):
    settings.KALMTE_MAIL_MAX_BYTES = 64 * 1024
    port = free_port()
    controller = make_controller(host="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


def test_it_stores_a_mail_sent_over_smtp(receiver):
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client:
        client.sendmail("j.devries@example.nl", [SHOP_ADDRESS], eml("outlook_html.eml"))
    message = Message.objects.get()
    assert message.conversation.channel == "email"
    assert "nog steeds niet geleverd" in message.body
    assert message.inbound_mail.envelope_from == "j.devries@example.nl"


def test_it_refuses_unknown_recipients_at_rcpt(receiver):
    with (
        smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused) as info,
    ):
        client.sendmail("a@example.nl", ["niemand@elders.nl"], b"Subject: x\r\n\r\nhoi")
    code, reason = info.value.recipients["niemand@elders.nl"]
    assert code == 550 and b"unknown recipient" in reason


def test_it_rejects_too_large_mail_with_552(receiver):
    big = b"Subject: groot\r\n\r\n" + b"x" * (70 * 1024)
    with (
        smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client,
        pytest.raises(smtplib.SMTPException) as info,
    ):
        client.sendmail("a@example.nl", [SHOP_ADDRESS], big)
    assert "552" in str(info.value)
    assert not Message.objects.exists()


def test_it_rejects_executables_with_554_and_a_reason(receiver):
    with (
        smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client,
        pytest.raises(smtplib.SMTPDataError) as info,
    ):
        client.sendmail("x@example.biz", [SHOP_ADDRESS], eml("with_exe.eml"))
    assert info.value.smtp_code == 554
    assert b"factuur.pdf.exe" in info.value.smtp_error


def test_it_drops_bounces_without_an_answer(receiver):
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as client:
        client.sendmail("", [SHOP_ADDRESS], eml("bounce.eml"))
    assert not Message.objects.exists()

from __future__ import annotations

import pytest

from kalmte.mail.parsing import html_to_text, normalize_subject, parse_mail, split_reply
from kalmte.mail.tests.conftest import eml


def test_it_turns_outlook_html_into_clean_text_and_strips_the_quoted_thread():
    parsed = parse_mail(eml("outlook_html.eml"))
    assert parsed.message_id.startswith("<AM0PR01MB1234A1B2C3D4E5F6@")
    assert parsed.from_name == "de Vries, Jan"
    assert parsed.from_address == "j.devries@example.nl"
    assert "vóór vrijdag" in parsed.reply  # windows-1252 quoted-printable
    assert "MsoNormal" not in parsed.text  # the style block is gone
    assert "Verzonden:" not in parsed.reply
    assert "Bedankt voor uw bestelling" in parsed.quoted
    assert parsed.automated == ""


def test_it_reads_gmail_plain_part_and_keeps_the_quote_apart():
    parsed = parse_mail(eml("gmail_reply.eml", REPLACE_IN_REPLY_TO="x@y"))
    assert parsed.reply == (
        "Dank je, maar het pakket is er nog steeds niet. Kunnen jullie het nagaan?"
    )
    assert parsed.quoted.startswith("Op di 17 nov 2026 om 10:00 schreef")
    assert "> Uw pakket is onderweg." in parsed.quoted
    assert parsed.in_reply_to == ["<x@y>"]


def test_it_decodes_apple_quoted_printable_and_drops_the_iphone_signature():
    parsed = parse_mail(eml("apple_qp.eml"))
    assert "€ 899,00" in parsed.reply
    assert "terug gezien" in parsed.reply
    assert "iPhone" not in parsed.reply
    assert "Verstuurd vanaf mijn iPhone" in parsed.quoted
    assert parsed.subject == "Retour fiets – wanneer geld terug?"


def test_it_keeps_a_forwarded_mail_available():
    parsed = parse_mail(eml("forwarded.eml"))
    assert parsed.reply.startswith("Zie hieronder")
    assert "Uw bestelling 10077 is verzonden" in parsed.quoted


def test_it_never_crashes_on_a_broken_charset():
    parsed = parse_mail(eml("broken_charset.eml"))
    assert "Mijn stuur is kapot" in parsed.reply
    assert "onacceptabel" in parsed.reply


@pytest.mark.parametrize(
    ("name", "reason"),
    [("auto_reply.eml", "auto-submitted: auto-replied"), ("bounce.eml", "delivery report")],
)
def test_it_recognises_machine_mail(name, reason):
    assert parse_mail(eml(name)).automated == reason


@pytest.mark.parametrize(
    "headers",
    [
        "Precedence: bulk\n",
        "Precedence: junk\n",
        "X-Autorespond: yes\n",
        "List-Id: <nieuws.example.nl>\n",
        "Return-Path: <>\n",
    ],
)
def test_it_recognises_bulk_and_autoresponder_headers(headers):
    raw = f"From: a@example.nl\nSubject: x\n{headers}\nhallo\n".encode()
    assert parse_mail(raw).automated


def test_it_treats_an_empty_envelope_sender_as_machine_mail():
    raw = b"From: a@example.nl\nSubject: x\n\nhallo\n"
    assert parse_mail(raw, envelope_from="").automated == "empty return path"
    assert parse_mail(raw, envelope_from="a@example.nl").automated == ""
    assert parse_mail(b"Auto-Submitted: no\n\nhallo").automated == ""


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("Prima, dank!\n\n-----Original Message-----\nFrom: x\nhoi", "Prima, dank!"),
        ("Ok.\n\nOn Mon, 2 Nov 2026 at 10:00, Shop <a@b.nl> wrote:\n> hoi", "Ok."),
        ("Ja graag.\n-- \nJan\n06-12345678", "Ja graag."),
        (
            "Klopt.\n\nOp 2 nov. 2026 om 10:00 heeft Shop <a@b.nl> het volgende geschreven:\n> x",
            "Klopt.",
        ),
        ("Van: mij\nIk wil retour.", "Van: mij\nIk wil retour."),  # not a quoted header
    ],
)
def test_it_splits_dutch_and_english_reply_headers(text, reply):
    assert split_reply(text)[0] == reply


def test_it_strips_reply_prefixes_from_subjects():
    assert normalize_subject("Re: Antw: FW:  Waar is   mijn pakket?") == "waar is mijn pakket?"
    assert normalize_subject("AW: Re[2]: Retour") == "retour"


def test_it_renders_html_without_scripts():
    assert html_to_text("<p>Hoi&nbsp;<b>daar</b></p><script>alert(1)</script>") == "Hoi daar"

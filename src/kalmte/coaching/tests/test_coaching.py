"""The reply coach in the desk: live checks, send anyway, playbook panel, canned replies."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from kalmte.analysis.coach import Conversation as CoachConversation
from kalmte.analysis.coach import coach
from kalmte.coaching.canned import fill
from kalmte.conversations.actions import do_add_agent_message, do_add_customer_message
from kalmte.conversations.demo import CANNED
from kalmte.conversations.models import CannedReply, Event
from kalmte.shop.tests.helpers import make_order
from kalmte.testing import login

GOOD = (
    "Beste Karin, het spijt me dat uw bestelling zo lang op zich laat wachten. Ik heb het "
    "nagekeken: het pakket ligt bij PostNL en wordt donderdag tussen 9:00 en 13:00 bezorgd. "
    "Ik houd het zelf in de gaten. Met vriendelijke groet, Alice"
)
BAD = "Zoals ik al zei ligt het aan PostNL. Het komt binnenkort."


def check(client, conversation, body, *, fmt="json"):
    url = reverse("kalmte-check-draft", args=[conversation.pk])
    return client.post(f"{url}?format={fmt}" if fmt else url, {"body": body})


def test_it_returns_findings_for_a_draft_in_this_conversation(alice_client, conversation):
    response = check(alice_client, conversation, BAD)
    assert response.status_code == 200
    findings = response.json()["findings"]
    rules = {f["rule"] for f in findings}
    assert {"R1", "R2", "R7"} <= rules
    for f in findings:
        assert BAD[f["start"] : f["end"]] == f["text"]


def test_it_finds_nothing_in_a_good_draft(alice_client, conversation):
    assert check(alice_client, conversation, GOOD).json() == {"findings": []}


def test_it_renders_underlined_spans_with_the_explanation(alice_client, conversation):
    response = check(alice_client, conversation, BAD, fmt=None)
    html = response.content.decode()
    assert '<mark class="coach-span"' in html
    assert "Zoals ik al zei</mark>" in html
    assert 'title="R1:' in html
    assert 'data-open="' in html


def test_it_uses_the_shops_register(alice_client, conversation):
    findings = check(
        alice_client, conversation, GOOD.replace("uw bestelling", "je bestelling")
    ).json()
    r10 = next(f for f in findings["findings"] if f["rule"] == "R10")
    assert "uw bestelling" in r10["suggestion"]


def test_it_compares_with_earlier_agent_replies(alice_client, conversation, alice):
    earlier = "Uw pakket is onderweg en wordt binnen 1 tot 3 werkdagen bezorgd, zo staat het in ons systeem."
    do_add_agent_message(conversation, earlier, acting_agent=alice)
    do_add_customer_message(conversation, "Dat zei u gisteren ook al. Waar is het nu?")
    rules = {f["rule"] for f in check(alice_client, conversation, earlier).json()["findings"]}
    assert "R1" in rules


def test_it_refuses_an_outsider(client, charlie, conversation):
    login(client, charlie)
    assert check(client, conversation, BAD).status_code == 404
    url = reverse("kalmte-convert-register", args=[conversation.pk])
    assert client.post(url, {"body": "Heb je het?"}).status_code == 404


def test_it_needs_a_login_and_a_post(client, alice_client, conversation):
    url = reverse("kalmte-check-draft", args=[conversation.pk])
    assert alice_client.get(url).status_code == 405
    alice_client.logout()
    assert client.post(url, {"body": BAD}).status_code == 302


def test_it_rejects_an_overlong_draft(alice_client, conversation):
    response = check(alice_client, conversation, "x" * 10_001)
    assert response.status_code == 400
    assert "te lang" in response.content.decode()


def test_it_converts_the_register(alice_client, conversation):
    url = reverse("kalmte-convert-register", args=[conversation.pk])
    response = alice_client.post(url, {"body": "Heb je je pakket al?", "register": "formal"})
    assert response.json() == {"body": "Heeft u uw pakket al?", "register": "formal"}
    back = alice_client.post(url, {"body": "Heeft u uw pakket al?", "register": "informal"})
    assert back.json()["body"] == "Heb je je pakket al?"
    # without a target: the shop's register
    assert alice_client.post(url, {"body": "Kun je bellen?"}).json()["register"] == "formal"
    assert alice_client.post(url, {"body": "x", "register": "plat"}).status_code == 400


def test_send_anyway_is_recorded_with_the_findings(alice_client, conversation):
    url = reverse("kalmte-reply", args=[conversation.pk])
    response = alice_client.post(url, {"body": BAD, "kind": "message", "override": "1"})
    assert response.status_code in (200, 302)
    event = Event.objects.get(conversation=conversation, verb="coach_overridden")
    assert event.actor.user.username == "alice"
    rules = {f["rule"] for f in event.data["findings"]}
    assert {"R1", "R2"} <= rules
    assert conversation.messages.filter(body=BAD).exists()


def test_a_good_reply_or_a_plain_send_records_no_override(alice_client, conversation):
    url = reverse("kalmte-reply", args=[conversation.pk])
    alice_client.post(url, {"body": GOOD, "kind": "message", "override": "1"})
    alice_client.post(url, {"body": BAD + " Echt.", "kind": "message"})
    assert not Event.objects.filter(verb="coach_overridden").exists()


def test_the_reply_form_checks_live_and_asks_before_sending(alice_client, conversation):
    html = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert reverse("kalmte-check-draft", args=[conversation.pk]) in html
    assert "input changed delay:400ms" in html
    assert 'name="override"' in html
    assert "Toch versturen" in html
    assert "Omzetten naar u" in html


@pytest.mark.parametrize(
    ("customer_text", "advice"),
    [
        ("Ik weet waar je woont. Ik kom langs.", "Trek een duidelijke grens"),
        ("Wanneer wordt mijn pakket bezorgd? Bestelnummer 33019.", "Geef een feit en een datum"),
        (
            "Ik ben echt ten einde raad, ik weet niet meer wat ik moet doen, mijn moeder heeft dit bed nodig.",
            "Erken eerst het gevoel",
        ),
    ],
)
def test_the_playbook_panel_follows_the_latest_message(
    alice_client, conversation, customer_text, advice
):
    do_add_customer_message(conversation, customer_text)
    html = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert "Wat vraagt deze situatie?" in html
    assert advice in html


def test_canned_replies_are_filled_from_the_conversation(alice_client, shop, conversation):
    make_order(shop, "10023", shipments=[{"carrier": "postnl", "tracking_code": "3SABCD1234567"}])
    CannedReply.objects.create(
        shop=shop,
        title="Test",
        register="formal",
        body="Beste {{ klant.voornaam }}, order {{ order.nummer }} ({{ order.track_trace }}), "
        "levertijd {{ beleid.levertijd }}. {{ onbekend }}Groet, {{ agent.naam }}",
    )
    html = alice_client.get(reverse("kalmte-conversation", args=[conversation.pk])).content.decode()
    assert (
        "Beste Karin, order #10023 (3SABCD1234567), levertijd 1 tot 3 werkdagen. Groet, Alice"
        in html
    )


def test_unknown_order_fields_are_left_empty():
    assert (
        fill("{{ order.track_trace }}|{{ klant.voornaam }}", {"klant.voornaam": "Karin"})
        == "|Karin"
    )


VALUES = {
    "klant.voornaam": "Karin",
    "order.nummer": "#10023",
    "order.track_trace": "3SABCD1234567",
    "agent.naam": "Sanne",
    "beleid.levertijd": "1 tot 3 werkdagen",
}
LATE = [
    "Hallo, waar blijft mijn bestelling #10023?",
    "Hoe snel leveren jullie een bestelling?",
    "Ik heb een e-bike besteld en hij zou binnen 3 werkdagen geleverd worden. Nu is het drie weken later en ik hoor NIETS. Wanneer krijg ik hem nou?",
]


@pytest.mark.parametrize(("title", "register", "body"), CANNED, ids=[c[0] for c in CANNED])
@pytest.mark.parametrize("customer", LATE)
@pytest.mark.parametrize("track_trace", ["3SABCD1234567", ""])
def test_every_shipped_canned_reply_passes_the_coach(title, register, body, customer, track_trace):
    policy = {
        "delivery_days": [1, 3],
        "free_shipping_from_eur": 50,
        "return_days": 30,
        "refund_days": 14,
        "register": register,
    }
    text = fill(body, {**VALUES, "order.track_trace": track_trace})
    findings = coach(text, CoachConversation([customer]), policy)
    assert findings == [], json.dumps([f.to_dict() for f in findings], ensure_ascii=False)

"""Demo data: a Dutch bicycle shop with a support team and a dozen conversations.

Loaded by `kalmte load_demo` (run by `make run`); idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kalmte.accounts.actions import do_create_agent
from kalmte.accounts.models import Agent, Role
from kalmte.conversations import actions
from kalmte.conversations.models import CannedReply, Conversation
from kalmte.shop.models import Shop

DEMO_PASSWORD = "kalmte-demo"  # noqa: S105 - printed to the user, demo only
DEMO_AGENTS = [
    ("sanne", "Sanne", Role.AGENT),
    ("daan", "Daan", Role.AGENT),
    ("mila", "Mila", Role.SUPERVISOR),
    ("beheer", "Beheerder", Role.ADMIN),
]

# (customer name, e-mail, channel, subject, minutes ago, [(author, text)], owner, status)
CONVERSATIONS = [
    (
        "Peter de Vries",
        "peter.devries@example.nl",
        "chat",
        "Waar blijft mijn e-bike?",
        42,
        [
            (
                "c",
                "Ik heb op 3 november een e-bike besteld (bestelnummer #100482) en hij zou binnen 3 werkdagen geleverd worden. Nu is het bijna drie weken later en ik hoor NIETS. Wanneer krijg ik hem nou?",
            ),
            ("c", "Hallo?? Is daar iemand? Ik heb hem nodig om naar mijn werk te gaan."),
        ],
        None,
        "open",
    ),
    (
        "Fatima El Amrani",
        "fatima.elamrani@example.nl",
        "email",
        "Beschadigd frame",
        180,
        [
            (
                "c",
                "Beste Fietsenwinkel Noord,\n\nGisteren is mijn nieuwe stadsfiets bezorgd, maar het frame heeft een flinke deuk bij de achtervork en de lak is op twee plekken beschadigd. De doos was ook kapot. Ik heb foto's gemaakt. Kunt u mij laten weten hoe we dit oplossen? Ik wil graag een vervangend exemplaar.\n\nMet vriendelijke groet,\nFatima El Amrani",
            ),
        ],
        "sanne",
        "open",
    ),
    (
        "Kees Bakker",
        "kees.bakker@example.nl",
        "chat",
        "Kortingscode",
        8,
        [
            (
                "c",
                "Jullie kortingscode NOORD10 werkt niet bij het afrekenen. Krijg steeds 'code ongeldig'. Beetje jammer zo.",
            ),
        ],
        None,
        "open",
    ),
    (
        "Ronald Visser",
        "r.visser@example.nl",
        "email",
        "Terugbetaling",
        300,
        [
            (
                "c",
                "Ik heb mijn fietsendrager al op 12 oktober teruggestuurd en nog steeds geen geld terug. Dit is de derde keer dat ik mail. Als ik dit niet binnen 5 dagen heb, stap ik naar de Geschillencommissie en zet ik een review op Trustpilot.",
            ),
            (
                "a",
                "Beste meneer Visser, excuses voor het lange wachten. Ik zoek het voor u uit en kom er vandaag op terug. Groet, Daan",
            ),
            ("c", "Dat zei uw collega vorige week ook. Ik wil nu een datum."),
        ],
        "daan",
        "open",
    ),
    (
        "Jeroen",
        "",
        "chat",
        "",
        3,
        [
            (
                "c",
                "STELLETJE OPLICHTERS!!! Twee keer betaald via iDEAL en geen bestelling. Kutbedrijf.",
            ),
            (
                "c",
                "ik weet waar jullie zitten, als ik mijn geld niet krijg kom ik het zelf wel halen en dan zul je wat beleven",
            ),
        ],
        None,
        "open",
    ),
    (
        "Linda Jansen",
        "linda.jansen@example.nl",
        "chat",
        "Maat fietshelm",
        25,
        [
            (
                "c",
                "Hoi! Valt de fietshelm Urban Pro klein of normaal? Ik heb een hoofdomtrek van 57 cm.",
            ),
        ],
        None,
        "open",
    ),
    (
        "Marieke Smit",
        "marieke.smit@example.nl",
        "email",
        "Verjaardagscadeau",
        95,
        [
            (
                "c",
                "Hallo,\n\nMijn dochter wordt zaterdag 8 en de kinderfiets die ik bij jullie bestelde (ordernummer 100511) staat volgens PostNL al vier dagen 'in sorteercentrum'. Ik ben echt radeloos, ik heb niks anders voor haar. Kunnen jullie alsjeblieft iets doen? Track & trace: 3SFNRD123456789.\n\nMarieke",
            ),
        ],
        None,
        "open",
    ),
    (
        "Anton Mulder",
        "anton.mulder@example.nl",
        "phone",
        "Monteur niet gekomen",
        240,
        [
            (
                "c",
                "Klant belt: monteur zou dinsdag tussen 9 en 12 komen voor het afstellen van de versnellingen, niemand gekomen en niet gebeld. Wil een nieuwe afspraak en vindt het erg vervelend dat hij vrij had genomen.",
            ),
        ],
        "mila",
        "open",
    ),
    (
        "Sophie de Boer",
        "sophie.deboer@example.nl",
        "chat",
        "Bedankt!",
        600,
        [
            ("c", "Fiets is vandaag binnengekomen, echt super snel en netjes ingepakt. Bedankt!"),
            ("a", "Wat fijn om te horen, Sophie! Veel fietsplezier. Groet, Sanne"),
        ],
        "sanne",
        "closed",
    ),
    (
        "Gert-Jan Hendriks",
        "gj.hendriks@example.be",
        "email",
        "Factuur met btw",
        1440,
        [
            (
                "c",
                "Goeiemiddag,\n\nKunt ge mij een factuur op naam van mijn bedrijf bezorgen, met ons btw-nummer BE0123.456.789? Ik vind ze niet terug in mijn account.\n\nMerci,\nGert-Jan",
            ),
        ],
        None,
        "pending",
    ),
    (
        "Youssef Amrani",
        "youssef@example.nl",
        "chat",
        "Website",
        15,
        [
            (
                "c",
                "wtf elke keer als ik wil betalen krijg ik een foutmelding 500, dit is nu al de 4e keer vandaag",
            ),
        ],
        None,
        "open",
    ),
    (
        "Els Vermeulen",
        "els.vermeulen@example.nl",
        "email",
        "Verkeerde kleur",
        50,
        [
            (
                "c",
                "Beste mensen, ik had de damesfiets in mat groen besteld maar er is een zwarte geleverd. Erg teleurgesteld, het was bedoeld als verrassing voor mijn man. Hoe kan ik deze ruilen?",
            ),
        ],
        "daan",
        "open",
    ),
]

CANNED = [
    (
        "Pakket vertraagd (u)",
        "formal",
        "Beste {{ klant.voornaam }},\n\nHet spijt me dat uw bestelling {{ order.nummer }} later is dan beloofd. "
        "Ik heb bij de vervoerder nagevraagd waar het pakket is en houd u op de hoogte. U kunt het ook zelf volgen "
        "via {{ order.track_trace }}. Als het pakket er morgen niet is, neem ik zelf contact met u op.\n\n"
        "Met vriendelijke groet,\n{{ agent.naam }}",
    ),
    (
        "Pakket vertraagd (je)",
        "informal",
        "Hoi {{ klant.voornaam }},\n\nSorry dat je bestelling {{ order.nummer }} later is dan we beloofden. "
        "Ik heb bij de vervoerder nagevraagd waar het pakket is en laat je weten wat ik hoor. Je kunt het ook zelf "
        "volgen via {{ order.track_trace }}. Is het er morgen niet, dan neem ik zelf contact met je op.\n\n"
        "Groet,\n{{ agent.naam }}",
    ),
    (
        "Vraag over levertijd (u)",
        "formal",
        "Beste {{ klant.voornaam }},\n\nDank voor uw vraag. Bestellingen die op voorraad zijn, "
        "leveren wij binnen {{ beleid.levertijd }}. Zodra uw bestelling {{ order.nummer }} is "
        "verzonden, ontvangt u van mij een e-mail met de track & trace. Heeft u het pakket daarna "
        "niet binnen de levertijd, dan zoek ik het zelf voor u uit.\n\n"
        "Met vriendelijke groet,\n{{ agent.naam }}",
    ),
    (
        "Vraag over levertijd (je)",
        "informal",
        "Hoi {{ klant.voornaam }},\n\nDank voor je vraag. Bestellingen die op voorraad zijn, "
        "leveren we binnen {{ beleid.levertijd }}. Zodra je bestelling {{ order.nummer }} is "
        "verzonden, krijg je van mij een mail met de track & trace. Heb je het pakket daarna "
        "niet binnen de levertijd, dan zoek ik het zelf voor je uit.\n\n"
        "Groet,\n{{ agent.naam }}",
    ),
]


def shop_defaults() -> dict:
    return {
        "name": "Fietsenwinkel Noord",
        "register": "formal",
        "email_address": "klantenservice@fietsenwinkel-noord.example",
        "website": "http://127.0.0.1:8000/demo/winkel/",
        "allowed_origins": "http://127.0.0.1:8000\nhttp://localhost:8000",
        "delivery_days_min": 1,
        "delivery_days_max": 3,
        "free_shipping_from_eur": 50,
        "return_days": 30,
        "refund_days": 14,
    }


def allow_demo_origins(shop: Shop, origins: list[str]) -> list[str]:
    """Add the origins the demo is served on to the demo shop's allowed origins; a bad one
    raises the shop's own ValidationError (``Shop.clean``)."""
    known = shop.origin_list()
    added = list(dict.fromkeys(o.rstrip("/") for o in origins if o.rstrip("/") not in known))
    if added:
        shop.allowed_origins = "\n".join(known + added)
        shop.clean()
        shop.save(update_fields=["allowed_origins"])
    return added


@transaction.atomic
def load_demo(*, origins: list[str] | None = None) -> tuple[Shop, bool]:
    """Create the demo shop, team and conversations; returns (shop, created).

    `origins` (e.g. ``http://127.0.0.1:8080``) are added to the shop's allowed origins, also
    when the demo is already there, so the demo shop page works on any port."""
    shop, created = Shop.objects.get_or_create(slug="fietsenwinkel-noord", defaults=shop_defaults())
    allow_demo_origins(shop, origins or [])
    if not created:
        return shop, False
    agents: dict[str, Agent] = {}
    for username, name, role in DEMO_AGENTS:
        agents[username] = do_create_agent(
            shop,
            username=username,
            password=DEMO_PASSWORD,
            display_name=name,
            role=role,
            email=f"{username}@fietsenwinkel-noord.example",
        )
    for title, register, body in CANNED:
        CannedReply.objects.create(shop=shop, title=title, register=register, body=body)

    load_demo_orders(shop)
    now = timezone.now()
    for name, email, channel, subject, minutes_ago, messages, owner, status in CONVERSATIONS:
        customer = actions.do_get_or_create_customer(shop, email=email, name=name)
        conversation = actions.do_create_conversation(
            shop, customer, channel=channel, subject=subject
        )
        started = now - timedelta(minutes=minutes_ago)
        Conversation.objects.filter(pk=conversation.pk).update(created_at=started)
        for index, (author, text) in enumerate(messages):
            at = started + timedelta(minutes=index * 2)
            if author == "c":
                actions.do_add_customer_message(conversation, text, created_at=at)
            else:
                agent = agents[owner or "sanne"]
                posted = actions.do_add_agent_message(conversation, text, acting_agent=agent)
                type(posted.message).objects.filter(pk=posted.message.pk).update(created_at=at)
        conversation.refresh_from_db()
        if owner:
            actions.do_assign_conversation(conversation, agents[owner], acting_agent=agents["mila"])
        if status == "closed":
            actions.do_close_conversation(conversation, acting_agent=agents[owner or "mila"])
        elif status == "pending":
            actions.do_set_pending(conversation, acting_agent=agents["mila"])
    return shop, True


def load_demo_orders(shop: Shop) -> None:
    """Orders and shipments the demo messages mention (#100482, PostNL 3SFNRD123456789)."""
    from decimal import Decimal

    from kalmte.shop.actions import do_ingest_order
    from kalmte.shop.connectors import LineData, OrderData, ShipmentData

    now = timezone.now()
    orders = [
        OrderData(
            number="100482",
            placed_at=now - timedelta(days=19),
            status="shipped",
            email="peter.devries@example.nl",
            name="Peter de Vries",
            total=Decimal("2499.00"),
            postcode="9711AB",
            house_number="12",
            lines=[LineData(title="E-bike Noord Comfort 28 inch", price=Decimal("2499.00"))],
            shipments=[
                ShipmentData(carrier="postnl", tracking_code="3SFNRD123456789", status="delayed")
            ],
        ),
        OrderData(
            number="100517",
            placed_at=now - timedelta(days=3),
            status="delivered",
            email="fatima.elamrani@example.nl",
            name="Fatima El Amrani",
            total=Decimal("649.00"),
            postcode="3511AA",
            house_number="7",
            lines=[LineData(title="Stadsfiets Noord 28 inch", price=Decimal("649.00"))],
            shipments=[
                ShipmentData(
                    carrier="dhl", tracking_code="JVGL0612345600123456", status="delivered"
                )
            ],
        ),
    ]
    for data in orders:
        do_ingest_order(shop, data, source="api", notify=False)

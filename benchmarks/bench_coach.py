"""Reply-coach benchmark: server time per live draft check (target ≤ 30 ms).

Two figures: the coach library alone (``coach()`` with a stored analysis, as the desk calls
it) and the full desk endpoint (`POST /coach/<id>/check/` through Django's test client on a
fresh SQLite database: login session, permission check, queries, coach, template). Prints one
JSON document on the last line: p50/p95/max milliseconds for both, and the counts.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
TMP = tempfile.mkdtemp(prefix="kalmte-bench-coach-")
os.environ["KALMTE_VAR_DIR"] = TMP
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "kalmte.settings"
os.environ["KALMTE_LOG_LEVEL"] = "WARNING"

ROUNDS = int(os.environ.get("BENCH_COACH_ROUNDS", "300"))
TARGET_MS = 30.0
CUSTOMER = [
    "Ik heb op 3 november een e-bike besteld (bestelnummer #100482) en hij zou binnen 3 "
    "werkdagen geleverd worden. Nu is het bijna drie weken later en ik hoor NIETS.",
    "Hallo?? Is daar iemand? Ik heb hem nodig om naar mijn werk te gaan. Wanneer krijg ik hem nou?",
]
AGENT = "Uw bestelling is onderweg en wordt binnen 1 tot 3 werkdagen bezorgd."
DRAFTS = [
    "Zoals ik al zei ligt het aan PostNL. Het komt binnenkort.",
    "Beste Peter, het spijt me dat uw e-bike zo lang op zich laat wachten, ik begrijp dat u "
    "hem nodig heeft voor uw werk. Ik heb het nagekeken: hij is gisteren bij ons depot "
    "binnengekomen en wordt donderdag tussen 9:00 en 13:00 bezorgd. Ik houd het zelf in de "
    "gaten en bel u donderdagmiddag. Met vriendelijke groet, Sanne",
    "Beste Peter, u kunt hem gewoon bestellen, je hebt hem dan morgen in huis!!! Groet",
    "Hoi, sorry sorry, je krijgt vandaag nog je geld terug plus een tegoedbon. Sanne",
]


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "max_ms": round(ordered[-1], 3),
    }


def _typed(i: int) -> str:
    """The draft as the agent types it: the last sentence is new on every check (the coach
    caches what it reads per sentence, so a repeated draft would flatter it)."""
    return f"{DRAFTS[i % len(DRAFTS)]} Tot zo, ronde {i}."


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test import Client
    from django.urls import reverse

    from kalmte.accounts.actions import do_create_agent
    from kalmte.analysis.coach import Conversation, coach
    from kalmte.conversations import actions
    from kalmte.shop.models import Shop

    shop = Shop.objects.create(name="Bench", slug="bench", delivery_days_min=1, delivery_days_max=3)
    agent = do_create_agent(
        shop,
        username="bench",
        password="bench-pass-1234",  # noqa: S106 - throwaway benchmark database
        display_name="Sanne",
    )
    customer = actions.do_get_or_create_customer(shop, email="peter@example.nl", name="Peter")
    conversation = actions.do_create_conversation(shop, customer, channel="chat", subject="Bench")
    actions.do_add_customer_message(conversation, CUSTOMER[0])
    actions.do_add_agent_message(conversation, AGENT, acting_agent=agent)
    message = actions.do_add_customer_message(conversation, CUSTOMER[1]).message
    analysis = message.analysis

    context = Conversation(CUSTOMER, [AGENT], analysis=analysis)
    policy = shop.policy()
    for draft in DRAFTS:  # warm-up: lexicons compiled once per process
        coach(draft, context, policy)
    library = []
    for i in range(ROUNDS):
        draft = _typed(i)
        start = time.perf_counter()
        coach(draft, context, policy)
        library.append((time.perf_counter() - start) * 1000)

    client = Client()
    client.force_login(agent.user)
    url = reverse("kalmte-check-draft", args=[conversation.pk])
    for draft in DRAFTS:
        assert client.post(url, {"body": draft}).status_code == 200
    endpoint = []
    for i in range(ROUNDS):
        draft = _typed(i)
        start = time.perf_counter()
        response = client.post(url, {"body": draft})
        endpoint.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    result = {
        "rounds": ROUNDS,
        "drafts": len(DRAFTS),
        "target_ms": TARGET_MS,
        "coach_library": stats(library),
        "check_endpoint": stats(endpoint),
        "endpoint_p95_within_target": stats(endpoint)["p95_ms"] <= TARGET_MS,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

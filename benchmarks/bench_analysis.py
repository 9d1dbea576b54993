"""Benchmark of the analysis engine: latency, throughput, memory and model load time.

Prints one JSON document on the last line: p50/p95 latency (ms) for a short chat line and a
150-word e-mail, messages per second on one core, peak RSS (MB) and model load time (s).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

CHATS = [
    "waar blijft mijn pakket??",
    "kutbedrijf, al 3 weken wachten!!!",
    "Kunt u mij laten weten wanneer de bank geleverd wordt?",
    "bedankt, alles netjes ontvangen 😊",
    "jullie zijn echt een stelletje oplichters",
    "ik weet waar jullie winkel zit, ik kom het wel ruilen",
]
EMAIL = (
    "Geachte heer/mevrouw,\n\nOp 3 maart heb ik bij uw webshop een wasmachine besteld "
    "(bestelnummer 2024-55812) en volgens de bevestiging zou die binnen twee werkdagen geleverd "
    "worden. Inmiddels zijn we ruim twee weken verder. Volgens de track & trace (3SABCD1234567) "
    "ligt het pakket al vijf dagen bij het sorteercentrum van PostNL in Nieuwegein en er gebeurt "
    "niets. Ik heb u al drie keer gemaild en twee keer gebeld; de medewerker aan de telefoon beloofde "
    "mij terug te bellen, maar dat is nooit gebeurd. Ik verwacht "
    "dat u de wasmachine uiterlijk vrijdag levert en installeert, zoals afgesproken, en dat u de "
    "bezorgkosten terugstort. Als ik voor vrijdag niets van u hoor, stel ik u formeel in gebreke en "
    "schakel ik de Geschillencommissie in. U kunt mij bereiken op j.devries@example.nl. Mijn adres is Dorpsstraat 12, 3511 AB Utrecht.\n\nMet vriendelijke groet,\nJan de Vries"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def timed(fn, texts: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            fn(text)
            out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    started = time.perf_counter()
    from kalmte.analysis import analyze
    from kalmte.analysis.pipeline import get_pipeline

    pipeline = get_pipeline()
    load_s = time.perf_counter() - started
    analyze("warm-up")
    chat = timed(analyze, [f"{c} ({i})" for i in range(50) for c in CHATS], 1)
    # Vary the order number so no cache keyed on the whole message can help.
    email = timed(analyze, [EMAIL.replace("55812", str(55812 + i)) for i in range(100)], 1)
    # A conversation: the earlier messages repeat from call to call (their emotions are cached).
    history = CHATS[:5]
    with_context = timed(
        lambda t: analyze(t, context=history), [f"{c} ({i})" for i in range(20) for c in CHATS], 1
    )
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 3.0:
        for text in CHATS:
            analyze(f"{text} {n}")
            n += 1
    rate = n / (time.perf_counter() - t0)
    result = {
        "benchmark": "analysis",
        "pipeline": list(pipeline.names),
        "email_words": len(EMAIL.split()),
        "chat_p50_ms": round(statistics.median(chat), 2),
        "chat_p95_ms": round(percentile(chat, 0.95), 2),
        "email_p50_ms": round(statistics.median(email), 2),
        "email_p95_ms": round(percentile(email, 0.95), 2),
        "chat_with_5_context_p95_ms": round(percentile(with_context, 0.95), 2),
        "chat_messages_per_s_one_core": round(rate, 1),
        "model_load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "targets": {"chat_p95_ms": 10, "email_p95_ms": 40, "peak_rss_mb": 300},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

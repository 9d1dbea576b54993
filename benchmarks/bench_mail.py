"""Mail-ingest benchmark: messages/s through the SMTP receiver to stored, analysed messages.

A real aiosmtpd receiver on loopback, smtplib clients (one connection per mail, as MTAs do),
a fresh SQLite database in a temporary directory. The 250 reply comes only after the message
is stored and analysed, so the time per sendmail is the ingest latency. Prints one JSON
document on the last line: messages_per_s, p50_ms, p95_ms, and the counts.
"""

from __future__ import annotations

import json
import os
import smtplib
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
TMP = tempfile.mkdtemp(prefix="kalmte-bench-mail-")
os.environ["KALMTE_VAR_DIR"] = TMP
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "kalmte.settings"
os.environ["KALMTE_LOG_LEVEL"] = "WARNING"

MESSAGES = int(os.environ.get("BENCH_MAIL_MESSAGES", "200"))
CLIENTS = int(os.environ.get("BENCH_MAIL_CLIENTS", "4"))
SHOP_ADDRESS = "support@fietsenwinkel-noord.nl"
BODY = (
    "Geachte heer/mevrouw,\r\n\r\nMijn bestelling {n} is nog steeds niet geleverd, ik wacht al "
    "twee weken. Volgens de track & trace ligt het pakket bij het sorteercentrum. Graag hoor ik "
    "voor vrijdag wanneer het geleverd wordt, anders wil ik mijn geld terug.\r\n\r\n"
    "Met vriendelijke groet,\r\nKlant {n}\r\n\r\nOp ma 16 nov 2026 om 10:00 schreef "
    "Fietsenwinkel Noord:\r\n> Bedankt voor uw bestelling.\r\n"
)


def mail(n: int) -> bytes:
    return (
        f"From: Klant {n} <klant{n % 50}@example.nl>\r\nTo: {SHOP_ADDRESS}\r\n"
        f"Subject: Bestelling {n}\r\nMessage-ID: <bench-{n}@example.nl>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{BODY.format(n=n)}"
    ).encode()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kalmte.analysis import analyze
    from kalmte.conversations.models import Message
    from kalmte.mail.smtp import make_controller
    from kalmte.mail.tests.conftest import free_port
    from kalmte.shop.models import Shop

    analyze("opwarmen")  # load the models outside the measurement
    Shop.objects.create(name="Fietsenwinkel Noord", slug="noord", email_address=SHOP_ADDRESS)
    port = free_port()
    controller = make_controller(host="127.0.0.1", port=port)
    controller.start()

    def send(n: int) -> float:
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            client.sendmail(f"klant{n}@example.nl", [SHOP_ADDRESS], mail(n))
        return (time.perf_counter() - start) * 1000

    try:
        for n in range(5):  # warm-up
            send(-1 - n)
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            latencies = list(pool.map(send, range(MESSAGES)))
        elapsed = time.perf_counter() - started
    finally:
        controller.stop()
    stored = Message.objects.filter(analysis__isnull=False).count() - 5
    result = {
        "benchmark": "mail_ingest",
        "messages": MESSAGES,
        "clients": CLIENTS,
        "stored_and_analysed": stored,
        "messages_per_s": round(MESSAGES / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "database": "sqlite",
    }
    print(json.dumps(result))
    return 0 if stored == MESSAGES else 1


if __name__ == "__main__":
    sys.exit(main())

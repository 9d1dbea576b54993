"""Webhook ingest: signed Shopify orders/create deliveries through the real view, stored.

Runs on PostgreSQL in a temporary database (DATABASE_URL's server, or
postgres://postgres@127.0.0.1:5432 when psql reaches it); falls back to SQLite with a note.
Prints one JSON document on its last line: events/s and latency percentiles.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
EVENTS = int(os.environ.get("BENCH_WEBHOOK_EVENTS", "400"))
SECRET = "bench-secret"  # noqa: S105


def _postgres_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url.rsplit("/", 1)[0]
    candidate = "postgres://postgres@127.0.0.1:5432"
    try:
        ok = subprocess.run(
            ["psql", f"{candidate}/postgres", "-c", "SELECT 1"],
            capture_output=True, timeout=5, check=False,
        ).returncode == 0  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return candidate if ok else None


def _psql(server: str, sql: str) -> None:
    subprocess.run(["psql", f"{server}/postgres", "-c", sql], capture_output=True, check=True)


def main() -> None:
    server = _postgres_server()
    dbname = f"kalmte_bench_{uuid.uuid4().hex[:8]}"
    note = ""
    tmp = tempfile.TemporaryDirectory()
    if server:
        _psql(server, f"CREATE DATABASE {dbname}")
        os.environ["DATABASE_URL"] = f"{server}/{dbname}"
        engine = "postgresql"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
        engine = "sqlite"
        note = "PostgreSQL not reachable (no DATABASE_URL / psql); measured on SQLite"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalmte.settings")
    os.environ["KALMTE_PROACTIVE_UPDATES"] = "0"
    try:
        result = run()
    finally:
        if server:
            from django.db import connections

            connections.close_all()
            _psql(server, f"DROP DATABASE IF EXISTS {dbname}")
        tmp.cleanup()
    result.update({"database": engine, "note": note})
    print(json.dumps(result))


def run() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0, skip_checks=True)
    from kalmte.shop.models import Order, Shop, ShopIntegration

    shop = Shop.objects.create(name="Bench", slug="bench")
    ShopIntegration.objects.create(shop=shop, platform="shopify", secret=SECRET)
    sample = json.loads((ROOT / "src/kalmte/shop/tests/fixtures/shopify_order.json").read_text())
    client = Client()
    bodies = []
    for i in range(EVENTS):
        sample["id"] = 9_000_000 + i
        sample["name"] = f"#{50000 + i}"
        sample["email"] = f"klant{i % 50}@example.nl"
        body = json.dumps(sample).encode()
        sig = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
        bodies.append((body, sig, f"wh-{i}"))
    latencies = []
    started = time.perf_counter()
    for body, sig, webhook_id in bodies:
        t0 = time.perf_counter()
        response = client.post(
            "/winkel/webhooks/bench/shopify", data=body, content_type="application/json",
            headers={"X-Shopify-Hmac-Sha256": sig, "X-Shopify-Topic": "orders/create",
                     "X-Shopify-Webhook-Id": webhook_id},
        )  # fmt: skip
        latencies.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise SystemExit(f"unexpected {response.status_code}: {response.content[:200]!r}")
    elapsed = time.perf_counter() - started
    assert Order.objects.filter(shop=shop).count() == EVENTS
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2)

    return {
        "benchmark": "webhook_ingest",
        "events": EVENTS,
        "events_per_s": round(EVENTS / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


if __name__ == "__main__":
    main()

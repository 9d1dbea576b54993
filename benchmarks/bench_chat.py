"""Live chat under load: N concurrent visitor sockets against a real uvicorn server.

The script makes a SQLite file database in a temporary directory, migrates it, creates a
shop with one agent and N chats, starts `uvicorn kalmte.asgi:application` in a subprocess
and opens one agent socket subscribed to every conversation. Each visitor socket then sends
messages (paced at a fixed total rate); for every message the agent's socket must receive
`message.new` exactly once. Reported per N: delivery latency (visitor send → agent receive)
p50/p95/p99 in ms, messages/s, lost and duplicated counts.

    python benchmarks/bench_chat.py [--sizes 100,500,1000] [--messages 2] [--rate 50]

The last line of stdout is one JSON document.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = "http://bench.example"
TEXTS = [
    "Hallo, waar blijft mijn bestelling #10023? Ik wacht al een week.",
    "Kan ik mijn fiets nog ruilen voor een groter frame?",
    "De bezorger is niet langs geweest, wat nu?",
    "Bedankt voor de snelle hulp gisteren!",
]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[index], 2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raise_fd_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    target = min(target, 65536)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def prepare(env: dict, max_n: int) -> dict:
    """Migrate, then create a shop, an agent with a session and max_n chats."""
    os.environ.update(env)
    subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "kalmte.cli", "migrate", "--noinput", "-v", "0"],
        check=True,
        env={**os.environ},
    )
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kalmte.accounts.actions import do_create_agent
    from kalmte.livechat.actions import do_start_chat
    from kalmte.shop.models import Shop

    shop = Shop.objects.create(name="Benchwinkel", slug="bench", allowed_origins=ORIGIN)
    agent = do_create_agent(
        shop,
        username="bench",
        password="bench-password-1",  # noqa: S106 - a throwaway database
        display_name="Bench",
    )
    session = SessionStore()
    session[SESSION_KEY] = str(agent.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = agent.user.get_session_auth_hash()
    session.create()
    chats = []
    for _ in range(max_n):
        started = do_start_chat(shop)
        chats.append((started.conversation.pk, started.token))
    return {"session": session.session_key, "chats": chats}


def start_server(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - our own server
        [
            sys.executable,
            "-m",
            "uvicorn",
            "kalmte.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--log-level",
            "warning",
            "--backlog",
            "4096",
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()  # noqa: S310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


async def run_round(
    port: int, session: str, chats: list[tuple[int, str]], messages: int, rate: float
) -> dict:
    from websockets.asyncio.client import connect

    base = f"ws://127.0.0.1:{port}"
    sent_at: dict[str, float] = {}
    latencies: list[float] = []
    received: dict[str, int] = {}
    errors: list[str] = []
    round_id = f"{time.monotonic_ns():x}"

    agent = await connect(
        f"{base}/ws/agent/",
        origin="http://127.0.0.1",
        additional_headers={"Cookie": f"sessionid={session}"},
        max_queue=None,
    )
    for conversation_id, _ in chats:
        await agent.send(json.dumps({"type": "subscribe", "conversation": conversation_id}))
    subscribed = 0
    while subscribed < len(chats):
        frame = json.loads(await agent.recv())
        subscribed += frame["type"] == "subscribed"

    async def agent_reader() -> None:
        async for raw in agent:
            now = time.perf_counter()
            frame = json.loads(raw)
            if frame["type"] != "message.new":
                continue
            client_id = frame["message"]["client_id"] or ""
            if not client_id.startswith(round_id):
                continue
            received[client_id] = received.get(client_id, 0) + 1
            if received[client_id] == 1 and client_id in sent_at:
                latencies.append((now - sent_at[client_id]) * 1000)
                if os.environ.get("BENCH_TRACE"):
                    print(client_id, round(latencies[-1]), file=sys.stderr, flush=True)

    reader = asyncio.create_task(agent_reader())
    gate = asyncio.Semaphore(100)

    async def open_visitor(token: str):
        async with gate:
            ws = await connect(f"{base}/ws/chat/?token={token}", origin=ORIGIN, max_queue=None)
            await ws.send(json.dumps({"type": "hello", "last_id": 0}))
            while json.loads(await ws.recv())["type"] != "history":
                pass  # connected like the widget: after its catch-up
            return ws

    t_connect = time.perf_counter()
    visitors = await asyncio.gather(*(open_visitor(token) for _, token in chats))
    connect_seconds = time.perf_counter() - t_connect

    async def drain(ws) -> None:
        try:
            async for raw in ws:
                frame = json.loads(raw)
                if frame["type"] == "error":
                    errors.append(frame["code"])
        except Exception:  # noqa: BLE001, S110 - closed at the end of the round
            pass

    drains = [asyncio.create_task(drain(ws)) for ws in visitors]
    # Warm-up, not measured: the server process loads the analysis models on its first
    # customer message (seconds); a running desk has done that long before.
    warm_id = f"{round_id}-warm"
    await visitors[0].send(json.dumps({"type": "message", "client_id": warm_id, "text": "Hoi"}))
    while warm_id not in received:
        await asyncio.sleep(0.05)
    received.pop(warm_id)
    plan = [(i, k) for k in range(messages) for i in range(len(visitors))]
    t_start = time.perf_counter()
    for n, (i, k) in enumerate(plan):
        delay = t_start + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        client_id = f"{round_id}-{i}-{k}"
        sent_at[client_id] = time.perf_counter()
        # every text differs, as real messages do (no analysis cache hits)
        text = f"{TEXTS[(i + k) % len(TEXTS)]} Klantnummer {i}, bericht {k + 1}."
        await visitors[i].send(
            json.dumps({"type": "message", "client_id": client_id, "text": text})
        )
    t_sent = time.perf_counter()
    deadline = t_sent + 30
    while len(received) < len(plan) and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    t_done = time.perf_counter()
    await asyncio.sleep(0.5)  # late duplicates would show up here
    reader.cancel()
    for ws in visitors:
        await ws.close()
    for task in drains:
        task.cancel()
    await agent.close()
    delivered = sum(1 for c in sent_at if received.get(c))
    return {
        "connections": len(chats),
        "messages_sent": len(plan),
        "messages_delivered": delivered,
        "lost": len(plan) - delivered,
        "duplicated": sum(count - 1 for count in received.values() if count > 1),
        "latency_ms": {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99),
            "max": round(max(latencies), 2) if latencies else None,
            "mean": round(statistics.fmean(latencies), 2) if latencies else None,
        },
        "offered_rate_per_s": rate,
        "messages_per_s": round(delivered / max(t_done - t_start, 1e-9), 1),
        "connect_seconds": round(connect_seconds, 2),
        "errors": sorted(set(errors)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000")
    parser.add_argument("--messages", type=int, default=1, help="messages per connection")
    parser.add_argument("--rate", type=float, default=15.0, help="messages/s over all sockets")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    fd_limit = raise_fd_limit()
    with tempfile.TemporaryDirectory(prefix="kalmte-bench-chat-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kalmte.settings",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "KALMTE_VAR_DIR": tmp,
            "KALMTE_LOG_LEVEL": "WARNING",
            "KALMTE_CHAT_CONNECTIONS_PER_IP": "1000000",
            "KALMTE_CHAT_MESSAGES_PER_MINUTE": "1000000",
            "KALMTE_CHAT_MESSAGES_PER_MINUTE_PER_IP": "1000000",
            "KALMTE_CHAT_STARTS_PER_MINUTE_PER_IP": "1000000",
            "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
        env.pop("REDIS_URL", None)
        t0 = time.perf_counter()
        data = prepare(env, max(sizes))
        setup_seconds = time.perf_counter() - t0
        port = free_port()
        server = start_server(env, port)
        try:
            rounds = [
                asyncio.run(
                    run_round(port, data["session"], data["chats"][:n], args.messages, args.rate)
                )
                for n in sizes
            ]
        finally:
            server.terminate()
            server.wait(timeout=20)
    result = {
        "benchmark": "chat",
        "server": "uvicorn, 1 process, SQLite file, in-memory channel layer",
        "cpus": os.cpu_count(),
        "fd_limit": fd_limit,
        "messages_per_connection": args.messages,
        "setup_seconds": round(setup_seconds, 1),
        "rounds": rounds,
        "target": {"connections": 1000, "p95_ms": 50, "lost": 0, "duplicated": 0},
        "target_met": any(
            r["connections"] >= 1000
            and r["lost"] == 0
            and r["duplicated"] == 0
            and (r["latency_ms"]["p95"] or 1e9) <= 50
            for r in rounds
        ),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

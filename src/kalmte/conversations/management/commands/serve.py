"""Serve the desk through an ASGI server (uvicorn) with the background worker beside it."""

from __future__ import annotations

import subprocess
import sys

import uvicorn
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from kalmte.conversations.demo import DEMO_AGENTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the desk (HTTP + WebSocket) and the background task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")

    def handle(self, *args, host: str, port: int, no_worker: bool, **options):
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\nKalmte draait op {url}"))
        self.stdout.write(f"Demowinkel met chatwidget: {url}demo/winkel/")
        self.stdout.write(f"Demo-inloggegevens (wachtwoord voor iedereen: {DEMO_PASSWORD}):")
        for username, name, role in DEMO_AGENTS:
            self.stdout.write(f"  {username:<8} {name} ({role})")
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(f"Uitgaande e-mail komt in {settings.EMAIL_FILE_PATH}/")
        self.stdout.write("")
        worker = None
        if not no_worker:
            worker = subprocess.Popen(  # noqa: S603 - our own command
                [sys.executable, "-m", "kalmte.cli", "db_worker", "--queue-name", "default"]
            )
        try:
            uvicorn.run(
                "kalmte.asgi:application", host=host, port=port, log_level="info", lifespan="off"
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

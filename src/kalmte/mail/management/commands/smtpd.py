"""`kalmte smtpd`: receive mail forwarded or MX-routed to the desk."""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from kalmte.mail.smtp import make_controller


class Command(BaseCommand):
    help = "Run the SMTP receiver that turns incoming mail into conversations."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.KALMTE_SMTPD_HOST)
        parser.add_argument("--port", type=int, default=settings.KALMTE_SMTPD_PORT)

    def handle(self, *args, host: str, port: int, **options):
        controller = make_controller(host=host, port=port)
        controller.start()
        self.stdout.write(f"SMTP receiver on {host}:{port} (stop with Ctrl-C)")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()

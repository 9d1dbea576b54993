"""`kalmte fetchmail`: poll an IMAP mailbox for new customer mail."""

from __future__ import annotations

import contextlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kalmte.mail.imap import connect, fetch_mailbox
from kalmte.shop.models import Shop


class Command(BaseCommand):
    help = "Fetch unseen mail from an IMAP mailbox into the desk (every --interval seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.KALMTE_IMAP_HOST)
        parser.add_argument("--port", type=int, default=settings.KALMTE_IMAP_PORT)
        parser.add_argument("--user", default=settings.KALMTE_IMAP_USER)
        parser.add_argument("--password", default=settings.KALMTE_IMAP_PASSWORD)
        parser.add_argument("--folder", default=settings.KALMTE_IMAP_FOLDER)
        parser.add_argument("--shop", default=settings.KALMTE_IMAP_SHOP, help="shop slug")
        parser.add_argument("--interval", type=int, default=settings.KALMTE_IMAP_INTERVAL)
        parser.add_argument("--no-ssl", action="store_true", default=not settings.KALMTE_IMAP_SSL)
        parser.add_argument("--once", action="store_true", help="fetch once and stop")

    def handle(self, *args, **opts):
        if not opts["host"] or not opts["user"]:
            raise CommandError("Set --host and --user (or KALMTE_IMAP_HOST / KALMTE_IMAP_USER).")
        if opts["interval"] < 1:
            raise CommandError("--interval must be at least 1 second.")
        shop = None
        if opts["shop"]:
            shop = Shop.objects.filter(slug=opts["shop"]).first()
            if shop is None:
                raise CommandError(f"No shop with slug {opts['shop']!r}.")
        while True:
            try:
                client = connect(
                    host=opts["host"],
                    port=opts["port"],
                    user=opts["user"],
                    password=opts["password"],
                    ssl=not opts["no_ssl"],
                )
                try:
                    result = fetch_mailbox(client, shop=shop, folder=opts["folder"])
                finally:
                    with contextlib.suppress(Exception):  # the connection may be gone
                        client.logout()
                self.stdout.write(
                    f"stored {result.stored}, duplicates {result.duplicates}, "
                    f"rejected {result.rejected}, failed {result.failed}"
                )
            except Exception as error:  # a mail server that is down: try again later
                if opts["once"]:
                    raise CommandError(f"IMAP fetch failed: {error}") from error
                self.stderr.write(f"IMAP fetch failed: {error}; retrying in {opts['interval']}s")
            if opts["once"]:
                return
            time.sleep(opts["interval"])

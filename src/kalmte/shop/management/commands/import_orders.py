"""`kalmte import_orders SHOP_SLUG FILE.csv`: import orders, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kalmte.shop.csv_import import import_orders
from kalmte.shop.models import Shop


class Command(BaseCommand):
    help = "Import orders from a CSV file (one row per order line). Nothing is stored if any line is wrong."

    def add_arguments(self, parser):
        parser.add_argument("shop_slug")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--notify",
            action="store_true",
            help="Post proactive updates for status changes of orders that already existed.",
        )

    def handle(self, *args, shop_slug: str, file: Path, notify: bool, **options):
        shop = Shop.objects.filter(slug=shop_slug).first()
        if shop is None:
            raise CommandError(f"No shop with slug {shop_slug!r}.")
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        report = import_orders(shop, text, notify=notify)
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"{len(report.errors)} error(s); nothing was imported.")
        self.stdout.write(
            f"Imported {report.orders} order(s) ({report.created} new, {report.lines} line(s))."
        )

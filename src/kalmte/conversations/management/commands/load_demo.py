from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kalmte.conversations.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo shop, its team and a dozen Dutch conversations (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--origin",
            action="append",
            default=[],
            help="an origin the desk is served on (http://HOST:PORT), allowed for the chat widget",
        )

    def handle(self, *args, origin: list[str], **options):
        try:
            shop, created = load_demo(origins=origin)
        except ValidationError as exc:
            raise CommandError(f"--origin is no http(s) origin: {' '.join(exc.messages)}") from exc
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {shop.name}"))
        else:
            self.stdout.write(f"Demo data already present: {shop.name}")

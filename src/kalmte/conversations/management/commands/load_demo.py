from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

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
        validate = URLValidator(schemes=["http", "https"])
        for value in origin:
            try:
                validate(value)
            except ValidationError as exc:
                raise CommandError(f"--origin {value!r} is no http(s) origin") from exc
        shop, created = load_demo(origins=origin)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {shop.name}"))
        else:
            self.stdout.write(f"Demo data already present: {shop.name}")

from django.core.management.base import BaseCommand

from kalmte.conversations.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo shop, its team and a dozen Dutch conversations (idempotent)."

    def handle(self, *args, **options):
        shop, created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {shop.name}"))
        else:
            self.stdout.write(f"Demo data already present: {shop.name}")

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from subscriptions.demo import load_demo_subscribers


class Command(BaseCommand):
    help = "Add a few confirmed @example.com subscribers to try sending an issue (DEBUG only)."

    def handle(self, *args, **options):
        try:
            done = load_demo_subscribers()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        for line in done:
            self.stdout.write(line)

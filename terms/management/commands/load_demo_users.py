from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from terms.demo_users import DEMO_USERS, load_demo_users


class Command(BaseCommand):
    help = "Create the development-only demo writer and editor (DEBUG only)."

    def handle(self, *args, **options):
        try:
            done = load_demo_users()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        for line in done:
            self.stdout.write(line)
        logins = ", ".join(f"{name} / {password}" for name, (_, password) in DEMO_USERS.items())
        self.stdout.write(self.style.SUCCESS(f"Demo logins (development only): {logins}"))

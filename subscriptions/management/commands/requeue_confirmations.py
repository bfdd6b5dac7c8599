from datetime import timedelta

from django.core.management.base import BaseCommand

from subscriptions.tasks import requeue_unsent_confirmations, requeue_unsent_welcomes


class Command(BaseCommand):
    help = (
        "Queue again every newsletter confirmation and welcome email that was owed and not sent "
        "(e.g. after a mail outage). Safe to run repeatedly: nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=10,
            metavar="MINUTES",
            help="Only emails owed for at least this many minutes (default: %(default)s), "
            "so tasks still on their way are left alone.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, queue nothing.")

    def handle(self, *, older_than, dry_run, **options):
        addresses = requeue_unsent_confirmations(
            older_than=timedelta(minutes=older_than), dry_run=dry_run
        )
        welcomes = requeue_unsent_welcomes(
            older_than=timedelta(minutes=older_than), dry_run=dry_run
        )
        verb = "Would queue" if dry_run else "Queued"
        self.stdout.write(f"{verb} {len(addresses)} confirmation email(s).")
        if options["verbosity"] > 1:
            for address in addresses:
                self.stdout.write(f"  {address}")
        self.stdout.write(f"{verb} {len(welcomes)} welcome email(s).")
        if options["verbosity"] > 1:
            for address in welcomes:
                self.stdout.write(f"  {address}")

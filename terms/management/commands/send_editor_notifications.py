from datetime import timedelta

from django.core.management.base import BaseCommand

from terms import notifications


class Command(BaseCommand):
    help = (
        "Queue the workflow emails that fell due and were not sent (a worker that was down, a "
        "lost task). Safe to run at any time: nothing is sent twice. The admin dashboard does "
        "the same on each visit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=10,
            metavar="MINUTES",
            help="Only rows whose task should have run at least this many minutes ago "
            "(default: %(default)s), so tasks still on their way are left alone.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, queue nothing.")

    def handle(self, *, older_than, dry_run, **options):
        cutoff = timedelta(minutes=older_than)
        if dry_run:
            count = notifications.overdue(older_than=cutoff).count()
            self.stdout.write(f"Would queue {count} overdue notification(s).")
            return
        count = notifications.queue_overdue(older_than=cutoff)
        self.stdout.write(f"Queued {count} overdue notification(s).")

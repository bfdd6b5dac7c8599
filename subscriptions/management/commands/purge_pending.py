from django.conf import settings
from django.core.management.base import BaseCommand

from subscriptions.retention import purge_pending


class Command(BaseCommand):
    help = "Delete newsletter signups that were never confirmed (default: after 30 days)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.NEWSLETTER_PENDING_MAX_DAYS,
            help="Delete pending signups older than this many days (default: %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *, days, dry_run, **options):
        count = purge_pending(days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} pending signup(s) older than {days} days.")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from terms.search import log


class Command(BaseCommand):
    help = (
        "Delete searches older than SEARCH_LOG_DAYS (90 unless configured) from the search log "
        "behind 'Wanted terms'. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days instead (default {settings.SEARCH_LOG_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        count = log.purge(days=days, dry_run=dry_run)
        kept = settings.SEARCH_LOG_DAYS if days is None else days
        if dry_run:
            self.stdout.write(f"Dry run: {count} search log rows are older than {kept} days.")
        else:
            self.stdout.write(f"Deleted {count} search log rows older than {kept} days.")

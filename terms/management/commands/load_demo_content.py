from django.core.management.base import BaseCommand

from terms.demo import load_demo_content


class Command(BaseCommand):
    help = "Load the demo AI glossary (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; keep nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        report = load_demo_content(dry_run=dry_run)
        prefix = "Dry run: would have " if dry_run else "Demo content: "
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report}."))

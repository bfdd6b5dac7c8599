from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from terms.models import TermImport
from terms.transfer import formats
from terms.transfer.applying import StaleDryRun, apply
from terms.transfer.incoming import Refused
from terms.transfer.planning import Outcome, plan, upload_digest


class Command(BaseCommand):
    help = (
        "Import terms from a CSV or JSON file, or a zip or folder of Markdown files: a dry "
        "run first, then (unless --dry-run) the same changes applied as drafts, or published "
        "where the pre-publish checks pass (--publish). Never deletes a term."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv or .json file, a .zip, or a folder of .md files.")
        parser.add_argument(
            "--format",
            choices=[choice.value for choice in TermImport.Format],
            help="The file's format (default: told from its content and name).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show the plan; write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each imported term that passes the pre-publish checks.",
        )
        parser.add_argument(
            "--user",
            help="Import as this user (their permissions apply; history names them). "
            "Default: as the operator, with no user.",
        )

    def handle(self, *args, path, format=None, dry_run=False, publish=False, user=None, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{path}: no such file or folder.")
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"There is no user “{user}”.")
        mode = TermImport.Mode.PUBLISH if publish else TermImport.Mode.DRAFTS
        try:
            parsed, data, _format = formats.parse_path(source, format)
        except Refused as error:
            raise CommandError(str(error)) from None
        digest = upload_digest(data)
        result = plan(parsed, user=actor, data_digest=digest, mode=mode)
        self.show(result)
        if result.has_errors:
            raise CommandError("The dry run found errors; nothing was imported.")
        if dry_run or not result.has_work:
            self.stdout.write("Nothing was written." if dry_run else "Nothing to import.")
            return
        try:
            done = apply(
                parsed,
                user=actor,
                mode=mode,
                data_digest=digest,
                expected_digest=result.digest,
                label=f"Imported from “{source.name}” by manage.py import_terms.",
            )
        except StaleDryRun as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {len(done['created'])} created, {len(done['updated'])} updated, "
                f"{len(done['categories'])} categories created"
                + (f", {len(done['published'])} published." if publish else ".")
            )
        )
        for held in done["held_back"]:
            self.stdout.write(
                self.style.WARNING(f"Left as a draft: {held['title']}: {' '.join(held['reasons'])}")
            )

    def show(self, result) -> None:
        if result.refused:
            raise CommandError(result.refused)
        for note in result.notes:
            self.stdout.write(note)
        for row in result.categories:
            if row.outcome != Outcome.UNCHANGED:
                self.stdout.write(f"category {row.title} ({row.source}): {row.outcome}")
                for reason in row.reasons:
                    self.stdout.write(f"  - {reason}")
        for row in result.rows:
            if row.outcome == Outcome.UNCHANGED:
                continue
            fields = ", ".join(diff["label"] for diff in row.diff)
            detail = f" ({fields})" if fields else ""
            self.stdout.write(f"{row.source}: {row.title or '(no title)'}: {row.outcome}{detail}")
            for reason in row.reasons:
                self.stdout.write(f"  - {reason}")
        counts = result.counts
        self.stdout.write(
            f"Dry run: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors; "
            f"{counts['categories']} new categories."
        )

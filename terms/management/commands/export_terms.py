from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from terms.models import TermImport
from terms.transfer import exporting, markdown_format
from terms.transfer.exporting import Source


class Command(BaseCommand):
    help = (
        "Export the glossary as CSV, JSON or Markdown files, from the live glossary (what "
        "readers see) or the working copies; import_terms reads any of them back unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=[choice.value for choice in TermImport.Format],
            default=TermImport.Format.JSON,
        )
        parser.add_argument("--source", choices=[Source.LIVE, Source.WORKING], default=Source.LIVE)
        parser.add_argument(
            "--output",
            help="Where to write: a file (a .zip for Markdown), or for Markdown a folder. "
            "CSV and JSON go to standard output without it.",
        )

    def handle(self, *args, format, source, output=None, **options):
        if format == TermImport.Format.MARKDOWN and not output:
            raise CommandError("Markdown needs --output: a .zip file or a folder.")
        if output and format == TermImport.Format.MARKDOWN and not output.endswith(".zip"):
            folder = Path(output)
            if folder.exists() and not folder.is_dir():
                raise CommandError(f"{output} exists and is not a folder.")
            folder.mkdir(parents=True, exist_ok=True)
            files = markdown_format.files_of(exporting.export(source))
            for name, text in files.items():
                (folder / name).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {len(files)} files to {folder}.")
            return
        data = exporting.export_bytes(source, format)
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Wrote {len(data):,} bytes to {output}.")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")

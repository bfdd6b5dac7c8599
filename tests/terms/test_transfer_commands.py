"""import_terms and export_terms, as an operator runs them."""

import io

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from terms.models import Category, Publication, Term
from tests.terms.transfer_files import json_file, term_entry

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def category():
    return Category.objects.create(name="Cat", slug="cat")


def test_dry_run_writes_nothing_and_import_publishes(tmp_path, category):
    path = tmp_path / "glossary.json"
    path.write_bytes(json_file([term_entry("Command line", "cat")]))
    out = run("import_terms", str(path), "--dry-run")
    assert "term 1: Command line: new" in out
    assert "Dry run: 1 new, 0 changed, 0 unchanged, 0 with errors" in out
    assert "Nothing was written." in out
    assert not Term.objects.exists()
    out = run("import_terms", str(path), "--publish")
    assert "Imported: 1 created, 0 updated, 0 categories created, 1 published." in out
    term = Term.objects.get(slug="command-line")
    assert Publication.objects.live().filter(term=term).exists()
    (version,) = Version.objects.get_for_object(term)
    assert version.revision.get_comment() == (
        "Imported from “glossary.json” by manage.py import_terms."
    )
    assert "Nothing to import." in run("import_terms", str(path), "--publish")


def test_errors_stop_the_import_with_a_non_zero_exit(tmp_path, category):
    path = tmp_path / "glossary.csv"
    path.write_bytes(b"title,summary,category\r\nBroken,=1+1,cat\r\n")
    with pytest.raises(CommandError, match="The dry run found errors"):
        run("import_terms", str(path))
    assert not Term.objects.exists()
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="not valid UTF-8"):
        run("import_terms", str(path), "--format", "csv")


def test_as_a_user_their_permissions_apply(tmp_path, category, writer):
    path = tmp_path / "glossary.json"
    path.write_bytes(
        json_file(
            [term_entry("Writer's", "new")],
            categories=[{"name": "New", "slug": "new"}],
        )
    )
    with pytest.raises(CommandError, match="found errors"):
        run("import_terms", str(path), "--user", writer.username)
    with pytest.raises(CommandError, match="no user"):
        run("import_terms", str(path), "--user", "nobody")


def test_export_to_stdout_a_file_and_a_folder_then_import_the_folder(tmp_path, category):
    path = tmp_path / "in.json"
    path.write_bytes(json_file([term_entry("Round", "cat", aliases=["Circle"])]))
    run("import_terms", str(path), "--publish")
    assert '"title": "Round"' in run("export_terms", "--format", "json")
    run(
        "export_terms",
        "--format",
        "csv",
        "--source",
        "working",
        "--output",
        str(tmp_path / "g.csv"),
    )
    assert (tmp_path / "g.csv").read_bytes().startswith(b"\xef\xbb\xbftitle,")
    folder = tmp_path / "md"
    run("export_terms", "--format", "markdown", "--output", str(folder))
    text = (folder / "round.md").read_text()
    assert text.startswith("---\ntitle: Round\nslug: round\n")
    assert "\n## Why it matters\n\nIt matters.\n" in text
    assert (folder / "categories.yaml").exists()
    assert "0 new, 0 changed, 1 unchanged" in run("import_terms", str(folder), "--dry-run")
    with pytest.raises(CommandError, match="needs --output"):
        run("export_terms", "--format", "markdown")

"""Hostile files: zip bombs, path traversal, links, too many files or rows, huge uploads, bad
UTF-8, formula cells, YAML bombs and the shared corpus of hostile strings. Each is refused with
a reason, or imported as plain text, and nothing is written to disk or lost."""

import io
import stat
import zipfile

import pytest
from django.core.management import CommandError, call_command

from terms.models import Category, Term
from terms.transfer import exporting, formats
from terms.transfer.incoming import Refused
from tests.hostile import MARKUP, elements_in, is_script_url
from tests.terms.transfer_files import (
    csv_file,
    dry_run,
    import_file,
    json_file,
    term_entry,
    zip_file,
)

MD = "---\ntitle: {title}\ncategory: cat\n---\nText.\n"


def refused(data: bytes, format_name: str, match: str):
    with pytest.raises(Refused, match=match):
        formats.parse(data, format_name)


def test_a_zip_bomb_is_refused_from_its_directory_before_reading(settings, tmp_path):
    settings.TRANSFER_MAX_UNCOMPRESSED_BYTES = 5 * 1024**2
    bomb = zip_file({"bomb.md": b"0" * (6 * 1024**2)})
    assert len(bomb) < 10_000
    refused(bomb, "markdown", "more than 5,242,880 bytes uncompressed")
    assert not list(tmp_path.iterdir())


def test_a_highly_compressed_archive_is_refused_by_its_ratio():
    refused(zip_file({"a.md": b"0" * (3 * 1024**2)}), "markdown", "expands .* times")


def test_an_archive_whose_directory_lies_about_sizes_is_refused(settings):
    settings.TRANSFER_MAX_UNCOMPRESSED_BYTES = 200_000
    settings.TRANSFER_MAX_COMPRESSION_RATIO = 10**9
    honest = zip_file({"a.md": b"x" * 300_000})
    # The central directory says 10 bytes; the data holds 300,000.
    lying = honest.replace((300_000).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    with pytest.raises(Refused):
        formats.parse(lying, "markdown")


@pytest.mark.parametrize(
    "name", ["../evil.md", "terms/../../evil.md", "/etc/evil.md", "..\\evil.md", "C:/evil.md"]
)
def test_path_traversal_is_refused(name):
    refused(zip_file({"ok.md": MD.format(title="Ok"), name: "x"}), "markdown", "path traversal")


def test_links_in_an_archive_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link.md")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    refused(buffer.getvalue(), "markdown", "is a link")


def test_too_many_files_rows_or_bytes_are_refused(settings):
    settings.TRANSFER_MAX_FILES = 3
    refused(zip_file({f"{n}.md": "x" for n in range(4)}), "markdown", "at most 3 are allowed")
    settings.TRANSFER_MAX_TERMS = 2
    rows = [term_entry(f"T{n}", "cat") for n in range(3)]
    refused(csv_file(rows), "csv", "more than 2 terms")
    refused(json_file(rows), "json", "one import takes at most 2")
    settings.TRANSFER_MAX_UPLOAD_BYTES = 50
    refused(b"title\r\n" + b"x" * 60, "csv", "the most one import takes is 50 bytes")


def test_not_a_zip_is_refused():
    refused(b"PK\x03\x04 not really a zip", "markdown", "not a zip archive")


@pytest.mark.django_db
def test_formula_cells_and_bad_utf8_reach_the_dry_run_with_their_place():
    Category.objects.create(name="Cat", slug="cat")
    plan = dry_run(b"title,summary,category\r\n@Ok,fine,cat\r\nFine,+1 more,cat\r\n", "csv")
    first, second = plan.rows
    assert first.source == "line 2"
    assert "The “title” cell starts with @" in first.reasons[0]
    assert "The “summary” cell starts with +" in second.reasons[0]
    archive = zip_file({"good.md": MD.format(title="Good"), "bad.md": b"---\ntitle: \xe9\n---\n"})
    rows = {row.source: row for row in dry_run(archive, "markdown").rows}
    assert rows["good.md"].outcome == "new"
    assert "byte at offset 11 (line 2) is 0xe9" in rows["bad.md"].reasons[0]


@pytest.mark.django_db
def test_hostile_strings_import_as_plain_text_and_export_unchanged(editor, client):
    Category.objects.create(name="Cat", slug="cat")
    entries = [
        term_entry(
            f"Hostile {n}",
            "cat",
            summary=payload,
            aliases=[f"Alias {n} {payload}"[:200]],
            tags=[f"tag {n}"],
            definition=f"{payload}\n\n{payload}",
        )
        for n, payload in enumerate(MARKUP)
    ]
    import_file(json_file(entries), user=editor, mode="publish")
    assert Term.objects.filter(status=Term.Status.PUBLISHED).count() == len(MARKUP)
    for n, payload in enumerate(MARKUP):
        term = Term.objects.get(slug=f"hostile-{n}")
        assert term.summary == payload
        for name, attrs in elements_in(term.definition_html):
            assert name not in {"script", "iframe", "style", "svg"}
            assert not [a for a, _ in attrs if a.startswith("on")]
            assert not is_script_url(dict(attrs).get("href") or dict(attrs).get("src"))
    for format_name in ("json", "csv", "markdown"):
        exported = exporting.export_bytes("working", format_name)
        parsed = formats.parse(exported, format_name)
        by_title = {term.title: term for term in parsed.terms}
        for n, payload in enumerate(MARKUP):
            assert by_title[f"Hostile {n}"].summary == payload, format_name
            assert by_title[f"Hostile {n}"].definition == f"{payload}\n\n{payload}", format_name
        plan = dry_run(exported, format_name, user=editor)
        assert {row.outcome for row in plan.rows} == {"unchanged"}, format_name


@pytest.mark.django_db
def test_the_command_refuses_a_hostile_folder_link(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "ok.md").write_text(MD.format(title="Ok"))
    (folder / "escape.md").symlink_to("/etc/hostname")
    with pytest.raises(CommandError, match="is a link"):
        call_command("import_terms", str(folder), "--dry-run")

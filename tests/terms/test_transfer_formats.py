"""Each format in and out: what a file says is what the import reads, and every export reads
back as the same glossary (byte for byte for JSON)."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command

from glossary_site.spreadsheet_cells import neutralise, restore
from terms.models import Category, Publication, Term
from terms.transfer import csv_format, exporting, formats, json_format, markdown_format
from terms.transfer.incoming import Refused
from tests.terms.transfer_files import csv_file, import_file, json_file, zip_file


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''=x", "'twas", "plain", "", "'"],
)
def test_a_neutralised_cell_restores_to_what_was_written(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_rows_lists_and_line_numbers():
    data = (
        "Title,Slug,Summary,Category,Tags,Aliases,Related,Definition,Why it matters,In practice\r\n"
        'Large language model,llm-x,A model.,foundations,llm | text,LLM|Big model,,"Line one\n\n'
        'line two",Why.,How.\r\n'
        "\r\n"
        "Token,,Piece of text.,foundations,,,Large language model,'-1 is a token,,\r\n"
    ).encode("utf-8-sig")
    parsed = csv_format.parse(data)
    first, second = parsed.terms
    assert first.source == "line 2"
    assert second.source == "line 6"
    assert first.slug == "llm-x"
    assert first.tags == ["llm", "text"]
    assert first.aliases == ["LLM", "Big model"]
    assert first.definition == "Line one\n\nline two"
    # The apostrophe a spreadsheet-safe export writes is taken off again.
    assert second.definition == "-1 is a token"
    assert second.related == ["Large language model"]
    assert not first.errors
    assert not second.errors


def test_csv_formula_cells_are_errors_and_unknown_columns_warnings():
    data = csv_file(
        [{"title": "Ok", "summary": '=HYPERLINK("http://evil")', "notes": "x"}],
        columns=("title", "summary", "notes"),
    )
    (term,) = csv_format.parse(data).terms
    assert any("“summary” cell starts with =" in error for error in term.errors)
    assert term.summary == ""
    assert "“notes”" in term.warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"name,summary\r\nx,y\r\n", "no “title” column"),
        (b"title,title\r\nx,y\r\n", "names title more than once"),
        (b"title\r\nok\r\n\xff\xfe bad\r\n", "byte at offset 11 (line 3) is 0xff"),
    ],
)
def test_csv_files_that_cannot_be_read_are_refused_with_the_place(data, message):
    with pytest.raises(Refused, match=re.escape(message)):
        formats.parse(data, "csv")


def test_json_both_shapes_and_wrong_types():
    listed = json_format.parse(b'[{"title": "A", "tags": "one"}]')
    assert listed.terms[0].tags == ["one"]
    parsed = json_format.parse(
        b'{"categories": [{"name": "Cat", "slug": "cat"}], '
        b'"terms": [{"title": ["x"], "aliases": [1], "sumary": "typo"}]}'
    )
    assert parsed.categories[0].slug == "cat"
    (term,) = parsed.terms
    assert "“title” must be text." in term.errors
    assert "“aliases” must be a list of names." in term.errors
    assert "“sumary”" in term.warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"terms": [}', "line 1, column 12"),
        (b'{"terms": [], "terms": []}', "“terms” appears twice"),
        (b'{"items": []}', "“terms” list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_json_refusals(data, message):
    with pytest.raises(Refused, match=message):
        formats.parse(data, "json")


MARKDOWN = """---
title: Retrieval-augmented generation
slug: rag
summary: "Looking things up: then answering."
category: using-ai
tags: [retrieval, llm]
aliases:
- RAG
related: [Embedding]
date: 2024-01-01
---

## Definition

The model is given **documents**.

### A subheading stays in the section

Still the definition.

## Why it matters

Fewer made-up answers.

## In practice

Search, then prompt.
"""


def test_markdown_front_matter_and_sections():
    parsed = markdown_format.parse(zip_file({"terms/rag.md": MARKDOWN, "notes.txt": "x"}))
    (term,) = parsed.terms
    assert term.source == "terms/rag.md"
    assert (term.title, term.slug, term.category) == (
        "Retrieval-augmented generation",
        "rag",
        "using-ai",
    )
    assert term.summary == "Looking things up: then answering."
    assert term.aliases == ["RAG"]
    assert term.related == ["Embedding"]
    assert term.definition.startswith("The model is given **documents**.")
    assert term.definition.endswith("Still the definition.")
    assert term.why_it_matters == "Fewer made-up answers."
    assert term.in_practice == "Search, then prompt."
    assert "“date”" in term.warnings[0]
    assert "notes.txt" in parsed.notes[0]


def test_markdown_without_headings_is_all_definition_and_problems_are_per_file():
    parsed = markdown_format.parse_files(
        {
            "plain.md": b"---\ntitle: Plain\n---\nJust a definition.\n",
            "bare.md": b"No front matter here.",
            "open.md": b"---\ntitle: Open\n",
            "bad.md": b"---\ntitle: Bad \xc3\x28\n---\n",
            "laughs.md": b"---\na: &a [x, x]\nb: [*a, *a]\ntitle: L\n---\n",
            "before.md": b"---\ntitle: B\n---\nStray text\n## Definition\nD\n",
        }
    )
    by_name = {term.source: term for term in parsed.terms}
    assert by_name["plain.md"].definition == "Just a definition."
    assert not by_name["plain.md"].errors
    assert "must start with front matter" in by_name["bare.md"].errors[0]
    assert "no closing" in by_name["open.md"].errors[0]
    assert "byte at offset 15 (line 2) is 0xc3" in by_name["bad.md"].errors[0]
    assert "aliases (*name) are not allowed" in by_name["laughs.md"].errors[0]
    assert "text before the first section heading" in by_name["before.md"].errors[0]


def _wipe_glossary():
    Term.objects.all().delete()
    Category.objects.all().delete()


def _glossary() -> list[tuple]:
    """The glossary as readers see it, without ids or times (wiki links name slugs)."""
    slugs = dict(Term.objects.values_list("pk", "slug"))

    def html(text):
        return re.sub(r'data-term="(\d+)"', lambda m: f'data-term="{slugs[int(m[1])]}"', text)

    return sorted(
        (
            p.title,
            p.slug,
            p.summary,
            p.category.slug,
            html(p.definition_html),
            html(p.why_it_matters_html),
            html(p.in_practice_html),
            tuple(p.alias_names),
            tuple(tag["name"].lower() for tag in p.tag_list),
            tuple(Term.objects.get(pk=pk).slug for pk in p.related_term_ids),
        )
        for p in Publication.objects.live().select_related("category")
    )


@pytest.mark.django_db
def test_json_round_trip_into_an_empty_glossary_is_byte_for_byte():
    call_command("load_demo_content")
    before_pages = _glossary()
    exported = exporting.export_bytes("live", "json")
    _wipe_glossary()
    _, result = import_file(exported, "json", mode="publish")
    assert not result["held_back"]
    assert exporting.export_bytes("live", "json") == exported
    assert _glossary() == before_pages


@pytest.mark.django_db
def test_markdown_round_trip_into_an_empty_glossary():
    call_command("load_demo_content")
    before_pages = _glossary()
    exported = exporting.export_bytes("live", "markdown")
    names = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert "categories.yaml" in names
    assert "open-weight.md" in names
    _wipe_glossary()
    import_file(exported, "markdown", mode="publish")
    assert exporting.export_bytes("live", "markdown") == exported
    assert _glossary() == before_pages


@pytest.mark.django_db
def test_csv_round_trip_onto_the_categories():
    call_command("load_demo_content")
    before_pages = _glossary()
    exported = exporting.export_bytes("live", "csv")
    assert exported.startswith(b"\xef\xbb\xbftitle,slug,summary,category,tags")
    Term.objects.all().delete()
    import_file(exported, "csv", mode="publish")
    assert exporting.export_bytes("live", "csv") == exported
    assert _glossary() == before_pages


@pytest.mark.django_db
def test_working_copies_export_includes_drafts_and_the_live_export_does_not(editor):
    call_command("load_demo_content")
    category = Category.objects.first().slug
    import_file(json_file([{"title": "Secret draft", "category": category}]), user=editor)
    working = exporting.export_bytes("working", "json").decode()
    live = exporting.export_bytes("live", "json").decode()
    assert '"title": "Secret draft"' in working
    assert "Secret draft" not in live


@pytest.mark.django_db
def test_csv_export_neutralises_formula_cells(editor):
    category = Category.objects.create(name="Cat", slug="cat")
    data = json_file(
        [{"title": "Sum", "summary": "=SUM(A1:A9)", "category": category.slug, "tags": ["@x"]}]
    )
    import_file(data, user=editor)
    exported = exporting.export_bytes("working", "csv").decode("utf-8-sig")
    assert ",'=SUM(A1:A9),cat,'@x," in exported
    # And back: the apostrophes come off, the text is what was written.
    (term,) = csv_format.parse(exported.encode()).terms
    assert term.summary == "=SUM(A1:A9)"
    assert term.tags == ["@x"]
    assert not term.errors

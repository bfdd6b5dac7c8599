"""Markdown table alignment is a class, never a style attribute (the CSP allows no inline
styles), including in HTML stored before the change."""

import importlib

import pytest
from django.apps import apps

from terms.models import Publication, Term
from terms.rendering import render_markdown, sanitize_html
from tests.factories import TermFactory
from tests.pages import term_page

pytestmark = pytest.mark.django_db

TABLE = "| Left | Centre | Right | Plain |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"
migration = importlib.import_module("terms.migrations.0013_table_alignment_classes")


def test_aligned_columns_get_a_class_and_plain_ones_nothing():
    html = render_markdown(TABLE)

    assert '<th class="align-left">Left</th>' in html
    assert '<th class="align-center">Centre</th>' in html
    assert '<th class="align-right">Right</th>' in html
    assert "<th>Plain</th>" in html
    assert '<td class="align-left">1</td>' in html
    assert '<td class="align-right">3</td>' in html
    assert "<td>4</td>" in html
    assert "style" not in html


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        ('<td class="align-right">x</td>', '<td class="align-right">x</td>'),
        ('<td style="text-align:right">x</td>', "<td>x</td>"),
        ('<td class="align-right evil">x</td>', "<td>x</td>"),
        ('<td class="hidden">x</td>', "<td>x</td>"),
    ],
)
def test_the_sanitizer_keeps_only_the_alignment_classes_on_cells(cell, kept):
    html = sanitize_html(f"<table><tbody><tr>{cell}</tr></tbody></table>")

    assert html == f"<table><tbody><tr>{kept}</tr></tbody></table>"


def test_the_alignment_classes_are_dropped_elsewhere():
    assert sanitize_html('<p class="align-right">x</p>') == "<p>x</p>"


def test_a_published_table_is_aligned_by_classes_on_the_page(client):
    term = TermFactory(title="Benchmarks", in_practice=TABLE)

    html = term_page(client, term)

    assert '<td class="align-center">2</td>' in html
    assert "style=" not in html


OLD = (
    '<table><thead><tr><th style="text-align:left">a</th><th>b</th>'
    '<th style="text-align:right">c</th></tr></thead><tbody><tr>'
    '<td style="text-align:center">1</td><td>2</td><td style="text-align:right">3</td>'
    "</tr></tbody></table><p>Text about style=&quot;text-align:left&quot;.</p>"
)
NEW = (
    '<table><thead><tr><th class="align-left">a</th><th>b</th>'
    '<th class="align-right">c</th></tr></thead><tbody><tr>'
    '<td class="align-center">1</td><td>2</td><td class="align-right">3</td>'
    "</tr></tbody></table><p>Text about style=&quot;text-align:left&quot;.</p>"
)


def test_the_migration_rewrites_stored_html_and_back(client):
    term = TermFactory(title="Benchmarks")
    Term.objects.filter(pk=term.pk).update(in_practice_html=OLD)
    Publication.objects.filter(term=term).update(in_practice_html=OLD, definition_html="<p>x</p>")

    migration.styles_to_classes(apps, None)

    publication = Publication.objects.get(term=term)
    assert publication.in_practice_html == NEW
    assert publication.definition_html == "<p>x</p>"
    assert Term.objects.get(pk=term.pk).in_practice_html == NEW
    assert "style=" not in term_page(client, term).replace("style=&quot;", "")

    migration.classes_to_styles(apps, None)

    assert Publication.objects.get(term=term).in_practice_html == OLD

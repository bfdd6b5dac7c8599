"""A wiki link shows the words the writer typed, in the case they typed them."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from terms.models import Term
from terms.rendering import render
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_the_link_text_is_what_the_writer_typed():
    TermFactory(title="Training data", slug="training-data")

    html = render(
        "[[Training data]] matters: models learn from [[training data]] and "
        "[[training-data|the examples they see]]."
    ).html

    texts = re.findall(r'<a class="wiki-link" data-term="\d+">([^<]*)</a>', html)
    assert texts == ["Training data", "training data", "the examples they see"]


def test_no_demo_term_capitalises_a_link_in_mid_sentence():
    call_command("load_demo_content")

    mid_sentence = re.compile(r'[a-z,;:] <a class="wiki-link" data-term="\d+">[A-Z][a-z]')
    offenders = [
        term.title
        for term in Term.objects.all()
        if any(
            mid_sentence.search(getattr(term, f"{name}_html"))
            for name in ("definition", "why_it_matters", "in_practice")
        )
    ]
    assert offenders == []


def test_the_editor_is_told_how_links_read(client, editor):
    client.force_login(editor)

    page = client.get(reverse("admin:terms_term_add")).content.decode()

    assert "written as the sentence needs it" in page

"""Comparing versions: changed fields only unless asked, word-level marks, line breaks kept,
and the sections as readers see them."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from terms.models import EditorPreference
from tests import hostile
from tests.factories import TermFactory
from tests.terms.conftest import save_in_admin

pytestmark = pytest.mark.django_db

BEFORE = "A **small** model.\n\nIt learns from data."
AFTER = "A **large** model.\n\nIt learns from data.\nAnd from feedback."


@pytest.fixture
def edited(client, editor):
    term = TermFactory(title="Scaling law", slug="scaling-law", definition=BEFORE)
    client.force_login(editor)
    save_in_admin(client, term, definition=AFTER)
    return term


def compare(client, term, **params):
    response = client.get(
        reverse("admin:terms_term_compare", args=[term.pk]),
        {"from": "live", "to": "working", **params},
    )
    assert response.status_code == 200
    return response.content.decode()


def rows(page):
    return [label.strip() for label in re.findall(r'<th scope="row">([^<]+)', page)]


def test_only_changed_fields_are_shown_unless_all_are_asked_for(client, edited):
    page = compare(client, edited)

    assert rows(page) == ["Definition"]
    assert "1 of 10 fields changed." in page
    everything = compare(client, edited, fields="all")
    assert "Why it matters" in rows(everything)
    assert "Title" in rows(everything)
    # The switch keeps the versions being compared.
    assert 'href="?from=live&amp;to=working&amp;fields=all&amp;view=markdown"' in page


def test_words_are_marked_and_line_breaks_kept(client, edited):
    page = compare(client, edited)

    assert "**<del>small</del>**" in page
    assert "**<ins>large</ins>**" in page
    # The new line is marked as added, with its line break; the rest is as it was.
    assert "It learns from data.<ins>\nAnd from feedback.</ins>" in page
    assert '<td class="compare-text">' in page


def test_the_sections_as_readers_see_them(client, edited):
    page = compare(client, edited, view="rendered")

    assert "<strong><del>small</del></strong>" in page
    assert "<strong><ins>large</ins></strong>" in page
    assert '<td class="compare-rendered">' in page
    assert "**" not in page.split("<tbody>")[1]


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag in {"ins", "del", "p", "strong", "em", "li", "ul", "td"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        tracked = tag in {"ins", "del", "p", "strong", "em", "li", "ul", "td"}
        if tracked and (not self.stack or self.stack.pop() != tag):
            self.errors.append(tag)


def test_marks_in_the_rendered_view_never_break_the_markup(client, editor):
    term = TermFactory(title="Lists", definition="- one\n- two\n\nA *short* end.")
    client.force_login(editor)
    save_in_admin(client, term, definition="Intro.\n\n- one\n- three\n- four\n\nA *longer* end.")

    page = compare(client, term, view="rendered")

    table = page.split("<tbody>")[1].split("</tbody>")[0]
    checker = Balance()
    checker.feed(table)
    assert checker.errors == []
    assert checker.stack == []


@pytest.mark.parametrize("payload", hostile.MARKUP)
def test_hostile_text_is_shown_as_text_in_both_views(client, editor, payload):
    term = TermFactory(title="Hostile", slug="hostile", summary="Plain.")
    client.force_login(editor)
    save_in_admin(client, term, summary=payload, definition=f"Before {payload} after.")

    for view in ("markdown", "rendered"):
        table = compare(client, term, view=view).split("<tbody>")[1].split("</tbody>")[0]
        # Only the comparison's markup and the renderer's allow-list (an <img> without a
        # data: source is allowed): no live payload.
        assert not re.search(r"<(script|iframe|svg|style)\b", table)
        assert not re.search(r"\son\w+=", re.sub(r">[^<]*<", "><", table))
        assert 'href="javascript:' not in table.lower()


def test_hostile_version_ids_in_the_address_are_refused(client, edited):
    response = client.get(
        reverse("admin:terms_term_compare", args=[edited.pk]),
        {"from": "<script>", "to": "working"},
        follow=True,
    )

    assert "This term has no such version to compare." in response.content.decode()


def test_version_labels_are_in_the_editors_zone(client, editor, edited):
    EditorPreference.objects.create(user=editor, time_zone="Asia/Tokyo")

    page = compare(client, edited)

    assert re.search(r"Live version \(published [A-Z][a-z]+\.? \d+, \d{4}, [^)]* JST\)", page)


def test_history_breadcrumbs_have_no_empty_link(client, edited):
    page = client.get(reverse("admin:terms_term_history", args=[edited.pk])).content.decode()

    crumbs = page.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert re.findall(r"<a [^>]*>\s*</a>", crumbs) == []
    assert ">Terms</a>" in crumbs


def test_a_never_live_term_offers_no_comparison_with_live(client, editor):
    draft = TermFactory(title="Unborn", status="draft")
    client.force_login(editor)

    page = client.get(reverse("admin:terms_term_history", args=[draft.pk])).content.decode()

    assert "Compare the working copy with the live version" not in page

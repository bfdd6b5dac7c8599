"""Drafts, terms in review, scheduled and withdrawn terms never reach readers."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from terms.models import Term
from tests.factories import CategoryFactory, TermFactory, edit, publish, unpublish

pytestmark = pytest.mark.django_db

MARKER = "Zqxmarker"


@pytest.fixture
def hidden_terms():
    """One term in each state readers must not see, all sharing a tag and a category."""
    category = CategoryFactory(name="Shared", slug="shared")
    common = {"category": category, "tags": ["shared", f"{MARKER.lower()}-tag"]}
    draft = TermFactory(title=f"{MARKER} draft", status=Term.Status.DRAFT, **common)
    in_review = TermFactory(title=f"{MARKER} review", status=Term.Status.DRAFT, **common)
    Term.objects.filter(pk=in_review.pk).update(status=Term.Status.IN_REVIEW)
    scheduled = TermFactory(title=f"{MARKER} scheduled", status=Term.Status.DRAFT, **common)
    publish(scheduled, go_live_at=timezone.now() + dt.timedelta(days=3))
    archived = TermFactory(title=f"{MARKER} archived", aliases=[f"{MARKER} alias"], **common)
    unpublish(archived)
    staged = TermFactory(
        title="Staged term", slug="staged-term", category=category, tags=["shared"]
    )
    edit(staged, summary=f"{MARKER} unpublished summary", title=f"{MARKER} new title")
    hidden = [draft, in_review, scheduled, archived]
    visible = TermFactory(
        title="Visible term",
        slug="visible-term",
        related=hidden,
        # Links by slug with the author's own label: the label is the author's text, shown as
        # plain text while the target is hidden; the target's title must never appear.
        definition=" ".join(f"[[{term.slug}|a neighbour]]" for term in hidden),
        category=category,
        tags=["shared"],
    )
    return hidden, visible


def public_urls(hidden, visible):
    letters = [f"/terms/?letter={letter}" for letter in "ZSV#"]
    return [
        "/",
        "/terms/",
        *letters,
        "/categories/shared/",
        "/tags/shared/",
        visible.get_absolute_url(),
        "/terms/staged-term/",
        "/search/?q=term",
        # A prefix of every hidden title (the whole marker would be echoed as the query).
        f"/search/?q={MARKER[:-1]}",
        f"/search/suggest/?q={MARKER[:-1]}",
        "/search/suggest/?q=staged",
        "/sitemap.xml",
        "/feeds/terms/rss/",
        "/feeds/terms/atom/",
        "/api/terms/",
        "/api/terms/visible-term/",
        "/api/terms/staged-term/",
        *[f"/api/terms/{term.slug}/" for term in hidden],
        "/robots.txt",
        "/healthz",
        *[f"/terms/{term.slug}/" for term in hidden],
        *[reverse("terms:preview", args=[term.pk]) for term in hidden],
        f"/tags/{MARKER.lower()}-tag/",
    ]


def test_hidden_terms_appear_on_no_public_page(client, hidden_terms):
    hidden, visible = hidden_terms

    for url in public_urls(hidden, visible):
        response = client.get(url, follow=True)
        html = response.content.decode().lower()
        if response.status_code == 404:
            # A 404's search box holds the words of the address asked for, whatever exists
            # there: an echo of the request, the same for a draft's address as for nothing.
            html = re.sub(r'<input id="error-search"[^>]*>', "", html)
        assert MARKER.lower() not in html, url
        assert response.status_code in (200, 404, 410), url


def test_hidden_terms_have_no_public_address(client, hidden_terms):
    hidden, _ = hidden_terms
    draft, in_review, scheduled, archived = hidden

    for term in (draft, in_review, scheduled):
        assert client.get(term.get_absolute_url()).status_code == 404
    assert client.get(archived.get_absolute_url()).status_code == 410
    assert client.get(f"/terms/{MARKER.lower()}-alias/").status_code == 404


def test_searching_for_hidden_terms_finds_nothing(client, hidden_terms):
    response = client.get("/search/", {"q": MARKER})

    assert f"No terms match “{MARKER}”." in response.content.decode()
    assert response.context["paginator"].count == 0

"""Listings that scale: the A–Z one letter at a time, paginated categories and tags, a home
page and term page whose work does not grow with the glossary."""

import re

import pytest
from django.urls import reverse

from terms.links import LINKED_FROM_MAX, SUGGESTION_CANDIDATES
from terms.models import Term
from tests.factories import CategoryFactory, TermFactory
from tests.pages import page_html, term_page
from tests.pages import queries_for as queries_of_one_request

pytestmark = pytest.mark.django_db

LONG_SUMMARY = ("A summary as long as editors may write it, " * 6)[:240]


def letter_page(client, letter, page=None) -> str:
    params = {"letter": letter} | ({"page": page} if page else {})
    return page_html(client, reverse("terms:index"), params)


def index_titles(html: str) -> list[str]:
    """Term entries (not aliases) on an A–Z page, in order."""
    return re.findall(r'class="index-entry__title">([^<]+)</a>', html)


def queries_for(client, url, params=None) -> int:
    """The queries a page makes once the first request after a cache flush has filled what
    every page shares (when content next changes by itself, the newsletter copy)."""
    page_html(client, url, params)
    return queries_of_one_request(client, url, params)


def make_terms(count: int, *, start: int = 0, prefix: str = "Model", **kwargs) -> None:
    for n in range(start, start + count):
        TermFactory(
            title=f"{prefix} {n:04d}",
            slug=f"{prefix.lower()}-{n:04d}",
            related=[],
            definition="An entry.",
            **kwargs,
        )


def test_a_letter_page_lists_only_that_letter_in_order(client):
    make_terms(3, prefix="Mixture")
    TermFactory(title="Attention")
    TermFactory(title="Neuron")

    html = letter_page(client, "m")

    assert index_titles(html) == ["Mixture 0000", "Mixture 0001", "Mixture 0002"]
    assert "Attention" not in html
    assert "Neuron" not in html
    assert "<h1>Terms starting with “M”</h1>" in html


def test_the_index_without_a_letter_shows_the_first_letter_that_has_terms(client):
    TermFactory(title="Gradient descent")
    TermFactory(title="Tokenizer")

    html = page_html(client, reverse("terms:index"))

    assert index_titles(html) == ["Gradient descent"]
    assert "<h1>All terms A–Z</h1>" in html
    assert 'href="/terms/?letter=G" aria-current="page"' in html
    assert 'href="/terms/?letter=T"' in html
    assert 'aria-disabled="true" title="No terms start with A"' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/terms/">' in html


def test_pages_within_a_letter_keep_the_letter_and_say_where_they_are(client):
    make_terms(80)

    first = letter_page(client, "M")
    second = letter_page(client, "M", page=2)

    assert len(index_titles(first)) == 60
    assert index_titles(second) == [f"Model {n:04d}" for n in range(60, 80)]
    assert 'rel="next" href="?letter=M&amp;page=2"' in first
    assert 'rel="prev" href="?letter=M&amp;page=1"' in second
    assert "80 entries · page 1 of 2" in first
    assert "Model 0000 – Model 0059" in first
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>2</span>' in second
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/terms/?letter=M&amp;page=2">' in second
    )
    assert client.get(reverse("terms:index"), {"letter": "M", "page": 3}).status_code == 404


def test_aliases_are_listed_after_their_names_as_secondary_entries(client):
    TermFactory(
        title="Large language model",
        slug="large-language-model",
        summary="A model of text.",
        aliases=["LLM"],
    )
    TermFactory(title="Lasso", summary="A regression.")

    html = letter_page(client, "L")

    alias = re.search(r'<li class="index-entry index-entry--alias">.*?</li>', html).group(0)
    assert ">LLM</span>" in alias
    assert "index-entry__summary" not in alias  # One line: no summary under an alias.
    assert '<span class="index-entry__target">Large language model</span>' in alias
    assert 'href="/terms/large-language-model/"' in alias
    assert index_titles(html) == ["Large language model", "Lasso"]
    # Machines are told about terms, not their other names.
    assert '"name": "LLM"' not in html


def test_a_letter_reached_only_through_an_alias_is_in_the_strip(client):
    TermFactory(title="Extreme gradient boosting", aliases=["XGBoost"])

    html = page_html(client, "/")

    assert 'href="/terms/?letter=X"' in html
    assert "XGBoost" in letter_page(client, "X")


def test_a_letter_page_with_many_long_entries_stays_under_60_kb(client):
    for n in range(120):
        TermFactory(
            title=f"Mechanistic interpretability method number {n:04d}",
            slug=f"mechanistic-{n:04d}",
            summary=LONG_SUMMARY,
            aliases=[f"MIM-{n:04d}"] if n % 3 == 0 else [],
            related=[],
        )

    response = client.get(reverse("terms:index"), {"letter": "M"})

    assert response.status_code == 200
    assert len(response.content) < 60 * 1024
    assert 'rel="next"' in response.content.decode()


def test_a_letter_page_makes_the_same_queries_at_50_and_at_300_terms(client):
    make_terms(50, aliases=[])
    small = queries_for(client, reverse("terms:index"), {"letter": "M"})
    make_terms(250, start=50)
    large = [
        queries_for(client, reverse("terms:index"), {"letter": "M", "page": p}) for p in (1, 3)
    ]

    assert small == large[0] == large[1]
    assert small <= 4


def test_home_makes_the_same_queries_as_content_grows(client):
    make_terms(5, category=CategoryFactory())
    few = queries_for(client, "/")
    for _ in range(3):
        make_terms(20, start=Term.objects.count(), category=CategoryFactory(), tags=["x"])
    many = queries_for(client, "/")

    assert few == many
    assert many <= 3


def test_category_pages_paginate(client):
    category = CategoryFactory(name="Training", slug="training")
    make_terms(60, category=category)
    TermFactory(title="Model draft", category=category, status=Term.Status.DRAFT)

    first = page_html(client, category.get_absolute_url())
    second = page_html(client, category.get_absolute_url(), {"page": 2})

    assert first.count('<article class="term-card') == 48
    assert second.count('<article class="term-card') == 12
    assert "60 terms · page 1 of 2" in first
    assert "Model 0000" in first
    assert "Model 0059" in second
    assert "Model draft" not in first + second
    assert 'rel="next" href="?page=2"' in first
    assert "<title>Training, page 2 —" in second
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/categories/training/?page=2">' in second
    )
    assert client.get(category.get_absolute_url(), {"page": 3}).status_code == 404


def test_tag_pages_paginate(client):
    make_terms(50, tags=["scaling"])
    TermFactory(title="Model draft", tags=["scaling"], status=Term.Status.DRAFT)

    first = page_html(client, reverse("terms:tag", args=["scaling"]))
    second = page_html(client, reverse("terms:tag", args=["scaling"]), {"page": 2})

    assert "50 terms tagged “scaling”." in first
    assert "Page 1 of 2." in first
    assert first.count('<article class="term-card') == 48
    assert second.count('<article class="term-card') == 2
    assert "Model draft" not in first + second
    assert 'rel="next" href="?page=2"' in first


@pytest.mark.parametrize("url", ["/categories/listing/", "/tags/t/"])
def test_category_and_tag_pages_make_the_same_queries_as_they_grow(client, url):
    category = CategoryFactory(slug="listing")
    make_terms(5, category=category, tags=["t"])
    few = queries_for(client, url)
    make_terms(60, start=5, category=category, tags=["t"])

    assert queries_for(client, url) == queries_for(client, url, {"page": 2}) == few


def test_linked_from_lists_a_bounded_number_of_terms(client):
    target = TermFactory(title="Transformer", slug="transformer")
    for n in range(LINKED_FROM_MAX + 2):
        TermFactory(title=f"Linker {n:02d}", definition="Built on the [[Transformer]].")

    html = term_page(client, target)
    linked_from = html[html.index("Linked from") :]

    assert linked_from.count('<li><a href="/terms/linker-') == LINKED_FROM_MAX
    assert ">Linker 00</a>" in linked_from  # Alphabetical: the first ones are shown.
    assert f">Linker {LINKED_FROM_MAX + 1:02d}</a>" not in linked_from
    assert 'href="/search/?q=Transformer"' in linked_from


def test_suggestions_find_a_term_sharing_a_rare_tag_behind_a_popular_one(client):
    TermFactory(title="Old friend", tags=["popular", "rare"])
    make_terms(SUGGESTION_CANDIDATES + 5, tags=["popular"])
    term = TermFactory(title="Main", tags=["popular", "rare"])

    html = term_page(client, term)
    related = html[html.index("Related terms") :]

    titles = re.findall(r'class="term-card__title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles[0] == "Old friend"
    assert len(titles) == 4


def test_the_index_of_an_empty_glossary_says_so(client):
    TermFactory(title="Withdrawn soon", status=Term.Status.DRAFT)

    html = page_html(client, reverse("terms:index"))

    assert "No terms have been published yet." in html
    assert "Withdrawn soon" not in html

"""What search pages say: the correction notice, the helpful 404, one search form a page."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from terms.models import Term
from tests.factories import TermFactory, publish, unpublish
from tests.hostile import MARKUP, elements_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary():
    return {
        "transformer": TermFactory(
            title="Transformer", summary="The architecture behind language models."
        ),
        "llm": TermFactory(
            title="Large language model", aliases=["LLM"], summary="A model of text."
        ),
        "open": TermFactory(
            title="Open weight", aliases=["Open weights"], summary="Weights you can download."
        ),
    }


def html_of(client, url, params=None, status=200):
    response = client.get(url, params)
    assert response.status_code == status, url
    return response.content.decode()


def text_of(html: str, css_class: str) -> str:
    found = re.search(rf'<p class="{css_class}"[^>]*>(.*?)</p>', html, re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""


# --- the correction notice ---


def test_a_corrected_search_says_so_and_links_to_the_words_as_typed(client, glossary):
    html = html_of(client, reverse("terms:search"), {"q": "trasnformer"})

    assert text_of(html, "search-correction") == (
        "Showing results for transformer. Search instead for “trasnformer”"
    )
    assert text_of(html, "search-summary") == "1 result for “transformer”."
    assert 'href="/search/?q=transformer"' in html
    assert 'href="/search/?q=trasnformer&amp;as_typed=1"' in html


def test_a_question_keeps_its_words_in_the_correction(client, glossary):
    html = html_of(client, reverse("terms:search"), {"q": "what is a trasnformer"})

    assert text_of(html, "search-correction").startswith(
        "Showing results for what is a transformer."
    )


def test_searching_as_typed_corrects_nothing(client, glossary):
    html = html_of(client, reverse("terms:search"), {"q": "trasnformer", "as_typed": "1"})

    assert "search-correction" not in html
    assert text_of(html, "search-summary") == "No terms match “trasnformer”."


def test_no_notice_when_the_words_were_found_as_typed(client, glossary):
    html = html_of(client, reverse("terms:search"), {"q": "transformer"})

    assert "search-correction" not in html
    assert "Showing results for" not in html


@pytest.mark.parametrize("hostile", MARKUP)
def test_the_notice_and_the_box_escape_what_was_typed(client, glossary, hostile):
    html = html_of(client, reverse("terms:search"), {"q": f"trasnformer {hostile}"})
    main = html.split("<main", 1)[1].split("</main>", 1)[0]

    for tag, attributes in elements_in(main):
        if tag == "script":  # only the site's own scripts
            assert dict(attributes).get("src", "").startswith("/static/"), hostile
        assert tag not in {"img", "iframe", "svg", "style"}, hostile
        assert not any(name.startswith("on") for name, _ in attributes), hostile


# --- the 404 ---


def test_a_mistyped_term_address_suggests_the_closest_live_terms(client, glossary):
    html = html_of(client, "/terms/trasnformer/", status=404)

    suggested = re.findall(r'<li><a href="(/terms/[^"]+/)">([^<]+)</a>', html)
    assert suggested[0] == ("/terms/transformer/", "Transformer")
    assert "Did you mean…?" in html
    # The search box holds the words of the address.
    assert re.search(r'<input id="error-search"[^>]*value="trasnformer"', html)


def test_a_404_for_an_alias_like_address_suggests_its_term(client, glossary):
    html = html_of(client, "/terms/open-wieghts/", status=404)

    assert '<a href="/terms/open-weight/">Open weight</a>' in html
    assert re.search(r'value="open wieghts"', html)


def test_a_404_never_shows_a_term_that_is_not_live(client, glossary):
    TermFactory(title="Secret transformer plan", status=Term.Status.DRAFT)
    scheduled = TermFactory(title="Transformer roadmap", status=Term.Status.DRAFT)
    publish(scheduled, go_live_at=timezone.now() + timedelta(days=2))
    unpublish(TermFactory(title="Transformer archive"))

    for path in (
        "/terms/secret-transformer-plan/",
        "/terms/transformer-roadmap/",
        "/terms/transformer-archive/",
        "/terms/transformr/",
    ):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code in (404, 410), path
        for hidden in ("Secret transformer plan", "Transformer roadmap", "Transformer archive"):
            assert hidden not in html, (path, hidden)


def test_a_404_elsewhere_has_an_empty_search_box_and_no_suggestions(client, glossary):
    html = html_of(client, "/no-such-page/", status=404)

    assert "Did you mean" not in html
    assert re.search(r'<input id="error-search"[^>]*value=""', html)


def test_a_404_with_nothing_close_says_what_might_have_happened(client, glossary):
    html = html_of(client, "/terms/qqqqzzzz/", status=404)

    assert "Did you mean" not in html
    assert "may have been renamed or is not published yet" in html


def test_the_404_page_costs_a_bounded_number_of_queries(
    client, glossary, django_assert_max_num_queries
):
    """The term page's own lookups (alias, former slug, gone), then the suggestions: the same
    few queries however many terms are alike."""
    with CaptureQueriesContext(connection) as few:
        assert client.get("/terms/transformer-varient/").status_code == 404
    for n in range(40):
        TermFactory(title=f"Transformer variant {n:02}", aliases=[f"TV{n}"])

    with django_assert_max_num_queries(16):
        response = client.get("/terms/transformer-varient/")
    assert response.status_code == 404
    assert response.content.decode().count('<li><a href="/terms/transformer-variant-') == 5
    with CaptureQueriesContext(connection) as many:
        client.get("/terms/transformer-varient/")
    assert len(many) <= len(few) + 1


# --- one search form ---


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/", 200, "home-search"),
        ("/search/?q=transformer", 200, "page-search"),
        ("/search/", 200, "page-search"),
        ("/terms/nope/", 404, "error-search"),
    ],
)
def test_pages_with_their_own_search_box_show_exactly_one(client, glossary, url, status, field):
    html = html_of(client, url, status=status)

    assert html.count('role="search"') == 1
    assert html.count('name="q"') == 1
    assert f'id="{field}"' in html
    assert 'id="header-search"' not in html


@pytest.mark.parametrize("url", ["/terms/", "/terms/transformer/"])
def test_other_pages_have_the_header_search_box(client, glossary, url):
    html = html_of(client, url)

    assert html.count('role="search"') == 1
    assert 'id="header-search"' in html


def test_every_search_box_is_labelled_and_offers_type_ahead(client, glossary):
    for url, status in (("/", 200), ("/terms/", 200), ("/search/?q=x", 200), ("/x/", 404)):
        html = html_of(client, url, status=status)
        field = re.search(r'<input id="([\w-]+)" type="search"[^>]*>', html)
        assert f'for="{field.group(1)}"' in html
        assert 'data-suggest-url="/search/suggest/"' in field.group(0)
        assert 'maxlength="200"' in field.group(0)


def test_the_search_page_box_holds_the_query_escaped(client, glossary):
    html = html_of(client, reverse("terms:search"), {"q": '"><script>alert(1)</script>'})

    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html

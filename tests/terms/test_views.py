import pytest
from django.test import Client
from django.urls import reverse

from subscriptions.call_to_action import signup_copy
from terms.models import Term
from tests.factories import CategoryFactory, TermFactory, edit, publish

pytestmark = pytest.mark.django_db


def test_term_page_shows_title_category_summary_sections_tags_and_related_cards(client):
    category = CategoryFactory(name="Business & Strategy", slug="business-strategy")
    weights = TermFactory(title="Weights", summary="The numbers a model learns.")
    foundation = TermFactory(title="Foundation model", summary="A large general model.")
    term = TermFactory(
        title="Open weight",
        slug="open-weight",
        category=category,
        summary="A model whose trained weights anyone can download.",
        definition="An **open-weight** model publishes its [[Weights]].",
        tags=["licensing"],
        aliases=["Open-weight model"],
        related=[weights, foundation],
    )

    response = client.get(term.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert ">Open weight</h1>" in html
    assert "Business &amp; Strategy" in html
    assert "A model whose trained weights anyone can download." in html
    assert html.index(">Definition<") < html.index(">Why it matters<") < html.index(">In practice<")
    assert "<strong>open-weight</strong>" in html
    assert '<a href="/terms/weights/" class="wiki-link">Weights</a>' in html
    assert 'href="/tags/licensing/"' in html
    assert "Also known as" in html
    assert "Open-weight model" in html
    assert html.index(">Weights</a></h3>") < html.index(">Foundation model</a></h3>")
    assert "The numbers a model learns." in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/terms/open-weight/">' in html
    assert (
        '<meta name="description" content="A model whose trained weights anyone can download.">'
        in html
    )
    assert html.count('action="/newsletter/"') == 2


def test_summary_in_meta_description_is_escaped(client):
    term = TermFactory(summary='Quotes " and <tags> stay text.')

    html = client.get(term.get_absolute_url()).content.decode()

    assert 'content="Quotes &quot; and &lt;tags&gt; stay text."' in html


def test_draft_term_is_not_found_anywhere(client):
    draft = TermFactory(title="Unreleased idea", status=Term.Status.DRAFT, tags=["secret"])
    live = TermFactory(
        title="Public idea", related=[draft], definition="See [[unreleased-idea|the plan]]."
    )

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("terms:tag", args=["secret"])).status_code == 404
    for url in (
        live.get_absolute_url(),
        reverse("terms:index"),
        reverse("terms:home"),
        live.category.get_absolute_url(),
        reverse("terms:search") + "?q=idea",
    ):
        html = client.get(url).content.decode()
        assert "Unreleased idea" not in html, url
        assert "secret" not in html, url
        assert draft.get_absolute_url() not in html, url


def test_unknown_term_gets_the_sites_404_page(client):
    response = client.get("/terms/no-such-term/")

    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content
    assert b"site.css" in response.content


def test_a_failure_gets_the_sites_500_page(monkeypatch):
    def broken(*args, **kwargs):  # an injected fault
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("terms.views.HomeView.get_context_data", broken)

    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"site.css" in response.content
    assert b"the database fell over" not in response.content


def test_term_page_shows_when_it_was_last_updated(client):
    term = TermFactory(title="Dated")
    publication = term.publications.get()

    html = client.get(term.get_absolute_url()).content.decode()

    assert (
        f'Last updated <time datetime="{publication.go_live_at:%Y-%m-%dT%H:%M:%SZ}">'
        f"{publication.go_live_at:%-d %B %Y}</time>"
    ) in html


def test_alias_url_redirects_permanently_to_the_term(client):
    term = TermFactory(title="Large language model", aliases=["LLM"])

    response = client.get("/terms/llm/")

    assert response.status_code == 301
    assert response["Location"] == term.get_absolute_url()


def test_differently_cased_slug_redirects_to_canonical(client):
    term = TermFactory(title="Transformer", slug="transformer")

    response = client.get("/terms/Transformer/")

    assert response.status_code == 301
    assert response["Location"] == term.get_absolute_url()


def test_old_slug_redirects_after_a_rename_is_published(client):
    term = TermFactory(title="Embedding", slug="embedding")
    publish(edit(term, title="Embeddings", slug="embeddings"))

    response = client.get("/terms/embedding/")

    assert response.status_code == 301
    assert response["Location"] == "/terms/embeddings/"
    assert client.get("/terms/embeddings/").status_code == 200


def test_alias_of_a_draft_does_not_redirect(client):
    TermFactory(title="Hidden", status=Term.Status.DRAFT, aliases=["HDN"])

    assert client.get("/terms/hdn/").status_code == 404


def test_related_cards_hide_terms_that_are_not_live(client):
    draft = TermFactory(title="Draft neighbour", status=Term.Status.DRAFT)
    live = TermFactory(title="Live neighbour")
    term = TermFactory(related=[draft, live])

    html = client.get(term.get_absolute_url()).content.decode()

    assert "Live neighbour" in html
    assert "Draft neighbour" not in html


def test_index_lists_terms_and_aliases_pointing_to_their_term(client):
    TermFactory(title="Large language model", slug="large-language-model", aliases=["LLM"])
    TermFactory(title="Lasso")

    html = client.get(reverse("terms:index"), {"letter": "L"}).content.decode()

    assert html.index(">Large language model<") < html.index(">Lasso<") < html.index(">LLM<")
    assert 'LLM</span> <span aria-hidden="true">→</span>' in html
    assert html.count('href="/terms/large-language-model/"') == 2


def test_index_filters_by_letter_and_disables_empty_letters(client):
    TermFactory(title="Open weight")
    TermFactory(title="Attention")

    response = client.get(reverse("terms:index"), {"letter": "o"})

    html = response.content.decode()
    assert "Open weight" in html
    assert "Attention" not in html
    assert 'href="/terms/?letter=A"' in html
    assert 'aria-disabled="true" title="No terms start with Z"' in html
    assert 'href="/terms/?letter=O" aria-current="page"' in html


def test_index_groups_terms_not_starting_with_a_letter(client):
    TermFactory(title="3D generation", slug="3d-generation")

    html = client.get(reverse("terms:index"), {"letter": "#"}).content.decode()

    assert "3D generation" in html


def test_index_rejects_an_unknown_letter(client):
    assert client.get(reverse("terms:index"), {"letter": "ab"}).status_code == 404


def test_home_shows_search_categories_letters_and_recent_terms(client):
    term = TermFactory(title="Transformer")
    CategoryFactory(name="Empty category")

    html = client.get("/").content.decode()

    assert 'action="/search/"' in html
    assert 'name="q"' in html
    assert term.category.name in html
    assert "Empty category" not in html
    assert 'href="/terms/?letter=T"' in html
    assert "Transformer" in html


def test_category_page_lists_its_live_terms(client):
    category = CategoryFactory(name="Training")
    TermFactory(title="Fine-tuning", category=category)
    TermFactory(title="Pretraining draft", category=category, status=Term.Status.DRAFT)

    response = client.get(category.get_absolute_url())

    assert response.status_code == 200
    assert b"Fine-tuning" in response.content
    assert b"Pretraining draft" not in response.content
    assert client.get("/categories/nope/").status_code == 404


def test_tag_page_lists_live_terms_with_the_tag(client):
    TermFactory(title="Quantization", tags=["Inference"])
    TermFactory(title="Distillation", tags=["inference"])

    response = client.get(reverse("terms:tag", args=["inference"]))

    assert response.status_code == 200
    assert b"Quantization" in response.content
    assert b"Distillation" in response.content
    assert b"2 terms tagged" in response.content


def test_search_finds_by_title_alias_and_summary_titles_first(client):
    TermFactory(title="Large language model", aliases=["LLM"], summary="Predicts text.")
    TermFactory(title="Tokens", summary="What a model reads.")

    html = client.get(reverse("terms:search"), {"q": "llm"}).content.decode()
    assert "Large language model" in html
    html = client.get(reverse("terms:search"), {"q": "model"}).content.decode()
    assert html.index("Large language model") < html.index("Tokens")


@pytest.mark.parametrize("related_count", [1, 20])
def test_term_page_query_count_is_constant(client, django_assert_max_num_queries, related_count):
    others = [TermFactory(tags=[f"tag{n}"]) for n in range(related_count)]
    links = " ".join(f"[[{other.title}]]" for other in others)
    term = TermFactory(
        related=others,
        tags=[f"t{n}" for n in range(related_count)],
        aliases=[f"alias {n}" for n in range(related_count)],
        definition=links,
    )

    # The newsletter block's copy is cached: the first request after a cache flush reads it.
    client.get(term.get_absolute_url())
    with django_assert_max_num_queries(4):
        response = client.get(term.get_absolute_url())

    assert response.content.decode().count('<article class="term-card') == related_count


@pytest.mark.parametrize("name", ["terms:home", "terms:index", "terms:search"])
def test_reader_pages_set_no_cookies_and_do_not_vary_on_cookie(client, name):
    term = TermFactory(tags=["x"])
    for url in (
        reverse(name),
        term.get_absolute_url(),
        term.category.get_absolute_url(),
        reverse("terms:tag", args=["x"]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "cookie" not in response.get("Vary", "").lower(), url


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 5),
        ("/terms/", 5),
        ("/terms/?letter=E", 5),
        ("/tags/t/", 5),
        ("/search/?q=entry", 10),
        ("/search/suggest/?q=ent", 7),
        ("/sitemap.xml", 8),
        ("/feeds/terms/rss/", 3),
        ("/api/terms/", 4),
    ],
)
def test_listing_query_counts_do_not_grow_with_content(
    client, django_assert_max_num_queries, url, budget
):
    category = CategoryFactory(slug="listing")
    for n in range(30):
        TermFactory(
            title=f"Entry {n}",
            category=category,
            aliases=[f"Other {n}"],
            tags=["t"],
            related=[],
            definition="An entry.",
        )
    signup_copy()  # The newsletter box's copy, read once after a cache flush, is kept.

    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/categories/listing/").status_code == 200

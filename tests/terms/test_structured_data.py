"""Structured data and sharing: JSON-LD that uses only properties schema.org defines for each
type, breadcrumbs that match the visible ones, OpenGraph and Twitter cards with a picture on
every indexable page, and each term's share image drawn once, after publishing, by the worker.
"""

import json
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from subscriptions.issue_models import Issue
from terms import share_images
from terms.models import Publication, Term
from tests.factories import CategoryFactory, TermFactory, publish
from tests.pages import queries_for
from tests.subscriptions.issues import make_issue, run_worker

pytestmark = pytest.mark.django_db

SITE = "https://glossary.example.com"
THING = {"name", "description", "url", "identifier", "alternateName", "image", "sameAs"}
CREATIVE_WORK = {"dateModified", "datePublished", "inLanguage", "isPartOf", "about"}
# schema.org's properties for each type we emit (its own and those it inherits).
ALLOWED = {
    "WebSite": THING | CREATIVE_WORK | {"potentialAction"},
    "WebPage": THING
    | CREATIVE_WORK
    | {"mainEntity", "breadcrumb", "primaryImageOfPage", "lastReviewed"},
    "DefinedTerm": THING | {"termCode", "inDefinedTermSet"},
    "DefinedTermSet": THING | CREATIVE_WORK | {"hasDefinedTerm"},
    "BreadcrumbList": THING | {"itemListElement", "numberOfItems", "itemListOrder"},
    "ListItem": THING | {"position", "item"},
    "SearchAction": THING | {"target", "query-input", "query"},
    "EntryPoint": THING | {"urlTemplate"},
    "ImageObject": THING | {"width", "height", "contentUrl", "caption"},
}
KEYWORDS = {"@context", "@type", "@id"}


def schema_problems(node, where="$") -> list[str]:
    """Each property used on a type that schema.org does not give that type."""
    problems = []
    if isinstance(node, list):
        for n, item in enumerate(node):
            problems += schema_problems(item, f"{where}[{n}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind not in ALLOWED:
            return [f"{where}: type {kind!r} is not one we allow"]
        for key, value in node.items():
            if key not in KEYWORDS and key not in ALLOWED[kind]:
                problems.append(f"{where}: {kind} has no property {key!r}")
            if isinstance(value, dict | list) and key != "@context":
                problems += schema_problems(value, f"{where}.{key}")
    return problems


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1, len(blocks)
    return json.loads(blocks[0])


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found and found.group(1)


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def glossary():
    category = CategoryFactory(name="Models & Training", slug="models", description="")
    embedding = TermFactory(title="Embedding", category=category, tags=["vectors"])
    model = TermFactory(
        title="Language model",
        slug="language-model",
        category=category,
        aliases=["LM"],
        tags=["vectors"],
        related=[embedding],
        summary='Predicts "text" <tokens> & more.',
    )
    return {"category": category, "model": model, "embedding": embedding}


def test_the_allow_list_catches_a_property_a_type_does_not_have():
    assert schema_problems({"@type": "DefinedTerm", "dateModified": "2026-01-01"}) == [
        "$: DefinedTerm has no property 'dateModified'"
    ]
    assert schema_problems({"@type": "WebPage", "mainEntity": {"@type": "Thingy"}}) == [
        "$.mainEntity: type 'Thingy' is not one we allow"
    ]


@pytest.mark.parametrize(
    ("name", "url", "kind"),
    [
        ("home", "/", "WebSite"),
        ("a-z", "/terms/?letter=L", "DefinedTermSet"),
        ("term", "/terms/language-model/", "WebPage"),
        ("category", "/categories/models/", "DefinedTermSet"),
    ],
)
def test_json_ld_uses_only_properties_schema_org_defines(client, glossary, name, url, kind):
    data = json_ld(client.get(url).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    assert schema_problems(data) == []


def test_term_page_dates_belong_to_the_page_and_its_breadcrumbs_match_the_visible_ones(
    client, glossary
):
    html = client.get("/terms/language-model/").content.decode()
    page = json_ld(html)
    publication = glossary["model"].publications.get()

    assert page["dateModified"] == f"{publication.go_live_at:%Y-%m-%dT%H:%M:%SZ}"
    assert page["mainEntity"]["@type"] == "DefinedTerm"
    assert page["mainEntity"]["name"] == "Language model"
    assert page["mainEntity"]["alternateName"] == ["LM"]
    visible = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.DOTALL).group(0)
    visible_names = [
        re.sub(r"<[^>]+>", "", item).strip().replace("&amp;", "&")
        for item in re.findall(r"<li>(.*?)</li>", visible, re.DOTALL)
    ]
    crumbs = page["breadcrumb"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == visible_names
    assert visible_names == ["Glossary", "Models & Training", "Language model"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert [crumb["item"] for crumb in crumbs] == [
        f"{SITE}/",
        f"{SITE}/categories/models/",
        f"{SITE}/terms/language-model/",
    ]


def test_home_page_tells_search_engines_how_to_search_the_site(client, glossary):
    data = json_ld(client.get("/").content.decode())

    action = data["potentialAction"]
    assert data["url"] == f"{SITE}/"
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    # The template answers: the search page takes q.
    assert client.get("/search/", {"q": "embedding"}).status_code == 200


def test_category_page_lists_its_live_terms_as_a_defined_term_set(client, glossary):
    TermFactory(title="Secret draft", category=glossary["category"], status=Term.Status.DRAFT)

    data = json_ld(client.get("/categories/models/").content.decode())

    assert data["name"] == "Models & Training"
    assert data["url"] == f"{SITE}/categories/models/"
    assert [term["name"] for term in data["hasDefinedTerm"]] == ["Embedding", "Language model"]
    assert data["hasDefinedTerm"][1]["description"] == 'Predicts "text" <tokens> & more.'


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/terms/",
        "/terms/language-model/",
        "/categories/models/",
        "/tags/vectors/",
        "/newsletter/",
        "/newsletter/issues/",
        "/newsletter/issues/this-week-in-ai/",
    ],
)
def test_every_indexable_page_has_open_graph_and_twitter_cards_with_a_picture(
    client, glossary, url
):
    make_issue(status=Issue.Status.SENT, started_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()

    for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt"):
        assert meta(html, key), key
    assert meta(html, "og:url").startswith(f"{SITE}/")
    assert meta(html, "og:image").startswith(f"{SITE}/")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")


def test_pages_without_a_picture_of_their_own_show_the_configured_default(
    client, glossary, settings
):
    html = client.get("/").content.decode()
    assert meta(html, "og:image") == f"{SITE}/static/img/share-default.png"
    assert client.get("/static/img/share-default.png").status_code == 200

    settings.SHARE_IMAGE_DEFAULT = "https://cdn.example.com/share.png"
    assert meta(client.get("/tags/vectors/").content.decode(), "og:image") == (
        "https://cdn.example.com/share.png"
    )


# The worker runs in its own transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_publishing_draws_the_term_share_image_once_in_the_worker(client):
    term = TermFactory(
        title="Retrieval-augmented generation",
        category=CategoryFactory(name="Techniques"),
        status=Term.Status.DRAFT,
    )
    publish(term)
    publication = Publication.objects.get(term=term)
    assert not publication.share_image  # Nothing drawn in the request.

    run_worker()

    publication.refresh_from_db()
    assert publication.share_image.name.startswith("share/retrieval-augmented-generation-")
    with publication.share_image.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    html = client.get(term.get_absolute_url()).content.decode()
    url = f"{SITE}/media/{publication.share_image.name}"
    assert meta(html, "og:image") == url
    assert meta(html, "twitter:image") == url
    assert meta(html, "og:image:alt") == "Retrieval-augmented generation"
    assert json_ld(html)["primaryImageOfPage"]["url"] == url
    # Drawn once: running the task again keeps the same picture.
    share_images.render_share_image.call(publication.pk)
    publication.refresh_from_db()
    assert publication.share_image.name.startswith("share/retrieval-augmented-generation-")
    assert url.endswith(publication.share_image.name)


# The worker runs in its own transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_share_image_name_cannot_be_guessed_before_a_term_goes_live():
    names = set()
    for _ in range(2):
        term = TermFactory(title="Soon", slug="soon", status=Term.Status.DRAFT)
        publish(term)
        run_worker()
        names.add(Publication.objects.get(term=term).share_image.name)
        term.delete()

    assert len(names) == 2
    assert all(len(name) > len("share/soon-.png") + 12 for name in names)


# The worker runs in its own transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_failure_to_draw_never_blocks_publishing(client, monkeypatch):
    def broken(publication):
        raise OSError("disk full")

    monkeypatch.setattr(share_images, "draw_publication", broken)
    term = TermFactory(title="Resilient", status=Term.Status.DRAFT)

    publish(term)
    run_worker()

    response = client.get(term.get_absolute_url())
    assert response.status_code == 200
    assert meta(response.content.decode(), "og:image") == f"{SITE}/static/img/share-default.png"
    assert not Publication.objects.get(term=term).share_image


@pytest.mark.parametrize(
    "title",
    [
        "AI",
        "A" * 200,
        "Retrieval-augmented generation with a very long explanatory title that wraps",
        "<script>alert(1)</script> & “quotes” — ünïcödé 日本語",
    ],
)
def test_any_title_draws_a_card_of_the_right_size(title):
    image = Image.open(BytesIO(share_images.draw_card(title, "Category", "The AI Glossary")))

    assert image.size == (1200, 630)


# The worker runs in its own transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_picture_costs_the_term_page_no_query(client, glossary):
    url = reverse("terms:detail", args=["language-model"])
    queries_for(client, url)  # The first request also warms the newsletter copy.
    without = queries_for(client, url)
    term = glossary["model"]
    publish(term)
    run_worker()
    assert Publication.objects.live().get(term=term).share_image
    queries_for(client, url)  # A publish changes content: warm again, as before.

    assert queries_for(client, url) == without

"""What machines read: sitemap, robots.txt, feed links, JSON-LD, social tags, the JSON API.

The feeds themselves are tested in test_feeds.py."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from terms.models import Term
from tests.factories import TermFactory, publish, unpublish

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def glossary():
    weights = TermFactory(title="Weights", slug="weights", tags=["basics"])
    open_weight = TermFactory(
        title="Open weight",
        slug="open-weight",
        summary="Weights anyone can download.",
        aliases=["Open weights"],
        tags=["licensing"],
        related=[weights],
        definition="Publishes its [[Weights]].",
    )
    TermFactory(title="Secret draft", slug="secret-draft", status=Term.Status.DRAFT, tags=["hush"])
    unpublish(TermFactory(title="Withdrawn", slug="withdrawn"))
    scheduled = TermFactory(
        title="Scheduled", slug="scheduled", status=Term.Status.DRAFT, tags=["soon"]
    )
    publish(scheduled, go_live_at=timezone.now() + dt.timedelta(days=2))
    return {"weights": weights, "open_weight": open_weight}


def sitemap_locations(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    return {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_live_terms_categories_and_tags_with_lastmod(client, glossary):
    locations = sitemap_locations(client)

    assert "http://127.0.0.1:8000/terms/open-weight/" in locations
    assert "http://127.0.0.1:8000/terms/weights/" in locations
    assert glossary["open_weight"].category.get_absolute_url() in "".join(locations)
    assert "http://127.0.0.1:8000/tags/licensing/" in locations
    # The home page and the A–Z index are listed first, without a lastmod (it would cost a
    # query; the protocol makes it optional); every other address has one.
    assert list(locations)[:2] == ["http://127.0.0.1:8000/", "http://127.0.0.1:8000/terms/"]
    assert all(lastmod is not None and lastmod.text for lastmod in list(locations.values())[2:])
    joined = " ".join(locations)
    assert "secret-draft" not in joined
    assert "withdrawn" not in joined
    assert "scheduled" not in joined
    assert "/tags/hush/" not in joined
    assert "/tags/soon/" not in joined


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")

    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /preview/" in text


@pytest.mark.parametrize(
    ("path", "indexed"),
    [
        ("/", True),
        ("/terms/", True),
        ("/terms/open-weight/", True),
        ("/tags/licensing/", True),
        ("category", True),
        ("/newsletter/", True),
        ("/search/?q=weights", False),
        ("/terms/no-such-term/", False),
    ],
)
def test_every_page_links_its_feeds_and_says_how_to_index_it(client, glossary, path, indexed):
    if path == "category":
        path = glossary["open_weight"].category.get_absolute_url()
    html = client.get(path).content.decode()
    head = html[: html.index("</head>")]
    links = re.findall(r"<link [^>]*>", head)

    assert any('rel="alternate"' in tag and 'href="/feeds/terms/rss/"' in tag for tag in links)
    assert any('rel="alternate"' in tag and 'href="/feeds/terms/atom/"' in tag for tag in links)
    canonical = [tag for tag in links if 'rel="canonical"' in tag]
    # Either a canonical address (its own) or kept out of indexes, never both.
    if indexed:
        assert canonical == [f'<link rel="canonical" href="http://127.0.0.1:8000{path}">']
        assert "noindex" not in head
    else:
        assert canonical == []
        assert '<meta name="robots" content="noindex">' in head


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_term_page_carries_defined_term_json_ld_and_social_tags(client, glossary):
    html = client.get("/terms/open-weight/").content.decode()

    page = json_ld(html)
    assert page["@context"] == "https://schema.org"
    # The dates belong to the page; the term is its main entity.
    assert page["@type"] == "WebPage"
    assert page["url"] == "http://127.0.0.1:8000/terms/open-weight/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", page["dateModified"])
    data = page["mainEntity"]
    assert data["@type"] == "DefinedTerm"
    assert "dateModified" not in data
    assert data["name"] == "Open weight"
    assert data["description"] == "Weights anyone can download."
    assert data["url"] == "http://127.0.0.1:8000/terms/open-weight/"
    assert data["termCode"] == "open-weight"
    assert data["alternateName"] == ["Open weights"]
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["url"] == "http://127.0.0.1:8000/terms/"
    assert '<meta property="og:title" content="Open weight">' in html
    assert '<meta property="og:url" content="http://127.0.0.1:8000/terms/open-weight/">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/terms/open-weight/">' in html


def test_json_ld_cannot_be_broken_out_of(client):
    TermFactory(title="Tricky", slug="tricky", summary="</script><script>alert(1)</script>")

    html = client.get("/terms/tricky/").content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_index_is_a_defined_term_set(client, glossary):
    data = json_ld(client.get("/terms/", {"letter": "O"}).content.decode())

    assert data["@type"] == "DefinedTermSet"
    # The terms listed on the page, not their other names ("Open weights").
    assert [term["name"] for term in data["hasDefinedTerm"]] == ["Open weight"]


def test_api_list_is_paginated_and_open_to_other_sites(client, glossary):
    for n in range(3):
        TermFactory(title=f"Extra {n}")

    first = client.get("/api/terms/", {"page_size": 2})
    last = client.get(first.json()["next"].replace("http://127.0.0.1:8000", ""))

    body = first.json()
    assert first["Access-Control-Allow-Origin"] == "*"
    assert body["count"] == 5
    assert body["pages"] == 3
    assert body["previous"] is None
    assert [item["slug"] for item in body["results"]] == ["extra-0", "extra-1"]
    assert last.json()["page"] == 2
    assert client.get("/api/terms/", {"page": 99}).status_code == 404
    assert client.get("/api/terms/", {"page": "x"}).status_code == 400
    preflight = client.options("/api/terms/")
    assert preflight.status_code == 204
    assert preflight["Allow"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # A real browser's POST carries no CSRF token: refused as a method, not as a forgery.
    refused = Client(enforce_csrf_checks=True).post("/api/terms/open-weight/")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD, OPTIONS"
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_api_detail_shape(client, glossary):
    data = client.get("/api/terms/open-weight/").json()

    assert set(data) == {
        "title",
        "slug",
        "url",
        "api_url",
        "summary",
        "category",
        "tags",
        "aliases",
        "related",
        "sections",
        "updated",
    }
    assert data["url"] == "http://127.0.0.1:8000/terms/open-weight/"
    assert data["tags"] == ["licensing"]
    assert data["aliases"] == ["Open weights"]
    assert data["related"] == ["weights"]
    assert set(data["sections"]) == {"definition", "why_it_matters", "in_practice"}
    assert (
        '<a href="http://127.0.0.1:8000/terms/weights/" class="wiki-link">Weights</a>'
        in data["sections"]["definition"]
    )
    missing = client.get("/api/terms/secret-draft/")
    assert missing.status_code == 404
    assert missing.json() == {"error": "No live term has this address."}
    assert missing["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/terms/withdrawn/").status_code == 404
    assert client.get("/api/terms/scheduled/").status_code == 404
    alias = client.get("/api/terms/open-weights/")
    assert alias.status_code == 301
    assert alias["Location"] == "/api/terms/open-weight/"


def test_api_never_lists_hidden_terms(client, glossary):
    slugs = [item["slug"] for item in client.get("/api/terms/").json()["results"]]

    assert slugs == ["open-weight", "weights"]

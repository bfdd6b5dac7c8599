"""Both feed formats, for the glossary and the newsletter archive, carry what their specs
require: RFC 4287 for Atom (section 4.1), RSS 2.0's required channel and item elements.

Parsed with ``xml.etree`` and the RFC's rules rather than a lenient reader library: a reader
that tolerates a missing author or id would hide exactly what these tests look for.
"""

import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from subscriptions.issue_models import Issue
from terms.models import Publication
from tests.factories import CategoryFactory, TermFactory
from tests.subscriptions.issues import make_issue

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires for atom:updated.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
SITE_URL = "https://glossary.example.com"
ATOM_FEEDS = ["/feeds/terms/atom/", "/feeds/newsletter/atom/"]
RSS_FEEDS = ["/feeds/terms/rss/", "/feeds/newsletter/rss/"]


@pytest.fixture(autouse=True)
def content(settings):
    settings.SITE_URL = SITE_URL
    category = CategoryFactory(name="Models & Training")
    first = TermFactory(title="Embedding", category=category)
    TermFactory(title="Language model", category=category, related=[first])
    make_issue(status=Issue.Status.SENT, started_at=timezone.now(), terms=[first])


def text_of(element: ET.Element, name: str) -> list[str]:
    return [(child.text or "").strip() for child in element.findall(f"{ATOM}{name}")]


def atom_problems(root: ET.Element) -> list[str]:
    """What RFC 4287 section 4.1 requires and ``root`` lacks, as readable lines."""
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"root is {root.tag}, not atom:feed"]
    entries = root.findall(f"{ATOM}entry")
    for name in ("id", "title", "updated"):
        values = text_of(root, name)
        if len(values) != 1 or not values[0]:
            problems.append(f"feed: exactly one non-empty atom:{name} required, found {values}")
    problems += [
        f"feed: updated {v!r} is not RFC 3339"
        for v in text_of(root, "updated")
        if not RFC3339.match(v)
    ]
    feed_authors = root.findall(f"{ATOM}author")
    for author in feed_authors:
        if not text_of(author, "name") or not text_of(author, "name")[0]:
            problems.append("feed: atom:author without a name")
    if not feed_authors and not all(entry.findall(f"{ATOM}author") for entry in entries):
        problems.append("feed: no atom:author, and not every entry has one (4.1.1)")
    if not [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]:
        problems.append("feed: no rel=self link (SHOULD, 4.1.1)")
    ids = []
    for n, entry in enumerate(entries):
        for name in ("id", "title", "updated"):
            values = text_of(entry, name)
            if len(values) != 1 or not values[0]:
                problems.append(f"entry {n}: exactly one atom:{name} required, found {values}")
        ids += text_of(entry, "id")
        problems += [
            f"entry {n}: updated {v!r} is not RFC 3339"
            for v in text_of(entry, "updated")
            if not RFC3339.match(v)
        ]
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not alternates and not entry.findall(f"{ATOM}content"):
            problems.append(f"entry {n}: neither content nor a rel=alternate link (4.1.1)")
        for link in alternates:
            if not link.get("href", "").startswith(f"{SITE_URL}/"):
                problems.append(f"entry {n}: link {link.get('href')!r} is not on the site")
    for value in [*text_of(root, "id"), *ids]:
        if not urlsplit(value).scheme:
            problems.append(f"id {value!r} is not an absolute IRI (4.2.6)")
    if len(ids) != len(set(ids)):
        problems.append("entries share an id")
    return problems


@pytest.mark.parametrize("url", ATOM_FEEDS)
def test_atom_feeds_have_every_element_rfc_4287_requires(client, url):
    response = client.get(url)
    root = ET.fromstring(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_problems(root) == []
    assert len(root.findall(f"{ATOM}entry")) == (2 if "terms" in url else 1)
    assert text_of(root.find(f"{ATOM}author"), "name") == ["The AI Glossary"]


@pytest.mark.parametrize("url", ATOM_FEEDS)
def test_an_empty_atom_feed_is_still_conformant(client, url):
    Publication.objects.all().delete()
    Issue.objects.all().delete()

    root = ET.fromstring(client.get(url).content)

    assert root.findall(f"{ATOM}entry") == []
    assert atom_problems(root) == []


def test_the_rules_catch_a_feed_without_author_or_entry_id():
    broken = ET.fromstring(
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title>'
        "<updated>2026-12-03 06:57</updated><entry><title>e</title>"
        "<updated>2026-12-03T06:57:00Z</updated></entry></feed>"
    )

    problems = atom_problems(broken)

    assert "feed: updated '2026-12-03 06:57' is not RFC 3339" in problems
    assert "feed: no atom:author, and not every entry has one (4.1.1)" in problems
    assert "entry 0: exactly one atom:id required, found []" in problems
    assert "entry 0: neither content nor a rel=alternate link (4.1.1)" in problems


@pytest.mark.parametrize("url", RSS_FEEDS)
def test_rss_feeds_have_the_required_channel_and_item_elements(client, url):
    root = ET.fromstring(client.get(url).content)
    channel = root.find("channel")

    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), name
    items = channel.findall("item")
    assert items
    for item in items:
        assert (item.findtext("title") or "").strip()
        assert item.findtext("link").startswith(f"{SITE_URL}/")
        assert item.findtext("guid")
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None

"""RSS and Atom feeds: live terms newest first, text that readers show as it was typed and never
run as markup, and every address on SITE_URL whatever Host the request named."""

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from django.utils import timezone

from terms.models import Term
from tests.factories import CategoryFactory, TermFactory, publish, unpublish
from tests.hostile import MARKUP, is_script_url, read_html

pytestmark = pytest.mark.django_db

RSS = "/feeds/terms/rss/"
ATOM = "/feeds/terms/atom/"
NS = {"a": "http://www.w3.org/2005/Atom"}
SITE_URL = "https://glossary.example.com"
# A name the site answers to (it is in ALLOWED_HOSTS) that is not its public address.
OTHER_HOST = "other-name.example"

# Elements whose text is an address, and attributes that hold one, in either format.
ADDRESS_ELEMENTS = {"link", "guid", "comments", "docs", "id", "uri", "icon", "logo"}
ADDRESS_ATTRIBUTES = {"href", "src", "url"}
# Where each format puts an entry and its title, summary and category.
ENTRY_FIELDS = {
    RSS: ("./channel/item", "title", "description", "category"),
    ATOM: ("a:entry", "title", "summary", "category@term"),
}


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]


@pytest.fixture
def glossary():
    weights = TermFactory(title="Weights", slug="weights")
    TermFactory(
        title="Open weight",
        slug="open-weight",
        summary="Weights anyone can download.",
        category=CategoryFactory(name="Licensing"),
        related=[weights],
    )
    TermFactory(title="Secret draft", slug="secret-draft", status=Term.Status.DRAFT)
    unpublish(TermFactory(title="Withdrawn", slug="withdrawn"))
    scheduled = TermFactory(title="Scheduled", slug="scheduled", status=Term.Status.DRAFT)
    publish(scheduled, go_live_at=timezone.now() + dt.timedelta(days=2))


def fetch(client, feed: str) -> ET.Element:
    """The feed as a reader gets it through a name that is not the site's public address."""
    response = client.get(feed, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200
    assert OTHER_HOST not in response.content.decode()
    return ET.fromstring(response.content)


def read(element: ET.Element, *, atom: bool) -> dict[str, list[str]]:
    """Every text and attribute under ``element`` as a reader shows it, by element name (and
    ``name@attribute``). Text is interpreted as the feed says: RSS readers take text as HTML (the
    RSS spec allows entity-encoded HTML there), Atom states it in ``type``. Fails on any markup
    a reader would build, and on any address that is not on the public site."""
    shown = defaultdict(list)
    for node in element.iter():
        name = node.tag.rpartition("}")[2]
        for attribute, value in node.attrib.items():
            if attribute in ADDRESS_ATTRIBUTES:
                assert value.startswith(f"{SITE_URL}/"), (name, attribute, value)
            assert not is_script_url(value), (name, attribute, value)
            shown[f"{name}@{attribute}"].append(value)
        text = node.text or ""
        if not text.strip():
            continue
        if name in ADDRESS_ELEMENTS:
            assert text.startswith(f"{SITE_URL}/"), (name, text)
        elif atom and node.get("type", "text") == "text":
            pass  # Plain text: a reader shows the characters.
        else:
            assert not atom or node.get("type") == "html", (name, node.get("type"))
            text, markup = read_html(text)
            assert markup == [], (name, markup)
        shown[name].append(text)
    return shown


def entries(feed: str, root: ET.Element) -> list[tuple[str, str, str]]:
    """(title, summary, category) of each entry, as a reader shows them."""
    path, title, summary, category = ENTRY_FIELDS[feed]
    found = []
    for entry in root.findall(path, NS):
        shown = read(entry, atom=feed == ATOM)
        found.append((*shown[title], *shown[summary], *shown[category]))
    return found


def test_rss_feed_lists_live_terms_newest_first(client, glossary):
    response = client.get(RSS)

    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")
    titles = [item.find("title").text for item in items]
    assert titles == ["Open weight", "Weights"]
    first = items[0]
    assert first.find("link").text == f"{SITE_URL}/terms/open-weight/"
    assert first.find("description").text == "Weights anyone can download."
    assert first.find("category").text == "Licensing"
    assert first.find("pubDate").text
    assert first.find("guid").text.startswith(f"{SITE_URL}/terms/open-weight/#")


def test_atom_feed_has_entries_with_links_and_updated(client, glossary):
    root = ET.fromstring(client.get(ATOM).content)

    entries = root.findall("a:entry", NS)
    assert [entry.find("a:title", NS).text for entry in entries] == ["Open weight", "Weights"]
    first = entries[0]
    assert first.find("a:link", NS).get("href") == f"{SITE_URL}/terms/open-weight/"
    assert first.find("a:id", NS).text.startswith(f"{SITE_URL}/terms/open-weight/#")
    assert first.find("a:summary", NS).text == "Weights anyone can download."
    assert first.find("a:category", NS).get("term") == "Licensing"
    assert first.find("a:updated", NS).text


def test_atom_feed_names_the_site_as_its_author(client, settings, glossary):
    # RFC 4287: a feed whose entries have no author of their own must name one.
    settings.SITE_NAME = "Glossary & Co"

    root = fetch(client, ATOM)

    assert [name.text for name in root.findall("a:author/a:name", NS)] == ["Glossary & Co"]
    assert root.findall("a:entry/a:author", NS) == []


@pytest.mark.parametrize("feed", [RSS, ATOM])
def test_feed_title_shows_the_site_name_as_written(client, settings, feed):
    settings.SITE_NAME = "Glossary & <Co>"

    shown = read(fetch(client, feed), atom=feed == ATOM)

    assert shown["title"] == ["Glossary & <Co>: new and updated terms"]


def test_rss_addresses_are_on_the_public_site_whatever_host_was_asked(client, glossary):
    root = fetch(client, RSS)

    channel = root.find("channel")
    assert channel.find("link").text == f"{SITE_URL}/terms/"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == f"{SITE_URL}{RSS}"
    item = channel.find("item")
    assert item.find("link").text == f"{SITE_URL}/terms/open-weight/"
    assert item.find("guid").text.startswith(f"{SITE_URL}/terms/open-weight/#")
    read(root, atom=False)  # and every other address


def test_atom_addresses_are_on_the_public_site_whatever_host_was_asked(client, glossary):
    root = fetch(client, ATOM)

    links = {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}
    assert links == {"alternate": f"{SITE_URL}/terms/", "self": f"{SITE_URL}{ATOM}"}
    assert root.find("a:id", NS).text == f"{SITE_URL}/terms/"
    entry = root.find("a:entry", NS)
    assert entry.find("a:link", NS).get("href") == f"{SITE_URL}/terms/open-weight/"
    assert entry.find("a:id", NS).text.startswith(f"{SITE_URL}/terms/open-weight/#")
    read(root, atom=True)  # and every other address


@pytest.mark.parametrize("payload", MARKUP)
@pytest.mark.parametrize("feed", [RSS, ATOM])
def test_readers_show_hostile_text_as_typed_and_never_as_markup(client, feed, payload):
    TermFactory(
        title=f"Title {payload}",
        slug="hostile",
        summary=f"Summary {payload}",
        category=CategoryFactory(name=f"Category {payload}"),
    )

    root = fetch(client, feed)

    read(root, atom=feed == ATOM)  # no markup and no foreign address anywhere in the feed
    assert entries(feed, root) == [
        (f"Title {payload}", f"Summary {payload}", f"Category {payload}")
    ]


@pytest.mark.parametrize("feed", [RSS, ATOM])
def test_a_control_character_in_a_term_does_not_break_the_feed(client, feed):
    # XML 1.0 cannot carry most control characters; one in a title must not take the feed down.
    TermFactory(
        title="Vertical\x0btab",
        slug="vertical-tab",
        summary="Bell\x07 and escape\x1b.",
        category=CategoryFactory(name="Form\x0cfeed"),
    )

    root = fetch(client, feed)

    assert entries(feed, root) == [("Verticaltab", "Bell and escape.", "Formfeed")]

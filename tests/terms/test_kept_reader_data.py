"""Reader pages with the page cache off still read nothing twice: what a term page shows (the
publication, related and suggested cards, "Linked from", live wiki links) and each page of a
listing (A–Z letters, categories, tags, the home page's recent terms) is kept until content
changes (``until_content_changes``), and only the template runs on later requests. Nothing
kept outlives a publish, a take-down or a scheduled go-live."""

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.core.cache import cache
from django.template import Context, Template
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import timezone

from glossary_site.page_cache import release, until_content_changes
from tests.factories import CategoryFactory, TermFactory, edit, publish, unpublish
from tests.hostile import MARKUP, elements_in, read_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_kept(settings):
    """Production's setting with the page cache off: pages are made on every request, data
    several pages show is kept until content changes."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_DATA = True


@pytest.fixture
def term():
    return TermFactory(title="Entry", slug="entry", tags=["shared"])


def test_a_term_page_is_rendered_from_kept_data_without_queries(
    client, term, data_kept, django_assert_num_queries
):
    first = client.get("/terms/entry/")
    with django_assert_num_queries(0):
        again = client.get("/terms/entry/")
    assert again.status_code == 200
    assert again.templates[0].name == "terms/term_detail.html"  # Made, not stored.
    assert again.content == first.content


def test_a_related_term_going_live_or_away_shows_at_the_next_request(
    client, data_kept, django_capture_on_commit_callbacks
):
    other = TermFactory(title="Newcomer", slug="newcomer", status="draft")
    TermFactory(title="Host", slug="host", related=[other])
    assert b"Newcomer" not in client.get("/terms/host/").content

    with django_capture_on_commit_callbacks(execute=True):
        publish(other)
    assert b"Newcomer" in client.get("/terms/host/").content

    with django_capture_on_commit_callbacks(execute=True):
        unpublish(other)
    assert b"Newcomer" not in client.get("/terms/host/").content


def test_an_edit_not_yet_published_never_shows(client, term, data_kept):
    client.get("/terms/entry/")
    edit(term, title="Working copy title")
    assert b"Working copy title" not in client.get("/terms/entry/").content


def test_a_scheduled_suggestion_appears_on_time(client, term, data_kept):
    go_live = timezone.now().replace(microsecond=0) + dt.timedelta(hours=1)
    later = TermFactory(title="Later", slug="later", status="draft", tags=["shared"])
    publish(later, go_live_at=go_live)

    with time_machine.travel(go_live - dt.timedelta(seconds=1), tick=False):
        assert b"Later" not in client.get("/terms/entry/").content
        assert client.get("/terms/later/").status_code == 404
    with time_machine.travel(go_live, tick=False):
        assert b"Later" in client.get("/terms/entry/").content
        assert client.get("/terms/later/").status_code == 200


def test_addresses_that_find_no_term_are_not_kept(client, data_kept):
    calls = []

    def nothing():
        calls.append(1)

    until_content_changes("probe-nothing", nothing, keep_if=bool)
    until_content_changes("probe-nothing", nothing, keep_if=bool)
    assert len(calls) == 2
    assert client.get("/terms/no-such-term/").status_code == 404


def test_remembered_addresses_follow_the_script_prefix(term):
    """Links are remembered per process, but a site served under a path prefix still gets
    its prefix in every link, from models and from ``{% url %}`` alike."""
    template = Template("{% url 'terms:detail' 'entry' %} {% url 'terms:home' %}")
    assert term.get_absolute_url() == "/terms/entry/"
    assert template.render(Context()) == "/terms/entry/ /"
    set_script_prefix("/glossary/")
    try:
        assert term.get_absolute_url() == "/glossary/terms/entry/"
        assert template.render(Context()) == "/glossary/terms/entry/ /glossary/"
    finally:
        set_script_prefix("/")
    assert term.get_absolute_url() == "/terms/entry/"


def test_url_tag_keeps_djangos_behaviour():
    rendered = Template(
        "{% url 'terms:tag' 'a b' %}|{% url 'terms:nowhere' as missing %}[{{ missing }}]"
    ).render(Context())
    assert rendered == "/tags/a%20b/|[]"
    with pytest.raises(NoReverseMatch):
        Template("{% url 'terms:nowhere' %}").render(Context())


@pytest.mark.parametrize(
    ("url", "queries"),
    [("/terms/?letter=E", 0), ("/categories/things/", 0), ("/", 0), ("/tags/shared/", 1)],
)
def test_listing_pages_are_rendered_from_kept_data(
    client, data_kept, django_assert_num_queries, url, queries
):
    things = CategoryFactory(slug="things", name="Things")
    for n in range(30):
        TermFactory(title=f"Entry {n}", category=things, tags=["shared"])
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(queries):  # The tag itself is looked up: one query.
        again = client.get(url)
    assert again.content == first.content


def test_a_listing_page_shows_a_new_term_at_the_next_request(
    client, data_kept, django_capture_on_commit_callbacks
):
    things = CategoryFactory(slug="things", name="Things")
    TermFactory(title="Entry", category=things, tags=["shared"])
    newcomer = TermFactory(title="Newcomer", category=things, tags=["shared"], status="draft")
    pages = ("/terms/?letter=N", "/categories/things/", "/tags/shared/", "/")
    for url in pages:
        assert b"Newcomer" not in client.get(url).content

    with django_capture_on_commit_callbacks(execute=True):
        publish(newcomer)
    for url in pages:
        assert b"Newcomer" in client.get(url).content, url

    with django_capture_on_commit_callbacks(execute=True):
        unpublish(newcomer)
    for url in ("/categories/things/", "/tags/shared/", "/"):
        assert b"Newcomer" not in client.get(url).content, url


def test_cards_take_the_heading_level_their_page_gives(client):
    things = CategoryFactory(slug="things", name="Things")
    other = TermFactory(title="Other", category=things, tags=["shared"])
    TermFactory(title="Entry", slug="entry", category=things, tags=["shared"], related=[other])
    # Straight under the page's h1: h2. Under a section's h2: h3.
    for url, level in [
        ("/categories/things/", "h2"),
        ("/tags/shared/", "h2"),
        ("/", "h3"),
        ("/terms/entry/", "h3"),
    ]:
        card_headings = [
            tag
            for tag, attrs in elements_in(client.get(url).content.decode())
            if ("class", "term-card__title") in attrs
        ]
        assert card_headings, url
        assert set(card_headings) == {level}, url


@pytest.mark.parametrize("payload", MARKUP)
def test_cards_escape_what_writers_typed(client, data_kept, payload):
    things = CategoryFactory(slug="things", name=payload[:60])
    TermFactory(title=payload[:60], slug="hostile", summary=payload, category=things, tags=["t"])
    first = payload[0].upper()
    letter = quote(first if "A" <= first <= "Z" else "#")
    for url in ("/categories/things/", "/tags/t/", "/", f"/terms/?letter={letter}"):
        text, elements = read_html(client.get(url).content.decode())
        assert payload in text, url  # Shown as the characters typed...
        # ... never as markup: no element carries the payload's handlers.
        handlers = [name for _, attrs in elements for name, _ in attrs if name.startswith("on")]
        assert handlers == [], url


def test_a_process_remembers_kept_data_and_checks_it_against_the_generation(
    client, term, data_kept, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/terms/entry/")
    # Evicted from the shared cache: this process still has it, under the current generation.
    cache.delete(f"pages:data:{release()}:term-page:entry")
    with django_assert_num_queries(0):
        assert b"Entry" in client.get("/terms/entry/").content

    edit(term, title="Entry renamed")
    with django_capture_on_commit_callbacks(execute=True):
        publish(term)
    assert b"Entry renamed" in client.get("/terms/entry/").content


def test_a_kept_signup_block_carries_each_pages_own_address(client, data_kept):
    things = CategoryFactory(slug="things", name="Things")
    TermFactory(title="One", slug="one", category=things)
    TermFactory(title="Two", slug="two", category=things)
    client.get("/terms/one/")
    two = client.get("/terms/two/?utm_source=x&q=%22%3E%3Cscript%3E").content.decode()
    one = client.get("/terms/one/").content.decode()
    assert 'name="source" value="/terms/one/"' in one
    assert 'value="/terms/two/?utm_source=x&amp;q=%22%3E%3Cscript%3E"' in two
    assert "/terms/one/" not in two.split('name="source"')[1][:60]

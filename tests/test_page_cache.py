"""Reader pages made once and served many times: cache headers, 304s, the shared page cache and
its invalidation (glossary_site/page_cache.py)."""

import datetime as dt
import gzip
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone

from glossary_site.page_cache import (
    GENERATION_KEY,
    NEXT_CHANGE_KEY,
    _Remembered,
    content_changed,
    until_content_changes,
)
from subscriptions.models import SignupCopy
from tests.factories import CategoryFactory, TermFactory, UserFactory, edit, publish, unpublish
from tests.real_servers import PrivateRedis, Site, database_url, manage

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/terms/",
    "/terms/?letter=E",
    "/terms/entry/",
    "/categories/listing/",
    "/tags/t/",
    "/feeds/terms/rss/",
    "/feeds/terms/atom/",
    "/sitemap.xml",
    "/api/terms/",
    "/api/terms/entry/",
]


@pytest.fixture
def glossary():
    category = CategoryFactory(slug="listing", name="Listing")
    return TermFactory(title="Entry", slug="entry", category=category, tags=["t"])


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_DATA = True


@pytest.fixture
def rendered():
    """The templates rendered while the test runs."""
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def cache_control(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("url", PAGES)
def test_reader_pages_are_public_with_a_strong_etag(client, glossary, url):
    response = client.get(url)

    assert response.status_code == 200
    assert cache_control(response) >= {
        "public",
        "max-age",
        "s-maxage",
        "stale-while-revalidate",
        "stale-if-error",
    }
    assert response["ETag"].startswith('"')  # Strong: not W/.
    assert "Accept-Encoding" in response["Vary"]
    assert not response.cookies


@pytest.mark.parametrize("url", PAGES)
def test_a_matching_if_none_match_gets_304_without_a_body(client, glossary, url):
    etag = client.get(url)["ETag"]

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize("url", ["/terms/entry/", "/api/terms/", "/sitemap.xml"])
def test_html_json_and_xml_are_compressed_for_clients_that_ask(client, glossary, url):
    plain = client.get(url).content

    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert len(response.content) < len(plain)


def test_a_stored_page_is_compressed_harder_than_one_made_for_a_single_answer(
    client, settings, page_cache
):
    """Made once and sent many times, a stored page is squeezed (GZIP_LEVEL_STORED); a page
    made for one answer takes the quickest level. Both are the same page once unpacked."""
    # A long page, so the levels differ: many live terms on one category page.
    category = CategoryFactory(slug="long", name="Long")
    TermFactory.create_batch(40, category=category)
    url = "/categories/long/"

    stored = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    cache.clear()
    settings.PAGE_CACHE_SECONDS = 0
    made_once = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert gzip.decompress(stored.content) == gzip.decompress(made_once.content)
    assert len(stored.content) < len(made_once.content)


def test_a_stored_page_is_served_without_queries_or_templates(
    client, glossary, page_cache, rendered, django_assert_num_queries
):
    first = client.get("/terms/entry/")
    assert rendered

    rendered.clear()
    with django_assert_num_queries(0):
        again = client.get("/terms/entry/")
        not_modified = client.get("/terms/entry/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert not_modified.status_code == 304
    assert rendered == []


def cache_reads(client, url: str) -> list[str]:
    """The cache keys the site reads while ``client`` gets ``url`` (a ``get_many`` that the
    cache backend answers with ``get``s counts once)."""
    keys = []
    get_many, get = cache.get_many, cache.get
    inside = []

    def reading_many(names, *args, **kwargs):
        keys.extend(names)
        inside.append(True)
        try:
            return get_many(names, *args, **kwargs)
        finally:
            inside.pop()

    def reading(name, *args, **kwargs):
        if not inside:
            keys.append(name)
        return get(name, *args, **kwargs)

    with (
        mock.patch.object(cache, "get_many", reading_many),
        mock.patch.object(cache, "get", reading),
    ):
        response = client.get(url)
    assert response.status_code == 200
    return keys


def test_a_page_this_process_served_is_served_again_without_reading_it_from_the_cache(
    client, glossary, page_cache, rendered
):
    first = client.get("/terms/entry/", HTTP_ACCEPT_ENCODING="gzip")
    rendered.clear()

    assert cache_reads(client, "/terms/entry/") == [GENERATION_KEY, NEXT_CHANGE_KEY]
    again = client.get("/terms/entry/", HTTP_ACCEPT_ENCODING="gzip")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert rendered == []


def test_a_page_another_process_made_after_a_change_is_served_from_the_shared_cache(
    client, glossary, page_cache, rendered, django_capture_on_commit_callbacks
):
    """This process keeps the page it served; content changes and another process makes and
    stores the new page: this one serves that, neither its own old copy nor a page of its own."""
    client.get("/terms/entry/")
    edit(glossary, title="Entry renamed")
    with django_capture_on_commit_callbacks(execute=True):
        publish(glossary)
    other = Client()
    with mock.patch("glossary_site.page_cache._remembered_pages", _Remembered("PAGE_CACHE_LOCAL")):
        made_elsewhere = other.get("/terms/entry/")  # A process with nothing remembered.
    rendered.clear()

    served = client.get("/terms/entry/")

    assert b"Entry renamed" in served.content
    assert served["ETag"] == made_elsewhere["ETag"]
    assert rendered == []


def test_each_process_keeps_at_most_page_cache_local_pages(client, glossary, page_cache, settings):
    settings.PAGE_CACHE_LOCAL = 1
    client.get("/terms/entry/")
    client.get("/terms/")  # Takes the place of the term page in this process's memory.

    reads = cache_reads(client, "/terms/entry/")

    assert len(reads) == 3  # The generation, the next change and the page itself.
    assert cache_reads(client, "/terms/entry/") == [GENERATION_KEY, NEXT_CHANGE_KEY]


def test_with_page_cache_local_0_every_hit_reads_the_page_from_the_shared_cache(
    client, glossary, page_cache, settings, rendered
):
    settings.PAGE_CACHE_LOCAL = 0
    first = client.get("/terms/entry/")
    rendered.clear()

    for _ in range(2):
        assert len(cache_reads(client, "/terms/entry/")) == 3
    assert client.get("/terms/entry/").content == first.content
    assert rendered == []  # Still served from the shared cache, not made again.


@pytest.mark.parametrize("url", PAGES)
def test_with_the_page_cache_off_a_304_still_makes_no_page(
    client, glossary, settings, rendered, django_assert_num_queries, url
):
    """PAGE_CACHE_SECONDS=0 stores no page, only its validators: a conditional request is
    answered without the view, the database or a template; any other request makes it."""
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get(url)

    rendered.clear()
    with django_assert_num_queries(0):
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert rendered == []

    assert client.get(url).content == first.content


def test_with_the_page_cache_off_pages_are_made_every_time(client, glossary, settings, rendered):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/terms/entry/")
    rendered.clear()
    client.get("/terms/entry/")
    assert "terms/term_detail.html" in rendered


def test_with_the_page_cache_off_a_change_ends_the_304s(
    client, glossary, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    etag = client.get("/terms/entry/")["ETag"]
    edit(glossary, title="Entry renamed")
    with django_capture_on_commit_callbacks(execute=True):
        publish(glossary)
    response = client.get("/terms/entry/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Entry renamed" in response.content


def test_a_stored_page_and_its_304_carry_the_security_headers_of_a_made_page(
    client, glossary, page_cache, rendered
):
    made = client.get("/terms/entry/")
    rendered.clear()

    stored = client.get("/terms/entry/")
    not_modified = client.get("/terms/entry/", HTTP_IF_NONE_MATCH=made["ETag"])

    assert rendered == []  # Both answered from the page cache, ahead of the header middleware.
    policies = [
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ]
    for response in (stored, not_modified):
        assert {name: response.get(name) for name in policies} == {
            name: made[name] for name in policies
        }
    assert "Content-Type" not in not_modified


def test_staff_pages_are_private_and_never_stored(client, glossary, page_cache, rendered):
    client.force_login(UserFactory(is_staff=True))
    staff = client.get("/terms/entry/")
    client.logout()

    assert "public" not in staff["Cache-Control"]
    assert "private" in staff["Cache-Control"]
    rendered.clear()
    anonymous = client.get("/terms/entry/")
    assert rendered  # Made for the reader, not taken from what staff saw.
    assert "public" in anonymous["Cache-Control"]

    # Nor do staff get the page stored for readers.
    client.force_login(UserFactory(is_staff=True, username="second"))
    rendered.clear()
    client.get("/terms/entry/")
    assert rendered


@pytest.mark.urls("tests.page_cache_urls")
def test_a_response_that_sets_a_cookie_is_never_public(client, page_cache):
    response = client.get("/cookie/")

    assert "public" not in response["Cache-Control"]
    assert client.get("/cookie/").cookies  # Not stored: made again, cookie and all.


def test_publishing_makes_every_page_showing_the_term_fresh_at_once(
    client, glossary, page_cache, django_capture_on_commit_callbacks
):
    for url in ("/terms/entry/", "/terms/", "/", "/api/terms/entry/"):
        assert b"Entry" in client.get(url).content

    edit(glossary, title="Entry renamed")
    with django_capture_on_commit_callbacks(execute=True):
        publish(glossary)

    for url in ("/terms/entry/", "/terms/", "/", "/api/terms/entry/"):
        assert b"Entry renamed" in client.get(url).content, url


def test_a_change_not_yet_committed_changes_nothing(client, glossary, page_cache, rendered):
    client.get("/terms/entry/")
    edit(glossary, title="Entry renamed")
    publish(glossary)  # The test's transaction never commits.

    rendered.clear()
    client.get("/terms/entry/")
    assert rendered == []


def test_newsletter_copy_and_category_edits_refresh_pages(
    client, glossary, page_cache, django_capture_on_commit_callbacks
):
    client.get("/terms/entry/")
    copy = SignupCopy.objects.get()
    copy.headline = "A brand-new headline"
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()
    assert b"A brand-new headline" in client.get("/terms/entry/").content

    glossary.category.name = "Renamed category"
    with django_capture_on_commit_callbacks(execute=True):
        glossary.category.save()
    assert b"Renamed category" in client.get("/categories/listing/").content


def test_a_scheduled_term_appears_on_time_with_pages_stored(client, glossary, page_cache):
    go_live = timezone.now().replace(microsecond=0) + dt.timedelta(hours=1)
    scheduled = TermFactory(title="Scheduled", slug="scheduled", status="draft")
    publish(scheduled, go_live_at=go_live)

    with time_machine.travel(go_live - dt.timedelta(minutes=10), tick=False):
        before = client.get("/terms/?letter=S")
        assert b"Scheduled" not in before.content
        assert b'href="/terms/?letter=S"' not in client.get("/terms/").content
        # Nobody may keep this page past the go-live time either.
        max_age = int(before["Cache-Control"].split("max-age=")[1].split(",")[0])
        assert max_age <= 600
    with time_machine.travel(go_live, tick=False):
        assert b"Scheduled" in client.get("/terms/?letter=S").content
        # The A–Z strip, kept until content changes, gains the letter on time too.
        assert b'href="/terms/?letter=S"' in client.get("/terms/").content
        assert client.get("/terms/scheduled/").status_code == 200


def test_an_expiring_term_leaves_on_time_with_pages_stored(client, page_cache):
    expiry = timezone.now().replace(microsecond=0) + dt.timedelta(hours=1)
    term = TermFactory(title="Leaving", slug="leaving", status="draft")
    publish(term, expire_at=expiry)

    with time_machine.travel(expiry - dt.timedelta(seconds=1), tick=False):
        assert b"Leaving" in client.get("/terms/").content
    with time_machine.travel(expiry, tick=False):
        assert b"Leaving" not in client.get("/terms/").content


def test_data_kept_until_content_changes_is_computed_once_per_generation(
    page_cache, django_capture_on_commit_callbacks
):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert until_content_changes("probe", compute) == 1
    assert until_content_changes("probe", compute) == 1
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    assert until_content_changes("probe", compute) == 2


def test_data_kept_until_content_changes_expires_at_the_next_scheduled_change(page_cache):
    go_live = timezone.now().replace(microsecond=0) + dt.timedelta(hours=1)
    publish(TermFactory(status="draft"), go_live_at=go_live)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with time_machine.travel(go_live - dt.timedelta(seconds=1), tick=False):
        assert until_content_changes("probe", compute) == 1
        assert until_content_changes("probe", compute) == 1
    with time_machine.travel(go_live, tick=False):
        assert until_content_changes("probe", compute) == 2


def test_a_page_made_across_a_scheduled_go_live_is_not_kept_past_it(client, page_cache):
    go_live = timezone.now().replace(microsecond=0) + dt.timedelta(hours=1)
    publish(TermFactory(title="Scheduled", slug="scheduled", status="draft"), go_live_at=go_live)

    with time_machine.travel(go_live - dt.timedelta(seconds=1), tick=False) as clock:
        # The page reads the database before the go-live and is finished after it.
        def finish_after_go_live(**kwargs):
            clock.move_to(go_live + dt.timedelta(seconds=1))

        template_rendered.connect(finish_after_go_live)
        try:
            made_across = client.get("/terms/")
        finally:
            template_rendered.disconnect(finish_after_go_live)
        assert b"Scheduled" not in made_across.content
        assert "max-age=0," in made_across["Cache-Control"]  # Nobody may keep it either.

        assert b"Scheduled" in client.get("/terms/").content


def test_a_withdrawn_term_is_not_served_from_the_cache_while_the_database_is_out(
    client, glossary, page_cache, django_capture_on_commit_callbacks
):
    assert client.get("/terms/entry/").status_code == 200  # Stored.
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(glossary)

    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = Client(raise_request_exception=False).get("/terms/entry/")

    assert response.status_code == 503


def test_addresses_with_other_query_strings_are_made_but_not_stored(
    client, glossary, page_cache, rendered
):
    for _ in range(2):
        response = client.get("/terms/entry/", {"utm_source": "newsletter"})
        assert "public" in response["Cache-Control"]
    assert rendered.count("terms/term_detail.html") == 2


# --- two server processes sharing one Redis ---

needs_servers = pytest.mark.skipif(not PrivateRedis.installed(), reason="needs redis-server")

PUBLISH = """
from terms.models import Category, Term
from terms.workflow import publish_without_review
category, _ = Category.objects.get_or_create(slug="c", defaults={"name": "C"})
term, _ = Term.objects.get_or_create(
    slug="shared", defaults={"category": category, "summary": "S."}
)
term.title = TITLE
term.save()
publish_without_review(term, comment="test")
"""


def publishing(title: str) -> str:
    return PUBLISH.replace("TITLE", repr(title))


@needs_servers
def test_a_publish_shows_on_every_process_at_the_next_request(scratch_postgres):
    redis = PrivateRedis()
    redis.start()
    env = {"REDIS_URL": redis.url, "PAGE_CACHE_SECONDS": "3600"}
    manage("shell", "-c", publishing("First title"), database=scratch_postgres, **env)
    sites = [Site(DATABASE_URL=database_url(scratch_postgres), **env) for _ in range(2)]
    try:
        for site in sites:  # Each process stores the page in the shared cache.
            assert b"First title" in site.get("/terms/shared/")[2]
            assert b"First title" in site.get("/terms/shared/")[2]

        # A third process (an editor's request, a command) publishes a new version.
        manage("shell", "-c", publishing("Second title"), database=scratch_postgres, **env)

        for site in sites:
            status, _, body = site.get("/terms/shared/")
            assert status == 200
            assert b"Second title" in body
    finally:
        for site in sites:
            site.stop()
        redis.stop()

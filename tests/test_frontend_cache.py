"""Front caches (Varnish, a CDN) are told which pages to drop when content changes.

A small local HTTP server records the purge requests."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from glossary_site.public_address import host
from tests.factories import CategoryFactory, TermFactory, edit, publish, unpublish

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Recorder(BaseHTTPRequestHandler):
    requests: list = []
    status = 200

    def do_PURGE(self):
        self.requests.append((self.command, self.path, self.headers["Host"]))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONTEND_CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}"]
    settings.TASKS = IMMEDIATE
    yield Recorder.requests
    server.shutdown()
    server.server_close()


def purged(requests) -> set[str]:
    assert {(method, hostname) for method, _, hostname in requests} <= {("PURGE", host())}
    return {path for _, path, _ in requests}


def test_publishing_purges_the_pages_that_show_the_term(
    front_cache, django_capture_on_commit_callbacks
):
    category = CategoryFactory(slug="basics")
    term = TermFactory(
        title="Embedding", slug="embedding", category=category, tags=["vectors"], status="draft"
    )
    linker = TermFactory(title="Search", slug="search-term", definition="See [[Embedding]].")
    edit(linker, definition="See [[Embedding]].")
    with django_capture_on_commit_callbacks(execute=True):
        publish(linker)
        front_cache.clear()
        publish(term)

    assert purged(front_cache) >= {
        "/terms/embedding/",
        "/api/terms/embedding/",
        "/terms/?letter=E",
        "/categories/basics/",
        "/tags/vectors/",
        "/",
        "/terms/",
        "/feeds/terms/rss/",
        "/sitemap.xml",
        "/terms/search-term/",  # Its link to Embedding appears once Embedding is live.
    }


def test_a_new_slug_purges_the_old_address_too(front_cache, django_capture_on_commit_callbacks):
    term = TermFactory(title="Old name", slug="old-name")
    edit(term, title="New name", slug="new-name")
    with django_capture_on_commit_callbacks(execute=True):
        publish(term)

    assert {"/terms/old-name/", "/terms/new-name/", "/terms/?letter=O", "/terms/?letter=N"} <= (
        purged(front_cache)
    )


def test_taking_a_term_down_purges_its_pages(front_cache, django_capture_on_commit_callbacks):
    term = TermFactory(title="Leaving", slug="leaving")
    with django_capture_on_commit_callbacks(execute=True):
        unpublish(term)

    assert {"/terms/leaving/", "/terms/"} <= purged(front_cache)


def test_a_failing_front_cache_never_fails_the_change(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.FRONTEND_CACHE_PURGE_URLS = ["http://127.0.0.1:9"]  # Nothing listens there.
    settings.TASKS = IMMEDIATE
    term = TermFactory(title="Stays published", status="draft")

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        publish(term)

    assert term.publications.live().exists()
    assert "Purging" in caplog.text


def test_nothing_is_sent_without_front_caches(settings, django_capture_on_commit_callbacks):
    settings.FRONTEND_CACHE_PURGE_URLS = []
    term = TermFactory(status="draft")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish(term)

    # No purge: after commit only the page cache's own generation bump runs, and the task
    # that draws the term's share image is queued.
    assert sorted(callback.__qualname__ for callback in callbacks) == [
        "bump_generation",
        "queue.<locals>.enqueue",
    ]


def test_a_title_outside_a_z_purges_the_letter_page_it_is_listed_on(
    front_cache, django_capture_on_commit_callbacks
):
    term = TermFactory(title="Équité", slug="equite", aliases=["Fairness"], status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        publish(term)

    assert {"/terms/?letter=%23", "/terms/?letter=F"} <= purged(front_cache)


def test_a_front_cache_that_fails_is_not_asked_again_for_every_page(
    front_cache, django_capture_on_commit_callbacks
):
    Recorder.status = 500
    term = TermFactory(title="Embedding", status="draft")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(term)
    finally:
        Recorder.status = 200

    assert len(front_cache) == 1

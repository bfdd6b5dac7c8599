"""The search log behind "Wanted terms": privacy, dedupe, bots, retention, cacheability, and
the editors' report (permissions, content, query budget) and dashboard panel."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from terms.models import SearchLogEntry, Term
from tests.factories import TermFactory
from tests.hostile import MARKUP, elements_in

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
READER = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.7"}
OTHER_READER = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "198.51.100.20"}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def glossary():
    TermFactory(title="Transformer", summary="The architecture behind language models.")
    TermFactory(title="Embeddings", summary="Numbers that place meaning in space.")


def searched(client, query, reader=READER, **params):
    response = client.get(reverse("terms:search"), {"q": query, **params}, **reader)
    assert response.status_code == 200
    return response


def opened(client, query, reader=READER):
    return client.post(reverse("terms:search-opened"), {"q": query}, **reader)


def log():
    return {
        (row.query, row.searches, row.results, row.opened) for row in SearchLogEntry.objects.all()
    }


# --- what is counted ---


def test_a_search_is_counted_by_normalised_query_day_and_results(client, glossary):
    searched(client, "  Vector   SEARCH ")
    searched(client, "transformer", OTHER_READER)

    assert log() == {("vector search", 1, 0, 0), ("transformer", 1, 1, 0)}
    assert set(SearchLogEntry.objects.values_list("day", flat=True)) == {timezone.localdate()}


def test_nothing_about_the_reader_is_stored(client, glossary):
    searched(client, "what is a zebra model")
    opened(client, "what is a zebra model")

    stored = " ".join(
        str(value) for row in SearchLogEntry.objects.values() for value in row.values()
    )
    assert {field.name for field in SearchLogEntry._meta.get_fields()} == {
        "id",
        "query",
        "day",
        "searches",
        "results",
        "opened",
    }
    for secret in ("203.0.113.7", "Mozilla", "Chrome"):
        assert secret not in stored
    # Nor in the cache key that counts a reader once: a hash, never the address.
    if isinstance(cache, LocMemCache):  # its keys can be read
        keys = list(cache._cache)
        assert keys
        assert not any("203.0.113.7" in key or "Mozilla" in key for key in keys)


def test_a_reload_counts_once_and_another_reader_counts_again(client, glossary):
    for _ in range(3):
        searched(client, "transformer")
    searched(client, "transformer", page=2)
    searched(client, "Transformer ")  # the same query, normalised
    searched(client, "transformer", OTHER_READER)

    assert log() == {("transformer", 2, 1, 0)}


def test_a_reader_writing_its_own_forwarded_for_header_still_counts_once(client, glossary):
    for n in range(3):  # Each reload claims another address in front of the real one.
        searched(client, "transformer", {**READER, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"})

    assert log() == {("transformer", 1, 1, 0)}


def test_behind_a_trusted_proxy_readers_are_told_apart_by_the_address_it_saw(
    client, glossary, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "10.0.0.2"}
    searched(client, "transformer", {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"})
    searched(client, "transformer", {**proxy, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"})
    searched(client, "transformer", {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20"})

    assert log() == {("transformer", 2, 1, 0)}


def test_the_same_reader_counts_again_after_the_dedupe_window(client, glossary, settings):
    settings.SEARCH_LOG_DEDUPE_SECONDS = 1
    searched(client, "transformer")
    cache.clear()  # the window has passed
    searched(client, "transformer")

    assert log() == {("transformer", 2, 1, 0)}


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0",
        "facebookexternalhit/1.1",
    ],
)
def test_bots_and_scripts_are_not_counted(client, glossary, agent):
    searched(client, "transformer", {"HTTP_USER_AGENT": agent, "REMOTE_ADDR": "192.0.2.1"})

    assert log() == set()


def test_a_prefetch_is_not_counted(client, glossary):
    searched(client, "transformer", {**READER, "HTTP_SEC_PURPOSE": "prefetch"})

    assert log() == set()


def test_an_opened_result_counts_once_per_counted_search(client, glossary):
    searched(client, "transformer")

    assert opened(client, "transformer").status_code == 204
    assert opened(client, "transformer").status_code == 204

    assert log() == {("transformer", 1, 1, 1)}


def test_an_opened_beacon_without_a_search_counts_nothing(client, glossary):
    assert opened(client, "transformer").status_code == 204
    searched(client, "transformer")
    opened(client, "embeddings")  # a search this reader never made

    assert log() == {("transformer", 1, 1, 0)}


def test_the_beacon_takes_post_only(client, glossary):
    assert client.get(reverse("terms:search-opened"), {"q": "x"}, **READER).status_code == 405


def test_logging_keeps_the_results_page_as_cacheable_as_before(client, glossary):
    anonymous_bot = client.get(reverse("terms:search"), {"q": "transformer"})
    reader = searched(client, "transformer", OTHER_READER)

    assert log() == {("transformer", 1, 1, 0)}
    assert not reader.cookies
    assert reader.get("Vary") == anonymous_bot.get("Vary")
    assert "cookie" not in (reader.get("Vary") or "").lower()
    assert reader.get("Cache-Control") == anonymous_bot.get("Cache-Control")


def test_a_broken_log_never_breaks_a_search(client, glossary, monkeypatch):
    from terms.search import log as search_log

    class Down:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("the queue is down")

    monkeypatch.setattr(search_log, "count_search", Down())

    response = searched(client, "transformer")

    assert "1 result for “transformer”." in response.content.decode()
    assert log() == set()


# The worker checks its connection between tasks; PostgreSQL closes one left inside a test's
# transaction, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_through_the_database_worker(client, glossary, settings):
    """In production the count is queued (one row), and the worker writes it."""
    settings.TASKS = DATABASE
    searched(client, "vector search")
    searched(client, "vector search", OTHER_READER)
    assert log() == set()

    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )

    assert log() == {("vector search", 2, 0, 0)}


def test_the_search_costs_one_write_to_queue_its_count(client, glossary, settings):
    settings.TASKS = DATABASE
    with CaptureQueriesContext(connection) as unlogged:
        client.get(reverse("terms:search"), {"q": "transformer"})  # no user agent: a script
    with CaptureQueriesContext(connection) as logged:
        searched(client, "transformer")

    assert len(logged) <= len(unlogged) + 1


# --- retention ---


def test_purge_keeps_ninety_days(glossary, capsys):
    today = timezone.localdate()
    for age in (0, 89, 90, 91, 400):
        SearchLogEntry.objects.create(query=f"q{age}", day=today - timedelta(days=age), searches=1)

    call_command("purge_search_log", "--dry-run")
    assert "2 search log rows are older than 90 days" in capsys.readouterr().out
    assert SearchLogEntry.objects.count() == 5

    call_command("purge_search_log")

    assert "Deleted 2 search log rows older than 90 days." in capsys.readouterr().out
    assert set(SearchLogEntry.objects.values_list("query", flat=True)) == {"q0", "q89", "q90"}


def test_purge_takes_another_period_and_refuses_nonsense(glossary):
    today = timezone.localdate()
    SearchLogEntry.objects.create(query="old", day=today - timedelta(days=10), searches=1)
    SearchLogEntry.objects.create(query="new", day=today, searches=1)

    call_command("purge_search_log", "--days", "7")

    assert list(SearchLogEntry.objects.values_list("query", flat=True)) == ["new"]
    with pytest.raises(Exception, match="at least 1"):
        call_command("purge_search_log", "--days", "0")


# --- the report ---


def report_url(**params):
    url = reverse("admin:terms_searchlogentry_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def fill_log(rows):
    today = timezone.localdate()
    SearchLogEntry.objects.bulk_create(
        SearchLogEntry(query=q, day=today - timedelta(days=age), searches=s, results=r, opened=o)
        for q, age, s, r, o in rows
    )


def test_only_editors_see_the_report(client, writer, editor, superuser):
    url = report_url()
    assert client.get(url).status_code == 302  # to the login page

    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert "Wanted terms" not in client.get(reverse("admin:index")).content.decode()

    client.force_login(editor)
    assert client.get(url).status_code == 200

    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_the_report_lists_the_most_wanted_first_with_counts(client, editor):
    TermFactory(title="Transformer")
    TermFactory(title="Vector search", status=Term.Status.DRAFT)
    fill_log(
        [
            ("mamba architecture", 0, 3, 0, 0),
            ("mamba architecture", 5, 4, 0, 0),
            ("vector search", 1, 9, 0, 0),
            ("zebra", 2, 1, 0, 0),
            ("transformer", 0, 20, 4, 12),  # found and opened: not wanted
            ("attention sinks", 0, 6, 3, 0),  # found, nothing opened
            ("ancient", 40, 50, 0, 0),  # outside the last 30 days
        ]
    )
    client.force_login(editor)

    html = client.get(report_url()).content.decode()

    found_nothing = html.split('id="nothing-found-heading"')[1].split("</section>")[0]
    nothing_opened = html.split('id="nothing-opened-heading"')[1].split("</section>")[0]

    def rows(section):
        return re.findall(r'<th scope="row">(.*?)</th>\s*<td>(\d+)</td>', section)

    assert rows(found_nothing) == [
        ("vector search", "9"),
        ("mamba architecture", "7"),
        ("zebra", "1"),
    ]
    assert rows(nothing_opened) == [("attention sinks", "6")]
    assert "Searches that found nothing (3)" in html
    # One click to a new draft with the title; an existing working copy is linked instead.
    assert (
        '<a class="button" href="/admin/terms/term/add/?title=Mamba+architecture&amp;'
        'slug=mamba-architecture">Create draft<span class="visually-hidden"> titled '
        "“Mamba architecture”</span></a>"
    ) in html
    assert "“Vector search” exists (draft)" in html
    assert "ancient" not in html
    # 90 days include it.
    assert "ancient" in client.get(report_url(days=90)).content.decode()


def test_create_a_draft_opens_the_term_form_with_the_title(client, editor):
    fill_log([("mamba architecture", 0, 3, 0, 0)])
    client.force_login(editor)

    form = client.get("/admin/terms/term/add/?title=Mamba+architecture&slug=mamba-architecture")

    assert form.status_code == 200
    assert form.context["adminform"].form.initial["title"] == "Mamba architecture"


def test_hostile_queries_are_shown_as_text(client, editor):
    fill_log([(payload, 0, 2, 0, 0) for payload in {payload.lower() for payload in MARKUP}])
    client.force_login(editor)

    html = client.get(report_url()).content.decode()
    sections = "".join(re.findall(r'<section class="module".*?</section>', html, re.DOTALL))

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sections
    for tag, attributes in elements_in(sections):
        assert tag not in {"script", "img", "iframe", "svg", "style"}
        assert not any(name.startswith("on") for name, _ in attributes)


def test_the_report_costs_the_same_queries_at_many_rows(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    fill_log([("one", 0, 1, 0, 0)])

    with CaptureQueriesContext(connection) as few:
        client.get(report_url())
    fill_log(
        [(f"query {n}", n % 30, n % 7 + 1, n % 2, 0) for n in range(2000)]
        + [(f"found {n}", 0, 2, 3, 0) for n in range(300)]
    )
    for n in range(60):
        TermFactory(title=f"Query {n}", status=Term.Status.DRAFT)

    with django_assert_max_num_queries(len(few) + 1):
        response = client.get(report_url())
    assert response.status_code == 200
    assert "The 50 most searched are shown." in response.content.decode()


def test_the_dashboard_panel_shows_the_most_wanted(client, editor, writer):
    fill_log([("mamba architecture", 0, 7, 0, 0), ("zebra", 0, 2, 0, 0)])

    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Wanted terms" in html
    assert "mamba architecture" in html
    assert "7 searches, nothing found" in html

    client.force_login(writer)
    assert "mamba architecture" not in client.get(reverse("admin:index")).content.decode()

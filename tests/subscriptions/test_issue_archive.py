"""The public archive of issues: only what went out, newest first, in pages, feeds and the
sitemap, and exactly as it was sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from subscriptions import sending
from subscriptions.archive import ISSUES_PER_PAGE
from subscriptions.issue_models import Issue
from tests import hostile
from tests.factories import TermFactory, edit, publish, unpublish
from tests.subscriptions.issues import make_issue

pytestmark = pytest.mark.django_db

PUBLIC_PLACES = ("/newsletter/issues/", "/feeds/newsletter/rss/", "/feeds/newsletter/atom/")


def sent_issue(subject, *, days_ago=0, terms=(), **fields):
    """An issue that went out ``days_ago`` days ago, frozen as the sending worker freezes it."""
    issue = make_issue(subject, terms=terms, **fields)
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get(pk=issue.pk).send_at)
    started = timezone.now() - timedelta(days=days_ago)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT, started_at=started, finished_at=started
    )
    return Issue.objects.get(pk=issue.pk)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_DATA = True


def test_drafts_scheduled_and_cancelled_issues_appear_nowhere_public(client):
    draft = make_issue("Draft issue", slug="draft-issue")
    scheduled = make_issue(
        "Scheduled issue",
        slug="scheduled-issue",
        status=Issue.Status.SCHEDULED,
        send_at=timezone.now() + timedelta(days=2),
    )
    cancelled = make_issue("Cancelled issue", slug="cancelled-issue", status=Issue.Status.CANCELLED)
    sent = sent_issue("Sent issue")

    for issue in (draft, scheduled, cancelled):
        assert client.get(f"/newsletter/issues/{issue.slug}/").status_code == 404
    for url in (*PUBLIC_PLACES, "/sitemap.xml"):
        page = client.get(url).text
        for issue in (draft, scheduled, cancelled):
            assert issue.subject not in page, url
            assert issue.slug not in page, url
        assert sent.slug in page, url
    assert client.get(sent.get_absolute_url()).status_code == 200


def test_an_issue_being_sent_is_already_in_the_archive(client):
    issue = make_issue("Going out now", slug="going-out-now")
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    assert client.get("/newsletter/issues/going-out-now/").status_code == 200


def test_the_archive_lists_issues_newest_first_in_pages(client, django_assert_max_num_queries):
    for number in range(ISSUES_PER_PAGE + 2):
        sent_issue(f"Issue number {number}", days_ago=number * 7)

    # The page cache's next scheduled change, the count, the page, and the signup box's copy
    # (read once into the cache): however many issues.
    with django_assert_max_num_queries(4):
        first = client.get("/newsletter/issues/")
    second = client.get("/newsletter/issues/?page=2")

    titles = [issue.subject for issue in first.context["issues"]]
    assert titles[:3] == ["Issue number 0", "Issue number 1", "Issue number 2"]
    assert len(titles) == ISSUES_PER_PAGE
    assert [issue.subject for issue in second.context["issues"]] == [
        f"Issue number {ISSUES_PER_PAGE}",
        f"Issue number {ISSUES_PER_PAGE + 1}",
    ]
    assert 'rel="next" href="?page=2"' in first.text
    assert client.get("/newsletter/issues/?page=9").status_code == 404


def test_an_empty_archive_says_so(client):
    page = client.get("/newsletter/issues/")
    assert page.status_code == 200
    assert "No issue has been sent yet." in page.text


def test_an_issue_page_shows_what_was_sent_whatever_happens_to_the_terms_later(
    client, django_assert_max_num_queries, settings
):
    settings.SITE_URL = "https://glossary.example.com"
    term = TermFactory(title="Context window", summary="How much a model reads at once.")
    issue = sent_issue(
        "Bigger windows",
        terms=[term],
        body="## What changed\n\nSee [[Context window]].",
        preheader="Models read more at once.",
    )
    edit(term, summary="A new summary, written after the issue went out.")
    publish(term)
    unpublish(term)

    # The next scheduled change, the issue, and the signup box's copy (read once into the cache).
    with django_assert_max_num_queries(3):
        page = client.get(issue.get_absolute_url())

    assert "<h1" in page.text
    assert "Bigger windows" in page.text
    assert "Models read more at once." in page.text
    assert "How much a model reads at once." in page.text
    assert "A new summary" not in page.text
    assert 'href="https://glossary.example.com/terms/context-window/"' in page.text
    assert "<h2>What changed</h2>" in page.text  # A section: beside "Terms of the week".
    canonical = f"https://glossary.example.com{issue.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page.text


@pytest.mark.parametrize("payload", hostile.MARKUP)
def test_hostile_subjects_are_text_in_the_archive_and_its_feeds(client, payload):
    sent_issue(payload, slug="hostile", preheader=payload)

    for url in ("/newsletter/issues/", "/newsletter/issues/hostile/", "/feeds/newsletter/rss/"):
        text = client.get(url).text
        for tag, attributes in hostile.elements_in(text):
            assert tag not in {"iframe", "svg", "style"} or url.startswith("/feeds/")
            assert not any(name.startswith("on") for name, _ in attributes), (url, tag)
    atom = client.get("/feeds/newsletter/atom/").text
    assert "<script>" not in atom


def test_feeds_and_sitemap_carry_absolute_addresses(client, settings):
    settings.SITE_URL = "https://glossary.example.com"
    issue = sent_issue("Feed me")

    rss = client.get("/feeds/newsletter/rss/")
    atom = client.get("/feeds/newsletter/atom/")
    sitemap = client.get("/sitemap.xml").text

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    url = f"https://glossary.example.com{issue.get_absolute_url()}"
    assert f"<link>{url}</link>" in rss.text
    assert f'href="{url}"' in atom.text
    assert f"<loc>{url}</loc>" in sitemap
    assert "<loc>https://glossary.example.com/newsletter/issues/</loc>" in sitemap


def test_starting_a_send_refreshes_the_stored_archive(
    client, page_cache, django_capture_on_commit_callbacks
):
    assert "No issue has been sent yet." in client.get("/newsletter/issues/").text
    assert "public" in client.get("/newsletter/issues/")["Cache-Control"]  # A reader page.

    issue = make_issue("Fresh off the press", slug="fresh")
    sending.schedule(issue, timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    assert "Fresh off the press" in client.get("/newsletter/issues/").text
    assert client.get("/newsletter/issues/fresh/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        sending.cancel(issue)

    assert "Fresh off the press" not in client.get("/newsletter/issues/").text
    assert client.get("/newsletter/issues/fresh/").status_code == 404

"""The call to action on term pages: its copy costs no query, and edits show at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subscriptions.call_to_action import DEFAULT_COPY, signup_copy
from subscriptions.models import CategorySignupLine, SignupCopy
from tests.factories import CategoryFactory, TermFactory

pytestmark = pytest.mark.django_db


def newsletter_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    queries = [query["sql"] for query in context.captured_queries]
    return [sql for sql in queries if "subscriptions_" in sql], len(queries)


def test_a_term_page_reads_the_copy_from_the_cache(client):
    term = TermFactory()
    cache.clear()

    cold, cold_total = newsletter_queries(client, term.get_absolute_url())
    warm, warm_total = newsletter_queries(client, term.get_absolute_url())

    assert len(cold) == 1  # After a cache flush, one query fills the cache ...
    assert warm == []  # ... and from then on the copy costs nothing.
    assert warm_total <= cold_total - 1  # (A flushed cache also fills other entries.)


def test_saving_the_copy_writes_it_through_so_the_next_page_costs_nothing(
    client, django_capture_on_commit_callbacks
):
    term = TermFactory()
    copy = SignupCopy.objects.get()
    copy.headline = "Fresh headline"
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    queries, _ = newsletter_queries(client, term.get_absolute_url())
    html = client.get(term.get_absolute_url()).content.decode()

    assert queries == []
    assert html.count("Fresh headline") == 2


def test_a_category_line_replaces_the_general_line_on_that_category_only():
    business, other = CategoryFactory(), CategoryFactory()
    CategorySignupLine.objects.create(copy_id=1, category=business, line="For business readers.")

    assert signup_copy(business.pk)["line"] == "For business readers."
    assert signup_copy(other.pk)["line"] == DEFAULT_COPY["line"]
    assert signup_copy(None)["line"] == DEFAULT_COPY["line"]


def test_a_rolled_back_edit_never_reaches_the_cache(django_capture_on_commit_callbacks):
    signup_copy()  # the cache holds the committed copy
    copy = SignupCopy.objects.get()
    copy.headline = "Never committed"

    # The test's transaction stands for the admin's: it is rolled back, never committed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        copy.save()

    assert callbacks  # the write-through waits for a commit ...
    assert signup_copy()["headline"] == DEFAULT_COPY["headline"]  # ... so readers see no change.


def test_deleting_a_category_removes_its_line(django_capture_on_commit_callbacks):
    business = CategoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        CategorySignupLine.objects.create(
            copy_id=1, category=business, line="For business readers."
        )
    business_id = business.pk
    assert signup_copy(business_id)["line"] == "For business readers."  # cached

    with django_capture_on_commit_callbacks(execute=True):
        business.delete()

    assert signup_copy(business_id)["line"] == DEFAULT_COPY["line"]
    assert not CategorySignupLine.objects.exists()


def test_without_a_stored_copy_the_defaults_are_used():
    SignupCopy.objects.all().delete()

    assert signup_copy() == DEFAULT_COPY


def test_the_signup_page_uses_the_same_copy(client):
    SignupCopy.objects.filter(pk=1).update(button_label="Join")
    cache.clear()  # update() sends no signal; a flush makes the page read it.

    html = client.get("/newsletter/").content.decode()

    assert ">Join</button>" in html


def test_the_database_holds_one_copy_only():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        SignupCopy.objects.bulk_create([SignupCopy(id=2, headline="x", line="y", button_label="z")])

"""The call to action's copy: read from the cache at no query, written through on every edit,
its placeholders filled in with the offer, and the category pitch."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subscriptions.call_to_action import category_pitch, signup_copy
from subscriptions.models import SignupCopy
from tests.factories import CategoryFactory, TermFactory
from tests.hostile import MARKUP, read_html

pytestmark = pytest.mark.django_db

DEFAULT_HEADLINE = "Get the 5 AI stories that matter — free, every Friday"


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


def test_the_defaults_make_the_offer_the_page_promises():
    copy = signup_copy()

    assert copy["headline"] == DEFAULT_HEADLINE
    assert copy["closing_headline"] == "Know the terms. Know the moves."
    assert copy["closing_line"].endswith("Free forever. No spam.")
    assert copy["consent"].startswith("The AI Brief: one email every Friday.")
    assert "one AI term a week" not in str(copy)


def test_saving_the_copy_writes_it_through_so_the_next_page_costs_nothing(
    client, django_capture_on_commit_callbacks
):
    term = TermFactory()
    copy = SignupCopy.objects.get()
    copy.headline = "Fresh headline"
    copy.closing_headline = "Fresh closing"
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    queries, _ = newsletter_queries(client, term.get_absolute_url())
    html = client.get(term.get_absolute_url()).content.decode()

    assert queries == []
    assert html.count("Fresh headline") == 1
    assert html.count("Fresh closing") == 1


@pytest.mark.parametrize(
    ("frequency", "day", "is_free", "headline"),
    [
        ("weekly", "thursday", True, "Get the 5 AI stories that matter — free, every Thursday"),
        ("weekly", "", True, "Get the 5 AI stories that matter — free, every week"),
        ("fortnightly", "monday", False, "Get the 5 AI stories that matter, every other Monday"),
        (
            "monthly",
            "friday",
            True,
            "Get the 5 AI stories that matter — free, on the first Friday of each month",
        ),
        ("daily", "", True, "Get the 5 AI stories that matter — free, every day"),
    ],
)
def test_the_offer_is_said_the_same_way_wherever_a_text_names_it(
    frequency, day, is_free, headline, django_capture_on_commit_callbacks
):
    copy = SignupCopy.objects.get()
    copy.frequency, copy.day, copy.is_free = frequency, day, is_free
    copy.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    assert signup_copy()["headline"] == headline


def test_a_rolled_back_edit_never_reaches_the_cache(django_capture_on_commit_callbacks):
    signup_copy()  # the cache holds the committed copy
    copy = SignupCopy.objects.get()
    copy.headline = "Never committed"

    # The test's transaction stands for the admin's: it is rolled back, never committed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        copy.save()

    assert callbacks  # the write-through waits for a commit ...
    assert signup_copy()["headline"] == DEFAULT_HEADLINE  # ... so readers see no change.


def test_without_a_stored_copy_the_defaults_are_used():
    SignupCopy.objects.all().delete()
    cache.clear()

    assert signup_copy()["headline"] == DEFAULT_HEADLINE


def test_the_signup_page_uses_the_same_copy(client):
    SignupCopy.objects.filter(pk=1).update(button_label="Join", page_heading="All about {name}")
    cache.clear()  # update() sends no signal; a flush makes the page read it.

    html = client.get("/newsletter/").content.decode()

    assert ">Join</button>" in html
    assert "<h1>All about The AI Brief</h1>" in html


def test_the_database_holds_one_copy_only():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        SignupCopy.objects.bulk_create([SignupCopy(id=2)])


def test_the_database_refuses_an_empty_headline_or_an_unknown_frequency():
    from django.db import IntegrityError, transaction

    for change in ({"headline": ""}, {"frequency": "hourly"}, {"day": "someday"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SignupCopy.objects.filter(pk=1).update(**change)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("headline", "Get {offr}", "Unknown placeholder {offr}"),
        ("consent", "{category} weekly", "Unknown placeholder {category}"),
        ("what", "the {what}", "cannot use one"),
        ("welcome_subject", "Welcome\nBcc: x@example.com", "one line"),
        ("day", "friday", "no day of the week"),
    ],
)
def test_the_copy_explains_what_is_wrong(field, value, message):
    copy = SignupCopy.objects.get()
    setattr(copy, field, value)
    if field == "day":
        copy.frequency = "daily"

    with pytest.raises(ValidationError) as error:
        copy.full_clean()

    assert message in str(error.value.message_dict[field])


def test_a_placeholder_in_a_value_is_never_filled_again(django_capture_on_commit_callbacks):
    copy = SignupCopy.objects.get()
    copy.name = "Brief {offer} {{x}}"  # Saved around validation, as a script might.
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    assert signup_copy()["consent"].startswith("Brief {offer} {{x}}: one email every Friday.")


# --- The category pitch ------------------------------------------------------------------------


def test_the_category_pitch_is_made_from_the_name_by_default():
    assert category_pitch(CategoryFactory(name="Business & Strategy")) == (
        "We cover business & strategy every week."
    )
    assert category_pitch(CategoryFactory(name="AI Safety")) == "We cover AI safety every week."
    assert (
        category_pitch(CategoryFactory(name="LLMs and NLP")) == "We cover LLMs and NLP every week."
    )


def test_a_category_s_own_pitch_replaces_the_general_one():
    category = CategoryFactory(name="Business", newsletter_pitch="Money, weekly.")

    assert category_pitch(category) == "Money, weekly."


def test_the_general_pitch_follows_the_offer(django_capture_on_commit_callbacks):
    copy = SignupCopy.objects.get()
    copy.frequency, copy.day = "monthly", ""
    copy.category_pitch = "{name} covers {category} {often}."
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    assert category_pitch(CategoryFactory(name="Vision")) == (
        "The AI Brief covers vision every month."
    )


@pytest.mark.parametrize("payload", MARKUP)
def test_a_hostile_category_name_or_pitch_is_shown_as_text(client, payload):
    named = TermFactory(category=CategoryFactory(name=payload))
    pitched = TermFactory(category=CategoryFactory(name="Plain", newsletter_pitch=payload))

    for url, expected in (
        (named.get_absolute_url(), f"We cover {named.category.name_in_a_sentence()} every week."),
        (
            named.category.get_absolute_url(),
            f"We cover {named.category.name_in_a_sentence()} every",
        ),
        (pitched.get_absolute_url(), payload),
        (pitched.category.get_absolute_url(), payload),
    ):
        html = client.get(url).content.decode()
        box = html[html.index('<p class="cta__pitch">') : html.index("</aside>")]
        text, elements = read_html(box)
        assert expected in text, url
        assert [
            tag
            for tag, _ in elements
            if tag not in {"p", "h2", "div", "form", "input", "label", "button"}
        ] == []

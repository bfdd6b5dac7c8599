"""The offer from one editable source: edited once, it shows on every reader page (both slots on
a term page), the /newsletter/ page, the confirmation email, the welcome page and the welcome
email; every reader page carries the signup box and stays cacheable; the welcome email."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from subscriptions import signups, tokens
from subscriptions.models import SignupCopy, Subscriber
from tests.factories import CategoryFactory, TermFactory
from tests.hostile import MARKUP, read_html
from tests.subscriptions.conftest import link_in
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Get three AI shifts worth knowing — free, every other Thursday"
CLOSING_LINE = "Get three AI shifts worth knowing every other Thursday, explained plainly."
CONSENT = "Signal &amp; Noise: one email every other Thursday."


@pytest.fixture
def new_offer(django_capture_on_commit_callbacks):
    """The offer changed once, in the one place, the texts left at their defaults."""
    copy = SignupCopy.objects.get()
    copy.name = "Signal & Noise"
    copy.what = "three AI shifts worth knowing"
    copy.frequency, copy.day = "fortnightly", "thursday"
    copy.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()
    return copy


@pytest.fixture
def glossary():
    category = CategoryFactory(name="Business & Strategy", slug="business")
    term = TermFactory(title="Moat", slug="moat", category=category, tags=["strategy"])
    return term


def reader_pages(term) -> dict[str, str]:
    return {
        "home": reverse("terms:home"),
        "A–Z": reverse("terms:index"),
        "category": term.category.get_absolute_url(),
        "tag": reverse("terms:tag", args=["strategy"]),
        "search": reverse("terms:search") + "?q=moat",
        "term": term.get_absolute_url(),
    }


def test_one_edit_shows_on_every_reader_page(client, new_offer, glossary):
    for name, url in reader_pages(glossary).items():
        html = client.get(url).content.decode()
        assert html.count(HEADLINE) == 1, name
        assert CONSENT in html, name
        assert "data-newsletter-form" in html, name
        assert "one AI term a week" not in html, name


def test_a_term_page_has_two_slots_each_with_its_own_copy_and_the_category_pitch(
    client, new_offer, glossary
):
    html = client.get(glossary.get_absolute_url()).content.decode()

    inline = html[html.index('class="cta cta--inline"') : html.index("</aside>")]
    closing_start = html.index('class="cta cta--closing"')
    closing = html[closing_start : html.index("</aside>", closing_start)]
    assert HEADLINE in inline
    assert CLOSING_LINE not in inline
    assert "Know the terms. Know the moves." in closing
    assert CLOSING_LINE in closing
    assert HEADLINE not in closing
    assert "We cover business &amp; strategy every two weeks." in inline
    assert "We cover" not in closing
    assert html.count(CONSENT) == 2


def test_the_category_page_pitches_its_category_and_other_listings_do_not(client, glossary):
    category_page = client.get(glossary.category.get_absolute_url()).content.decode()
    tag_page = client.get(reverse("terms:tag", args=["strategy"])).content.decode()

    assert "We cover business &amp; strategy every week." in category_page
    assert "We cover" not in tag_page


def test_one_edit_shows_on_the_newsletter_page_and_in_every_email(
    client, new_offer, sign_up, outbox, immediate_tasks, django_capture_on_commit_callbacks
):
    page = client.get(reverse("subscriptions:signup")).content.decode()
    assert (
        "<h1>Signal &amp; Noise: three AI shifts worth knowing, every other Thursday</h1>" in page
    )
    assert "<title>Signal &amp; Noise — " in page
    assert HEADLINE in page
    assert CONSENT in page

    sign_up("reader@example.com")
    [confirmation] = outbox
    assert confirmation.subject == "Confirm your subscription to Signal & Noise"
    offer = "three AI shifts worth knowing — free, every other Thursday"
    assert f"asked for Signal & Noise at this address: {offer}." in confirmation.body
    html_part = confirmation.alternatives[0][0]
    assert f"asked for Signal &amp; Noise at this address: {offer}." in html_part
    path = link_in(confirmation, "confirm")

    confirm_page = client.get(path).content.decode()
    assert (
        "start getting Signal &amp; Noise: three AI shifts worth knowing every other Thursday."
        in confirm_page
    )

    with django_capture_on_commit_callbacks(execute=True):
        welcome_page = client.post(path).content.decode()
    assert '<h1 id="result-heading">Welcome to Signal &amp; Noise</h1>' in welcome_page
    assert "You’ll get three AI shifts worth knowing every other Thursday" in welcome_page

    [_, welcome] = outbox
    assert welcome.subject == "Welcome to Signal & Noise"
    assert "you’ll get three AI shifts worth knowing every other Thursday" in welcome.body
    for message in outbox:
        assert "one AI term a week" not in message.body + message.alternatives[0][0]

    leaving = client.get(link_in(welcome, "unsubscribe")).content.decode()
    assert "stop sending you Signal &amp; Noise straight away" in leaving


def test_the_archive_and_its_feed_carry_the_newsletter_s_name(client, new_offer):
    archive = client.get(reverse("subscriptions:issues")).content.decode()
    feed = client.get(reverse("subscriptions:issues-atom")).content.decode()

    assert '<meta name="description" content="Every issue of Signal &amp; Noise' in archive
    assert "<title>Signal &amp; Noise</title>" in feed
    assert "Every issue of Signal &amp; Noise, newest first." in feed
    assert "weekly" not in archive.lower()


# --- Signup everywhere, and pages stay cacheable ------------------------------------------------


@pytest.mark.parametrize("page", ["home", "A–Z", "category", "tag", "search", "term"])
def test_pages_with_the_box_set_no_cookie_and_cost_a_constant_number_of_queries(
    client, django_assert_max_num_queries, page
):
    category = CategoryFactory(name="Business & Strategy", slug="business")
    terms = [
        TermFactory(title=f"Moat {n}", category=category, tags=["strategy"], related=[])
        for n in range(25)
    ]
    url = reader_pages(terms[0])[page]
    client.get(url)  # After a cache flush, the first page fills the kept copy.

    with django_assert_max_num_queries(10 if page == "search" else 5) as captured:
        response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not [q for q in captured.captured_queries if "subscriptions_" in q["sql"]]


# --- The welcome email --------------------------------------------------------------------------


def run_worker():
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


# The worker closes the database connection after each task, as in production, so these tests
# commit for real; the copy's row is made here, since a flush after such a test empties it.
worker = pytest.mark.django_db(transaction=True)


def welcome_email(*, enabled: bool) -> None:
    SignupCopy.objects.update_or_create(pk=1, defaults={"welcome_email_enabled": enabled})


@worker
@pytest.mark.usefixtures("database_tasks")
def test_the_welcome_email_is_sent_once_by_the_worker_after_confirming(client):
    welcome_email(enabled=True)
    subscriber = SubscriberFactory(email="reader@example.com")
    path = f"/newsletter/confirm/{_confirm_token(subscriber)}/"

    client.post(path)
    client.post(path)  # Confirming twice owes no second welcome.
    assert mail.outbox == []  # Nothing is sent inside the request ...
    run_worker()
    run_worker()

    [welcome] = mail.outbox  # ... the worker sends it, once.
    assert welcome.to == ["reader@example.com"]
    assert welcome.subject == "Welcome to The AI Brief"
    assert "/newsletter/unsubscribe/" in welcome.body
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert welcome.alternatives[0][1] == "text/html"
    assert Subscriber.objects.get().welcome_sent_at is not None


@worker
@pytest.mark.usefixtures("database_tasks")
def test_no_welcome_email_when_it_is_turned_off(client):
    welcome_email(enabled=False)
    subscriber = SubscriberFactory()

    response = client.post(f"/newsletter/confirm/{_confirm_token(subscriber)}/")
    run_worker()

    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert mail.outbox == []
    assert Subscriber.objects.welcome_owed().count() == 0


@worker
@pytest.mark.usefixtures("database_tasks")
def test_an_address_that_leaves_before_its_welcome_is_sent_gets_none(client):
    welcome_email(enabled=True)
    subscriber = SubscriberFactory()
    client.post(f"/newsletter/confirm/{_confirm_token(subscriber)}/")
    signups.unsubscribe(tokens.make_unsubscribe_token(Subscriber.objects.get()))
    run_worker()

    assert mail.outbox == []


@worker
@pytest.mark.usefixtures("database_tasks")
def test_a_welcome_lost_to_a_mail_outage_is_sent_by_the_requeue_command(
    client, flaky_mail, settings
):
    welcome_email(enabled=True)
    subscriber = SubscriberFactory()
    settings.NEWSLETTER_SEND_MAX_ATTEMPTS = 1  # One try, then left owed for the command.
    flaky_mail.reset(failures=1)
    client.post(f"/newsletter/confirm/{_confirm_token(subscriber)}/")
    run_worker()
    assert mail.outbox == []
    assert Subscriber.objects.welcome_owed().count() == 1  # Nothing recorded as sent.

    call_command("requeue_confirmations", older_than=0, verbosity=0)
    run_worker()
    call_command("requeue_confirmations", older_than=0, verbosity=0)
    run_worker()

    assert [message.subject for message in mail.outbox] == ["Welcome to The AI Brief"]
    assert Subscriber.objects.welcome_owed().count() == 0


@pytest.mark.parametrize("payload", MARKUP)
def test_hostile_copy_is_text_in_the_email_s_html_part(
    client, payload, django_capture_on_commit_callbacks, immediate_tasks
):
    SignupCopy.objects.filter(pk=1).update(
        welcome_body=f"{payload}\n\nSecond paragraph.", welcome_subject=f"Hi {payload}"
    )
    cache.clear()
    subscriber = SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/newsletter/confirm/{_confirm_token(subscriber)}/")

    [welcome] = mail.outbox
    text, elements = read_html(welcome.alternatives[0][0])
    assert payload in text
    assert welcome.subject == f"Hi {payload}"
    assert payload in welcome.body
    allowed = {"html", "head", "meta", "title", "body", "div", "p", "h1", "a", "hr", "br"}
    assert {tag for tag, _ in elements} <= allowed
    assert not [attrs for tag, attrs in elements if any(n.startswith("on") for n, _ in attrs)]


def _confirm_token(subscriber):
    return tokens.make_confirm_token(subscriber)


# --- Stored pages are made fresh by every copy change ---------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_DATA = True


@pytest.mark.usefixtures("page_cache")
def test_a_copy_edit_reaches_pages_already_stored(
    client, glossary, django_capture_on_commit_callbacks
):
    pages = reader_pages(glossary)
    del pages["search"]  # Search results are not stored.
    for url in pages.values():
        assert "public" in client.get(url)["Cache-Control"]  # Stored.

    copy = SignupCopy.objects.get()
    copy.day = "monday"
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()

    for name, url in pages.items():
        assert "free, every Monday" in client.get(url).content.decode(), name


@pytest.mark.usefixtures("page_cache")
def test_a_category_pitch_edit_reaches_its_stored_pages(
    client, glossary, django_capture_on_commit_callbacks
):
    urls = (glossary.get_absolute_url(), glossary.category.get_absolute_url())
    for url in urls:
        assert "We cover business &amp; strategy every week." in client.get(url).content.decode()

    category = glossary.category
    category.newsletter_pitch = "Boardroom AI, decoded."
    with django_capture_on_commit_callbacks(execute=True):
        category.save()

    for url in urls:
        assert "Boardroom AI, decoded." in client.get(url).content.decode(), url

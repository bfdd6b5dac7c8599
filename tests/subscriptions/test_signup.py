"""Signing up from a form: with and without JavaScript, bad input, abuse, nothing leaked."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from subscriptions.models import Subscriber
from subscriptions.signups import consent_wording
from tests.subscriptions.conftest import SAME_ORIGIN, link_in
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/newsletter/"


# --- Without JavaScript: POST → redirect → result page -------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_signup_without_javascript_lands_on_a_page_that_links_back_to_the_term(
    client, sign_up, outbox
):
    response = sign_up("reader@example.com", source="/terms/open-weight/")

    assert response.status_code == 303
    assert response["Location"] == "/newsletter/check-your-inbox/?source=%2Fterms%2Fopen-weight%2F"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Check your inbox" in html
    assert '<a href="/terms/open-weight/">← Back to the page you were reading</a>' in html
    assert [message.to for message in outbox] == [["reader@example.com"]]


@pytest.mark.usefixtures("immediate_tasks")
def test_the_signup_is_stored_pending_with_its_page_utm_tags_and_consent_wording(sign_up):
    sign_up("  Reader@Example.COM ", source="/terms/open-weight/?utm_source=x&utm_campaign=launch")

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Reader@example.com"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == "/terms/open-weight/"
    assert (subscriber.utm_source, subscriber.utm_campaign) == ("x", "launch")
    assert subscriber.consent_text == consent_wording()
    assert subscriber.confirmed_at is None


def test_the_signup_page_shows_the_form_with_the_consent_wording(client):
    response = client.get(SIGNUP, {"source": "/terms/weights/"})

    html = response.content.decode()
    assert consent_wording() in html
    assert 'name="source" value="/terms/weights/"' in html
    assert not response.cookies


def test_an_invalid_address_re_renders_the_form_with_a_message_and_what_was_typed(client, sign_up):
    response = sign_up("reader@example", source="/terms/weights/")

    assert response.status_code == 400
    html = response.content.decode()
    assert "That doesn’t look like an email address" in html
    assert 'value="reader@example"' in html
    assert 'aria-invalid="true"' in html
    assert 'name="source" value="/terms/weights/"' in html
    assert not Subscriber.objects.exists()


def test_an_empty_address_asks_for_one(sign_up):
    response = sign_up("   ")

    assert response.status_code == 400
    assert "Enter your email address." in response.content.decode()
    assert not Subscriber.objects.exists()


# --- With JavaScript: the same endpoint answers JSON -----------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_signup_with_javascript_gets_the_message_to_show_in_place(sign_up, outbox):
    response = sign_up("reader@example.com", js=True)

    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "sent"
    assert answer["title"] == "Check your inbox"
    assert "emailed it a link to confirm" in answer["message"]
    assert len(outbox) == 1


def test_an_invalid_address_with_javascript_gets_the_message_to_show(sign_up):
    response = sign_up("not an address", js=True)

    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert "doesn’t look like an email address" in response.json()["message"]


# --- Nobody can learn who is subscribed -------------------------------------------------------


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_the_answer_is_identical_for_new_pending_confirmed_and_unsubscribed(client, sign_up, js):
    SubscriberFactory(email="pending@example.com")
    SubscriberFactory.confirmed(email="confirmed@example.com")
    SubscriberFactory.unsubscribed(email="left@example.com")

    answers = []
    for address in (
        "new@example.com",
        "pending@example.com",
        "confirmed@example.com",
        "left@example.com",
    ):
        response = sign_up(address, js=js)
        followed = client.get(response["Location"]) if response.status_code == 303 else None
        answers.append(
            (
                response.status_code,
                response.content,
                response.get("Location"),
                followed and followed.content,
            )
        )

    assert answers[0][0] in (200, 303)
    assert answers.count(answers[0]) == 4, answers


@pytest.mark.usefixtures("immediate_tasks")
def test_a_confirmed_address_is_sent_nothing_and_stays_confirmed(sign_up, outbox):
    subscriber = SubscriberFactory.confirmed(email="confirmed@example.com")

    sign_up("CONFIRMED@example.com")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert outbox == []
    assert Subscriber.objects.count() == 1


@pytest.mark.usefixtures("immediate_tasks")
def test_an_address_differing_only_in_case_is_the_same_subscriber(sign_up, outbox):
    SubscriberFactory(email="Reader@example.com")

    sign_up("reader@EXAMPLE.com")

    assert Subscriber.objects.count() == 1
    assert len(outbox) == 1  # The pending subscriber gets the confirmation again.


@pytest.mark.usefixtures("immediate_tasks")
def test_signing_up_again_after_unsubscribing_needs_a_new_confirmation(client, sign_up, outbox):
    subscriber = SubscriberFactory.unsubscribed(email="back@example.com", source="/old/")

    sign_up("back@example.com", source="/terms/weights/")

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmed_at is None
    assert subscriber.unsubscribed_at is None
    assert subscriber.source == "/terms/weights/"
    confirm_page = client.get(link_in(outbox[0], "confirm"))
    assert "Confirm subscription" in confirm_page.content.decode()


# --- Hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "a" * 10_000 + "@example.com",
        "reader@example.com\nBcc: victim@example.com",
        "reader@example.com\r\nSubject: hi",
        "reader@example.com, other@example.com",
        '"Reader" <reader@example.com>',
        "josé@example.com",  # Django's validator accepts an ASCII local part only.
        "reader@exa mple.com",
        "reader@-example.com",
        "reader\x00@example.com",
        "r" * 64 + "@" + ".".join(["d" * 60] * 3) + ".example",  # 255 characters, well formed
    ],
    ids=[
        "10kB",
        "newline-bcc",
        "crlf-subject",
        "two",
        "display-name",
        "unicode-local",
        "space",
        "bad-domain",
        "nul",
        "255-characters",
    ],
)
def test_hostile_addresses_are_refused_and_nothing_is_stored_or_sent(sign_up, outbox, address):
    response = sign_up(address)

    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert outbox == []
    assert not DBTaskResult.objects.exists()


@pytest.mark.usefixtures("immediate_tasks")
def test_an_internationalised_domain_is_stored_in_its_ascii_form(sign_up, outbox):
    sign_up("reader@Bücher.example")

    assert Subscriber.objects.get().email == "reader@xn--bcher-kva.example"
    assert outbox[0].to == ["reader@xn--bcher-kva.example"]


@pytest.mark.parametrize(
    "source",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "javascript:alert(1)",
        "/terms/x/\nSet-Cookie: a=b",
    ],
)
def test_the_back_link_never_leaves_the_site(client, sign_up, source):
    response = sign_up("reader@example.com", source=source)

    assert response["Location"] == "/newsletter/check-your-inbox/"
    html = client.get(response["Location"]).content.decode()
    assert '<a href="/">← Back to the glossary</a>' in html
    assert "evil" not in html
    assert Subscriber.objects.get().source == ""


def test_the_result_page_ignores_a_foreign_source_in_its_address(client):
    html = client.get("/newsletter/check-your-inbox/", {"source": "//evil.example/"}).content

    assert b"evil" not in html


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://blog.testserver"},
        {"HTTP_ORIGIN": "null"},
    ],
    ids=["both", "origin", "fetch-site", "same-site", "null-origin"],
)
def test_a_cross_site_post_is_refused_and_nothing_is_stored(client, outbox, headers):
    response = client.post(SIGNUP, {"email": "victim@example.com"}, **headers)

    assert response.status_code == 403
    assert "can’t be sent from here" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.usefixtures("immediate_tasks")
def test_posts_from_the_public_address_and_from_non_browsers_are_accepted(client, settings):
    settings.SITE_URL = "https://glossary.example.com"

    public = client.post(
        SIGNUP, {"email": "a@example.com"}, HTTP_ORIGIN="https://glossary.example.com"
    )
    no_browser = client.post(SIGNUP, {"email": "b@example.com"})  # e.g. curl: no Origin

    assert (public.status_code, no_browser.status_code) == (303, 303)
    assert Subscriber.objects.count() == 2


# --- Honeypot and rate limits -----------------------------------------------------------------


def test_a_filled_honeypot_gets_the_normal_answer_and_nothing_is_stored(sign_up, outbox):
    honest = sign_up("bot@example.com", website="http://spam.example")

    assert honest.status_code == 303
    assert honest["Location"].startswith("/newsletter/check-your-inbox/")
    assert not Subscriber.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert outbox == []


@pytest.mark.usefixtures("immediate_tasks")
def test_a_client_ip_is_limited_to_five_signups_an_hour(client, sign_up, outbox, settings):
    answers = [sign_up(f"reader{n}@example.com", js=True) for n in range(6)]

    assert [answer.status_code for answer in answers] == [200] * 5 + [429]
    assert answers[-1].json()["title"] == "Please try again later"
    assert Subscriber.objects.count() == 5
    assert len(outbox) == 5
    # Another client is not affected.
    other = sign_up("someone@example.com", js=True, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def from_ip(sign_up, n, address="reader@example.com"):
    return sign_up(address, REMOTE_ADDR=f"198.51.100.{n}")


@pytest.mark.usefixtures("immediate_tasks")
def test_an_address_gets_at_most_one_email_per_ten_minutes(sign_up, outbox):
    first, second = from_ip(sign_up, 1), from_ip(sign_up, 2)

    assert (first.status_code, second.status_code) == (303, 429)
    assert "Please try again later" in second.content.decode()
    assert "we haven’t sent another email" in second.content.decode()
    assert len(outbox) == 1


@pytest.mark.usefixtures("immediate_tasks")
def test_an_address_gets_at_most_three_emails_a_day(sign_up, outbox, settings):
    settings.NEWSLETTER_ADDRESS_EMAIL_INTERVAL = 0  # Only the daily limit applies.

    answers = [from_ip(sign_up, n).status_code for n in range(1, 5)]

    assert answers == [303, 303, 303, 429]
    assert len(outbox) == 3


@pytest.mark.usefixtures("immediate_tasks")
def test_no_raw_ip_address_is_stored(sign_up):
    sign_up("reader@example.com", REMOTE_ADDR="203.0.113.77")

    row = Subscriber.objects.values().get()
    assert not any("203.0.113.77" in str(value) for value in row.values())


# --- The subscriber is committed before any email -------------------------------------------


def test_the_subscriber_is_committed_before_the_email_task_is_queued(
    client, django_capture_on_commit_callbacks, outbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(SIGNUP, {"email": "reader@example.com"}, **SAME_ORIGIN)
        assert Subscriber.objects.filter(email="reader@example.com").exists()
        assert not DBTaskResult.objects.exists()

    assert len(callbacks) == 1
    callbacks[0]()
    task = DBTaskResult.objects.get()
    assert task.task_path == "subscriptions.tasks.send_confirmation_email"
    assert task.args_kwargs["args"] == [Subscriber.objects.get().pk]
    assert outbox == []  # Sent by the worker, not by the request.


def test_a_form_on_a_term_page_posts_its_page_and_utm_tags(client):
    from tests.factories import TermFactory

    term = TermFactory()
    html = client.get(term.get_absolute_url(), {"utm_source": "feed"}).content.decode()

    assert f'name="source" value="{term.get_absolute_url()}?utm_source=feed"' in html
    assert html.count('action="/newsletter/"') == 2
    assert "csrfmiddlewaretoken" not in html
    assert html.count("js/newsletter.js") == 1


def test_answers_set_no_cookie(sign_up):
    response = sign_up("reader@example.com", js=True)

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Content-Type"] == "application/json"


def test_get_only_methods(client):
    assert client.put(SIGNUP).status_code == 405
    assert client.post(reverse("subscriptions:check-inbox")).status_code == 405

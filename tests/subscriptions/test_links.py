"""The links in the emails: confirm (GET shows a button, POST confirms) and unsubscribe."""

import time

import pytest
from django.core import signing
from django.utils import timezone

from subscriptions import tokens
from subscriptions.models import Subscriber
from tests.subscriptions.conftest import link_in
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


def confirm_path(subscriber):
    return f"/newsletter/confirm/{tokens.make_confirm_token(subscriber)}/"


def unsubscribe_path(subscriber):
    return f"/newsletter/unsubscribe/{tokens.make_unsubscribe_token(subscriber)}/"


def issued_ago(token: str, salt: str, seconds: int) -> str:
    """The same token, as if it had been made ``seconds`` ago."""

    class PastSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - seconds)

    return PastSigner(salt=salt).sign_object(signing.loads(token, salt=salt))


# --- Confirm ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_following_the_emailed_link_and_pressing_the_button_confirms(client, sign_up, outbox):
    sign_up("reader@example.com", source="/terms/weights/")
    path = link_in(outbox[0], "confirm")

    page = client.get(path)
    assert page.status_code == 200
    assert (
        '<button type="submit" class="button">Confirm subscription</button>'
        in page.content.decode()
    )
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # A GET changes nothing.

    welcome = client.post(path)

    assert welcome.status_code == 200
    html = welcome.content.decode()
    assert "Welcome to The AI Brief" in html
    assert '<a href="/terms/weights/">← Back to the page you were reading</a>' in html
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_confirming_twice_is_harmless(client):
    subscriber = SubscriberFactory()
    path = confirm_path(subscriber)
    client.post(path)
    first_time = Subscriber.objects.get().confirmed_at

    again = client.post(path)
    looked_at = client.get(path)

    assert again.status_code == looked_at.status_code == 200
    assert "Welcome to The AI Brief" in again.content.decode()
    assert "Welcome to The AI Brief" in looked_at.content.decode()
    assert Subscriber.objects.get().confirmed_at == first_time


def test_token_pages_are_not_cached_and_not_indexed(client):
    response = client.get(confirm_path(SubscriberFactory()))

    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_link_older_than_seven_days_gets_a_page_offering_a_new_one(client):
    subscriber = SubscriberFactory()
    token = tokens.make_confirm_token(subscriber)
    expired = issued_ago(token, tokens.CONFIRM_SALT, 7 * DAY + 60)
    nearly = issued_ago(token, tokens.CONFIRM_SALT, 7 * DAY - 60)

    for method in (client.get, client.post):
        response = method(f"/newsletter/confirm/{expired}/")
        assert response.status_code == 400
        html = response.content.decode()
        assert "This link has expired" in html
        assert 'action="/newsletter/"' in html  # The form to get a new link.
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    client.post(f"/newsletter/confirm/{nearly}/")
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


@pytest.mark.usefixtures("immediate_tasks")
def test_every_page_and_email_states_the_configured_time_limits(client, settings, sign_up, outbox):
    settings.NEWSLETTER_CONFIRM_MAX_AGE = 3 * DAY
    settings.NEWSLETTER_PENDING_MAX_DAYS = 10
    subscriber = SubscriberFactory()
    expired = issued_ago(tokens.make_confirm_token(subscriber), tokens.CONFIRM_SALT, 4 * DAY)

    problem = client.get(f"/newsletter/confirm/{expired}/").content.decode()
    signup_page = client.get("/newsletter/").content.decode()
    answer = sign_up("new@example.com", js=True).content.decode()
    [email] = outbox

    assert "Confirmation links work for 3 days." in problem
    assert "Unconfirmed signups are deleted after 10 days." in signup_page
    assert "The link works for 3 days." in answer
    assert "The link works for 3 days." in email.body


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: token[:10],  # truncated
        lambda token: "x" + token,  # payload
        lambda token: "not-a-token",
    ],
    ids=["signature", "truncated", "payload", "junk"],
)
def test_a_tampered_link_gets_a_clear_page_and_confirms_nothing(client, tamper):
    subscriber = SubscriberFactory()
    bad = tamper(tokens.make_confirm_token(subscriber))

    response = client.post(f"/newsletter/confirm/{bad}/")

    assert response.status_code == 400
    assert "This link doesn’t work" in response.content.decode()
    assert 'action="/newsletter/"' in response.content.decode()  # ... and offers a new one
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_unsubscribe_token_cannot_confirm(client):
    subscriber = SubscriberFactory()
    token = tokens.make_unsubscribe_token(subscriber)

    response = client.post(f"/newsletter/confirm/{token}/")

    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirm_link_from_before_an_unsubscribe_cannot_confirm_a_later_signup(client):
    subscriber = SubscriberFactory.unsubscribed()
    old_path = confirm_path(subscriber)
    # They sign up again: a new signup, which needs its own link.
    subscriber.status = Subscriber.Status.PENDING
    subscriber.signed_up_at = timezone.now()
    subscriber.unsubscribed_at = subscriber.confirmed_at = None
    subscriber.save()

    response = client.post(old_path)

    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    client.post(confirm_path(subscriber))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_a_confirm_link_does_not_undo_an_unsubscribe(client):
    subscriber = SubscriberFactory.unsubscribed()

    shown = client.get(confirm_path(subscriber))
    response = client.post(confirm_path(subscriber))

    assert shown.status_code == response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_a_link_for_a_deleted_subscriber_does_not_work(client):
    subscriber = SubscriberFactory()
    path = confirm_path(subscriber)
    subscriber.delete()

    assert client.post(path).status_code == 400


def test_a_link_for_a_reused_id_does_not_work_for_the_new_address(client):
    subscriber = SubscriberFactory(email="first@example.com")
    path, unsubscribe = confirm_path(subscriber), unsubscribe_path(subscriber)
    subscriber.email = "second@example.com"  # Same id, another person.
    subscriber.save()

    assert client.post(path).status_code == 400
    client.post(unsubscribe)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_links_carry_no_address(client):
    subscriber = SubscriberFactory(email="secret.person@example.com")

    for path in (confirm_path(subscriber), unsubscribe_path(subscriber)):
        token = path.split("/")[3]
        assert "secret" not in str(signing.b64_decode(token.split(":")[0].encode()))


# --- Unsubscribe ------------------------------------------------------------------------------


def test_unsubscribe_get_shows_a_button_and_changes_nothing(client):
    subscriber = SubscriberFactory.confirmed()

    response = client.get(unsubscribe_path(subscriber))

    assert '<button type="submit" class="button">Unsubscribe</button>' in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_rfc_8058_one_click_post_unsubscribes_without_cookies_or_origin(client):
    subscriber = SubscriberFactory.confirmed()
    client.cookies.clear()

    response = client.post(
        unsubscribe_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You’re unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_unsubscribing_is_idempotent(client):
    subscriber = SubscriberFactory.confirmed()
    path = unsubscribe_path(subscriber)
    client.post(path)
    first_time = Subscriber.objects.get().unsubscribed_at

    again = client.post(path)
    looked_at = client.get(path)

    assert again.status_code == looked_at.status_code == 200
    assert "You’re unsubscribed" in looked_at.content.decode()
    assert Subscriber.objects.get().unsubscribed_at == first_time


def test_a_pending_signup_can_be_cancelled_and_is_then_owed_nothing(client):
    subscriber = SubscriberFactory(confirmation_sent_at=None)

    client.post(unsubscribe_path(subscriber))

    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert not Subscriber.objects.confirmation_owed().exists()


def test_unsubscribe_links_do_not_expire(client):
    subscriber = SubscriberFactory.confirmed()
    token = tokens.make_unsubscribe_token(subscriber)
    old = issued_ago(token, tokens.UNSUBSCRIBE_SALT, 400 * DAY)

    client.post(f"/newsletter/unsubscribe/{old}/")

    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribing_an_address_no_longer_stored_says_unsubscribed(client):
    subscriber = SubscriberFactory()
    path = unsubscribe_path(subscriber)
    subscriber.delete()

    response = client.post(path)

    assert response.status_code == 200
    assert "You’re unsubscribed" in response.content.decode()


def test_a_tampered_unsubscribe_link_gets_a_clear_page(client):
    subscriber = SubscriberFactory.confirmed()
    confirm_token = tokens.make_confirm_token(subscriber)

    for bad in ("junk", confirm_token):
        response = client.post(f"/newsletter/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This link doesn’t work" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

"""Confirmation emails: what they say and carry, and that a mail outage loses nothing."""

import email
import email.policy
from datetime import timedelta
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from subscriptions import delivery, tasks
from subscriptions.models import Subscriber
from tests.subscriptions.conftest import SAME_ORIGIN, link_in
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def run_worker():
    """Run the database worker until no task is ready, as `manage.py db_worker` does."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


# --- The email ------------------------------------------------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_the_confirmation_email_has_text_and_html_parts_with_the_same_links(
    sign_up, outbox, settings
):
    settings.SITE_URL = "https://glossary.example.com"
    sign_up("reader@example.com")

    message = outbox[0]
    html, mimetype = message.alternatives[0]
    confirm, unsubscribe = link_in(message, "confirm"), link_in(message, "unsubscribe")
    assert message.subject == "Confirm your subscription to The AI Brief"
    assert message.to == ["reader@example.com"]
    assert mimetype == "text/html"
    assert f"https://glossary.example.com{confirm}" in message.body
    assert f'href="https://glossary.example.com{confirm}"' in html
    assert f'href="https://glossary.example.com{unsubscribe}"' in html
    assert "The link works for 7 days" in message.body
    assert "<" not in message.body  # Plain text is plain.


@pytest.mark.usefixtures("immediate_tasks")
def test_every_email_carries_one_click_unsubscribe_and_list_id_headers(
    client, sign_up, outbox, settings
):
    settings.SITE_URL = "https://glossary.example.com"
    settings.NEWSLETTER_LIST_ID = "newsletter.glossary.example.com"
    sign_up("reader@example.com")

    headers = outbox[0].message()
    unsubscribe = link_in(outbox[0], "unsubscribe")
    assert headers["List-Unsubscribe"] == f"<https://glossary.example.com{unsubscribe}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == "The AI Glossary newsletter <newsletter.glossary.example.com>"
    # The header's URL works as a one-click POST (RFC 8058).
    client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.usefixtures("immediate_tasks")
@pytest.mark.parametrize(
    "site_name", ['Glossary: "AI" edition', "Glossaire de l’IA — hebdo", "A <b> name"]
)
def test_the_list_id_keeps_its_id_readable_whatever_the_site_name(
    sign_up, outbox, settings, site_name
):
    settings.SITE_NAME = site_name
    settings.NEWSLETTER_LIST_ID = "newsletter.glossary.example.com"
    sign_up("reader@example.com")

    # As a mail client reads it: the raw header, its address part, its phrase decoded.
    raw = email.message_from_bytes(outbox[0].message().as_bytes(), policy=email.policy.compat32)
    name, list_id = parseaddr(raw["List-Id"].replace("\r\n", "").replace("\n", ""))
    assert list_id == "newsletter.glossary.example.com"
    assert str(make_header(decode_header(name))) == f"{site_name} newsletter"


# --- Retries ----------------------------------------------------------------------------------


def test_retries_back_off_exponentially_up_to_an_hour(settings):
    settings.NEWSLETTER_SEND_RETRY_DELAY = 60
    settings.NEWSLETTER_SEND_RETRY_MAX_DELAY = 3600

    delays = [tasks.retry_delay(attempt).total_seconds() for attempt in range(1, 9)]

    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


@pytest.mark.usefixtures("database_tasks")
def test_a_mail_failure_queues_the_next_attempt_after_its_backoff(flaky_mail):
    subscriber = SubscriberFactory(confirmation_sent_at=None)
    flaky_mail.reset(failures=1)

    with pytest.raises(OSError, match="unexpectedly closed"):
        tasks.send_confirmation_email.call(subscriber.pk, attempt=3)

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs == {"args": [subscriber.pk], "kwargs": {"attempt": 4}}
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert 230 < wait <= 240  # The third failure waits 4 minutes.
    assert Subscriber.objects.confirmation_owed().filter(pk=subscriber.pk).exists()


@pytest.mark.usefixtures("database_tasks")
def test_retrying_stops_after_the_last_attempt(flaky_mail, settings):
    settings.NEWSLETTER_SEND_MAX_ATTEMPTS = 3
    subscriber = SubscriberFactory(confirmation_sent_at=None)
    flaky_mail.reset(failures=1)

    with pytest.raises(OSError, match="unexpectedly closed"):
        tasks.send_confirmation_email.call(subscriber.pk, attempt=3)

    assert not DBTaskResult.objects.exists()
    assert Subscriber.objects.confirmation_owed().exists()  # Left for requeue_confirmations.


@pytest.mark.usefixtures("database_tasks")
@pytest.mark.django_db(transaction=True)
def test_a_mail_outage_loses_nothing_and_sends_each_confirmation_exactly_once(
    client, flaky_mail, settings
):
    settings.NEWSLETTER_SEND_RETRY_DELAY = 0  # Retries are ready at once; no waiting in tests.
    mail.outbox = []
    addresses = ["one@example.com", "two@example.com", "three@example.com"]
    flaky_mail.reset(failures=5)  # The mail server is down for the first five attempts.

    for address in addresses:
        response = client.post("/newsletter/", {"email": address}, **SAME_ORIGIN)
        assert response.status_code == 303
    assert Subscriber.objects.count() == 3  # Stored although nothing could be sent yet.

    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses)
    assert flaky_mail.attempts == 8
    assert not Subscriber.objects.confirmation_owed().exists()
    assert DBTaskResult.objects.failed().count() == 5
    assert DBTaskResult.objects.successful().count() == 3
    # Running the worker or the re-queue command again sends nothing more.
    call_command("requeue_confirmations", older_than=0, verbosity=0)
    run_worker()
    assert len(mail.outbox) == 3


@pytest.mark.usefixtures("database_tasks")
@pytest.mark.django_db(transaction=True)
def test_two_tasks_for_one_signup_send_one_email(flaky_mail):
    mail.outbox = []
    subscriber = SubscriberFactory(confirmation_sent_at=None)

    tasks.send_confirmation_email.enqueue(subscriber.pk)
    tasks.send_confirmation_email.enqueue(subscriber.pk)
    run_worker()

    assert len(mail.outbox) == 1


# --- Re-queueing what was not sent ------------------------------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_requeue_confirmations_sends_what_an_outage_left_unsent(
    sign_up, flaky_mail, outbox, capsys
):
    flaky_mail.reset(failures=2)  # The immediate backend cannot wait: both signups stay owed.
    sign_up("one@example.com")
    sign_up("two@example.com")
    assert outbox == []
    assert Subscriber.objects.confirmation_owed().count() == 2

    call_command("requeue_confirmations", older_than=0, dry_run=True)
    assert "Would queue 2 confirmation email(s)." in capsys.readouterr().out
    assert outbox == []

    call_command("requeue_confirmations", older_than=0)
    call_command("requeue_confirmations", older_than=0)

    assert "Queued 2 confirmation email(s).\nQueued 0" in capsys.readouterr().out
    assert sorted(message.to[0] for message in outbox) == ["one@example.com", "two@example.com"]


def test_requeue_leaves_recent_requests_to_the_tasks_on_their_way():
    SubscriberFactory(confirmation_sent_at=None)
    old = SubscriberFactory(
        confirmation_sent_at=None,
        confirmation_requested_at=timezone.now() - timedelta(hours=1),
    )

    queued = tasks.requeue_unsent_confirmations(older_than=timedelta(minutes=10))

    assert queued == [old.email]


def test_a_resend_request_makes_a_sent_confirmation_owed_again():
    subscriber = SubscriberFactory()  # Sent.
    assert not Subscriber.objects.confirmation_owed().exists()

    subscriber.confirmation_requested_at = timezone.now()
    subscriber.save()

    assert Subscriber.objects.confirmation_owed().get() == subscriber


@pytest.mark.usefixtures("immediate_tasks")
def test_confirmed_or_unsubscribed_subscribers_are_never_sent_a_confirmation(outbox):
    confirmed = SubscriberFactory.confirmed(confirmation_sent_at=None)
    left = SubscriberFactory.unsubscribed(confirmation_sent_at=None)

    for subscriber in (confirmed, left):
        assert delivery.send_confirmation_if_owed(subscriber.pk) is False
    assert outbox == []

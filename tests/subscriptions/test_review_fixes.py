"""Delivery and abuse edge cases: no retry storms, refused addresses, IPv6 networks, UTM tags
kept, and pending signups kept for their confirmation link's whole week."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from glossary_site.clients import client_network
from subscriptions import rate_limits, retention, tasks
from subscriptions.models import Subscriber
from tests.subscriptions.factories import SubscriberFactory
from tests.subscriptions.flaky_email import RefusingEmailBackend
from tests.subscriptions.test_delivery import run_worker

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("database_tasks")
@pytest.mark.django_db(transaction=True)  # The worker manages its own connections.
def test_requeueing_makes_one_attempt_and_starts_no_chain_of_retries(flaky_mail):
    SubscriberFactory(
        confirmation_sent_at=None, confirmation_requested_at=timezone.now() - timedelta(hours=1)
    )
    flaky_mail.reset(failures=100)  # The mail server stays down.

    for _ in range(3):  # Three cron runs of the command, each followed by the worker.
        call_command("requeue_confirmations", older_than=0, verbosity=0)
        run_worker()

    assert flaky_mail.attempts == 3
    assert not DBTaskResult.objects.ready().exists()
    assert Subscriber.objects.confirmation_owed().exists()


@pytest.mark.usefixtures("database_tasks")
def test_an_address_the_mail_server_refuses_is_not_retried(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.flaky_email.RefusingEmailBackend"
    RefusingEmailBackend.attempts = 0
    subscriber = SubscriberFactory(confirmation_sent_at=None)

    assert tasks.send_confirmation_email.call(subscriber.pk) is False

    assert RefusingEmailBackend.attempts == 1
    assert not DBTaskResult.objects.exists()


def test_ipv6_clients_are_limited_per_64_network(settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 2
    network = "2001:db8:1234:5678"

    allowed = [
        rate_limits.allow_signup(client_ip=f"{network}::{n:x}", email=f"r{n}@example.com")
        for n in range(1, 4)
    ]

    assert allowed == [True, True, False]
    assert rate_limits.allow_signup(client_ip="2001:db8:9999::1", email="other@example.com")


def test_ipv4_mapped_addresses_count_as_their_ipv4_address():
    assert client_network("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_network("192.0.2.7") == "192.0.2.7"
    assert client_network("2001:db8::1") == "2001:db8::/64"


def test_the_signup_page_keeps_its_campaign_tags_in_the_form(client):
    html = client.get("/newsletter/", {"utm_source": "mastodon", "utm_campaign": "launch"})

    assert (
        'value="/newsletter/?utm_source=mastodon&amp;utm_campaign=launch"' in html.content.decode()
    )


def test_purge_counts_from_the_latest_confirmation_request():
    old = timezone.now() - timedelta(days=40)
    fresh_link = SubscriberFactory(
        status=Subscriber.Status.PENDING,
        signed_up_at=old,
        confirmation_requested_at=timezone.now() - timedelta(days=1),
    )
    stale = SubscriberFactory(
        status=Subscriber.Status.PENDING, signed_up_at=old, confirmation_requested_at=old
    )

    assert retention.purge_pending(30) == 1
    assert Subscriber.objects.filter(pk=fresh_link.pk).exists()
    assert not Subscriber.objects.filter(pk=stale.pk).exists()

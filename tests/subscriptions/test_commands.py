"""Management commands: purge_pending (requeue_confirmations is in test_delivery)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from subscriptions.models import Subscriber
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def subscribers():
    return {
        "old pending": SubscriberFactory(signed_up_at=days_ago(31)),
        "new pending": SubscriberFactory(signed_up_at=days_ago(29)),
        "old confirmed": SubscriberFactory.confirmed(signed_up_at=days_ago(400)),
        "old unsubscribed": SubscriberFactory.unsubscribed(signed_up_at=days_ago(400)),
    }


def test_purge_pending_deletes_unconfirmed_signups_older_than_30_days(subscribers, capsys):
    call_command("purge_pending")

    assert "Deleted 1 pending signup(s) older than 30 days." in capsys.readouterr().out
    remaining = set(Subscriber.objects.values_list("email", flat=True))
    assert remaining == {
        subscribers[name].email for name in ("new pending", "old confirmed", "old unsubscribed")
    }


def test_purge_pending_dry_run_deletes_nothing(subscribers, capsys):
    call_command("purge_pending", dry_run=True, days=7)

    assert "Would delete 2 pending signup(s) older than 7 days." in capsys.readouterr().out
    assert Subscriber.objects.count() == 4


def test_purge_pending_is_idempotent(subscribers, capsys):
    call_command("purge_pending")
    call_command("purge_pending")

    assert "Deleted 0 pending" in capsys.readouterr().out.splitlines()[-1]

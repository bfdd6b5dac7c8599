"""Simultaneous signups for one address: exactly one row (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections

from subscriptions.models import Subscriber
from subscriptions.signups import record_signup

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so the race cannot happen there; "
        "run with DATABASE_URL=postgres://… to exercise it.",
    ),
]

THREADS = 8


def test_simultaneous_signups_for_one_address_create_exactly_one_row():
    barrier = threading.Barrier(THREADS)
    errors = []

    def sign_up(n):
        try:
            barrier.wait(timeout=10)
            # Differently-cased spellings of one address: the unique index is case-insensitive.
            record_signup("Race@example.com" if n % 2 else "race@example.com")
        except Exception as error:  # Collected and asserted below, with its type.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Subscriber.objects.for_address("RACE@example.com").count() == 1
    assert Subscriber.objects.count() == 1


def test_simultaneous_confirmations_owe_and_queue_one_welcome_email(settings):
    from django_tasks_db.models import DBTaskResult

    from subscriptions import tokens
    from subscriptions.signups import confirm_subscription
    from tests.subscriptions.conftest import DATABASE

    settings.TASKS = DATABASE
    subscriber = record_signup("welcome-race@example.com")
    token = tokens.make_confirm_token(subscriber)
    barrier = threading.Barrier(THREADS)
    errors = []

    def confirm():
        try:
            barrier.wait(timeout=10)
            confirm_subscription(token)
        except Exception as error:  # Collected and asserted below, with its type.
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    welcomes = DBTaskResult.objects.filter(task_path="subscriptions.tasks.send_welcome_email")
    assert welcomes.count() == 1
    assert Subscriber.objects.welcome_owed().count() == 1

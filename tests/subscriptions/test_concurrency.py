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

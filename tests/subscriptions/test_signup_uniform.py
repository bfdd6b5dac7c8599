"""A signup does the same work whatever the address's state, so its timing tells nothing.

Checked by what runs, never by the clock: the same SQL statements in the same order, one task
queued, and the same answer for a new, pending, confirmed and unsubscribed address. Whether an
email is owed is decided later by the task, under its row lock.
"""

import re
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from subscriptions.call_to_action import signup_copy
from subscriptions.models import Subscriber
from tests.subscriptions.factories import SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_tasks")]

STATES = {
    "new": None,
    "pending": SubscriberFactory,
    "confirmed": SubscriberFactory.confirmed,
    "unsubscribed": SubscriberFactory.unsubscribed,
}
SAVEPOINT_ID = re.compile(r'"?s\d+_x\d+"?')


@contextmanager
def statements_run():
    """The SQL statements run inside the block, as templates (parameters not filled in), with
    savepoint names made alike."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(SAVEPOINT_ID.sub("<savepoint>", sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def run_worker():
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )


@pytest.fixture
def signups_in_every_state(sign_up):
    """Sign up one address in each state; what each signup ran and answered, by state."""
    work = {}
    # The page the form was on read the newsletter's copy (the consent line stored with each
    # signup); a signup finds it in the cache, whatever the address's state.
    signup_copy()
    for n, (state, make) in enumerate(STATES.items()):
        address = f"{state}@example.com"
        if make is not None:
            make(email=address)
        tasks_before = DBTaskResult.objects.count()
        with statements_run() as statements:
            # Each from its own client address, so no signup meets the per-IP limit.
            response = sign_up(address, REMOTE_ADDR=f"192.0.2.{n + 1}")
        work[state] = {
            "statements": statements,
            "tasks queued": DBTaskResult.objects.count() - tasks_before,
            "answer": (response.status_code, response.get("Location"), response.content),
        }
    return work


def test_every_state_runs_the_same_statements_queues_one_task_and_gets_the_same_answer(
    signups_in_every_state,
):
    new = signups_in_every_state["new"]
    assert new["tasks queued"] == 1
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in new["statements"])
    for state, work in signups_in_every_state.items():
        assert work == new, state


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_the_task_still_emails_only_addresses_that_are_owed_a_confirmation(
    signups_in_every_state,
):
    mail.outbox = []
    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "new@example.com",
        "pending@example.com",
        "unsubscribed@example.com",
    ]
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        "new@example.com": Subscriber.Status.PENDING,
        "pending@example.com": Subscriber.Status.PENDING,
        "confirmed@example.com": Subscriber.Status.CONFIRMED,
        "unsubscribed@example.com": Subscriber.Status.PENDING,
    }

"""Sending an issue: through a real SMTP server, once per recipient however the worker fares."""

import smtplib
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from subscriptions import sending, tasks
from subscriptions.issue_models import Delivery, Issue, Suppression
from subscriptions.models import Subscriber
from tests.factories import TermFactory
from tests.smtp_sink import SmtpSink
from tests.subscriptions.factories import SubscriberFactory
from tests.subscriptions.issues import (
    confirmed_subscribers,
    make_issue,
    owner_of_unsubscribe_link,
    run_worker,
    unsubscribe_path,
)

pytestmark = pytest.mark.django_db


class WorkerDied(BaseException):
    """What a killed worker looks like from inside: nothing after it runs, no handler sees it."""


class DyingEmailBackend(LocmemBackend):
    """Delivers to ``mail.outbox`` until ``die_after`` messages, then the worker dies while
    handing over the next one."""

    die_after: int | None = None

    def send_messages(self, messages):
        cls = type(self)
        if cls.die_after is not None and len(mail.outbox) >= cls.die_after:
            raise WorkerDied
        return super().send_messages(messages)


class FailingEmailBackend(LocmemBackend):
    """A mail server that drops the connection on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingEmailBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {m.to[0]: (550, b"5.1.1 No such user") for m in messages}
        )


@pytest.fixture
def fast_sending(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTER_SEND_RATE = 0
    settings.NEWSLETTER_SEND_BATCH_SIZE = 250
    settings.SITE_URL = "https://glossary.example.com"
    settings.NEWSLETTER_LIST_ID = "newsletter.glossary.example.com"


def send_now(issue):
    tasks.schedule_issue(issue)


# --- A real SMTP server ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fast_sending")
def test_an_issue_reaches_1000_confirmed_subscribers_through_smtp_each_with_their_own_link(
    settings,
):
    readers = confirmed_subscribers(1000)
    SubscriberFactory()  # Pending: not on the list yet.
    SubscriberFactory.unsubscribed()
    bounced = SubscriberFactory.confirmed(email="gone@example.com")
    Suppression.objects.create(subscriber=bounced, reason="bounced", created_at=timezone.now())
    issue = make_issue(terms=[TermFactory(title="Open weight")])

    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        send_now(issue)
        run_worker()
        received = sink.messages()

    assert len(received) == 1000
    assert all(len(recipients) == 1 for recipients, _ in received)
    assert sorted(r[0] for r, _ in received) == sorted(reader.email for reader in readers)
    for (recipient,), message in received:
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        link = unsubscribe_path(text)
        assert owner_of_unsubscribe_link(text) == recipient  # Their own link, nobody else's.
        # (A long header is folded onto its next line; mail programs unfold it.)
        assert message["List-Unsubscribe"].strip() == f"<https://glossary.example.com{link}>"
        assert f'href="https://glossary.example.com{link}"' in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Id"] == "The AI Glossary newsletter <newsletter.glossary.example.com>"
        assert message["Subject"] == "This week in AI"
        assert "https://glossary.example.com/terms/open-weight/" in text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sending.progress(issue)["sent"] == 1000


# --- Exactly once -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fast_sending")
def test_a_send_interrupted_mid_batch_and_resumed_sends_each_recipient_exactly_once(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_issue_sending.DyingEmailBackend"
    settings.NEWSLETTER_SEND_STALL_AFTER = 0  # The stand-in batch is due at once.
    mail.outbox = []
    readers = confirmed_subscribers(40)
    issue = make_issue()
    assert sending.schedule(issue, timezone.now())
    assert sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    DyingEmailBackend.die_after = 17
    with pytest.raises(WorkerDied):
        tasks.send_issue_batch.call(issue.pk, step=1)
    # What the dead worker had recorded survives; the message in its hands is pending again.
    assert len(mail.outbox) == 17
    assert sending.progress(issue)["sent"] == 17
    assert sending.progress(issue)["pending"] == 23

    DyingEmailBackend.die_after = None
    run_worker()  # The stand-in it queued before sending resumes the send.

    assert Counter(message.to[0] for message in mail.outbox) == Counter(
        {reader.email: 1 for reader in readers}
    )
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    # A resumed copy would carry the same Message-ID as the lost one: one message per address.
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 40


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fast_sending")
def test_two_chains_of_batches_for_one_send_still_send_each_copy_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_BATCH_SIZE = 7
    mail.outbox = []
    confirmed_subscribers(30)
    issue = make_issue()
    send_now(issue)  # Queues the start; the batches follow.
    tasks.resume_sends()  # An operator's resume while the send is already queued.
    tasks.resume_sends()
    run_worker()

    assert len(mail.outbox) == 30
    assert len({message.to[0] for message in mail.outbox}) == 30


def test_a_claimed_row_is_not_claimed_again(settings):
    """The claim is a conditional update: once taken, the same row is never due again."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    mail.outbox = []
    confirmed_subscribers(3)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    first = sending.send_batch(issue.pk, size=2)
    second = sending.send_batch(issue.pk, size=2)
    third = sending.send_batch(issue.pk, size=2)

    assert (first.sent, second.sent, third.sent) == (2, 1, 0)
    assert len(mail.outbox) == 3
    assert third.next_run_at is None  # Finished.


# --- Who gets it --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fast_sending")
def test_an_address_unsubscribed_between_scheduling_and_sending_gets_nothing(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    stays, leaves = confirmed_subscribers(2)
    issue = make_issue()
    friday = timezone.now() + timedelta(days=3)
    tasks.schedule_issue(issue, friday)
    scheduled = DBTaskResult.objects.get()
    assert scheduled.task_path == "subscriptions.tasks.start_issue"
    assert abs((scheduled.run_after - friday).total_seconds()) < 1

    # The reader leaves through the link in an earlier email.
    from subscriptions.emails import unsubscribe_url

    assert client.post(unsubscribe_url(leaves)).status_code == 200
    # Friday comes: the worker runs the start task.
    tasks.start_issue.call(issue.pk, scheduled_for=scheduled.args_kwargs["kwargs"]["scheduled_for"])
    run_worker()

    assert [message.to for message in mail.outbox] == [[stays.email]]
    assert not Delivery.objects.filter(subscriber=leaves).exists()


@pytest.mark.usefixtures("fast_sending")
def test_an_address_that_leaves_after_the_send_starts_is_skipped_at_its_turn(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    first, leaves, complains = confirmed_subscribers(3)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    Subscriber.objects.filter(pk=leaves.pk).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    Suppression.objects.create(subscriber=complains, reason="complained", created_at=timezone.now())
    sending.send_batch(issue.pk)

    assert [message.to for message in mail.outbox] == [[first.email]]
    assert sending.progress(issue) | {"total": 0} == {
        "pending": 0, "sent": 1, "failed": 0, "skipped": 2, "cancelled": 0, "total": 0
    }  # fmt: skip


@pytest.mark.usefixtures("fast_sending")
def test_someone_confirming_after_the_send_starts_waits_for_the_next_issue(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    confirmed_subscribers(1)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)
    SubscriberFactory.confirmed(email="late@example.com")

    sending.send_batch(issue.pk)

    assert [message.to for message in mail.outbox] == [["member0@example.com"]]


# --- Scheduling ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_sending")
def test_a_rescheduled_issue_ignores_its_earlier_time_and_an_unscheduled_one_never_starts():
    issue = make_issue()
    first = timezone.now() + timedelta(hours=1)
    second = timezone.now() + timedelta(days=2)
    tasks.schedule_issue(issue, first)
    tasks.schedule_issue(issue, second)

    assert tasks.start_issue.call(issue.pk, scheduled_for=first.isoformat()) is False
    assert Issue.objects.get().status == Issue.Status.SCHEDULED

    sending.unschedule(issue)
    assert tasks.start_issue.call(issue.pk, scheduled_for=second.isoformat()) is False
    assert Issue.objects.get().status == Issue.Status.DRAFT


def test_scheduling_a_later_time_needs_a_backend_that_can_wait(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    issue = make_issue()

    with pytest.raises(tasks.SchedulingUnavailable, match="db_worker"):
        tasks.schedule_issue(issue, timezone.now() + timedelta(days=1))

    assert Issue.objects.get().status == Issue.Status.DRAFT


@pytest.mark.django_db(transaction=True)
def test_in_development_send_now_goes_out_at_once_without_a_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    confirmed_subscribers(3)
    issue = make_issue()

    tasks.schedule_issue(issue)

    assert len(mail.outbox) == 3
    assert Issue.objects.get().status == Issue.Status.SENT


def test_a_sent_issue_cannot_be_scheduled_again():
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    with pytest.raises(Exception, match="sending"):
        sending.schedule(issue, timezone.now())


# --- Failures and retries ---------------------------------------------------------------------


@pytest.mark.usefixtures("fast_sending")
def test_a_failing_mail_server_is_retried_with_backoff_then_listed_as_failed(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_issue_sending.FailingEmailBackend"
    settings.NEWSLETTER_SEND_RETRY_DELAY = 60
    settings.NEWSLETTER_SEND_MAX_ATTEMPTS = 3
    confirmed_subscribers(2)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    result = sending.send_batch(issue.pk)

    # The batch stops at the first failure and comes back after the backoff.
    assert (result.sent, result.retrying) == (0, 1)
    delivery = Delivery.objects.get(attempts=1)
    assert delivery.status == Delivery.Status.PENDING
    assert "unexpectedly closed" in delivery.last_error
    assert 55 < (result.next_run_at - timezone.now()).total_seconds() <= 60
    assert 55 < (delivery.next_attempt_at - timezone.now()).total_seconds() <= 60

    for _ in range(10):  # Each retry comes due; the server still fails.
        if not Delivery.objects.filter(status=Delivery.Status.PENDING).exists():
            break
        Delivery.objects.update(next_attempt_at=timezone.now())
        sending.send_batch(issue.pk)

    assert set(Delivery.objects.values_list("status", "attempts")) == {("failed", 3)}
    assert Issue.objects.get().status == Issue.Status.SENT  # Finished, with failures listed.


@pytest.mark.usefixtures("fast_sending")
def test_an_address_the_server_refuses_fails_at_once_and_the_send_goes_on(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.test_issue_sending.RefusingEmailBackend"
    confirmed_subscribers(2)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)

    result = sending.send_batch(issue.pk)

    assert result.failed == 2
    assert set(Delivery.objects.values_list("status", "attempts")) == {("failed", 1)}
    assert "No such user" in Delivery.objects.first().last_error


@pytest.mark.usefixtures("fast_sending")
def test_cancelling_a_send_in_progress_stops_it(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    confirmed_subscribers(10)
    issue = make_issue()
    sending.schedule(issue, timezone.now())
    sending.start(issue.pk, scheduled_for=Issue.objects.get().send_at)
    sending.send_batch(issue.pk, size=4)

    assert sending.cancel(issue)
    result = sending.send_batch(issue.pk)

    assert len(mail.outbox) == 4
    assert result.sent == 0
    progress = sending.progress(issue)
    assert (progress["sent"], progress["cancelled"], progress["pending"]) == (4, 6, 0)
    assert Issue.objects.get().status == Issue.Status.CANCELLED
    assert sending.cancel(issue) is False

"""What each newsletter issue owes each subscriber, and sending it once.

When sending starts (``start``), the issue's content is frozen and one ``Delivery`` row is
written for every subscriber who can be written to *at that moment* (confirmed, not
suppressed). A batch (``send_batch``) then takes rows one at a time:

- a row is claimed inside a transaction that holds it until its email has been handed to the
  mail server and the row marked sent: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
  concurrent workers never take the same row, and a conditional ``UPDATE`` (which SQLite
  serialises) everywhere, so the claim is atomic on both databases;
- a worker that dies mid-send rolls its open transaction back: the row it held is pending
  again and the next batch sends it; rows already marked sent are never sent again. The one
  unavoidable gap (the mail server said OK and the worker died before COMMIT) gives the
  resent copy the same Message-ID, so the recipient's mail system sees one message;
- an address that unsubscribed, or bounced, before its turn is skipped, not sent;
- a failure is retried with backoff (``retries``); an address the server refuses, or one out
  of attempts, is marked failed and listed in the admin.

Nothing here queues tasks: ``tasks`` runs ``start`` and ``send_batch`` and queues what comes
next from what they return.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone

from glossary_site import page_cache
from subscriptions import issue_content, retries
from subscriptions.issue_email import IssueEmail
from subscriptions.issue_models import Delivery, Issue, Suppression
from subscriptions.models import Subscriber

logger = logging.getLogger(__name__)

INSERT_CHUNK = 1000
Status = Issue.Status


# --- Who is written to ---------------------------------------------------------------------


def recipients():
    """Subscribers an issue goes to now: confirmed, and not suppressed by a bounce or a
    complaint."""
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).not_suppressed()


def _departed():
    """Deliveries whose subscriber can no longer be written to."""
    return ~Q(subscriber__status=Subscriber.Status.CONFIRMED) | Q(
        Exists(Suppression.objects.filter(subscriber=OuterRef("subscriber_id")))
    )


# --- Scheduling, starting and cancelling -----------------------------------------------------


def schedule(issue: Issue, send_at: datetime) -> Issue:
    """Mark a draft or scheduled issue to go out at ``send_at`` (now or later).

    Raises ``ValidationError`` if the issue has already started or was cancelled.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if not issue.is_editable:
            raise ValidationError(f"This issue is {issue.get_status_display().lower()}.")
        issue.status = Status.SCHEDULED
        issue.send_at = send_at
        issue.save(update_fields=["status", "send_at", "updated_at"])
    return issue


def unschedule(issue: Issue) -> bool:
    """Put a scheduled issue back to draft; return whether it was scheduled."""
    changed = Issue.objects.filter(pk=issue.pk, status=Status.SCHEDULED).update(
        status=Status.DRAFT, send_at=None, updated_at=timezone.now()
    )
    return bool(changed)


def start(issue_id: int, *, scheduled_for: datetime) -> bool:
    """Start sending an issue scheduled for ``scheduled_for``; return whether it started.

    Does nothing if the issue was unscheduled, rescheduled to another time, cancelled or has
    already started (a late or repeated task). Freezes the content and writes one delivery
    row per recipient, all in one transaction.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status != Status.SCHEDULED or issue.send_at != scheduled_for:
            return False
        issue_content.freeze(issue)
        issue.status = Status.SENDING
        issue.started_at = timezone.now()
        issue.send_step = 0
        issue.save()
        _write_deliveries(issue)
        page_cache.content_changed()  # The issue joins the archive, its feed and the sitemap.
    logger.info("Started sending issue %s (%s).", issue.pk, issue.subject)
    return True


def _write_deliveries(issue: Issue) -> None:
    rows = recipients().order_by("pk").values_list("pk", "email")
    batch = []
    for subscriber_id, email in rows.iterator(chunk_size=INSERT_CHUNK):
        batch.append(Delivery(issue=issue, subscriber_id=subscriber_id, email=email))
        if len(batch) == INSERT_CHUNK:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Delivery.objects.bulk_create(batch, ignore_conflicts=True)


def cancel(issue: Issue) -> bool:
    """Stop a scheduled or in-progress send; return whether anything was stopped.

    Pending deliveries are cancelled at once; the message a worker is handing over as this
    runs is the last one sent. A cancelled issue leaves the archive.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status not in (Status.SCHEDULED, Status.SENDING):
            return False
        was_public = issue.is_public
        issue.status = Status.CANCELLED
        issue.cancelled_at = timezone.now()
        issue.save(update_fields=["status", "cancelled_at", "updated_at"])
        issue.deliveries.filter(status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CANCELLED
        )
        if was_public:
            page_cache.content_changed()
    return True


def take_step(issue_id: int, step: int) -> bool:
    """Whether the batch numbered ``step`` may run: it takes the number atomically, so of
    several tasks queued for the same batch (the next batch, and the one that resumes a send
    whose worker died) only the first runs."""
    return bool(
        Issue.objects.filter(pk=issue_id, status=Status.SENDING, send_step=step - 1).update(
            send_step=step
        )
    )


# --- Sending a batch -------------------------------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    next_run_at: datetime | None = None  # When the next batch is due; None: nothing left.


class _Pace:
    """At most ``per_minute`` messages a minute (0: as fast as the server takes them)."""

    def __init__(self, per_minute: int):
        self.interval = 60 / per_minute if per_minute > 0 else 0
        self.started = time.monotonic()
        self.count = 0

    def wait(self) -> None:
        if self.interval:
            delay = self.started + self.count * self.interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self.count += 1

    def next_due(self) -> datetime:
        """When the message after this batch may go."""
        ahead = self.started + self.count * self.interval - time.monotonic()
        return timezone.now() + timedelta(seconds=max(0.0, ahead))


def send_batch(issue_id: int, *, size: int | None = None) -> BatchResult:
    """Send up to ``size`` (NEWSLETTER_SEND_BATCH_SIZE) due deliveries of a sending issue over
    one mail connection, at the configured rate; finish the issue when nothing is left.

    Returns what happened and when the next batch is due.
    """
    size = size or settings.NEWSLETTER_SEND_BATCH_SIZE
    result = BatchResult()
    issue = Issue.objects.filter(pk=issue_id, status=Status.SENDING).first()
    if issue is None:
        return result
    _skip_departed(issue)
    email = IssueEmail(issue)
    pace = _Pace(settings.NEWSLETTER_SEND_RATE)
    backoff = None
    mail = get_connection()
    try:
        mail.open()
        for _ in range(size):
            pace.wait()
            outcome = _send_next(issue, email, mail)
            if outcome is None:
                break
            setattr(result, outcome, getattr(result, outcome) + 1)
            if outcome == "retrying":
                # The server is failing: leave it alone until the failed message's retry.
                backoff = timezone.now() + retries.retry_delay(1)
                break
    finally:
        try:
            mail.close()
        except Exception:  # A broken connection may fail to close; it is dropped either way.
            logger.warning("Closing the mail connection failed.", exc_info=True)
    result.next_run_at = _next_run(issue, pace)
    if backoff is not None and result.next_run_at is not None:
        result.next_run_at = max(result.next_run_at, backoff)
    return result


def _skip_departed(issue: Issue) -> int:
    return (
        issue.deliveries.filter(status=Delivery.Status.PENDING)
        .filter(_departed())
        .update(status=Delivery.Status.SKIPPED)
    )


def _due(issue: Issue, now: datetime):
    """Deliveries due now, first written first: one walk of the (issue, status, id) index,
    whatever share of the list has been sent."""
    return (
        issue.deliveries.filter(status=Delivery.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("pk")
    )


def _send_next(issue: Issue, email: IssueEmail, mail) -> str | None:
    """Claim, send and record one due delivery; return "sent", "failed", "retrying", or None
    when nothing is due."""
    while True:
        with transaction.atomic():
            if db_connection.vendor == "postgresql":
                # Don't wait for this commit's WAL flush: a worker dying loses nothing (the
                # server has the commit); only a database crash could lose the last fraction
                # of a second of "sent" marks, and those messages go again with the same
                # Message-ID. One fsync per message would otherwise bound the send rate.
                with db_connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            now = timezone.now()
            claim = _due(issue, now)
            if db_connection.features.has_select_for_update_skip_locked:
                claim = claim.select_for_update(skip_locked=True)
            row = claim.values("pk", "subscriber_id", "email", "attempts").first()
            if row is None:
                return None
            if not recipients().filter(pk=row["subscriber_id"]).exists():
                # Unsubscribed, bounced or complained since the send started: not their turn.
                Delivery.objects.filter(pk=row["pk"], status=Delivery.Status.PENDING).update(
                    status=Delivery.Status.SKIPPED
                )
                continue
            # The claim itself: only one transaction can move this row from this state.
            if not Delivery.objects.filter(
                pk=row["pk"], status=Delivery.Status.PENDING, attempts=row["attempts"]
            ).update(attempts=F("attempts") + 1):
                continue  # Another worker took it between our read and our update.
            attempt = row["attempts"] + 1
            subscriber = Subscriber(pk=row["subscriber_id"], email=row["email"])
            try:
                mail.send_messages([email.for_subscriber(subscriber, delivery_id=row["pk"])])
            except Exception as error:
                return _record_failure(row["pk"], attempt, error)
            Delivery.objects.filter(pk=row["pk"]).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            return "sent"


def _record_failure(delivery_id: int, attempt: int, error: Exception) -> str:
    message = f"{type(error).__name__}: {error}"[:500]
    delivery = Delivery.objects.filter(pk=delivery_id)
    if retries.is_permanent(error) or retries.gives_up_after(attempt):
        delivery.update(status=Delivery.Status.FAILED, last_error=message, next_attempt_at=None)
        logger.warning("Delivery %s failed for good: %s", delivery_id, message)
        return "failed"
    delivery.update(
        last_error=message, next_attempt_at=timezone.now() + retries.retry_delay(attempt)
    )
    logger.warning("Delivery %s failed (attempt %s), will retry: %s", delivery_id, attempt, message)
    return "retrying"


def _next_run(issue: Issue, pace: _Pace) -> datetime | None:
    """When the next batch is due, or None after finishing the issue (nothing pending)."""
    now = timezone.now()
    pending = issue.deliveries.filter(status=Delivery.Status.PENDING).aggregate(
        count=Count("pk"),
        due=Count("pk", filter=Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)),
        soonest=Min("next_attempt_at"),
    )
    if pending["count"] == 0:
        _finish(issue)
        return None
    if pending["due"]:
        return pace.next_due()
    return pending["soonest"]


def _finish(issue: Issue) -> None:
    finished = Issue.objects.filter(pk=issue.pk, status=Status.SENDING).update(
        status=Status.SENT, finished_at=timezone.now()
    )
    if finished:
        page_cache.content_changed()  # "Sending" becomes "sent" in the archive.
        logger.info("Finished sending issue %s.", issue.pk)


# --- Tests to oneself, and progress ----------------------------------------------------------


def send_test(issue: Issue, to: str) -> None:
    """Send a test copy of the issue, as it would go out now, to one address (an editor's).

    Mail errors propagate: the editor is told at once.
    """
    IssueEmail(issue, test=True).test_message(to).send()


def progress(issue: Issue) -> dict[str, int]:
    """Deliveries by status (one query): ``total`` and one count per status."""
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in issue.deliveries.values("status").annotate(count=Count("pk")).order_by():
        counts[row["status"]] = row["count"]
    counts["total"] = sum(counts.values())
    return counts

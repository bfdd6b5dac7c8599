"""The task queue (django-tasks), and nothing else: what runs in the background, and when.

This is the only module that enqueues. The rules it runs live elsewhere: what confirmation
email is owed in ``delivery``, what an issue owes each subscriber in ``sending``, how long to
wait after a failure in ``retries``. None of those import this module.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from subscriptions import delivery, retries, sending

logger = logging.getLogger(__name__)

# Kept importable from here: the retry policy used to live in this module.
retry_delay = retries.retry_delay


def can_defer() -> bool:
    """Whether the configured backend can run a task later (``run_after``). The immediate
    backend (development) cannot: it runs every task at once, inside the request."""
    return send_confirmation_email.get_backend().supports_defer


# --- Confirmation emails ---------------------------------------------------------------------


def queue_confirmation(subscriber_id: int, *, retry: bool = True) -> None:
    """Queue the background task that sends a subscriber's confirmation email.

    Called after commit. Never raises: if the queue cannot take the task, the email is still
    owed and ``manage.py requeue_confirmations`` queues it again. With ``retry=False`` the
    task makes one attempt and starts no chain of retries (the command's own runs are the
    retries, so chains never pile up).
    """
    attempt = 1 if retry else settings.NEWSLETTER_SEND_MAX_ATTEMPTS
    try:
        send_confirmation_email.enqueue(subscriber_id, attempt=attempt)
    except Exception:
        logger.exception(
            "Could not queue the confirmation email for subscriber %s; "
            "`manage.py requeue_confirmations` will queue it again.",
            subscriber_id,
        )


def requeue_unsent_confirmations(*, older_than: timedelta, dry_run: bool = False) -> list[str]:
    """Queue again every confirmation email owed for longer than ``older_than``.

    Returns the addresses concerned (queued unless ``dry_run``). Safe to run at any time,
    as often as wanted: a task only sends what is still owed when it runs.
    """
    owed = delivery.confirmations_owed_since(older_than)
    if not dry_run:
        for subscriber_id, _email in owed:
            queue_confirmation(subscriber_id, retry=False)
    return [email for _pk, email in owed]


@task()
def send_confirmation_email(subscriber_id: int, attempt: int = 1) -> bool:
    """Send a subscriber's confirmation email if it is still owed.

    When the mail server fails (``smtplib.SMTPException`` and socket errors are both
    ``OSError``), the next attempt is queued with exponential backoff and the error is
    re-raised so the queue records the failure. A refused address is not retried.
    """
    try:
        return delivery.send_confirmation_if_owed(subscriber_id)
    except Exception as error:
        if retries.is_permanent(error):
            # The address itself is refused: trying again will not help (and would let anyone
            # keep the mail server busy by signing up undeliverable addresses).
            logger.warning(
                "The mail server refused subscriber %s's address; not retrying.", subscriber_id
            )
            return False
        if not isinstance(error, OSError):
            raise
        schedule_retry(subscriber_id, attempt)
        raise


def schedule_retry(subscriber_id: int, attempt: int) -> None:
    """Queue attempt ``attempt + 1`` after its backoff, unless attempts are used up."""
    if retries.gives_up_after(attempt):
        logger.error(
            "Giving up on the confirmation email for subscriber %s after %s attempts; "
            "`manage.py requeue_confirmations` will queue it again.",
            subscriber_id,
            attempt,
        )
        return
    if not can_defer():
        # The immediate backend (development) cannot wait: leave it owed for the command.
        logger.warning(
            "The confirmation email for subscriber %s failed; run "
            "`manage.py requeue_confirmations` once mail works again.",
            subscriber_id,
        )
        return
    run_after = timezone.now() + retries.retry_delay(attempt)
    send_confirmation_email.using(run_after=run_after).enqueue(subscriber_id, attempt=attempt + 1)


# --- Welcome emails --------------------------------------------------------------------------


def queue_welcome(subscriber_id: int, *, retry: bool = True) -> None:
    """Queue the task that sends a newly confirmed subscriber's welcome email.

    Called after the confirmation commits. Never raises: if the queue cannot take the task,
    the email is still owed and ``manage.py requeue_confirmations`` queues it again.
    """
    attempt = 1 if retry else settings.NEWSLETTER_SEND_MAX_ATTEMPTS
    try:
        send_welcome_email.enqueue(subscriber_id, attempt=attempt)
    except Exception:
        logger.exception(
            "Could not queue the welcome email for subscriber %s; "
            "`manage.py requeue_confirmations` will queue it again.",
            subscriber_id,
        )


def requeue_unsent_welcomes(*, older_than: timedelta, dry_run: bool = False) -> list[str]:
    """Queue again every welcome email owed for longer than ``older_than``; return the
    addresses concerned (queued unless ``dry_run``)."""
    owed = delivery.welcomes_owed_since(older_than)
    if not dry_run:
        for subscriber_id, _email in owed:
            queue_welcome(subscriber_id, retry=False)
    return [email for _pk, email in owed]


@task()
def send_welcome_email(subscriber_id: int, attempt: int = 1) -> bool:
    """Send a subscriber's welcome email if it is still owed; retried as confirmations are."""
    try:
        return delivery.send_welcome_if_owed(subscriber_id)
    except Exception as error:
        if retries.is_permanent(error):
            logger.warning(
                "The mail server refused subscriber %s's address; no welcome email.",
                subscriber_id,
            )
            return False
        if not isinstance(error, OSError):
            raise
        if retries.gives_up_after(attempt) or not can_defer():
            logger.error(
                "The welcome email for subscriber %s failed (attempt %s); "
                "`manage.py requeue_confirmations` will queue it again.",
                subscriber_id,
                attempt,
            )
        else:
            run_after = timezone.now() + retries.retry_delay(attempt)
            send_welcome_email.using(run_after=run_after).enqueue(
                subscriber_id, attempt=attempt + 1
            )
        raise


# --- Newsletter issues -----------------------------------------------------------------------


class SchedulingUnavailable(Exception):
    """The task backend cannot run a task later (the immediate backend of development)."""


def schedule_issue(issue, send_at=None):
    """Send ``issue`` at ``send_at`` (default: now) through the task worker.

    The issue is marked scheduled at once; the task that starts it is queued after commit with
    ``run_after``, so no cron is needed. Rescheduling queues another task; the earlier one
    finds the time changed and does nothing. Raises ``SchedulingUnavailable`` for a later time
    when the backend cannot defer, and ``ValidationError`` when the issue has already gone.
    """
    now = timezone.now()
    send_at = send_at or now
    later = send_at > now
    if later and not can_defer():
        raise SchedulingUnavailable(
            "Scheduling needs the task worker: set DJANGO_TASKS_BACKEND="
            "django_tasks_db.DatabaseBackend and run `manage.py db_worker` (`make worker`)."
        )
    issue = sending.schedule(issue, send_at)
    runner = start_issue.using(run_after=send_at) if later else start_issue
    transaction.on_commit(lambda: runner.enqueue(issue.pk, scheduled_for=send_at.isoformat()))
    return issue


@task()
def start_issue(issue_id: int, scheduled_for: str) -> bool:
    """Start sending a scheduled issue (if it is still scheduled for this time) and queue its
    first batch."""
    if not sending.start(issue_id, scheduled_for=datetime.fromisoformat(scheduled_for)):
        return False
    queue_issue_batch(issue_id, step=1)
    return True


def queue_issue_batch(issue_id: int, *, step: int, at=None) -> None:
    """Queue batch number ``step`` of an issue's send, to run at ``at`` (default: now)."""
    if at is not None and at > timezone.now():
        if not can_defer():
            logger.warning(
                "Issue %s has deliveries waiting for a retry; run `manage.py resume_sends` "
                "once mail works again (the immediate task backend cannot wait).",
                issue_id,
            )
            return
        send_issue_batch.using(run_after=at).enqueue(issue_id, step=step)
        return
    send_issue_batch.enqueue(issue_id, step=step)


@task()
def send_issue_batch(issue_id: int, step: int) -> dict:
    """Send one batch of an issue and queue the next one.

    Before sending, it also queues a stand-in for the next batch, due after
    NEWSLETTER_SEND_STALL_AFTER seconds: if this worker dies mid-batch, the stand-in resumes
    the send; if not, the next batch has taken its number by then and the stand-in does
    nothing (``sending.take_step``).
    """
    if not sending.take_step(issue_id, step):
        return {"skipped": True}
    if can_defer():
        stall_after = timedelta(seconds=settings.NEWSLETTER_SEND_STALL_AFTER)
        send_issue_batch.using(run_after=timezone.now() + stall_after).enqueue(
            issue_id, step=step + 1
        )
    result = sending.send_batch(issue_id)
    if result.next_run_at is not None:
        queue_issue_batch(issue_id, step=step + 1, at=result.next_run_at)
    return {"sent": result.sent, "failed": result.failed, "retrying": result.retrying}


def resume_sends() -> list[int]:
    """Queue a batch for every issue still sending, and start every scheduled issue whose time
    has passed: after the queue lost its tasks, or when retries wait and the task backend
    cannot defer. Safe at any time: a send has one chain of batches (``take_step``)."""
    from subscriptions.issue_models import Issue

    resumed = []
    for issue_id, step in Issue.objects.filter(status=Issue.Status.SENDING).values_list(
        "pk", "send_step"
    ):
        queue_issue_batch(issue_id, step=step + 1)
        resumed.append(issue_id)
    overdue = Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=timezone.now())
    for issue_id, send_at in overdue.values_list("pk", "send_at"):
        start_issue.enqueue(issue_id, scheduled_for=send_at.isoformat())
        resumed.append(issue_id)
    return resumed

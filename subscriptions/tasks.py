"""The task queue (django-tasks), and nothing else: what runs in the background, and when.

This is the only module that enqueues. The rules it runs live elsewhere: what confirmation
email is owed in ``delivery``, what an issue owes each subscriber in ``sending``, how long to
wait after a failure in ``retries``. None of those import this module.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from subscriptions import delivery, retries

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

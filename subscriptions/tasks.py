"""Background tasks (django-tasks): the confirmation email, retried with backoff."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from subscriptions import delivery

logger = logging.getLogger(__name__)


@task()
def send_confirmation_email(subscriber_id: int, attempt: int = 1) -> bool:
    """Send a subscriber's confirmation email if it is still owed.

    When the mail server fails (``smtplib.SMTPException`` and socket errors are both
    ``OSError``), the next attempt is queued with exponential backoff and the error is
    re-raised so the queue records the failure. A refused address is not retried.
    """
    try:
        return delivery.send_confirmation_if_owed(subscriber_id)
    except smtplib.SMTPRecipientsRefused:
        # The address itself is refused: trying again will not help (and would let anyone
        # keep the mail server busy by signing up undeliverable addresses).
        logger.warning(
            "The mail server refused subscriber %s's address; not retrying.", subscriber_id
        )
        return False
    except OSError:
        schedule_retry(subscriber_id, attempt)
        raise


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt``: doubling, capped."""
    base = settings.NEWSLETTER_SEND_RETRY_DELAY
    return timedelta(
        seconds=min(base * 2 ** (attempt - 1), settings.NEWSLETTER_SEND_RETRY_MAX_DELAY)
    )


def schedule_retry(subscriber_id: int, attempt: int) -> None:
    """Queue attempt ``attempt + 1`` after its backoff, unless attempts are used up."""
    if attempt >= settings.NEWSLETTER_SEND_MAX_ATTEMPTS:
        logger.error(
            "Giving up on the confirmation email for subscriber %s after %s attempts; "
            "`manage.py requeue_confirmations` will queue it again.",
            subscriber_id,
            attempt,
        )
        return
    if not send_confirmation_email.get_backend().supports_defer:
        # The immediate backend (development) cannot wait: leave it owed for the command.
        logger.warning(
            "The confirmation email for subscriber %s failed; run "
            "`manage.py requeue_confirmations` once mail works again.",
            subscriber_id,
        )
        return
    run_after = timezone.now() + retry_delay(attempt)
    send_confirmation_email.using(run_after=run_after).enqueue(subscriber_id, attempt=attempt + 1)

"""Getting confirmation emails out: queued after commit, sent once, re-queued if lost.

A pending subscriber is *owed* a confirmation email from the moment one is asked for
(``confirmation_requested_at``) until one has been handed to the mail server
(``confirmation_sent_at``). The task sends only what is owed, under a row lock, so a
retried or re-queued task never sends a second copy.

Every signup queues the task, whatever the address's state (``signups.record_signup``), so a
signup for a confirmed address costs the request as much as any other; the task then finds
nothing owed and sends nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from subscriptions import emails
from subscriptions.models import Subscriber

logger = logging.getLogger(__name__)


def queue_confirmation(subscriber_id: int, *, retry: bool = True) -> None:
    """Queue the background task that sends a subscriber's confirmation email.

    Called after commit. Never raises: if the queue cannot take the task, the email is still
    owed and ``manage.py requeue_confirmations`` queues it again. With ``retry=False`` the
    task makes one attempt and starts no chain of retries (the command's own runs are the
    retries, so chains never pile up).
    """
    from subscriptions.tasks import send_confirmation_email

    attempt = 1 if retry else settings.NEWSLETTER_SEND_MAX_ATTEMPTS
    try:
        send_confirmation_email.enqueue(subscriber_id, attempt=attempt)
    except Exception:
        logger.exception(
            "Could not queue the confirmation email for subscriber %s; "
            "`manage.py requeue_confirmations` will queue it again.",
            subscriber_id,
        )


def send_confirmation_if_owed(subscriber_id: int) -> bool:
    """Send the subscriber's confirmation email if one is owed; return whether it was sent.

    Mail errors propagate with nothing recorded, so the email stays owed for a retry.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .confirmation_owed()
            .filter(pk=subscriber_id)
            .first()
        )
        if subscriber is None:
            return False
        emails.confirmation_email(subscriber).send()
        subscriber.confirmation_sent_at = timezone.now()
        subscriber.save(update_fields=["confirmation_sent_at"])
    return True


def requeue_unsent_confirmations(*, older_than: timedelta, dry_run: bool = False) -> list[str]:
    """Queue again every confirmation email owed for longer than ``older_than``.

    Returns the addresses concerned (queued unless ``dry_run``). Safe to run at any time,
    as often as wanted: a task only sends what is still owed when it runs.
    """
    cutoff = timezone.now() - older_than
    owed = list(
        Subscriber.objects.confirmation_owed()
        .filter(confirmation_requested_at__lte=cutoff)
        .order_by("confirmation_requested_at")
        .values_list("pk", "email")
    )
    if not dry_run:
        for subscriber_id, _email in owed:
            queue_confirmation(subscriber_id, retry=False)
    return [email for _pk, email in owed]

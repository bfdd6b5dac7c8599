"""What confirmation email is owed, and sending it once.

A pending subscriber is *owed* a confirmation email from the moment one is asked for
(``confirmation_requested_at``) until one has been handed to the mail server
(``confirmation_sent_at``). ``send_confirmation_if_owed`` sends only what is owed, under a row
lock, so a retried or re-queued task never sends a second copy.

Who does what (no module imports one that imports it back):

- ``delivery`` (this module): what confirmation or welcome email is owed, and sending it;
- ``sending``: what each newsletter issue owes each subscriber, and sending it in batches;
- ``retries``: when a failure is tried again, and when to give up;
- ``tasks``: the only module that knows the task queue; it calls the two above.

Every signup queues the task, whatever the address's state (``signups.record_signup``), so a
signup for a confirmed address costs the request as much as any other; the task then finds
nothing owed and sends nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from subscriptions import emails
from subscriptions.models import Subscriber


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


def confirmations_owed_since(older_than: timedelta) -> list[tuple[int, str]]:
    """``(id, address)`` of every subscriber owed a confirmation email for longer than
    ``older_than``, oldest request first."""
    cutoff = timezone.now() - older_than
    return list(
        Subscriber.objects.confirmation_owed()
        .filter(confirmation_requested_at__lte=cutoff)
        .order_by("confirmation_requested_at")
        .values_list("pk", "email")
    )


def send_welcome_if_owed(subscriber_id: int) -> bool:
    """Send the subscriber's welcome email if one is owed; return whether it was sent.

    A welcome is owed from the confirmation that asked for it (``welcome_requested_at``, set
    only while the welcome email is switched on) until it is handed to the mail server. An
    address that unsubscribed in between is sent nothing. Mail errors propagate with nothing
    recorded, so the email stays owed for a retry.
    """
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().welcome_owed().filter(pk=subscriber_id).first()
        )
        if subscriber is None:
            return False
        emails.welcome_email(subscriber).send()
        subscriber.welcome_sent_at = timezone.now()
        subscriber.save(update_fields=["welcome_sent_at"])
    return True


def welcomes_owed_since(older_than: timedelta) -> list[tuple[int, str]]:
    """``(id, address)`` of every subscriber owed a welcome email for longer than
    ``older_than``, oldest first."""
    cutoff = timezone.now() - older_than
    return list(
        Subscriber.objects.welcome_owed()
        .filter(welcome_requested_at__lte=cutoff)
        .order_by("welcome_requested_at")
        .values_list("pk", "email")
    )

"""Addresses that must not be written to again, from what the email provider reports.

A hard bounce (the address does not exist) or a spam complaint marks the subscriber
(``Suppression``); from then on nothing is sent to the address, neither issues nor
confirmation or welcome emails (``SubscriberQuerySet.not_suppressed``), and the CSV export
leaves it out. Soft bounces (a full mailbox, a server down for a while) change nothing: the
provider retries those itself.

The provider's webhooks reach ``record_tracking_event`` through django-anymail's ``tracking``
signal, after anymail has checked the request's basic-auth secret (ANYMAIL_WEBHOOK_SECRET).
"""

import logging

from anymail.signals import EventType
from django.db import IntegrityError, transaction
from django.utils import timezone

from subscriptions.issue_models import Suppression
from subscriptions.models import Subscriber

logger = logging.getLogger(__name__)

# Postmark reports soft bounces as "bounced" too; only these of its types are permanent.
POSTMARK_PERMANENT = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated"}


def suppress(address: str, reason: str, *, at=None, provider: str = "", detail: str = "") -> bool:
    """Mark the subscriber with ``address`` as suppressed for ``reason``; return whether a
    subscriber was newly marked (or a bounce became a complaint). Unknown addresses and
    repeated reports change nothing."""
    subscriber = Subscriber.objects.for_address(address.strip()).first()
    if subscriber is None:
        return False
    values = {
        "reason": reason,
        "created_at": at or timezone.now(),
        "provider": provider[:40],
        "detail": (detail or "")[:500],
    }
    try:
        with transaction.atomic():
            _, created = Suppression.objects.get_or_create(subscriber=subscriber, defaults=values)
    except IntegrityError:  # A concurrent report for the same address created it first.
        created = False
    if created:
        logger.info("Suppressed subscriber %s: %s (%s).", subscriber.pk, reason, provider)
        return True
    if reason == Suppression.Reason.COMPLAINED:
        return bool(
            Suppression.objects.filter(subscriber=subscriber)
            .exclude(reason=Suppression.Reason.COMPLAINED)
            .update(**values)
        )
    return False


def is_permanent_bounce(event, esp_name: str) -> bool:
    """Whether a "bounced" event means the address will never take mail."""
    if esp_name.lower() == "postmark" and isinstance(event.esp_event, dict):
        return event.esp_event.get("Type") in POSTMARK_PERMANENT
    return True  # Anymail reports temporary failures as "deferred" for the other providers.


def record_tracking_event(sender, event, esp_name: str, **kwargs) -> None:
    """Receiver of anymail's ``tracking`` signal: suppress hard bounces and complaints."""
    if not event.recipient:
        return
    if event.event_type == EventType.COMPLAINED:
        reason = Suppression.Reason.COMPLAINED
    elif event.event_type == EventType.BOUNCED and is_permanent_bounce(event, esp_name):
        reason = Suppression.Reason.BOUNCED
    else:
        return
    suppress(
        event.recipient,
        reason,
        at=event.timestamp,
        provider=esp_name,
        detail=event.description or event.mta_response or "",
    )

"""How long the newsletter keeps what: unconfirmed signups go after NEWSLETTER_PENDING_MAX_DAYS."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from subscriptions.models import Subscriber


def stale_pending(days: int):
    """Pending signups never confirmed and last asked for more than ``days`` days ago (a
    signup repeated on day 29 keeps its fresh confirmation link for its whole week)."""
    cutoff = timezone.now() - timedelta(days=days)
    return Subscriber.objects.filter(status=Subscriber.Status.PENDING).filter(
        Q(confirmation_requested_at__lt=cutoff)
        | Q(confirmation_requested_at__isnull=True, signed_up_at__lt=cutoff)
    )


def purge_pending(days: int, *, dry_run: bool = False) -> int:
    """Delete pending signups older than ``days`` days; return how many (would be) deleted."""
    with transaction.atomic():
        stale = stale_pending(days)
        if dry_run:
            return stale.count()
        deleted, _ = stale.delete()
    return deleted

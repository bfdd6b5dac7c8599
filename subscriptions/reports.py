"""Figures for editors: subscribers by status, and signups per page."""

from django.db.models import Count, Q

from subscriptions.models import Subscriber


def counts_by_status() -> list[tuple[str, int]]:
    """(label, count) for every status, in the order of ``Subscriber.Status``, zeros included."""
    counts = dict(Subscriber.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in Subscriber.Status.choices]


def activity_since(since) -> dict[str, int]:
    """Signups and confirmations since ``since``, and confirmed subscribers now: one query."""
    return Subscriber.objects.aggregate(
        signups=Count("pk", filter=Q(signed_up_at__gte=since)),
        confirmations=Count("pk", filter=Q(confirmed_at__gte=since)),
        confirmed=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
    )


def signups_by_page(since=None):
    """Per source page: signups, confirmations, and the share confirmed, most signups first;
    only signups since ``since`` if given.

    A signup counts as confirmed if it was ever confirmed, even if it has since left.
    """
    subscribers = Subscriber.objects.all()
    if since is not None:
        subscribers = subscribers.filter(signed_up_at__gte=since)
    rows = (
        subscribers.order_by()
        .values("source")
        .annotate(
            signups=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            still_subscribed=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
        )
        .order_by("-signups", "source")
    )
    return [
        {**row, "rate": round(100 * row["confirmed"] / row["signups"]) if row["signups"] else 0}
        for row in rows
    ]

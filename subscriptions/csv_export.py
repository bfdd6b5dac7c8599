"""The CSV of confirmed subscribers, safe to open in a spreadsheet."""

import csv

# One rule for every CSV the site writes (CWE-1236): the term exports use it too.
from glossary_site.spreadsheet_cells import FORMULA_PREFIXES, neutralise
from subscriptions.models import Subscriber

__all__ = ["FORMULA_PREFIXES", "neutralise", "write_confirmed_subscribers"]
COLUMNS = ("email", "confirmed_at", "source")


def write_confirmed_subscribers(subscribers, file) -> int:
    """Write confirmed subscribers (email, confirmed_at in ISO 8601, source) to ``file``.

    ``subscribers`` may hold any statuses; only confirmed ones are written, and never one the
    provider reported as a hard bounce or a complaint. Returns the count.
    """
    writer = csv.writer(file)
    writer.writerow(COLUMNS)
    count = 0
    for email, confirmed_at, source in (
        subscribers.filter(status=Subscriber.Status.CONFIRMED)
        .not_suppressed()  # Bounced or complained: not an address to hand to anyone.
        .order_by("confirmed_at", "pk")
        .values_list(*COLUMNS)
        .iterator()
    ):
        writer.writerow(
            [neutralise(email), neutralise(confirmed_at.isoformat()), neutralise(source)]
        )
        count += 1
    return count

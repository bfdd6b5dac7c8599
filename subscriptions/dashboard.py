"""The newsletter's panel on the admin dashboard (assembled by ``glossary_site.dashboard``),
for those who may see subscribers. Two queries."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from glossary_site.dashboard import Figure, Panel, Row, Section
from subscriptions import reports

# Signups and confirmations are counted over this many days; top pages over TOP_PAGES_DAYS.
WEEK_DAYS = 7
TOP_PAGES_DAYS = 30
TOP_PAGES = 5


def newsletter_panels(request):
    if not request.user.has_perm("subscriptions.view_subscriber"):
        return []
    now = timezone.now()
    week = reports.activity_since(now - timedelta(days=WEEK_DAYS))
    top = reports.signups_by_page(since=now - timedelta(days=TOP_PAGES_DAYS))[:TOP_PAGES]
    subscribers = reverse("admin:subscriptions_subscriber_changelist")
    return [
        Panel(
            key="newsletter",
            title="Signups",
            section=Section.NEWSLETTER,
            figures=[
                Figure("Signups, last 7 days", week["signups"]),
                Figure("Confirmations, last 7 days", week["confirmations"]),
                Figure(
                    "Confirmed subscribers",
                    week["confirmed"],
                    url=f"{subscribers}?status__exact=confirmed",
                ),
            ],
            rows=[
                Row(
                    label=row["source"] or "Unknown page",
                    detail=f"{row['signups']} signups, {row['confirmed']} confirmed",
                )
                for row in top
            ],
            context={
                "rows_heading": f"Top pages by signups, last {TOP_PAGES_DAYS} days",
                "rows_empty": f"No signups in the last {TOP_PAGES_DAYS} days.",
            },
            link=reverse("admin:subscriptions_subscriber_report"),
            link_label="Signups by page",
            wide=True,
        )
    ]

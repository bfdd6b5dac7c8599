"""The dashboard's "Wanted terms" panel: the searches readers made in vain this month."""

from django.urls import reverse

from glossary_site.dashboard import Panel, Row, Section
from terms.search import wanted

ROWS = 5


def wanted_terms_panels(request):
    """For those who may read the report: the most searched queries that found nothing."""
    if not request.user.has_perm("terms.view_searchlogentry"):
        return []
    report = wanted.wanted_terms(wanted.DEFAULT_DAYS, ROWS)
    return [
        Panel(
            key="wanted-terms",
            title="Wanted terms",
            section=Section.HEALTH,
            count=report.nothing_found_count,
            rows=[
                Row(
                    label=row.query,
                    detail=(
                        f"{row.searches} search{'es' if row.searches != 1 else ''}, nothing found"
                        + (f"; “{row.term[1]}” is {row.term[2].lower()}" if row.term else "")
                    ),
                    url=reverse("admin:terms_term_change", args=[row.term[0]])
                    if row.term
                    else None,
                )
                for row in report.nothing_found
            ],
            link=reverse("admin:terms_searchlogentry_changelist"),
            link_label="See all, with searches where nothing was opened",
            empty=f"Every search of the last {wanted.DEFAULT_DAYS} days found something.",
        )
    ]

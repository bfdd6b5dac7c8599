"""What readers looked for and did not find: the "Wanted terms" report, from the search log.

Two lists over the last days: queries that found nothing, and queries that found terms but
after which no result was opened; each the most searched first, with its counts and the
working copy already titled that way, if any. A fixed number of queries whatever the size
of the log.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from terms.models import SearchLogEntry, Term

PERIODS = (7, 30, 90)
DEFAULT_DAYS = 30
LIMIT = 50


@dataclass(frozen=True)
class WantedQuery:
    query: str
    searches: int
    opened: int
    most_results: int
    last_day: date
    # A working copy already titled like the query: (id, title, status label), or None.
    term: tuple[int, str, str] | None = None


@dataclass(frozen=True)
class WantedTerms:
    days: int
    nothing_found: list[WantedQuery]
    nothing_found_count: int
    nothing_opened: list[WantedQuery]
    nothing_opened_count: int


def _grouped(days: int):
    since = timezone.localdate() - timedelta(days=days - 1)
    return (
        SearchLogEntry.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            total_searches=Sum("searches"),
            total_opened=Sum("opened"),
            most_results=Max("results"),
            last_day=Max("day"),
        )
    )


def wanted_terms(days: int = DEFAULT_DAYS, limit: int = LIMIT, *, counts: bool = True):
    """The report over the last ``days`` days, ``limit`` rows a list."""
    grouped = _grouped(days)
    found_nothing = grouped.filter(most_results=0)
    opened_nothing = grouped.filter(most_results__gt=0, total_opened=0)
    ordering = ("-total_searches", "-last_day", "query")
    lists = [
        list(found_nothing.order_by(*ordering)[:limit]),
        list(opened_nothing.order_by(*ordering)[:limit]),
    ]
    names = {row["query"] for rows in lists for row in rows}
    terms = {}
    if names:
        for pk, key, title, status in (
            Term.objects.annotate(key=Lower("title"))
            .filter(key__in=names)
            .values_list("pk", "key", "title", "status")
        ):
            terms[key] = (pk, title, Term.Status(status).label)

    def rows(found):
        return [
            WantedQuery(
                query=row["query"],
                searches=row["total_searches"],
                opened=row["total_opened"],
                most_results=row["most_results"],
                last_day=row["last_day"],
                term=terms.get(row["query"]),
            )
            for row in found
        ]

    return WantedTerms(
        days=days,
        nothing_found=rows(lists[0]),
        nothing_found_count=found_nothing.count() if counts else len(lists[0]),
        nothing_opened=rows(lists[1]),
        nothing_opened_count=opened_nothing.count() if counts else len(lists[1]),
    )


def draft_title(query: str) -> str:
    """The title a new draft for ``query`` starts with: the query, first letter capital."""
    return query[:1].upper() + query[1:]

"""Editorial health: what in the live glossary needs an editor's attention.

- **Stale terms**: live terms whose review-by date has passed (``Term.review_by``; publishing
  sets an empty or passed date ``TERM_REVIEW_MONTHS`` ahead, see ``next_review_date``).
- **Orphan terms**: live terms no other live term leads to, neither by a wiki link in its
  published text nor as one of its curated related terms.
- **Incomplete terms**: live terms with no related terms or no tags (in the working copy, so
  a term leaves the list as soon as someone adds them).
- **Broken links**: wiki links in a working copy that point to no term, and links in a live
  term's published text to a term readers cannot see (they read as plain text).

Each function returns a queryset, so the dashboard counts and shows a few rows and the admin
reports (``terms.admin.health``) page through all of them, each at a fixed number of queries.
"""

import calendar
from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.fields.json import JSONField
from django.utils import timezone

from terms.links import suggested_terms
from terms.models import (
    Publication,
    PublicationLink,
    RelatedTerm,
    TaggedTerm,
    Term,
    WikiLink,
)

# How many terms the orphan report suggests as places to link from.
ORPHAN_SUGGESTIONS = 3


def _base(terms):
    return Term.objects.all() if terms is None else terms


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months, on the same day of the month where it
    exists (31 January + 1 month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def next_review_date(published: date) -> date:
    """When a term published on ``published`` is next due for a review."""
    return add_months(published, settings.TERM_REVIEW_MONTHS)


def review_date_after_publishing(current: date | None, published: date) -> date:
    """The review-by date a term keeps or gets when it is published on ``published``: a date
    still ahead is the editor's choice and stays; an empty or passed one starts again."""
    if current is not None and current > published:
        return current
    return next_review_date(published)


def stale_terms(today: date | None = None, *, terms=None):
    """Live terms whose review-by date is before ``today`` (default: today in the site's time
    zone), by owner, then the most overdue first. ``terms``: the queryset to start from (the
    reports pass their proxy model's)."""
    today = today or timezone.localdate()
    return (
        _base(terms)
        .live()
        .filter(review_by__lt=today)
        .order_by("owner__username", "review_by", "title")
    )


def _is_live(term_field: str) -> Exists:
    """A condition: the term in ``term_field`` (of the outer row) is live now. One probe of
    the publications' (term, go_live_at, live_until) index a row, whatever the number of live
    terms; unlike ``NOT IN (live term ids)``, whose hashed list of every live term stops
    fitting in the database's working memory as the glossary grows."""
    return Exists(Publication.objects.live().filter(term=OuterRef(term_field)))


def _links_from_other_live_terms() -> Exists:
    """A condition on terms: another live term's published text links to it."""
    return Exists(
        PublicationLink.objects.filter(
            target=OuterRef("pk"), publication__in=Publication.objects.live().values("pk")
        ).exclude(publication__term=OuterRef("pk"))
    )


def _related_to_other_live_terms() -> Exists:
    """A condition on terms: another live term lists it among its related terms."""
    return Exists(
        RelatedTerm.objects.filter(
            related=OuterRef("pk"), term__in=Publication.objects.live().values("term_id")
        ).exclude(term=OuterRef("pk"))
    )


def orphan_terms(*, terms=None):
    """Live terms nothing else live links to, by title; each row carries ``live_tags``, its
    live publication's tags, for ``link_suggestions``.

    The two conditions are separate ``NOT EXISTS`` (not ``NOT (EXISTS … OR EXISTS …)``), which
    the database answers as anti-joins, a pass over each table rather than probes for each
    live term."""
    live_tags = Publication.objects.live().filter(term=OuterRef("pk")).values("tag_list")[:1]
    return (
        _base(terms)
        .live()
        .exclude(_links_from_other_live_terms())
        .exclude(_related_to_other_live_terms())
        .annotate(live_tags=Subquery(live_tags, output_field=JSONField()))
        .order_by("title")
    )


def link_suggestions(term: Term, count: int = ORPHAN_SUGGESTIONS) -> list[Publication]:
    """Live terms that could link to an orphan ``term``: those sharing the most tags with it
    (``terms.links.suggested_terms``, one query). None for a term without tags."""
    slugs = [tag["slug"] for tag in (getattr(term, "live_tags", None) or [])]
    return suggested_terms(term.pk, slugs, exclude=(), count=count)


def incomplete_terms(*, terms=None):
    """Live terms with no related terms or no tags, by title; rows carry ``has_related`` and
    ``has_tags``."""
    return (
        _base(terms)
        .live()
        .annotate(
            has_related=Exists(RelatedTerm.objects.filter(term=OuterRef("pk"))),
            has_tags=Exists(TaggedTerm.objects.filter(content_object=OuterRef("pk"))),
        )
        .filter(Q(has_related=False) | Q(has_tags=False))
        .order_by("title")
    )


def unresolved_links():
    """Wiki links in working copies that point to no term (they block publishing), newest
    edits first."""
    return (
        WikiLink.objects.filter(target=None)
        .exclude(source__status=Term.Status.ARCHIVED)
        .select_related("source")
        .order_by("-source__updated_at", "source_id", "target_key")
    )


def dead_links():
    """Links in live terms' published text to terms readers cannot see now (drafts,
    scheduled or withdrawn terms: the link reads as plain text), by source title."""
    return (
        dead_link_rows()
        .filter(publication__in=Publication.objects.live())
        .select_related("publication", "target")
        .order_by("publication__title", "target__title")
    )


def dead_link_rows():
    """Publication links whose target readers cannot see now (whatever the publication)."""
    return PublicationLink.objects.exclude(_is_live("target"))


def terms_with_broken_links(*, terms=None):
    """Terms (not archived) with an unresolved wiki link in the working copy or a dead link
    in their live text, by title.

    Found from the links, not term by term: the terms are those among the few sources of
    such links (``pk IN (… UNION …)``), so the count reads the links and a handful of terms
    rather than every term."""
    live = Publication.objects.live()
    dead = dead_link_rows().filter(publication__in=live.values("pk")).values("publication__term")
    unresolved = WikiLink.objects.filter(target=None).values("source")
    return (
        _base(terms)
        .exclude(status=Term.Status.ARCHIVED)
        .filter(pk__in=dead.union(unresolved))
        .order_by("title")
    )

"""Freezing a term's working copy into a publication, and taking publications down.

Called by ``terms.workflow`` once a transition is allowed; nothing else creates publications.
"""

from datetime import datetime
from html import unescape

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.html import strip_tags

from terms import affected_pages, search, share_images
from terms.editing import render_term
from terms.health import review_date_after_publishing
from terms.models import SECTION_FIELDS, Publication, PublicationAlias, PublicationLink, Term


def reader_copy(term: Term) -> dict:
    """What a reader's page shows of ``term`` beyond its own fields, as a publication records
    it: related and linked term ids, alias names and tags, sorted. A publication freezes it;
    a staff preview shows it unfrozen, so the two always agree."""
    return {
        "related_term_ids": term.related_ids(),
        "linked_term_ids": sorted(
            set(
                term.wiki_links.exclude(target=None)
                .exclude(target=term)
                .values_list("target_id", flat=True)
            )
        ),
        "alias_names": sorted(term.aliases.values_list("name", flat=True), key=str.lower),
        "tag_list": [
            {"name": tag.name, "slug": tag.slug}
            for tag in sorted(term.tags.all(), key=lambda t: t.name.lower())
        ],
    }


@transaction.atomic
def freeze(
    term: Term, *, by=None, go_live_at: datetime | None = None, expire_at: datetime | None = None
) -> Publication:
    """Make a publication of ``term`` as it is now, live from ``go_live_at`` (default now).

    The sections are rendered again first, so links resolve against the names as they are at
    this moment.
    """
    render_term(term)
    now = timezone.now()
    # A time already past means now: the interval of what is live now cannot be rewritten.
    go_live_at = max(go_live_at or now, now)
    with affected_pages.changing(term):
        # The newest approval decides what readers get next: anything still waiting to go live is
        # replaced, and what is live now stays live until this publication takes over.
        _delete(term.publications.scheduled(now))
        term.publications.live(now).update(
            live_until=Case(
                When(expire_at__lt=go_live_at, then=F("expire_at")), default=Value(go_live_at)
            )
        )
        copy = reader_copy(term)
        publication = Publication.objects.create(
            term=term,
            title=term.title,
            slug=term.slug,
            summary=term.summary,
            category_id=term.category_id,
            **{name: getattr(term, name) for name in SECTION_FIELDS},
            **{f"{name}_html": getattr(term, f"{name}_html") for name in SECTION_FIELDS},
            **copy,
            body_text=plain_text(*(getattr(term, f"{name}_html") for name in SECTION_FIELDS)),
            go_live_at=go_live_at,
            expire_at=expire_at,
            live_until=expire_at,
            published_by=by,
        )
        PublicationAlias.objects.bulk_create(
            PublicationAlias(publication=publication, name=alias.name, slug=alias.slug)
            for alias in term.aliases.all()
        )
        PublicationLink.objects.bulk_create(
            PublicationLink(publication=publication, target_id=target_id)
            for target_id in copy["linked_term_ids"]
        )
        publication.tags.set(term.tags.all())
        search.index_publication(publication)
        # Drawn by the worker once this commits; a failure there never undoes the publish.
        share_images.queue(publication)
    changes = {}
    if term.published_at is None or term.published_at > go_live_at:
        changes["published_at"] = go_live_at
    # Publishing is a review: an empty or passed review-by date starts again from here.
    review_by = review_date_after_publishing(term.review_by, timezone.localdate(go_live_at))
    if review_by != term.review_by:
        changes["review_by"] = review_by
    if changes:
        for name, value in changes.items():
            setattr(term, name, value)
        Term.objects.filter(pk=term.pk).update(**changes)
    return publication


@transaction.atomic
def reschedule(
    term: Term, *, go_live_at: datetime | None = None, expire_at: datetime | None = None
) -> Publication | None:
    """Move the publication of ``term`` that waits for its go-live time to ``go_live_at``
    (default now: publish it at once), with expiry ``expire_at``. What is live now stays live
    until then. Returns the publication, or None if none was waiting."""
    now = timezone.now()
    publication = term.publications.scheduled(now).select_for_update().first()
    if publication is None:
        return None
    go_live_at = max(go_live_at or now, now)
    with affected_pages.changing(term):
        term.publications.live(now).exclude(pk=publication.pk).update(
            live_until=Case(
                When(expire_at__lt=go_live_at, then=F("expire_at")), default=Value(go_live_at)
            )
        )
        publication.go_live_at = go_live_at
        publication.expire_at = expire_at
        publication.live_until = expire_at
        publication.save(update_fields=["go_live_at", "expire_at", "live_until"])
    first = term.publications.order_by("go_live_at").values_list("go_live_at", flat=True).first()
    Term.objects.filter(pk=term.pk).update(published_at=first)
    term.published_at = first
    return publication


@transaction.atomic
def cancel_scheduled(term: Term) -> int:
    """Cancel what waits to go live for ``term``; what is live now stays live (until its own
    expiry, if it has one). Returns how many publications were cancelled."""
    now = timezone.now()
    waiting = term.publications.scheduled(now)
    count = waiting.count()
    if not count:
        return 0
    with affected_pages.changing(term):
        _delete(waiting)
        term.publications.live(now).update(live_until=F("expire_at"))
    first = term.publications.order_by("go_live_at").values_list("go_live_at", flat=True).first()
    Term.objects.filter(pk=term.pk).update(published_at=first)
    term.published_at = first
    return count


@transaction.atomic
def take_down(term: Term) -> None:
    """Stop showing ``term`` to readers now, and cancel anything scheduled for it."""
    now = timezone.now()
    with affected_pages.changing(term):
        _delete(term.publications.filter(go_live_at__gte=now))
        term.publications.up(now).update(expire_at=now, live_until=now)


def _delete(publications) -> None:
    ids = list(publications.values_list("pk", flat=True))
    if ids:
        Publication.objects.filter(pk__in=ids).delete()
        search.forget_publications(ids)


def plain_text(*fragments: str) -> str:
    """The words of sanitized HTML, for search snippets."""
    return " ".join(unescape(strip_tags(fragment)) for fragment in fragments).strip()

"""Freezing a term's working copy into a publication, and taking publications down.

Called by ``terms.workflow`` once a transition is allowed; nothing else creates publications.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from terms.editing import SECTION_FIELDS, render_term
from terms.models import Publication, PublicationAlias, Term


@transaction.atomic
def freeze(
    term: Term, *, by=None, go_live_at: datetime | None = None, expire_at: datetime | None = None
) -> Publication:
    """Make a publication of ``term`` as it is now, live from ``go_live_at`` (default now).

    The sections are rendered again first, so links resolve against the names as they are at
    this moment.
    """
    render_term(term)
    go_live_at = go_live_at or timezone.now()
    publication = Publication.objects.create(
        term=term,
        title=term.title,
        slug=term.slug,
        summary=term.summary,
        category_id=term.category_id,
        **{name: getattr(term, name) for name in SECTION_FIELDS},
        **{f"{name}_html": getattr(term, f"{name}_html") for name in SECTION_FIELDS},
        related_term_ids=list(
            term.related_links.order_by("position", "pk").values_list("related_id", flat=True)
        ),
        linked_term_ids=sorted(
            set(
                term.wiki_links.exclude(target=None)
                .exclude(target=term)
                .values_list("target_id", flat=True)
            )
        ),
        go_live_at=go_live_at,
        expire_at=expire_at,
        published_by=by,
    )
    PublicationAlias.objects.bulk_create(
        PublicationAlias(publication=publication, name=alias.name, slug=alias.slug)
        for alias in term.aliases.all()
    )
    publication.tags.set(list(term.tags.all()))
    # Publications scheduled after this one would hide it; this approval replaces them.
    term.publications.filter(go_live_at__gt=go_live_at).delete()
    if term.published_at is None or term.published_at > go_live_at:
        term.published_at = go_live_at
        Term.objects.filter(pk=term.pk).update(published_at=go_live_at)
    return publication


@transaction.atomic
def take_down(term: Term) -> None:
    """Stop showing ``term`` to readers now, and cancel anything scheduled for it."""
    now = timezone.now()
    term.publications.filter(go_live_at__gte=now).delete()
    term.publications.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now)).update(expire_at=now)


def scheduled_publication(term: Term) -> Publication | None:
    """The publication waiting for its go-live time, if any."""
    return term.publications.filter(go_live_at__gt=timezone.now()).order_by("go_live_at").first()


def has_been_published(term: Term) -> bool:
    return term.publications.exists()

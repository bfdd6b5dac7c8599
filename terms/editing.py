"""What happens when a term is saved or deleted: names kept unique, HTML rendered and stored,
and the terms that link to it re-rendered when what their links resolve to has changed.

The admin, the demo loader and tests all save terms through ``after_term_saved`` so that
nothing is rendered on a reader's request.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from terms.models import Term, WikiLink
from terms.names import keys_of, sync_reserved_names
from terms.rendering import render

SECTION_FIELDS = ("definition", "why_it_matters", "in_practice")


@dataclass(frozen=True)
class TermState:
    """What other terms' links depend on: whether the term is live and the names it answers to."""

    live: bool
    keys: frozenset[str]


def state_of(term: Term) -> TermState | None:
    """The stored state of ``term`` (None for a term not saved yet). Call before changing it."""
    if term.pk is None:
        return None
    stored = Term.objects.filter(pk=term.pk).live().exists()
    return TermState(live=stored, keys=frozenset(keys_of(term)))


def render_term(term: Term) -> None:
    """Render the term's sections into its ``*_html`` fields and record its wiki links.

    Uses ``update()`` so that refreshing a term because another one changed does not touch its
    own "updated" time.
    """
    html = {}
    links: dict[str, int | None] = {}
    for name in SECTION_FIELDS:
        rendered = render(getattr(term, name))
        html[f"{name}_html"] = rendered.html
        links.update(rendered.wiki_links)
    for name, value in html.items():
        setattr(term, name, value)
    Term.objects.filter(pk=term.pk).update(**html)
    WikiLink.objects.filter(source=term).delete()
    WikiLink.objects.bulk_create(
        WikiLink(source=term, target_key=key, target_id=target_id)
        for key, target_id in links.items()
    )


def refresh_terms_linking_to(keys: set[str], *, exclude: Term | None = None) -> int:
    """Re-render every term whose text wiki-links to one of ``keys``. Returns how many."""
    if not keys:
        return 0
    sources = Term.objects.filter(wiki_links__target_key__in=keys).distinct()
    if exclude is not None:
        sources = sources.exclude(pk=exclude.pk)
    count = 0
    for source in sources:
        render_term(source)
        count += 1
    return count


@transaction.atomic
def after_term_saved(term: Term, before: TermState | None) -> None:
    """Call once a term and its aliases are saved; ``before`` comes from ``state_of``."""
    sync_reserved_names(term)
    if term.is_live and term.published_at is None:
        term.published_at = timezone.now()
        Term.objects.filter(pk=term.pk).update(published_at=term.published_at)
    render_term(term)
    after = state_of(term)
    if before is None:
        changed = after.keys if after.live else set()
    elif before.live != after.live:
        changed = before.keys | after.keys
    elif after.live and before.keys != after.keys:
        # A rename: links by old names lose their target, links by the old slug get a new URL.
        changed = before.keys | after.keys
    else:
        changed = set()
    refresh_terms_linking_to(set(changed), exclude=term)


@transaction.atomic
def delete_term(term: Term) -> None:
    """Delete a term; terms that linked to it lose the link (it becomes plain text)."""
    before = state_of(term)
    term.delete()
    if before and before.live:
        refresh_terms_linking_to(set(before.keys))

"""What happens when the working copy of a term is saved or deleted.

Names are kept unique, the sections' HTML is rendered and stored, and wiki links recorded;
terms whose links could not be resolved are rendered again when a name they use appears.
The admin, the demo loader and tests all save terms through ``after_term_saved`` so that
nothing is rendered on a reader's request.
"""

import reversion
from django.db import transaction

from terms import search
from terms.models import SECTION_FIELDS, Term, WikiLink
from terms.names import keys_of, sync_reserved_names
from terms.rendering import render


def names_before_save(term: Term) -> frozenset[str] | None:
    """The names ``term`` answers to in the database (None for a new term). Call before saving."""
    if term.pk is None:
        return None
    return frozenset(keys_of(term))


def render_term(term: Term, resolve=None) -> None:
    """Render the term's sections into its ``*_html`` fields and record its wiki links.

    Uses ``update()`` so that re-rendering a term because another one changed does not touch
    its own "updated" time or version. ``resolve`` is passed to ``render`` (an import resolves
    the names of thousands of terms in a few queries rather than three per term).
    """
    html = {}
    links: dict[str, int | None] = {}
    for name in SECTION_FIELDS:
        rendered = render(getattr(term, name), resolve=resolve)
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
def after_term_saved(term: Term, names_before: frozenset[str] | None) -> None:
    """Call once a term and its aliases are saved; ``names_before`` from ``names_before_save``."""
    sync_reserved_names(term)
    render_term(term)
    names_after = frozenset(keys_of(term))
    # Names that appeared or went away: links written with them may now resolve differently.
    changed = names_after ^ (names_before or frozenset())
    refresh_terms_linking_to(set(changed), exclude=term)


@transaction.atomic
def delete_term(term: Term, *, by=None) -> None:
    """Delete a term, keeping a saved version of it so an editor can recover it.

    Links to it are no longer shown (they become plain text).
    """
    names = frozenset(keys_of(term))
    publication_ids = list(term.publications.values_list("pk", flat=True))
    with reversion.create_revision():
        reversion.add_to_revision(term)
        for related in (*term.aliases.all(), *term.related_links.all(), *term.tagged_items.all()):
            reversion.add_to_revision(related)
        reversion.set_comment("Deleted")
        if by is not None:
            reversion.set_user(by)
    term.delete()
    search.forget_publications(publication_ids)
    refresh_terms_linking_to(set(names))

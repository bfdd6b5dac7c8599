"""Names and slugs that lead to a term: keeping them unique, and resolving them.

A term is reachable by its title, its slug, its aliases' names and slugs, and the slugs it had
before. ``ReservedName`` holds all of them so that the database refuses a second term with the
same name or slug, whatever the case; this module keeps that table in step and answers
"which live term does this name lead to".
"""

from collections.abc import Iterable

from django.db.models.functions import Lower
from django.utils import timezone

from terms.models import Publication, PublicationAlias, ReservedName, Term

Source = ReservedName.Source


def wanted_names(term: Term) -> set[tuple[str, str]]:
    """The (source, value) pairs a term should hold right now, former slugs aside."""
    pairs = {(Source.TITLE, term.title), (Source.SLUG, term.slug)}
    for alias in term.aliases.all():
        pairs.add((Source.ALIAS, alias.name))
        pairs.add((Source.ALIAS_SLUG, alias.slug))
    return pairs


def keys_of(term: Term) -> set[str]:
    """Every lowercased name and slug that leads to ``term`` now (what wiki links match)."""
    return {value.lower() for value in term.reserved_names.values_list("value", flat=True)}


def sync_reserved_names(term: Term) -> None:
    """Bring ``term``'s rows in ReservedName in line with its title, slug and aliases.

    A slug the term stops using becomes a former slug, so old links keep working; a former
    slug the term takes back becomes its slug again. Raises IntegrityError when another term
    already holds a name (forms check first and explain; this is the guarantee).
    """
    wanted = wanted_names(term)
    wanted_by_key = {
        (Source(source).namespace, value.lower()): (source, value) for source, value in wanted
    }
    existing = list(term.reserved_names.all())
    for row in existing:
        key = (row.namespace, row.value.lower())
        if key in wanted_by_key:
            source, value = wanted_by_key.pop(key)
            if (row.source, row.value) != (source, value):
                row.source, row.value = source, value
                row.save(update_fields=["source", "value"])
        elif row.source == Source.SLUG:
            row.source = Source.FORMER_SLUG
            row.save(update_fields=["source"])
        elif row.source != Source.FORMER_SLUG:
            row.delete()
    ReservedName.objects.bulk_create(
        ReservedName(term=term, namespace=Source(source).namespace, source=source, value=value)
        for source, value in wanted_by_key.values()
    )


def conflicts(term: Term | None, names: Iterable[str], slugs: Iterable[str]) -> dict[str, str]:
    """For each name or slug already held by another term, a sentence saying by which.

    Keys are the lowercased values asked about. One query.
    """
    names = {name.lower(): name for name in names if name}
    slugs = {slug.lower(): slug for slug in slugs if slug}
    if not names and not slugs:
        return {}
    rows = (
        ReservedName.objects.annotate(key=Lower("value"))
        .filter(key__in=set(names) | set(slugs))
        .select_related("term")
    )
    if term is not None and term.pk:
        rows = rows.exclude(term=term)
    found = {}
    for row in rows:
        asked = names if row.namespace == ReservedName.Namespace.NAME else slugs
        if row.key in asked:
            found[row.key] = (
                f"“{asked[row.key]}” is already the {Source(row.source).label.lower()} "
                f"of “{row.term.title}”."
            )
    return found


def resolve_wiki_targets(targets: Iterable[str]) -> dict[str, int]:
    """Map wiki-link targets to the ids of the terms they name: names first, then slugs.

    Any term counts, live or not: whether a link is shown is decided when the page is read.
    Keys of the result are the lowercased targets; targets that name no term are absent.
    One query whatever the number of targets.
    """
    keys = {target.lower() for target in targets}
    if not keys:
        return {}
    rows = (
        ReservedName.objects.annotate(key=Lower("value"))
        .filter(key__in=keys)
        .values_list("key", "namespace", "term_id")
    )
    best: dict[str, tuple[int, int]] = {}
    for key, namespace, term_id in rows:
        rank = 0 if namespace == ReservedName.Namespace.NAME else 1
        if key not in best or rank < best[key][0]:
            best[key] = (rank, term_id)
    return {key: term_id for key, (_, term_id) in best.items()}


def was_live_at(slug: str) -> bool:
    """Whether a term was once live at this address (a withdrawn term's page answers 410 Gone,
    not 404). Asked only once no live publication or redirect answers for ``slug``."""
    return Publication.objects.filter(slug=slug.lower(), go_live_at__lte=timezone.now()).exists()


def live_publication_for_slug(slug: str) -> Publication | None:
    """The live publication that an alias slug, a former slug or a differently-cased slug
    leads to, for a redirect. At most three queries, on the not-found path only."""
    key = slug.lower()
    live = Publication.objects.live()
    found = live.filter(slug=key).first()
    if found is None:
        alias = (
            PublicationAlias.objects.filter(slug=key, publication__in=live)
            .select_related("publication")
            .first()
        )
        found = alias.publication if alias else None
    if found is None:
        term_ids = (
            ReservedName.objects.annotate(key=Lower("value"))
            .filter(
                key=key,
                # Former slugs only: the working copy's alias slugs may not be approved yet,
                # and published ones were found above.
                source=Source.FORMER_SLUG,
            )
            .values("term_id")
        )
        found = live.filter(term_id__in=term_ids).first()
    return found

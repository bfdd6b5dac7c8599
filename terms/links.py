"""Wiki links become links when a page is read, and only to terms that are live then.

Stored HTML carries ``<a class="wiki-link" data-term="ID">label</a>`` (see
``terms.rendering``). Turning those into addresses is a string substitution over HTML that
was sanitized when it was stored, with one query for all the live terms a page links to.
"""

import re
from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from taggit.models import Tag

from terms.models import Publication, TaggedPublication

# A term page shows this many related cards: the curated ones, then suggestions.
RELATED_CARDS = 4
# "Linked from" lists at most this many terms, by title.
LINKED_FROM_MAX = 30
# Suggestions by shared tags are chosen among this many live terms of each tag.
SUGGESTION_CANDIDATES = 50
WIKI_LINK = re.compile(r'<a class="wiki-link" data-term="(\d+)">(.*?)</a>', re.DOTALL)


def wiki_link_ids(html: str) -> list[int]:
    """Term ids the wiki links in ``html`` point to, in order of first appearance."""
    return list(dict.fromkeys(int(term_id) for term_id, _ in WIKI_LINK.findall(html)))


def live_cards(term_ids: Iterable[int]) -> dict[int, Publication]:
    """The live publications of ``term_ids``, by term id, with what a card shows. One query."""
    term_ids = set(term_ids)
    if not term_ids:
        return {}
    publications = Publication.objects.live().filter(term_id__in=term_ids).for_cards()
    return {publication.term_id: publication for publication in publications}


def cards_and_backlinks(term_id: int | None, term_ids: Iterable[int]):
    """In one query: live publications of ``term_ids`` (by term id), and the first
    ``LINKED_FROM_MAX`` live terms by title whose text links to ``term_id`` ("Linked from").

    Returns ``(cards, backlinks, more_backlinks)``. The two kinds are two indexed look-ups
    joined by UNION ALL: as one ``OR``, PostgreSQL read every publication to answer it.
    """
    term_ids = set(term_ids)
    live = Publication.objects.live()
    linking = (
        live.filter(outgoing_links__target_id=term_id)
        .exclude(term_id=term_id)
        .order_by(Lower("title"))
        .values("pk")
    )
    cards = live.filter(term_id__in=term_ids).annotate(links_here=Value(False))
    backlinks = live.filter(pk__in=linking[: LINKED_FROM_MAX + 1]).annotate(links_here=Value(True))
    rows = (
        cards.annotate(sort_key=Lower("title"))
        .for_cards()
        .order_by()
        .union(backlinks.annotate(sort_key=Lower("title")).for_cards().order_by(), all=True)
        .order_by("sort_key")
    )
    found, linked_from = {}, []
    for publication in rows:
        if publication.term_id in term_ids:
            found[publication.term_id] = publication
        if publication.links_here:
            linked_from.append(publication)
    return found, linked_from[:LINKED_FROM_MAX], len(linked_from) > LINKED_FROM_MAX


def suggested_terms(term_id: int | None, tag_slugs: list[str], exclude: Iterable[int], count: int):
    """Up to ``count`` live terms sharing the most tags with this one, then by title. One query.

    Candidates are the ``SUGGESTION_CANDIDATES`` most recently published live terms of each
    tag: on a big glossary a popular tag has thousands of terms, and counting shared tags for
    all of them would cost more than the rest of the page.
    """
    if count <= 0 or not tag_slugs:
        return []
    live = Publication.objects.live().exclude(term_id__in={term_id, *exclude})
    parts, params = [], []
    for n, slug in enumerate(dict.fromkeys(tag_slugs)):
        # The tag's id as a subquery, so the tag's newest publications are read backwards from
        # the (tag, publication) index and the look-up stops at the fiftieth live one.
        tag = Subquery(Tag.objects.filter(slug=slug).values("pk")[:1])
        newest = live.filter(tagged_items__tag=tag).order_by("-pk").values("pk")
        sql, tag_params = newest[:SUGGESTION_CANDIDATES].query.sql_with_params()
        # Each tag's newest are a sliced subquery: wrapped so both databases accept the union.
        parts.append(f"SELECT * FROM ({sql}) AS tag_{n}")  # noqa: S608 (ORM-compiled, bound)
        params.extend(tag_params)
    candidates = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (as above)
    # Shared tags counted for the candidates only, through the (publication, tag) index.
    shared = (
        TaggedPublication.objects.filter(content_object=OuterRef("pk"), tag__slug__in=tag_slugs)
        .order_by()
        .values("content_object")
        .annotate(n=Count("*"))
        .values("n")
    )
    return list(
        live.filter(pk__in=candidates)
        .annotate(shared=Subquery(shared))
        .order_by("-shared", Lower("title"))
        .for_cards()[:count]
    )


def link_live_terms(html: str, live: dict[int, Publication] | None = None) -> str:
    """Replace wiki-link placeholders with links to live terms; others become their label.

    ``live`` is what ``live_cards`` returns; without it, it is looked up (one query).
    """
    if 'class="wiki-link"' not in html:
        return html
    if live is None:
        live = live_cards(wiki_link_ids(html))

    def replace(match: re.Match) -> str:
        publication = live.get(int(match.group(1)))
        label = match.group(2)
        if publication is None:
            return label
        return f'<a href="{publication.get_absolute_url()}" class="wiki-link">{label}</a>'

    return WIKI_LINK.sub(replace, html)

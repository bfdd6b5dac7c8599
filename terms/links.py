"""Wiki links become links when a page is read, and only to terms that are live then.

Stored HTML carries ``<a class="wiki-link" data-term="ID">label</a>`` (see
``terms.rendering``). Turning those into addresses is a string substitution over HTML that
was sanitized when it was stored, with one query for all the live terms a page links to.
"""

import re
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower

from terms.models import Publication, PublicationLink

# A term page shows this many related cards: the curated ones, then suggestions.
RELATED_CARDS = 4
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
    """In one query: live publications of ``term_ids`` (by term id), and the live terms whose
    text links to ``term_id`` ("Linked from"), by title."""
    term_ids = set(term_ids)
    linking = PublicationLink.objects.filter(target_id=term_id)
    publications = (
        Publication.objects.live()
        .filter(Q(term_id__in=term_ids) | Q(pk__in=linking.values("publication_id")))
        .annotate(links_here=Exists(linking.filter(publication=OuterRef("pk"))))
        .for_cards()
        .order_by(Lower("title"))
    )
    cards, backlinks = {}, []
    for publication in publications:
        if publication.term_id in term_ids:
            cards[publication.term_id] = publication
        if publication.links_here and publication.term_id != term_id:
            backlinks.append(publication)
    return cards, backlinks


def suggested_terms(term_id: int | None, tag_slugs: list[str], exclude: Iterable[int], count: int):
    """Up to ``count`` live terms sharing the most tags with this one. One query."""
    if count <= 0 or not tag_slugs:
        return []
    return list(
        Publication.objects.live()
        .filter(tags__slug__in=tag_slugs)
        .exclude(term_id__in={term_id, *exclude})
        .annotate(shared=Count("tags"))
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

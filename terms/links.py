"""Wiki links become links when a page is read, and only to terms that are live then.

Stored HTML carries ``<a class="wiki-link" data-term="ID">label</a>`` (see
``terms.rendering``). Turning those into addresses is a string substitution over HTML that
was sanitized when it was stored, with one query for all the live terms a page links to.
"""

import re
from collections.abc import Iterable

from terms.models import Publication

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

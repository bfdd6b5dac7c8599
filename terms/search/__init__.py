"""Search and type-ahead over live terms, with one interface whatever the database.

PostgreSQL uses a weighted full-text vector (GIN index, websearch syntax) plus pg_trgm for
typos; SQLite uses an FTS5 table plus a fuzzy match on names. Views call ``search`` and
``suggest`` and never learn which backend answered.

Ranking, on both: an exact title or alias match first, then titles or aliases starting with
the query, then full-text matches (title > aliases > summary > sections), then near spellings.
A question ("what is an LLM", "define X", "how does X work") is ranked by its subject, and a
comparison ("X vs Y", "difference between X and Y") by both, the best match of each first
(``understanding``). Stop words never decide ranking and are never highlighted.
"""

from django.db import connection

from terms.models import Publication
from terms.search import spelling
from terms.search.ranking import MAX_CANDIDATES, Ranking, ranked
from terms.search.results import Hit
from terms.search.snippets import STOP, highlight, matched_alias

QUERY_MAX_LENGTH = 200


def clean_query(raw: str) -> str:
    """What is safe to search for: no NUL or control characters, trimmed, bounded."""
    return _tidied(raw)[:QUERY_MAX_LENGTH]


def _tidied(raw: str) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    return " ".join(text.split())


def backend():
    if connection.vendor == "postgresql":
        from terms.search import postgres as module
    else:
        from terms.search import sqlite as module
    return module


class SearchResults:
    """A lazily ranked, sliceable list of hits, for Django's Paginator.

    At most MAX_CANDIDATES hits are listed (a comparison: COMPARISON_SIDE_LIMIT for each of
    its terms); ``has_more`` tells when more terms matched;
    ``corrected`` is the query as spelling correction read it, when that found the first
    result ("" otherwise, and always with ``as_typed``).
    """

    def __init__(self, query: str, *, shortened: bool = False, as_typed: bool = False):
        self.query = query
        # Whether the query as typed was longer than QUERY_MAX_LENGTH and was cut.
        self.shortened = shortened
        self.as_typed = as_typed
        self._ranking: Ranking | None = None
        self._ids: list[int] = []
        self._more = False

    def ranking(self) -> Ranking:
        if self._ranking is None:
            # One more than is listed, to learn whether the list is complete.
            self._ranking = (
                ranked(backend(), self.query, MAX_CANDIDATES + 1, correct=not self.as_typed)
                if self.query
                else Ranking()
            )
            ids = self._ranking.ids
            self._ids = ids[:MAX_CANDIDATES]
            self._more = len(ids) > MAX_CANDIDATES or self._ranking.more
        return self._ranking

    def ranked_ids(self) -> list[int]:
        self.ranking()
        return self._ids

    @property
    def has_more(self) -> bool:
        self.ranking()
        return self._more

    @property
    def corrected(self) -> str:
        return self.ranking().corrected

    def count(self) -> int:
        return len(self.ranked_ids())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        ranking = self.ranking()
        ids = self.ranked_ids()[item]
        found = backend().with_snippets(ranking.words, ids) if ids else {}
        return hits(self.query, ids, found, ranking.aliases)


def search(query: str, *, as_typed: bool = False) -> SearchResults:
    """Live terms matching ``query``, best first, with highlighted snippets.

    A query longer than QUERY_MAX_LENGTH is searched for by its beginning, and the results
    say so (``shortened``). ``as_typed``: no spelling correction."""
    tidied = _tidied(query)
    return SearchResults(
        tidied[:QUERY_MAX_LENGTH], shortened=len(tidied) > QUERY_MAX_LENGTH, as_typed=as_typed
    )


def suggest(query: str, limit: int = 8) -> list[Hit]:
    """Up to ``limit`` live terms for a search box that is being typed into."""
    query = clean_query(query)
    if not query:
        return []
    ranking = ranked(backend(), query, limit, whole_text=False)
    return hits(
        query, ranking.ids, Publication.objects.for_hits().in_bulk(ranking.ids), ranking.aliases
    )


def did_you_mean(text: str, limit: int = 5) -> list[Hit]:
    """Up to ``limit`` live terms whose names are closest to ``text`` (titles and aliases,
    near spellings included), for a page that was not found: ``text`` is the words of the
    address that was asked for."""
    query = clean_query(text)
    if not query:
        return []
    ranking = ranked(backend(), query, limit, whole_text=False)
    return hits(
        query, ranking.ids, Publication.objects.for_hits().in_bulk(ranking.ids), ranking.aliases
    )


def hits(query: str, ids: list[int], publications: dict, aliases: dict[int, str]) -> list[Hit]:
    """Hits in the order of ``ids``: each publication, its highlighted snippet if it has one,
    and the alias the query matched (found by ranking, or the likeliest one)."""
    found = []
    for pk in ids:
        publication = publications.get(pk)
        if publication is None:
            continue
        marked = getattr(publication, "snippet", "") or ""
        found.append(
            Hit(
                publication=publication,
                snippet=highlight(marked) if STOP in marked else "",
                matched_alias=aliases.get(pk) or matched_alias(query, publication),
            )
        )
    return found


def index_publication(publication: Publication) -> None:
    """Make a new publication searchable (called when it is created)."""
    backend().index(publication)
    spelling.record_words(publication)


def forget_publications(ids: list[int]) -> None:
    """Drop deleted publications from the search index."""
    if ids:
        backend().forget(ids)

"""PostgreSQL search: weighted full-text vector with a GIN index, websearch syntax, prefix
matching for partial words, and pg_trgm similarity for misspellings."""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramDistance,
)
from django.db.models import F, TextField, Value

from terms.models import Publication, PublicationAlias
from terms.search.results import Hit
from terms.search.snippets import START, STOP, highlight, matched_alias

CONFIG = "english"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
TEXT_CANDIDATES = 1000
FUZZY_CANDIDATES = 10
MAX_DISTANCE = 0.7  # a trigram similarity of at least 0.3


def index(publication: Publication) -> None:
    aliases = Value(" ".join(publication.alias_names), output_field=TextField())
    title = SearchVector("title", weight="A", config=CONFIG)
    names = SearchVector(aliases, weight="B", config=CONFIG)
    Publication.objects.filter(pk=publication.pk).update(
        name_vector=title + names,
        search_vector=title
        + names
        + SearchVector("summary", weight="C", config=CONFIG)
        + SearchVector("body_text", weight="D", config=CONFIG),
    )


def forget(ids: list[int]) -> None:
    """Nothing to do: the vector lives on the publication row."""


def prefix_query(query: str) -> SearchQuery | None:
    """Every word of the query as a prefix."""
    tokens = TOKEN.findall(query.lower())[:12]
    if not tokens:
        return None
    raw = " & ".join(f"{token}:*" for token in tokens)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def text_query(query: str) -> SearchQuery:
    """The query as typed (websearch syntax), or-ed with every word as a prefix."""
    typed = SearchQuery(query, search_type="websearch", config=CONFIG)
    words = prefix_query(query)
    return typed if words is None else typed | words


def name_word_matches(query: str, live, limit: int) -> list[tuple[int, float]]:
    """Every word in the title or an alias (a small vector of names, GIN-indexed)."""
    words = prefix_query(query)
    if words is None:
        return []
    return list(
        live.filter(name_vector=words)
        .annotate(rank=SearchRank(F("name_vector"), words))
        .order_by("-rank")
        .values_list("pk", "rank")[:limit]
    )


def text_matches(query: str, live, limit: int) -> list[tuple[int, float]]:
    """Words anywhere, ranked by weight (title > aliases > summary > sections).

    Only the first TEXT_CANDIDATES matching rows are ranked, so a query made of very common
    words costs the same as a rare one.
    """
    tsquery = text_query(query)
    candidates = Publication.objects.filter(search_vector=tsquery).order_by().values("pk")
    return list(
        live.filter(pk__in=candidates[:TEXT_CANDIDATES])
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank")
        .values_list("pk", "rank")[:limit]
    )


def fuzzy(query: str, live) -> list[tuple[int, float]]:
    """The titles and aliases nearest in spelling (trigram distance, GiST index, KNN)."""
    titles = (
        live.annotate(distance=TrigramDistance("title", query))
        .order_by("distance")
        .values_list("pk", "distance")[:FUZZY_CANDIDATES]
    )
    aliases = (
        PublicationAlias.objects.filter(publication__in=live)
        .annotate(distance=TrigramDistance("name", query))
        .order_by("distance")
        .values_list("publication_id", "distance")[:FUZZY_CANDIDATES]
    )
    return [(pk, 1 - distance) for pk, distance in [*titles, *aliases] if distance <= MAX_DISTANCE]


def hits(query: str, ids: list[int]) -> list[Hit]:
    if not ids:
        return []
    tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
    publications = (
        Publication.objects.filter(pk__in=ids)
        .select_related("category")
        .annotate(
            snippet=SearchHeadline(
                "body_text",
                tsquery,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=28,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    )
    by_id = {publication.pk: publication for publication in publications}
    return [
        Hit(
            publication=by_id[pk],
            snippet=highlight(by_id[pk].snippet) if STOP in (by_id[pk].snippet or "") else "",
            matched_alias=matched_alias(query, by_id[pk].alias_names),
        )
        for pk in ids
        if pk in by_id
    ]

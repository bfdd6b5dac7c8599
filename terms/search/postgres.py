"""PostgreSQL search: weighted full-text vector with a GIN index, websearch syntax, prefix
matching for partial words, and spelling correction with pg_trgm over the words of names."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import F, TextField, Value
from django.db.models.functions import Substr

from terms.models import Publication
from terms.search.snippets import START, STOP
from terms.search.words import tokens

CONFIG = "english"
FUZZY_CANDIDATES = 20
HEADLINE_SOURCE_LENGTH = 1500


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
    words = tokens(query)
    if not words:
        return None
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def text_query(query: str) -> SearchQuery:
    """The query's words, the last one as a prefix ("gradient desc" finds "gradient descent").

    Only the last word is a prefix: prefix matches of frequent words are what a full-text
    index does slowest.
    """
    words = tokens(query)
    raw = " & ".join([*words[:-1], f"{words[-1]}:*"]) if words else ""
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def _names(tsquery: SearchQuery, live, limit: int) -> list[tuple[int, float, str]]:
    return list(
        live.filter(name_vector=tsquery)
        .annotate(rank=SearchRank(F("name_vector"), tsquery))
        .order_by("-rank")
        .values_list("pk", "rank", "title")[:limit]
    )


def name_word_matches(query: str, live, limit: int) -> list[tuple[int, float, str]]:
    """Every word in the title or an alias (a small vector of names, GIN-indexed)."""
    words = prefix_query(query)
    return [] if words is None else _names(words, live, limit)


def text_matches(query: str, live, limit: int) -> list[tuple[int, float, str]]:
    """Words anywhere, ranked by weight (title > aliases > summary > sections).

    At most ``limit`` live matches are ranked: all of them while fewer match, else ``limit``
    of them as the index hands them over (ranking all 100,000 rows a common word is in would
    take half a second). Each is ranked as it is found, in one pass: the vector, most of a
    row, is read once.
    """
    tsquery = text_query(query)
    matches = (
        live.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by()
        .values_list("pk", "rank", "title")[:limit]
    )
    return sorted(matches, key=lambda match: -match[1])


def fuzzy(options: list[list[str]], live) -> list[tuple[int, float, str]]:
    """Names containing each word or one of its corrections (``spelling.alternatives``)."""
    # The word as typed stays a prefix; corrections are whole words (a prefix of a common
    # word would match, and cost, far more).
    raw = " & ".join(
        "(" + " | ".join([f"{choices[0]}:*", *choices[1:]]) + ")" for choices in options
    )
    return _names(SearchQuery(raw, search_type="raw", config=CONFIG), live, FUZZY_CANDIDATES)


def with_snippets(words: list[str], ids: list[int]) -> dict[int, Publication]:
    """The publications ``ids`` for hits, each with ``snippet``: text with any of ``words``
    between START and STOP, or ""."""
    if not words:
        return Publication.objects.for_hits().in_bulk(ids)
    tsquery = SearchQuery(" | ".join(words), search_type="raw", config=CONFIG)
    publications = (
        Publication.objects.filter(pk__in=ids)
        .for_hits()
        .annotate(
            # Highlights come from the first part of the text only: a headline's cost grows
            # with the length of what it reads.
            snippet=SearchHeadline(
                Substr("body_text", 1, HEADLINE_SOURCE_LENGTH),
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
    return {publication.pk: publication for publication in publications}

"""PostgreSQL search: weighted full-text vector with a GIN index, websearch syntax, prefix
matching for partial words, and pg_trgm similarity for misspellings."""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db.models import BooleanField, ExpressionWrapper, F, Q, TextField, Value

from terms.models import Publication, PublicationAlias
from terms.search.results import Hit
from terms.search.snippets import START, STOP, highlight, matched_alias

CONFIG = "english"
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def index(publication: Publication) -> None:
    aliases = Value(" ".join(publication.alias_names), output_field=TextField())
    Publication.objects.filter(pk=publication.pk).update(
        search_vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector(aliases, weight="B", config=CONFIG)
        + SearchVector("summary", weight="C", config=CONFIG)
        + SearchVector("body_text", weight="D", config=CONFIG)
    )


def forget(ids: list[int]) -> None:
    """Nothing to do: the vector lives on the publication row."""


def text_query(query: str) -> SearchQuery:
    """The query as typed (websearch syntax), or-ed with every word as a prefix."""
    typed = SearchQuery(query, search_type="websearch", config=CONFIG)
    tokens = TOKEN.findall(query.lower())[:12]
    if not tokens:
        return typed
    prefix = SearchQuery(
        " & ".join(f"{token}:*" for token in tokens), search_type="raw", config=CONFIG
    )
    return typed | prefix


def names_query(query: str) -> SearchQuery | None:
    """Every word, as a prefix, in the title or aliases (weights A and B)."""
    tokens = TOKEN.findall(query.lower())[:12]
    if not tokens:
        return None
    raw = " & ".join(f"{token}:*AB" for token in tokens)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def text_matches(query: str, live, limit: int) -> list[tuple[int, float, bool]]:
    tsquery = text_query(query)
    in_names = names_query(query)
    flag = (
        ExpressionWrapper(Q(search_vector=in_names), output_field=BooleanField())
        if in_names is not None
        else Value(False)
    )
    return list(
        live.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery), in_names=flag)
        .order_by("-in_names", "-rank")
        .values_list("pk", "rank", "in_names")[:limit]
    )


def fuzzy(query: str, live) -> list[tuple[int, float]]:
    """Near spellings of titles and aliases (trigram similarity, GIN-indexed)."""
    titles = (
        live.filter(title__trigram_similar=query)
        .annotate(similarity=TrigramSimilarity("title", query))
        .order_by("-similarity")
        .values_list("pk", "similarity")[:20]
    )
    aliases = (
        PublicationAlias.objects.filter(publication__in=live, name__trigram_similar=query)
        .annotate(similarity=TrigramSimilarity("name", query))
        .order_by("-similarity")
        .values_list("publication_id", "similarity")[:20]
    )
    return [*titles, *aliases]


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

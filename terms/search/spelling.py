"""Spelling correction for search: query words are compared with the words of published titles
and aliases (a few thousand), never with every title."""

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from terms.models import Publication, SearchWord
from terms.search.ranking import tokens

MIN_LENGTH = 3
PER_WORD = 3


def record_words(publication: Publication) -> None:
    """Remember the words of a new publication's title and aliases."""
    words = {
        word
        for text in (publication.title, *publication.alias_names)
        for word in tokens(text)
        if len(word) >= MIN_LENGTH
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=word[:100]) for word in words], ignore_conflicts=True
    )


# Trigram similarity a correction needs (pg_trgm's default, 0.3, finds too much).
SIMILARITY = 0.45


def corrections(word: str) -> list[str]:
    """Known words spelt nearly like ``word`` (not ``word`` itself), closest first."""
    if len(word) < MIN_LENGTH + 1:
        return []
    if connection.vendor == "postgresql":
        # "%" (pg_trgm's own threshold, index-assisted) narrows; the similarity then decides.
        found = (
            SearchWord.objects.filter(word__trigram_similar=word)
            .exclude(word=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity")
            .values_list("word", flat=True)[:PER_WORD]
        )
        return list(found)
    known = SearchWord.objects.values_list("word", flat=True)
    return [
        w for w in difflib.get_close_matches(word, known, n=PER_WORD + 1, cutoff=0.75) if w != word
    ][:PER_WORD]


def alternatives(query: str) -> list[list[str]] | None:
    """For each query word, the word and its corrections; None when nothing was corrected.

    Words that are already known (used in some title or alias) are not corrected.
    """
    words = tokens(query)
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    options = [[word] if word in known else [word, *corrections(word)] for word in words]
    if not options or all(len(choices) == 1 for choices in options):
        return None
    return options

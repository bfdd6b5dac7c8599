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
    """Known words spelt nearly like ``word``, closest first; ``[word]`` alone when ``word``
    is itself known (used in some title or alias), and ``[]`` when nothing is close."""
    if len(word) <= MIN_LENGTH:
        return [word]
    if connection.vendor == "postgresql":
        # One query: "%" (pg_trgm's threshold, index-assisted) narrows, the similarity decides,
        # and the word itself, if known, comes first with a similarity of 1.
        found = list(
            SearchWord.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)[: PER_WORD + 1]
        )
    else:
        if SearchWord.objects.filter(word=word).exists():
            return [word]
        known = SearchWord.objects.values_list("word", flat=True)
        found = difflib.get_close_matches(word, known, n=PER_WORD, cutoff=0.75)
    if found[:1] == [word]:
        return [word]
    return found[:PER_WORD]


def alternatives(query: str) -> list[list[str]] | None:
    """For each query word, the word and its corrections; None when nothing was corrected.

    Words already known (used in some title or alias) are found in one query and not
    corrected; each unknown word costs one more (a one-word query, one query in all).
    """
    words = tokens(query)
    # One word: its own lookup answers both questions (known? close to what?).
    known = (
        set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        if len(words) > 1
        else set()
    )
    options = []
    for word in words:
        found = [word] if word in known else corrections(word)
        options.append([word] if found == [word] else [word, *found])
    if not options or all(len(choices) == 1 for choices in options):
        return None
    return options

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


# How alike a correction must be (difflib's ratio, on both databases). Trigram similarity
# alone misjudges swapped letters: "langauge" is only 0.38 like "language".
CUTOFF = 0.75
# On PostgreSQL, how many of the trigram-nearest words are weighed with that ratio.
NEAREST = 12


def corrections(word: str) -> list[str]:
    """Known words spelt nearly like ``word``, closest first; ``[word]`` alone when ``word``
    is itself known (used in some title or alias), and ``[]`` when nothing is close."""
    if len(word) <= MIN_LENGTH:
        return [word]
    if connection.vendor == "postgresql":
        # One query: "%" (pg_trgm's threshold, index-assisted) narrows to a few words, and
        # the word itself, if known, comes first with a similarity of 1.
        known = list(
            SearchWord.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)[:NEAREST]
        )
        if known[:1] == [word]:
            return [word]
    else:
        if SearchWord.objects.filter(word=word).exists():
            return [word]
        known = SearchWord.objects.values_list("word", flat=True)
    return difflib.get_close_matches(word, known, n=PER_WORD, cutoff=CUTOFF)


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

"""Spelling correction for search: query words are compared with the words of published titles
and aliases (a few thousand), never with every title."""

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from terms.models import Publication, SearchWord
from terms.search.words import tokens

MIN_LENGTH = 3
PER_WORD = 3
# At most this many words of a query are corrected (each unknown one costs a query).
MAX_WORDS = 6


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


# Type-ahead: a word being typed is compared with the beginnings of known words of about its
# length ("embd" is one letter from "embe(ddings)"), among known words starting with its first
# letters (a typo there is rare, and the index finds them).
PREFIX_KEEP = 2
PREFIX_CANDIDATES = 4000
PREFIX_CORRECTIONS = 6


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn ``a`` into ``b``."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if (
                previous2 is not None
                and i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
            ):
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def prefix_corrections(word: str) -> list[str]:
    """Known words whose beginning is spelt nearly like ``word``, the closest first."""
    if len(word) <= MIN_LENGTH:
        return []
    allowed = 1 if len(word) < 8 else 2
    candidates = SearchWord.objects.filter(word__startswith=word[:PREFIX_KEEP]).values_list(
        "word", flat=True
    )[:PREFIX_CANDIDATES]
    lengths = [length for length in (len(word) - 1, len(word), len(word) + 1) if length > 0]
    # Many words share a beginning: each distinct one is compared once.
    distances: dict[str, int] = {}
    scored = []
    for known in candidates:
        distance = min(
            distances.get(start)
            if start in distances
            else distances.setdefault(start, _edits(word, start))
            for start in {known[:length] for length in lengths}
        )
        if distance <= allowed:
            scored.append((distance, len(known), known))
    return [known for _, _, known in sorted(scored)[:PREFIX_CORRECTIONS]]


def alternatives(words: list[str], *, last_is_prefix: bool = True) -> list[list[str]] | None:
    """For each word, the word and its corrections; None when nothing was corrected.

    Words already known (used in some title or alias) are found in one query and not
    corrected; each unknown word costs one more (a one-word query, one query in all). The
    last word, which may still be being typed, is also compared with the beginnings of known
    words when nothing whole is close (``last_is_prefix``: one more query).
    """
    words = words[:MAX_WORDS]
    # One word: its own lookup answers both questions (known? close to what?).
    known = (
        set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        if len(words) > 1
        else set()
    )
    options = []
    for position, word in enumerate(words):
        found = [word] if word in known else corrections(word)
        if not found and last_is_prefix and position == len(words) - 1:
            found = prefix_corrections(word)
        options.append([word] if found == [word] else [word, *found])
    if not options or all(len(choices) == 1 for choices in options):
        return None
    return options


def chosen(options: list[list[str]], title: str) -> dict[str, str]:
    """Which correction of each corrected word ``title`` (the best near-spelt match) holds:
    ``{typed word: correction}``, the closest correction when the title holds none."""
    in_title = set(tokens(title))
    picked = {}
    for word, *fixes in options:
        if fixes:
            picked[word] = next((fix for fix in fixes if fix in in_title), fixes[0])
    return picked

"""SQLite search: an FTS5 table (porter stemming, prefix queries) kept in step when
publications are made, plus spelling correction against the words of titles and aliases."""

from django.db import connection

from terms.models import Publication
from terms.search.snippets import START, STOP
from terms.search.words import tokens

TABLE = "terms_search_fts"
# Column weights for bm25: title, aliases, summary, sections.
WEIGHTS = "10.0, 6.0, 2.0, 1.0"


def index(publication: Publication) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, aliases, summary, body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [
                publication.pk,
                publication.title,
                " ".join(publication.alias_names),
                publication.summary,
                publication.body_text,
            ],
        )


def forget(ids: list[int]) -> None:
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", ids)  # noqa: S608


def match_expression(query: str) -> str:
    """Every word as a quoted prefix: FTS5 syntax in the input can never reach the parser."""
    return " ".join(f'"{word}"*' for word in tokens(query))


def _match(expression: str, limit: int) -> list[tuple[int, float]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE} "  # noqa: S608
            f"WHERE {TABLE} MATCH %s ORDER BY score LIMIT %s",
            [expression, limit],
        )
        return [(rowid, -score) for rowid, score in cursor.fetchall()]


def _live(rows: list[tuple[int, float]], live, limit: int) -> list[tuple[int, float, str]]:
    # The FTS table also holds publications that are not (or no longer) live.
    titles = dict(live.filter(pk__in=[pk for pk, _ in rows]).values_list("pk", "title"))
    return [(pk, score, titles[pk]) for pk, score in rows if pk in titles][:limit]


def name_word_matches(query: str, live, limit: int) -> list[tuple[int, float, str]]:
    expression = match_expression(query)
    if not expression:
        return []
    return _live(_match(f"{{title aliases}} : ({expression})", limit * 2), live, limit)


def text_matches(query: str, live, limit: int) -> list[tuple[int, float, str]]:
    expression = match_expression(query)
    if not expression:
        return []
    return _live(_match(expression, limit * 2), live, limit)


def fuzzy(options: list[list[str]], live) -> list[tuple[int, float, str]]:
    """Names containing each word or one of its corrections (``spelling.alternatives``)."""
    # FTS5 needs an explicit AND between parenthesised groups.
    expression = " AND ".join(
        "(" + " OR ".join(f'"{word}"*' for word in choices) + ")" for choices in options
    )
    return _live(_match(f"{{title aliases}} : ({expression})", 40), live, 20)


def snippets(words: list[str], ids: list[int]) -> dict[int, str]:
    if not words or not ids:
        return {}
    expression = " OR ".join(f'"{word}"*' for word in words)
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, snippet({TABLE}, 3, %s, %s, '…', 24) FROM {TABLE} "  # noqa: S608
            f"WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})",
            [START, STOP, expression, *ids],
        )
        return dict(cursor.fetchall())


def with_snippets(words: list[str], ids: list[int]) -> dict[int, Publication]:
    """The publications ``ids`` for hits, each with ``snippet``: text with any of ``words``
    between START and STOP, or ""."""
    by_id = Publication.objects.for_hits().in_bulk(ids)
    for pk, marked in snippets(words, ids).items():
        if pk in by_id:
            by_id[pk].snippet = marked
    return by_id

"""The ranking rules shared by both backends: which tier a term falls into for a query."""

import re
from difflib import SequenceMatcher

from django.db.models import CharField, Q, Value
from django.db.models.functions import Lower

from terms.models import Publication, PublicationAlias

# Tiers, best first: the whole name; a name starting with the query; every word in a name
# (stemmed: "LLMs" finds the alias "LLM"); words anywhere in the text; a near spelling.
EXACT, PREFIX, NAMES, TEXT, FUZZY = 0, 1, 2, 3, 4
MAX_CANDIDATES = 500
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKENS = 12


def tokens(text: str) -> list[str]:
    """The words of ``text``, lowercased: the only part of a query a text index ever sees."""
    return TOKEN.findall(text.lower())[:MAX_TOKENS]


def exact_keys(key: str) -> set[str]:
    """The query, and its singular when it looks like a plural ("LLMs" is the alias "LLM")."""
    keys = {key}
    if len(key) > 3 and key.endswith("es"):
        keys.add(key[:-2])
    if len(key) > 2 and key.endswith("s") and not key.endswith("ss"):
        keys.add(key[:-1])
    return keys


def name_matches(query: str, live):
    """Live publications whose title or an alias equals, or starts with, ``query``.

    Returns ``{publication id: tier}``, ``{publication id: matched alias}`` and
    ``{publication id: lowercased title}``. Names are matched first (indexed), and only the
    few rows found are checked for being live.
    """
    key = query.lower()
    exact = exact_keys(key)
    by_name = Q(key__in=exact) | Q(key__startswith=key)
    # Titles and aliases in one round trip: (publication id, lowercased name, alias or "").
    title_rows = (
        Publication.objects.annotate(key=Lower("title"), alias=Value("", CharField()))
        .filter(by_name)
        .values_list("pk", "key", "alias")
        .order_by()
    )
    alias_rows = (
        PublicationAlias.objects.annotate(key=Lower("name"))
        .filter(by_name)
        .values_list("publication_id", "key", "name")
        .order_by()
    )
    rows = list(title_rows.union(alias_rows, all=True)[: MAX_CANDIDATES * 2])
    titles = [(pk, name_key) for pk, name_key, alias in rows if not alias]
    alias_rows = [(pk, alias, name_key) for pk, name_key, alias in rows if alias]
    candidates = {pk for pk, _ in titles} | {pk for pk, _, _ in alias_rows}
    live_titles = {
        pk: title.lower() for pk, title in live.filter(pk__in=candidates).values_list("pk", "title")
    }
    live_ids = live_titles.keys()
    tiers: dict[int, int] = {}
    aliases: dict[int, str] = {}
    for pk, title_key in titles:
        if pk in live_ids:
            tiers[pk] = EXACT if title_key in exact else PREFIX
    for pk, name, alias_key in alias_rows:
        tier = EXACT if alias_key in exact else PREFIX
        if pk in live_ids and tier < tiers.get(pk, FUZZY + 1):
            tiers[pk] = tier
            aliases[pk] = name
    return tiers, aliases, live_titles


def order(
    tiers: dict[int, int], scores: dict[int, float], titles: dict[int, str], by_alias: set[int]
) -> list[int]:
    """Ids by tier, titles before aliases within a tier, then score (higher first), then
    title: for "model", "Model card" comes before "Licensing" found by its alias "Model license"."""
    return sorted(
        tiers,
        key=lambda pk: (tiers[pk], pk in by_alias, -scores.get(pk, 0.0), titles.get(pk, "")),
    )


# Near spellings are looked for when the other tiers found fewer than this (for a results
# page) or nothing at all (for type-ahead, where a short prefix is still being typed).
FUZZY_WHEN_FEWER_THAN = 8


def ranked(
    engine, query: str, limit: int = MAX_CANDIDATES, *, whole_text: bool = True
) -> tuple[list[int], dict[int, str]]:
    """Publication ids for ``query``, best first, and the alias each exact/prefix hit matched.

    ``engine`` is a backend module providing ``name_word_matches``, ``text_matches`` (both
    ``(query, live, limit)``) and ``fuzzy(query, live)``, each returning (publication id,
    score, title) for live publications; near spellings are ordered by how close the title is
    to the query, whatever score the backend gave. ``whole_text=False`` (type-ahead) looks
    at names only.
    """
    live = Publication.objects.live()
    tiers, aliases, titles = name_matches(query, live)
    scores: dict[int, float] = {}
    stages = [(NAMES, engine.name_word_matches)]
    if whole_text:
        stages.append((TEXT, engine.text_matches))
    for tier, matches in stages:
        if len(tiers) >= limit:
            break
        for pk, score, title in matches(query, live, limit):
            tiers.setdefault(pk, tier)
            scores.setdefault(pk, score)
            titles.setdefault(pk, title.lower())
    if len(tiers) < (min(limit, FUZZY_WHEN_FEWER_THAN) if whole_text else 1):
        for pk, _, title in engine.fuzzy(query, live):
            tiers.setdefault(pk, FUZZY)
            # Closest to what was typed first: "transfomer" is "Transformer" before it is
            # "Transfers and transformers", which holds two of its corrections.
            scores.setdefault(pk, SequenceMatcher(None, query.lower(), title.lower()).ratio())
            titles.setdefault(pk, title.lower())
    return order(tiers, scores, titles, set(aliases))[:limit], aliases

"""The ranking rules shared by both backends: which tier a term falls into for a query."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import CharField, Q, Value
from django.db.models.functions import Lower

from terms.models import Publication, PublicationAlias
from terms.search import spelling
from terms.search.understanding import understand
from terms.search.words import MAX_TOKENS, TOKEN, content_words, tokens

__all__ = ["MAX_TOKENS", "TOKEN", "Ranking", "ranked", "tokens"]

# Tiers, best first: the whole name; a name starting with the query; every word in a name
# (stemmed: "LLMs" finds the alias "LLM"); words anywhere in the text; a near spelling.
EXACT, PREFIX, NAMES, TEXT, FUZZY = 0, 1, 2, 3, 4
MAX_CANDIDATES = 500
# A comparison ("X vs Y") is about two terms: each side lists at most this many matches, its
# best (the named term comes first by a long way), and the list says more matched. Ranking
# every full-text match of both sides' words would cost two whole searches.
COMPARISON_SIDE_LIMIT = 50


def singulars(key: str) -> set[str]:
    """``key``, and its singular when it looks like a plural ("LLMs" is the alias "LLM",
    "transformers" the title "Transformer")."""
    keys = {key}
    if len(key) > 4 and key.endswith("ies"):
        keys.add(key[:-3] + "y")
    if len(key) > 3 and key.endswith("es"):
        keys.add(key[:-2])
    if len(key) > 2 and key.endswith("s") and not key.endswith("ss"):
        keys.add(key[:-1])
    return keys


def name_keys(subject: str) -> set[str]:
    """The lowercased names ``subject`` may be written as: as typed, and its words joined by
    spaces, by hyphens and by nothing ("fine tuning", "fine-tuning", "finetuning")."""
    key = " ".join(subject.lower().split())
    words = tokens(subject)
    keys = {key}
    if words:
        keys |= {" ".join(words), "-".join(words), "".join(words)}
    return {variant for variant in keys if variant}


def exact_keys(key: str) -> set[str]:
    """The names that count as an exact match for ``key``: its spellings and singulars."""
    return {singular for variant in name_keys(key) for singular in singulars(variant)}


def name_matches(subject: str, live, *, prefixes: bool = True, also_exact: str = ""):
    """Live publications whose title or an alias is ``subject`` (however spaced, hyphenated
    or pluralised), or starts with it.

    Returns ``{publication id: tier}``, ``{publication id: matched alias}`` and
    ``{publication id: lowercased title}``. Names are matched first (indexed), and only the
    few rows found are checked for being live. ``also_exact``: one more name counted as exact
    (the query as typed, for a term whose title is itself a question).
    """
    exact = exact_keys(subject) | ({also_exact.lower()} if also_exact else set())
    by_name = Q(key__in=exact)
    if prefixes:
        for prefix in name_keys(subject):
            by_name |= Q(key__startswith=prefix)
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
    if not candidates:
        return {}, {}, {}
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


@dataclass
class Ranking:
    """Publication ids, best first; the alias each name match matched; the words results
    highlight; when a spelling correction found the first result, the query as corrected
    ("" otherwise); and whether more terms matched than ``ids`` holds although it is shorter
    than the limit asked for (a comparison's sides are cut at COMPARISON_SIDE_LIMIT)."""

    ids: list[int] = field(default_factory=list)
    aliases: dict[int, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    corrected: str = ""
    more: bool = False


@dataclass
class _SubjectRanking:
    ids: list[int]
    aliases: dict[int, str]
    corrections: dict[str, str]  # typed word → the word it was read as


def _rank_subject(
    engine, subject: str, limit: int, *, whole_text: bool, correct: bool, also_exact: str
) -> _SubjectRanking:
    live = Publication.objects.live()
    words = content_words(subject)
    # A subject of stop words only ("the", "what is") is matched as a whole name, never by
    # its words: they would match nearly everything, in an order nothing decides.
    tiers, aliases, titles = name_matches(
        subject, live, prefixes=bool(words) or not whole_text, also_exact=also_exact
    )
    if not words:
        return _SubjectRanking(order(tiers, {}, titles, set(aliases))[:limit], aliases, {})
    text = " ".join(words)
    scores: dict[int, float] = {}
    stages = [(NAMES, engine.name_word_matches)]
    if whole_text:
        stages.append((TEXT, engine.text_matches))
    for tier, matches in stages:
        if len(tiers) >= limit:
            break
        for pk, score, title in matches(text, live, limit):
            tiers.setdefault(pk, tier)
            scores.setdefault(pk, score)
            titles.setdefault(pk, title.lower())
    corrections: dict[str, str] = {}
    wanted = min(limit, FUZZY_WHEN_FEWER_THAN) if whole_text else 1
    if correct and len(tiers) < wanted:
        options = spelling.alternatives(words)
        fuzzy_rows = engine.fuzzy(options, live) if options else []
        closest = None
        for pk, _, title in fuzzy_rows:
            if pk in tiers:
                continue
            tiers[pk] = FUZZY
            # Closest to what was typed first: "transfomer" is "Transformer" before it is
            # "Transfers and transformers", which holds two of its corrections.
            scores[pk] = SequenceMatcher(None, text, title.lower()).ratio()
            titles[pk] = title.lower()
            if closest is None or scores[pk] > scores[closest]:
                closest = pk
        if closest is not None:
            corrections = spelling.chosen(options, titles[closest])
    ids = order(tiers, scores, titles, set(aliases))[:limit]
    if not ids or tiers[ids[0]] != FUZZY:
        corrections = {}
    return _SubjectRanking(ids, aliases, corrections)


def _corrected(query: str, corrections: dict[str, str]) -> str:
    """``query`` with each corrected word replaced, as it was typed otherwise."""
    if not corrections:
        return ""
    return TOKEN.sub(lambda match: corrections.get(match.group(0).lower(), match.group(0)), query)


def ranked(
    engine, query: str, limit: int = MAX_CANDIDATES, *, whole_text: bool = True, correct=True
) -> Ranking:
    """Live publications for ``query``, best first (see ``Ranking``).

    The query is first understood (``understanding.understand``): a question is ranked by
    its subject, a comparison by both subjects, the best match of each first (at most
    COMPARISON_SIDE_LIMIT of each, ``more`` telling when a side had more). ``engine`` is
    a backend module providing ``name_word_matches`` and ``text_matches`` (both ``(words,
    live, limit)``) and ``fuzzy(options, live)``, each returning (publication id, score,
    title) for live publications. ``whole_text=False`` (type-ahead) looks at names only;
    ``correct=False`` searches the words as typed, without spelling correction.
    """
    understood = understand(query)
    subjects = understood.subjects
    # One more than a side lists, to learn whether it had more.
    per_subject = limit if len(subjects) == 1 else min(limit, COMPARISON_SIDE_LIMIT + 1)
    found = [
        _rank_subject(
            engine,
            subject,
            per_subject,
            whole_text=whole_text,
            correct=correct,
            also_exact=query if len(subjects) == 1 else "",
        )
        for subject in subjects
    ]
    more = False
    if len(found) > 1:
        for part in found:
            more |= len(part.ids) > COMPARISON_SIDE_LIMIT
            part.ids = part.ids[:COMPARISON_SIDE_LIMIT]
    aliases: dict[int, str] = {}
    corrections: dict[str, str] = {}
    for part in found:
        aliases.update({pk: name for pk, name in part.aliases.items() if pk not in aliases})
        corrections.update(part.corrections)
    # A comparison shows each side's best match first, then the rest in turns.
    ids: list[int] = []
    seen: set[int] = set()
    for position in range(max((len(part.ids) for part in found), default=0)):
        for part in found:
            if position < len(part.ids) and part.ids[position] not in seen:
                seen.add(part.ids[position])
                ids.append(part.ids[position])
    return Ranking(
        ids=ids[:limit],
        aliases=aliases,
        words=understood.words,
        corrected=_corrected(query, corrections),
        more=more,
    )

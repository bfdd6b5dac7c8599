"""Search and type-ahead latency at scale: generate live terms, time fixed queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glossary_bench \\
        .venv/bin/python benchmarks/search.py --terms 100000

Runs with DEBUG off (production-like). Uses the database in DATABASE_URL (SQLite file by
default: benchmarks/bench.sqlite3). The first run migrates and generates the terms (in bulk,
then indexes them the way the app does); later runs reuse them. Prints server-side p50 and
p95 of ``terms.search.search`` (the first page of results, with snippets) and
``terms.search.suggest`` per query, then p50/p95/p99 overall and the slowest single runs.
Use a scratch database: the generated terms are real rows.
"""

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import in_process  # noqa: F401 (sets Django up, production-like, before any Django import)

# isort: split

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from terms import demo_data, search
from terms.models import Category, Publication, PublicationAlias, SearchWord, Term
from terms.search.ranking import tokens

# The app's full-text and spelling indexes (migration 0012 takes their pending lists away).
GIN_INDEXES = ["terms_pub_name_vector", "terms_pub_search_vector", "terms_searchword_trgm"]

QUERIES = [
    "transformer",
    "transfomer",
    "embed",
    "embd",
    "LLMs",
    "attention mechanism",
    "open weight",
    "open wieght",
    "langauge modle",
    "gradient descent",
    "quantized model inference",
    "retrieval augmented",
    # Questions and comparisons, as readers type them.
    "what is rlhf",
    "what is an llm",
    "how does attention work",
    "define hallucination",
    "open weights vs open source",
    "difference between rag and fine tuning",
    "zzqxj",
]
BATCH = 2000


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "ta",
    "vi",
    "so",
    "pe",
    "da",
    "gu",
    "ri",
    "fo",
    "ze",
    "ba",
    "ti",
    "mo",
    "na",
    "le",
    "xu",
]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words and Zipf cumulative weights: the demo texts' words by frequency first, then a
    long tail of made-up words, as real prose has."""
    text = " ".join(
        term[field]
        for term in demo_data.TERMS
        for field in ("title", "summary", "definition", "why_it_matters", "in_practice")
    )
    counts: dict[str, int] = {}
    for word in re.findall(r"[A-Za-z][A-Za-z-]{2,}", text):
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    words = sorted(counts, key=counts.get, reverse=True)
    seen = set(words)
    while len(words) < 40_000:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights, total = [], 0.0
    for rank in range(len(words)):
        total += 1 / (rank + 2) ** 1.05
        weights.append(total)
    return words, weights


def generate(count: int, rng: random.Random) -> None:
    words, cumulative = vocabulary(rng)
    title_words = [w for w in words[:8000] if len(w) > 4]

    def sample(k: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=k))

    category, _ = Category.objects.get_or_create(
        slug="benchmark", defaults={"name": "Benchmark", "position": 99}
    )
    now = timezone.now()
    seen = set(Term.objects.values_list("slug", flat=True))
    made = 0
    # The demo glossary's real terms are in the corpus too, so the queries have true answers.
    seeds = [(t["title"], t["summary"], t["aliases"]) for t in demo_data.TERMS]
    while made < count:
        terms, details = [], []
        while len(terms) < BATCH and made + len(terms) < count:
            if seeds:
                title, summary, aliases = seeds.pop()
            else:
                title = " ".join(rng.sample(title_words, rng.choice((1, 2, 2, 3)))).capitalize()
                summary = sample(rng.randint(12, 30)).capitalize() + "."
                acronym = title.split()[0].upper()[:4] + str(rng.randint(1, 999))
                aliases = [acronym] if rng.random() < 0.2 else []
            slug = slugify(title)[:190]
            if not slug or slug in seen:
                continue
            seen.add(slug)
            sections = [sample(rng.randint(60, 180)).capitalize() + "." for _ in range(3)]
            terms.append(
                Term(
                    title=title,
                    slug=slug,
                    summary=summary[:240],
                    category=category,
                    definition=sections[0],
                    why_it_matters=sections[1],
                    in_practice=sections[2],
                    definition_html=f"<p>{sections[0]}</p>",
                    why_it_matters_html=f"<p>{sections[1]}</p>",
                    in_practice_html=f"<p>{sections[2]}</p>",
                    status=Term.Status.PUBLISHED,
                    published_at=now,
                )
            )
            details.append((aliases, " ".join(sections)))
        with transaction.atomic():
            Term.objects.bulk_create(terms)
            publications = Publication.objects.bulk_create(
                Publication(
                    term=term,
                    title=term.title,
                    slug=term.slug,
                    summary=term.summary,
                    category=category,
                    definition=term.definition,
                    why_it_matters=term.why_it_matters,
                    in_practice=term.in_practice,
                    definition_html=term.definition_html,
                    why_it_matters_html=term.why_it_matters_html,
                    in_practice_html=term.in_practice_html,
                    alias_names=aliases,
                    body_text=body,
                    go_live_at=now,
                )
                for term, (aliases, body) in zip(terms, details, strict=True)
            )
            PublicationAlias.objects.bulk_create(
                PublicationAlias(publication=publication, name=name, slug=slugify(name))
                for publication, (aliases, _) in zip(publications, details, strict=True)
                for name in aliases
            )
        made += len(terms)
        print(f"  generated {made:,} / {count:,}", end="\r", flush=True)
    print()
    index_all()


def index_all() -> None:
    """Index every publication the way ``terms.search.index_publication`` does, in bulk."""
    words = set()
    for title, aliases in Publication.objects.values_list("title", "alias_names").iterator():
        for text in (title, *aliases):
            words.update(w for w in tokens(text) if len(w) >= 3)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w[:100]) for w in words], ignore_conflicts=True, batch_size=5000
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # In bulk, entries go faster through a pending list merged once at the end; the
            # app's indexes take them directly (migration 0012), and do again afterwards.
            for index in GIN_INDEXES:
                cursor.execute(f"ALTER INDEX {index} SET (fastupdate = on)")
            try:
                cursor.execute(
                    "UPDATE terms_publication SET search_vector = "
                    "setweight(to_tsvector('english', title), 'A') || "
                    "setweight(to_tsvector('english', coalesce((SELECT string_agg(value, ' ') "
                    "FROM jsonb_array_elements_text(alias_names::jsonb) AS value), '')), 'B') || "
                    "setweight(to_tsvector('english', summary), 'C') || "
                    "setweight(to_tsvector('english', body_text), 'D') "
                    "WHERE search_vector IS NULL"
                )
                cursor.execute(
                    "UPDATE terms_publication SET name_vector = "
                    "setweight(to_tsvector('english', title), 'A') || "
                    "setweight(to_tsvector('english', coalesce((SELECT string_agg(value, ' ') "
                    "FROM jsonb_array_elements_text(alias_names::jsonb) AS value), '')), 'B') "
                    "WHERE name_vector IS NULL"
                )
            finally:
                for index in GIN_INDEXES:
                    cursor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE")
        else:
            cursor.execute("DELETE FROM terms_search_fts")
            cursor.execute(
                "INSERT INTO terms_search_fts (rowid, title, aliases, summary, body) "
                "SELECT id, title, (SELECT group_concat(value, ' ') FROM json_each(alias_names)),"
                " summary, body_text FROM terms_publication"
            )
            cursor.execute("ANALYZE")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(runs: int) -> None:
    totals = {"search": [], "suggest": []}
    slowest = []  # (ms, kind, query)
    print(f"{'query':40} {'search p50':>11} {'p95':>8} {'suggest p50':>12} {'p95':>8}  hits")
    for query in QUERIES:
        timings = {"search": [], "suggest": []}
        for _ in range(runs):
            started = time.perf_counter()
            results = search.search(query)
            page = list(results[:20])
            count = f"{results.count()}{'+' if results.has_more else ''}"
            timings["search"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            search.suggest(query)
            timings["suggest"].append((time.perf_counter() - started) * 1000)
        for kind in totals:
            totals[kind].extend(timings[kind])
            slowest.extend((ms, kind, query) for ms in timings[kind])
        first = page[0].publication.title if page else "—"
        print(
            f"{query:40} {statistics.median(timings['search']):9.1f}ms "
            f"{percentile(timings['search'], 95):6.1f}ms "
            f"{statistics.median(timings['suggest']):10.1f}ms "
            f"{percentile(timings['suggest'], 95):6.1f}ms  {count} (top: {first})"
        )
    print()
    for kind in totals:
        values = totals[kind]
        print(
            f"{kind:8} p50 {statistics.median(values):6.1f}ms  p95 {percentile(values, 95):6.1f}ms"
            f"  p99 {percentile(values, 99):6.1f}ms  max {max(values):6.1f}ms"
        )
    print("slowest runs:")
    for ms, kind, query in sorted(slowest, reverse=True)[:5]:
        print(f"  {ms:6.1f}ms  {kind:8} {query}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000, help="live terms to have")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    have = Publication.objects.live().count()
    print(f"database: {connection.vendor}; live terms: {have:,}")
    if have < args.terms:
        generate(args.terms - have, random.Random(args.seed))
        print(f"live terms now: {Publication.objects.live().count():,}")
    with connection.cursor() as cursor:
        # The steady state autovacuum keeps: dead row versions (generating and indexing
        # rewrite every row) cleared away, and fresh planner statistics.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    # Time on a fresh connection, as a web process has: a VACUUM in the same session leaves
    # pg_trgm's similarity threshold at its default (0.3) instead of the connection's 0.2.
    connection.close()
    # One warm-up pass, then the timed runs.
    for query in QUERIES:
        list(search.search(query)[:20])
        search.suggest(query)
    measure(args.runs)


if __name__ == "__main__":
    main()

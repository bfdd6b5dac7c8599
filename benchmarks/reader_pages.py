"""Reader pages at scale: what a term page, an A–Z letter page, home, a category and a tag
page cost to make, in process, at the glossary size in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glossary_bench100k \\
        .venv/bin/python benchmarks/reader_pages.py --terms 100000

Uses the database in DATABASE_URL (SQLite file by default: benchmarks/bench.sqlite3), like
benchmarks/search.py: the first run migrates and generates the terms with that script's
generator (reused afterwards), then spreads them over twelve categories and sixty tags (a few
tags on every term, popular ones on many) and gives one term, "Open weight", curated related
terms, wiki links, tags and terms linking to it. All of that is proportional to the glossary
size, so 1,000 and 100,000 terms are the same glossary at two scales.
Use a scratch database: the generated terms are real rows.

Each page is requested through Django's test client with DEBUG off, warmed up, then timed
``--runs`` times; the script prints the least, median and p95 time (the least is the figure
to compare on a busy machine), the queries and the HTML size.
Two ways of making pages, each printed:

- ``computed``: PAGE_CACHE_SECONDS=0 and PAGE_CACHE_DATA off. No page is served from the page
  cache, and everything a page shows is worked out on every request, letter strip and counts
  included.
- ``kept``: the page-cache middleware is left out, so every request still makes its page, but
  data kept until content changes (``page_cache.until_content_changes``: the letter strip,
  category counts, listing counts) is read from the cache as in production.
"""

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import in_process  # Sets Django up, production-like, before any Django import.

# isort: split
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.functions import Mod
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from terms.models import (
    Category,
    Publication,
    PublicationLink,
    TaggedPublication,
    Term,
)

CATEGORIES = 12
TAGS = 60
SAMPLE_SLUG = "open-weight"
BATCH = 5000


def load_search_benchmark():
    """benchmarks/search.py, whose generator makes the terms (the same corpus it searches)."""
    path = in_process.ROOT / "benchmarks" / "search.py"
    spec = importlib.util.spec_from_file_location("search_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(terms: int, seed: int) -> None:
    """Enough live terms, spread over categories and tags, and one well-linked term."""
    call_command("migrate", verbosity=0)
    have = Publication.objects.live().count()
    if have < terms:
        load_search_benchmark().generate(terms - have, random.Random(seed))
    if not Category.objects.filter(slug="bench-topic-0").exists():
        print("spreading terms over categories and tags …")
        with transaction.atomic():
            spread(random.Random(seed))
    link_sample_term()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def spread(rng: random.Random) -> None:
    """Twelve categories by turns; one to four of sixty tags per term, the first tags far more
    often than the last (as "llm" is on more terms than "speculative decoding")."""
    categories = Category.objects.bulk_create(
        Category(name=f"Topic {n}", slug=f"bench-topic-{n}", position=n) for n in range(CATEGORIES)
    )
    for n, category in enumerate(categories):
        turn = Publication.objects.annotate(turn=Mod("pk", CATEGORIES)).filter(turn=n)
        Term.objects.filter(pk__in=turn.values("term_id")).update(category=category)
        Publication.objects.filter(pk__in=turn.values("pk")).update(category=category)
    tags = Tag.objects.bulk_create(Tag(name=f"topic {n}", slug=f"topic-{n}") for n in range(TAGS))
    weights = [1 / (rank + 1) for rank in range(TAGS)]
    rows = []
    for pk in Publication.objects.order_by("pk").values_list("pk", flat=True).iterator():
        chosen = {tag.pk for tag in rng.choices(tags, weights=weights, k=rng.randint(1, 4))}
        rows.extend(TaggedPublication(content_object_id=pk, tag_id=tag) for tag in chosen)
        if len(rows) >= BATCH:
            TaggedPublication.objects.bulk_create(rows)
            rows = []
    TaggedPublication.objects.bulk_create(rows)


@transaction.atomic
def link_sample_term() -> None:
    """The measured term: two curated related terms (two more cards are suggested by shared
    tags), six wiki links, three tags (a popular, a middling and a rare one) and twelve live
    terms linking to it."""
    sample = Publication.objects.live().get(slug=SAMPLE_SLUG)
    others = list(
        Publication.objects.live()
        .exclude(pk=sample.pk)
        .order_by("pk")
        .values_list("pk", "term_id", "title")[:22]
    )
    related = [term_id for _, term_id, _ in others[:2]]
    linked = others[4:10]
    linking = [pk for pk, _, _ in others[10:22]]
    tags = list(Tag.objects.filter(slug__in=["topic-0", "topic-8", "topic-40"]).order_by("name"))
    links = " ".join(
        f'<a class="wiki-link" data-term="{term_id}">{title}</a>' for _, term_id, title in linked
    )
    sample.related_term_ids = related
    sample.linked_term_ids = sorted(term_id for _, term_id, _ in linked)
    sample.tag_list = [{"name": tag.name, "slug": tag.slug} for tag in tags]
    sample.definition_html = f"<p>Weights anyone can download.</p><p>See also {links}.</p>"
    sample.save()
    PublicationLink.objects.filter(target_id=sample.term_id).delete()
    TaggedPublication.objects.filter(content_object=sample).delete()
    TaggedPublication.objects.bulk_create(
        TaggedPublication(content_object=sample, tag=tag) for tag in tags
    )
    PublicationLink.objects.bulk_create(
        PublicationLink(publication_id=pk, target_id=sample.term_id) for pk in linking
    )


def pages() -> dict[str, str]:
    """The measured addresses: a term, the first page of a middling letter, home, a category,
    a tag (the second most used)."""
    return {
        "term page": f"/terms/{SAMPLE_SLUG}/",
        "A–Z letter page": "/terms/?letter=M",
        "A–Z letter, page 2": "/terms/?letter=M&page=2",
        "A–Z (/terms/)": "/terms/",
        "home": "/",
        "category": "/categories/bench-topic-1/",
        "category, page 2": "/categories/bench-topic-1/?page=2",
        "tag": "/tags/topic-1/",
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure(mode: str, runs: int, warmup: int) -> None:
    if mode == "computed":
        overrides = {"PAGE_CACHE_SECONDS": 0, "PAGE_CACHE_DATA": False}
    else:
        middleware = [m for m in settings.MIDDLEWARE if not m.endswith("PageCacheMiddleware")]
        overrides = {"PAGE_CACHE_SECONDS": 86400, "PAGE_CACHE_DATA": True, "MIDDLEWARE": middleware}
    # Static addresses without a collectstatic manifest (as the tests do).
    overrides["STORAGES"] = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    print(f"\n{mode}: PAGE_CACHE_SECONDS={overrides['PAGE_CACHE_SECONDS']}")
    print(f"{'page':22} {'min':>8} {'p50':>8} {'p95':>8} {'queries':>8} {'HTML':>9}  status")
    with override_settings(**overrides):
        cache.clear()
        client = Client()
        for name, url in pages().items():
            for _ in range(warmup):
                response = client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            # Read now: the log it reads is emptied when the next request starts.
            queries = len(captured)
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            print(
                f"{name:22} {min(timings):6.1f}ms {statistics.median(timings):6.1f}ms "
                f"{percentile(timings, 95):6.1f}ms "
                f"{queries:8} {len(response.content) / 1024:7.1f}KB  {response.status_code}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000, help="live terms to have")
    parser.add_argument("--runs", type=int, default=100, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument("--mode", choices=["computed", "kept", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    prepare(args.terms, args.seed)
    live = Publication.objects.live()
    print(
        f"database: {connection.vendor}; live terms: {live.count():,}; "
        f"newest go-live: {live.aggregate(at=Max('go_live_at'))['at']:%Y-%m-%d}"
    )
    for mode in ("computed", "kept") if args.mode == "both" else (args.mode,):
        measure(mode, args.runs, args.warmup)


if __name__ == "__main__":
    main()

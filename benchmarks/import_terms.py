"""Import 10,000 generated terms the way the admin does, through the task worker; print the time
and peak memory of each step.

    .venv/bin/python benchmarks/import_terms.py                 # SQLite scratch file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/import_bench \\
        .venv/bin/python benchmarks/import_terms.py --terms 10000 --publish

The database is emptied first (``flush``): use a scratch database. Each generated term has a
summary, three sections (one with a wiki link to a term later in the file), two tags, an alias
and two related terms, one of them later in the file. Steps: the dry run of the upload (what the
admin does on upload), the worker applying it (``db_worker --batch``, as `manage.py db_worker`
runs it), a second dry run of the same file (all unchanged), and exporting it again as JSON.
Peak memory is the process's peak resident set size after each step (ru_maxrss).
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'benchmarks' / 'import_bench.sqlite3'}")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import in_process  # noqa: F401, E402 (sets Django up, production-like, before any Django import)

# isort: split

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from terms.models import Category, Term, TermImport  # noqa: E402
from terms.transfer import exporting, jobs  # noqa: E402


def generate(count: int) -> bytes:
    categories = [
        {"name": f"Category {n}", "slug": f"category-{n}", "description": "", "position": n}
        for n in range(10)
    ]
    terms = []
    for n in range(count):
        later, earlier = (n + 7) % count, (n - 3) % count
        terms.append(
            {
                "title": f"Generated term {n}",
                "slug": f"generated-term-{n}",
                "summary": f"A generated term, number {n}, for the import benchmark.",
                "category": f"category-{n % 10}",
                "tags": [f"tag-{n % 50}", f"group-{n % 7}"],
                "aliases": [f"GT {n}"],
                "related": [f"generated-term-{later}", f"Generated term {earlier}"],
                "definition": f"Term {n} is defined here, next to [[Generated term {later}]]. " * 4,
                "why_it_matters": "It matters because benchmarks need realistic text. " * 3,
                "in_practice": "- one point\n- another point\n\n**Bold** and `code`.",
            }
        )
    return json.dumps({"categories": categories, "terms": terms}, indent=2).encode()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(name: str, started: tuple[float, float]) -> tuple[float, float]:
    """Print the wall time and this process's CPU time since ``started``, and peak memory.
    On a busy machine the CPU time is the steadier figure (the worker runs in this process)."""
    now = (time.perf_counter(), time.process_time())
    wall, cpu = now[0] - started[0], now[1] - started[1]
    print(
        f"{name:<36} {wall:8.1f} s wall {cpu:8.1f} s CPU   peak RSS {peak_mb():5.0f} MB",
        flush=True,
    )
    return now


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--publish", action="store_true", help="Publish mode (with the checks).")
    args = parser.parse_args()
    database = os.environ["DATABASE_URL"]
    print(f"Database: {database.split('@')[-1]}  terms: {args.terms:,}  publish: {args.publish}")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    editor = get_user_model().objects.create_superuser("bench", "bench@example.com", "x")
    mode = TermImport.Mode.PUBLISH if args.publish else TermImport.Mode.DRAFTS

    data = generate(args.terms)
    print(f"File: {len(data) / 1024**2:.1f} MB of JSON")
    started = (time.perf_counter(), time.process_time())
    job = jobs.plan_upload(data, filename="bench.json", format_name="json", mode=mode, user=editor)
    counts = job.counts
    assert counts["new"] == args.terms, counts
    started = step("dry run (upload)", started)
    jobs.confirm(job, editor)
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )
    job.refresh_from_db()
    assert job.status == TermImport.Status.DONE, job.error
    started = step("applied by the worker", started)
    print(
        f"  created {len(job.result['created']):,}, published {len(job.result['published']):,}, "
        f"held back {len(job.result['held_back']):,}; "
        f"terms {Term.objects.count():,}, categories {Category.objects.count()}"
    )
    again = jobs.dry_run(data, format_name="json", mode=mode, user=editor)
    assert again.counts["unchanged"] == args.terms, again.counts
    started = step("second dry run (all unchanged)", started)
    exported = exporting.export_bytes(exporting.Source.WORKING, "json")
    step(f"export working copies ({len(exported) / 1024**2:.1f} MB)", started)


if __name__ == "__main__":
    main()

"""Time the Markdown pipeline on ordinary and hostile input and print the figures.

The absolute times live here; tests/terms/test_rendering.py only checks that the same hostile
inputs cost time in proportion to their length.

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/rendering.py

Wiki links are resolved against an empty map (no database), so this measures parsing,
rendering and sanitizing only.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from terms import demo_data  # noqa: E402
from terms.rendering import render  # noqa: E402


def no_links(targets):
    return {}


def timed(text: str, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        render(text, resolve=no_links)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    demo = "\n\n".join(
        term[name] for term in demo_data.TERMS for name in ("definition", "why_it_matters")
    )
    cases = {
        f"demo glossary text ({len(demo):,} chars)": demo,
        "20,000 x '['": "[" * 20_000,
        "10,000 x '[['": "[[" * 10_000,
        "10,000 x '!['": "![" * 10_000,
        "6,666 x '[]('": "[](" * 6_666,
        "5,000 x '[[a|'": "[[a|" * 5_000,
        "50,000 chars of '*a_'": "*a_" * 16_666,
        "50,000 chars of nested '> '": "> " * 25_000,
    }
    for label, text in cases.items():
        print(f"{label:40} {timed(text) * 1000:8.1f} ms (median of 5)")


if __name__ == "__main__":
    main()

"""The editors' desk at scale: what the admin dashboard (for an editor and for a writer) and
each editorial health report cost, in process, at the glossary size in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_desk_bench \\
        .venv/bin/python benchmarks/dashboard.py

Use a scratch database that already holds a generated glossary (benchmarks/reader_pages.py or
benchmarks/search.py make one; a copy made with ``CREATE DATABASE … TEMPLATE …`` will do):
the script migrates it, then adds a day's editorial work in proportion to its size (drafts,
submissions, change requests, scheduled approvals, terms past their review date with five
owners, newsletter signups) once, and times each page through Django's test client with DEBUG
off: warm-up requests, then ``--runs`` timed ones; it prints the least, median and p95 time
(the least is the figure to compare on a busy machine) and the queries.
"""

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import in_process  # noqa: F401 (sets Django up, production-like, before any Django import)

# isort: split
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subscriptions.models import Subscriber
from terms.models import Category, EditorNotification, Publication, Term, Transition
from tests.factories import UserFactory

PAGES = {
    "dashboard (editor)": ("editor", "/admin/"),
    "dashboard (writer)": ("writer", "/admin/"),
    "due for review": ("editor", "/admin/terms/staleterm/"),
    "orphan terms": ("editor", "/admin/terms/orphanterm/"),
    "no related/tags": ("editor", "/admin/terms/incompleteterm/"),
    "broken links": ("editor", "/admin/terms/brokenlinkterm/"),
}


def user(username: str, group: str):
    person = UserFactory(username=username, is_staff=True)
    person.groups.add(Group.objects.get(name=group))
    return person


@transaction.atomic
def add_editorial_work(live: int) -> None:
    """A day's work in proportion to ``live`` terms (at least a few of each kind)."""
    if Term.objects.filter(title__startswith="Desk bench").exists():
        return
    print("adding a day's editorial work …")
    writer, editor = user("bench-writer", "Writer"), user("bench-editor", "Editor")
    owners = [user(f"bench-owner-{n}", "Writer") for n in range(5)]
    category = Category.objects.order_by("pk").first()
    now = timezone.now()
    per_kind = max(5, live // 1000)
    made = []
    for n in range(per_kind * 4):
        made.append(
            Term(
                title=f"Desk bench {n}",
                slug=f"desk-bench-{n}",
                summary="A term in the day's work.",
                definition="Text.",
                why_it_matters="Text.",
                in_practice="Text.",
                category=category,
                author=writer,
                last_editor=writer,
                status=Term.Status.IN_REVIEW if n % 2 else Term.Status.DRAFT,
            )
        )
    made = Term.objects.bulk_create(made)
    transitions = []
    for n, term in enumerate(made):
        if term.status == Term.Status.IN_REVIEW:
            transitions.append(
                Transition(
                    term=term,
                    user=writer,
                    action="submit",
                    from_status="draft",
                    to_status="in_review",
                )
            )
        elif n % 4 == 0:
            transitions.append(
                Transition(
                    term=term,
                    user=editor,
                    action="request_changes",
                    from_status="in_review",
                    to_status="draft",
                    comment="Please add an example.",
                )
            )
    Transition.objects.bulk_create(transitions)
    for n, term in enumerate(made[:per_kind]):
        Publication.objects.create(
            term=term,
            title=term.title,
            slug=term.slug,
            summary=term.summary,
            category=category,
            go_live_at=now + dt.timedelta(hours=n + 1),
            published_by=editor,
        )
    stale = list(Term.objects.live().order_by("pk").values_list("pk", flat=True)[: live // 50])
    for n, owner in enumerate(owners):
        Term.objects.filter(pk__in=stale[n::5]).update(
            owner=owner, review_by=now.date() - dt.timedelta(days=30)
        )
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"bench{n}@example.com",
            status="pending",
            signed_up_at=now - dt.timedelta(hours=n % 200),
            source=f"/terms/page-{n % 40}/",
            consent_text="Yes",
        )
        for n in range(max(50, live // 20))
    )


def measure(runs: int, warmup: int) -> None:
    clients = {}
    for role in ("editor", "writer"):
        clients[role] = Client()
        clients[role].force_login(
            type(Group.objects.first().user_set.first()).objects.get(username=f"bench-{role}")
        )
    print(f"{'page':<22}{'least':>9}{'median':>9}{'p95':>9}{'queries':>9}")
    for name, (role, url) in PAGES.items():
        client = clients[role]
        for _ in range(warmup):
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"{name:<22}{times[0]:>7.1f}ms{statistics.median(times):>7.1f}ms{p95:>7.1f}ms"
            f"{len(queries):>9}"
        )


# The admin's pages name static files; without collectstatic the manifest has no entries.
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@override_settings(STORAGES=PLAIN_STATIC)
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    live = Publication.objects.live().count()
    add_editorial_work(live)
    EditorNotification.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}, {live:,} live terms, "
        f"{Term.objects.count():,} terms in all, {Subscriber.objects.count():,} subscribers"
    )
    measure(args.runs, args.warmup)


if __name__ == "__main__":
    main()

"""Send one newsletter issue to 10,000 confirmed subscribers through the real task worker and a
local SMTP sink, and print the throughput and the worker's peak memory.

    .venv/bin/python benchmarks/newsletter_send.py                       # SQLite scratch file
    .venv/bin/python benchmarks/newsletter_send.py --postgres bench_send # scratch PostgreSQL db
    .venv/bin/python benchmarks/newsletter_send.py --subscribers 2000 --batch-size 500

What runs is what production runs: the issue is scheduled with ``tasks.schedule_issue`` (the
admin's "Send now"), and ``manage.py db_worker --batch`` (a separate process, DEBUG off) starts
it and sends every batch over SMTP to an aiosmtpd server in this process. NEWSLETTER_SEND_RATE
is 0 (no pacing), so the figure is what the code and the mail connection allow. The sink checks
that every address got exactly one message.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "benchmarks" / "newsletter_bench.sqlite3"
POSTGRES = "postgres://postgres@127.0.0.1:5432"


class Counter:
    def __init__(self):
        self.recipients = []
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
            self.bytes += len(envelope.content)
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--postgres", metavar="NAME", help="a scratch PostgreSQL database")
    args = parser.parse_args()

    if args.postgres:
        sys.path.insert(0, str(ROOT))
        from benchmarks.production_like import create_database

        create_database(args.postgres)
        database_url = f"{POSTGRES}/{args.postgres}"
    else:
        SQLITE_FILE.unlink(missing_ok=True)
        database_url = f"sqlite:///{SQLITE_FILE}"
    os.environ["DATABASE_URL"] = database_url

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "glossary_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-never-used-elsewhere",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_SINGLE_PROCESS": "1",
        "DATABASE_URL": database_url,
        "DATABASE_STATEMENT_TIMEOUT": "0",
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "NEWSLETTER_SEND_RATE": "0",
        "NEWSLETTER_SEND_BATCH_SIZE": str(args.batch_size),
        "DJANGO_LOG_LEVEL": "WARNING",
        "ALLOW_HTTP_SITE_URL": "1",  # SITE_URL stays the local default.
    }
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from subscriptions import tasks
    from subscriptions.issue_models import Delivery, Issue
    from subscriptions.models import Subscriber
    from tests.subscriptions.issues import confirmed_subscribers

    Delivery.objects.all().delete()
    Issue.objects.all().delete()
    Subscriber.objects.all().delete()
    DBTaskResult.objects.all().delete()
    confirmed_subscribers(args.subscribers, prefix="bench")
    issue = Issue.objects.create(
        subject="Benchmark issue: five AI stories that matter",
        slug="benchmark-issue",
        preheader="What changed this week, in plain English.",
        body="\n\n".join(
            f"## Story {n}\n\nA paragraph of **news** with a [link](https://example.com/{n}) "
            "and enough words to look like a real issue of a weekly newsletter." * 3
            for n in range(1, 6)
        ),
    )
    tasks.schedule_issue(issue)  # Outside a transaction: queued at once.
    connection.close()

    counter = Counter()
    sink = Controller(counter, hostname="127.0.0.1", port=port)
    sink.start()
    try:
        started = time.perf_counter()
        worker = subprocess.Popen(
            [*manage, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval",
             "0"],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        _, status, usage = os.wait4(worker.pid, 0)  # This child's own resource use.
        worker.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
    finally:
        sink.stop()

    if worker.returncode:
        sys.exit(f"FAILED: the worker exited with {worker.returncode}")
    peak_kib = usage.ru_maxrss
    sent = len(counter.recipients)
    unique = len(set(counter.recipients))
    issue.refresh_from_db()
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"database:            {database}")
    print(f"subscribers:         {args.subscribers:,}")
    print(f"batch size:          {args.batch_size}")
    print(f"messages received:   {sent:,} ({unique:,} distinct recipients)")
    print(f"issue status:        {issue.status}")
    print(f"worker wall time:    {elapsed:.1f} s (start task, every batch, process start-up)")
    print(f"throughput:          {sent / elapsed:,.0f} messages/s ({sent / elapsed * 60:,.0f}/min)")
    print(f"average message:     {counter.bytes / max(sent, 1) / 1024:.1f} KiB")
    cpu = usage.ru_utime + usage.ru_stime
    print(f"worker CPU time:     {cpu:.1f} s ({cpu / max(sent, 1) * 1000:.1f} ms per message)")
    print(f"load average:        {os.getloadavg()[0]:.1f} (other processes share the CPUs)")
    print(f"worker peak memory:  {peak_kib / 1024:.0f} MiB (max RSS)")
    if sent != args.subscribers or unique != sent:
        sys.exit("FAILED: not exactly one message per subscriber")


if __name__ == "__main__":
    main()

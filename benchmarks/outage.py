"""Outages under load: stop Redis, then the database, while readers keep asking; print what
they saw.

    .venv/bin/python benchmarks/outage.py                      # about 3 minutes
    .venv/bin/python benchmarks/outage.py --phase-seconds 30 --clients 30

Runs gunicorn (DEBUG off) on the scratch PostgreSQL database glossary_outage, reached through
a TCP proxy, and a private Redis (benchmarks/production_like.py), so the machine's own servers
are never touched. Client threads request the reader URL mix without pause (http.client, one
connection per request, a timeout per request) through these phases:

    before · Redis down · Redis back · database refused · database back ·
    database hung · database back after hang

"Redis down" stops the redis-server and "Redis back" starts an empty one on the same port;
"database refused" closes the proxy (connections refused, open ones cut); "database hung"
makes it accept connections and swallow what it receives, open connections included, so the
server never answers. Each answer counts in the phase its request started in. Prints status
counts and latency per phase, /healthz's answers, and how long after each restore clients
waited for their first success and for the last failure.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_like import load_average, production_site, url_mix

TIMELINE_STEP = 5  # seconds


class Answer(NamedTuple):
    phase: str
    kind: str
    status: int | str  # an HTTP status, or "timeout", "refused", "dropped"
    started: float  # seconds since the load began
    seconds: float
    detail: str  # /healthz: its "status" field; a 503: whether Retry-After came with it


class Load:
    """``clients`` threads requesting ``mix`` in turn until stopped; every answer recorded."""

    def __init__(self, port: int, mix: list[tuple[str, str]], clients: int, timeout: float):
        self.port, self.mix, self.timeout = port, mix, timeout
        self.phase = "before"
        self.answers: list[Answer] = []
        self.origin = time.monotonic()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=[offset * 37], daemon=True)
            for offset in range(clients)
        ]

    def now(self) -> float:
        return time.monotonic() - self.origin

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _client(self, offset: int) -> None:
        for index in range(offset, offset + 10**9):
            if self._stop.is_set():
                return
            kind, path = self.mix[index % len(self.mix)]
            phase, started = self.phase, self.now()
            status, detail = self._get(path)
            self.answers.append(Answer(phase, kind, status, started, self.now() - started, detail))

    def _get(self, path: str) -> tuple[int | str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
        except TimeoutError:
            return "timeout", ""
        except ConnectionRefusedError:
            return "refused", ""
        except (OSError, http.client.HTTPException):
            return "dropped", ""
        finally:
            connection.close()
        detail = ""
        if path == "/healthz":
            try:
                detail = json.loads(body).get("status", "?")
            except ValueError:
                detail = "not JSON"
        elif response.status == 503:
            detail = "Retry-After" if response.getheader("Retry-After") else "no Retry-After"
        return response.status, detail


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def ok(answer: Answer) -> bool:
    return isinstance(answer.status, int) and 200 <= answer.status < 300


def report(
    load: Load, phases: list[tuple[str, float]], ended: float, worker_timeouts: dict[str, int]
) -> None:
    by_phase = defaultdict(list)
    for answer in load.answers:
        by_phase[answer.phase].append(answer)
    print()
    print(
        f"{'phase':<26}{'requests':>9}{'2xx':>7}{'503':>7}{'500':>6}{'other':>7}"
        f"{'timeout':>9}{'refused':>9}{'dropped':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for name, _ in phases:
        answers = by_phase[name]
        counts = Counter(a.status for a in answers)
        two_xx = sum(1 for a in answers if ok(a))
        other = len(answers) - two_xx - sum(counts[k] for k in (503, 500))
        other -= sum(counts[k] for k in ("timeout", "refused", "dropped"))
        latencies = sorted(a.seconds * 1000 for a in answers)
        print(
            f"{name:<26}{len(answers):>9}{two_xx:>7}{counts[503]:>7}{counts[500]:>6}{other:>7}"
            f"{counts['timeout']:>9}{counts['refused']:>9}{counts['dropped']:>9}"
            f"{percentile(latencies, 0.50):>9.0f}{percentile(latencies, 0.99):>9.0f}"
            f"{(latencies[-1] if latencies else float('nan')):>9.0f}"
        )
    print()
    print("not 2xx, by kind of page, and what else each phase showed:")
    for name, _ in phases:
        answers = by_phase[name]
        failed = Counter(f"{a.kind} {a.status}" for a in answers if not ok(a))
        health = Counter(f"{a.status} {a.detail}" for a in answers if a.kind == "healthz")
        retry = Counter(a.detail for a in answers if a.status == 503 and a.kind != "healthz")
        print(f"  {name}:")
        print(
            "    not 2xx: " + (", ".join(f"{k} ×{n}" for k, n in sorted(failed.items())) or "none")
        )
        print("    /healthz: " + ", ".join(f"{k} ×{n}" for k, n in sorted(health.items())))
        if retry:
            print("    503 pages: " + ", ".join(f"{k} ×{n}" for k, n in sorted(retry.items())))
        print(f"    gunicorn worker timeouts logged: {worker_timeouts[name]}")
    print()
    print(f"answers per {TIMELINE_STEP} s, by when they came (2xx / 503 / anything else):")
    buckets = defaultdict(Counter)
    for answer in load.answers:
        bucket = int((answer.started + answer.seconds) // TIMELINE_STEP)
        buckets[bucket]["2xx" if ok(answer) else 503 if answer.status == 503 else "-"] += 1
    marks = {int(began // TIMELINE_STEP): name for name, began in phases}
    for bucket in range(int(ended // TIMELINE_STEP) + 1):
        counts = buckets[bucket]
        print(
            f"  {bucket * TIMELINE_STEP:4d} s {counts['2xx']:6d} {counts[503]:6d} {counts['-']:6d}"
            f"  {marks.get(bucket, '')}"
        )
    print()
    print("recovery (answers to requests of the phase, timed from the restore to the answer):")
    ends = [began for _, began in phases[1:]] + [ended]
    for (name, began), end in zip(phases, ends, strict=True):
        if "back" not in name:
            continue
        # Answers that came before the next phase began, so its fault is not counted here.
        answered = [
            (a.started + a.seconds - began, ok(a))
            for a in by_phase[name]
            if a.started + a.seconds < end
        ]
        successes = [after for after, good in answered if good]
        failures = [after for after, good in answered if not good]
        first = f"{min(successes):.2f} s" if successes else "never"
        if not failures:
            last = "no failure"
        elif max(failures) > max(successes, default=0):
            last = "still failing at the end of the phase"
        else:
            last = f"last failure at {max(failures):.2f} s ({len(failures)} in all)"
        print(f"  {name:<26} first 2xx at {first}; {last}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase-seconds", type=float, default=20, help="length of each phase")
    parser.add_argument(
        "--hang-seconds",
        type=float,
        default=50,
        help="length of the hung phase: gunicorn's 30 s worker timeout, then new workers",
    )
    parser.add_argument("--clients", type=int, default=20, help="concurrent client threads")
    parser.add_argument(
        "--timeout", type=float, default=60, help="per-request timeout, s (a load balancer's)"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--log", type=Path, help="keep gunicorn's log in this file")
    parser.add_argument("--database", default="glossary_outage", help="scratch database name")
    args = parser.parse_args()

    running = production_site(args.database, workers=args.workers, through_proxy=True, log=args.log)
    with running as (site, redis, proxy):
        mix = url_mix(site.base_url)
        steps = [
            ("before", None),
            ("Redis down", redis.stop),
            ("Redis back", redis.start),
            ("database refused", proxy.refuse),
            ("database back", proxy.forward),
            ("database hung", proxy.hang),
            ("database back after hang", proxy.forward),
        ]
        print(
            f"gunicorn: {args.workers} sync workers at {site.base_url}; {args.clients} clients, "
            f"{args.timeout:.0f} s timeout; phases of {args.phase_seconds:.0f} s, "
            f"the hung database {args.hang_seconds:.0f} s",
            flush=True,
        )
        print(f"load average before: {load_average()}", flush=True)
        load = Load(site.port, mix, args.clients, args.timeout)
        phases, worker_timeouts = [], {}
        load.start()
        for name, action in steps:
            # Requests from here on count in the new phase, even while the change is made;
            # recovery is timed from when it is done.
            load.phase = name
            if action is not None:
                action()
            began = load.now()
            phases.append((name, began))
            timeouts_before = site.log_count("WORKER TIMEOUT")
            print(f"{began:7.1f} s  {name}", flush=True)
            time.sleep(args.hang_seconds if name == "database hung" else args.phase_seconds)
            worker_timeouts[name] = site.log_count("WORKER TIMEOUT") - timeouts_before
        ended = load.now()
        load.stop()
        print(f"load average after: {load_average()}", flush=True)
        report(load, phases, ended, worker_timeouts)


if __name__ == "__main__":
    main()

"""Reader pages against a floor: what each page costs as a share of the cheapest page.

    .venv/bin/python benchmarks/serve.py                      # 1,000 and 100,000 terms, ~25 min
    .venv/bin/python benchmarks/serve.py --terms 1000 --cache on --pairs 3

Runs the site as production does (benchmarks/production_like.py: gunicorn with DEBUG off,
2 × cores + 1 sync workers, PostgreSQL, a private redis-server) under the benchmark URLconf,
benchmarks/urls.py, which adds ``/__floor__/``: a constant ~14 KB page from a view that does
no work, behind the same middleware as every page. For each page, wrk alternates rounds on
the floor and on the page (a few seconds each, several pairs) and the script prints the page's
req/s, p50 and p99 latency, the floor's req/s in the rounds beside it, and the median of the
pairs' ratios (page req/s ÷ floor req/s). Alternating rounds make the ratio robust to other work
on the machine changing during the run; the load average is printed before and after.

Each glossary size runs twice in separate gunicorn processes: page cache on (the default
PAGE_CACHE_SECONDS) and off (PAGE_CACHE_SECONDS=0: every request makes its page). The
databases are scratch PostgreSQL databases (glossary_serve1k, glossary_serve100k), filled the
first time by benchmarks/reader_pages.py's generator (100,000 terms take about 5 minutes),
migrated every time. Every request asks for gzip, as browsers do; the 304 rounds send the ETag
of a first GET in If-None-Match. The last columns compare CPU per request (the workers' and
Redis's, from /proc), which other work disturbs less than req/s. With --py-spy DIR, one
worker is sampled for one more round on each page, and where its time went is printed.
Needs wrk (Debian: apt-get install wrk).

Benchmark figures, not tests: they depend on the machine and on what else runs on it.
"""

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_like import (
    POSTGRES,
    ROOT,
    Gunicorn,
    PrivateRedis,
    create_database,
    free_port,
    load_average,
    site_environment,
)

SAMPLE = "open-weight"  # The term benchmarks/reader_pages.py links up like a real one.


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    # The least share of the floor's req/s wanted with the page cache on and off (None: none).
    want_on: float | None
    want_off: float | None
    conditional: bool = False  # Send If-None-Match with the page's ETag: a 304 each time.


TARGETS = [
    Target("term page", f"/terms/{SAMPLE}/", 0.9, 0.25),
    Target("A–Z letter page", "/terms/?letter=M", 0.9, 0.15),
    Target("category", "/categories/bench-topic-1/", 0.9, 0.15),
    Target("home", "/", 0.9, 0.15),
    Target("term page, 304", f"/terms/{SAMPLE}/", 0.9, None, conditional=True),
    Target("API term", f"/api/terms/{SAMPLE}/", None, None),
]
FLOOR = "/__floor__/"

# wrk runs this in each thread: fixed headers, no per-response Lua (which would slow wrk down
# for every request), and one JSON line from done() for us.
LUA = """
wrk.method = "GET"
wrk.path = %(path)s
wrk.headers["Accept-Encoding"] = "gzip"
%(extra)s
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, "p50_us": %%d, ' ..
    '"p99_us": %%d, "socket_errors": %%d, "bad_status": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass
class Round:
    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_us: float  # CPU time of the site's processes (workers, Redis) per request

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def lua_script(directory: Path, name: str, path: str, headers: dict[str, str]) -> Path:
    extra = "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
    script = directory / f"{name}.lua"
    script.write_text(LUA % {"path": json.dumps(path), "extra": extra})
    return script


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (from /proc/<pid>/stat)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            # utime and stime: the 12th and 13th fields after the command name in parentheses.
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(
    base_url: str, script: Path, *, threads: int, connections: int, seconds: int, pids: list[int]
) -> Round:
    """One round of load; the figures wrk's done() printed, and the CPU ``pids`` used."""
    cpu_before = cpu_seconds(pids)
    result = subprocess.run(
        [
            *("wrk", "--threads", str(threads), "--connections", str(connections)),
            *("--duration", f"{seconds}s", "--timeout", "10s", "--script", str(script), base_url),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    cpu = cpu_seconds(pids) - cpu_before
    for line in result.stdout.splitlines():
        if line.startswith("WRK-RESULT "):
            figures = json.loads(line.removeprefix("WRK-RESULT "))
            return Round(
                requests=figures["requests"],
                seconds=figures["duration_us"] / 1e6,
                bytes=figures["bytes"],
                p50_ms=figures["p50_us"] / 1000,
                p99_ms=figures["p99_us"] / 1000,
                errors=figures["socket_errors"] + figures["bad_status"],
                cpu_us=cpu / max(1, figures["requests"]) * 1e6,
            )
    raise RuntimeError(f"wrk printed no result:\n{result.stdout}\n{result.stderr}")


def get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], int]:
    """Status, headers and body size of one request (urllib keeps 304s from raising here)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), len(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), 0


def prepare_database(name: str, terms: int) -> None:
    """Create the scratch database if missing, migrate it, and fill it to ``terms`` live terms
    with benchmarks/reader_pages.py's generator (nothing is generated when it has them)."""
    create_database(name)
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{name}",
        # Generating and vacuuming 100,000 terms runs statements longer than a request's limit.
        "DATABASE_STATEMENT_TIMEOUT": "0",
    }
    fill = f"import reader_pages; reader_pages.prepare({int(terms)}, seed=1)"
    subprocess.run([sys.executable, "-c", fill], cwd=ROOT / "benchmarks", env=env, check=True)


def collect_static(static_root: Path) -> None:
    env = site_environment(
        port=0, database_url="sqlite://:memory:", redis_url="", static_root=static_root
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env={**env, "DJANGO_SINGLE_PROCESS": "1"},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(
    site: Gunicorn, pids: list[int], target: Target, work: Path, args: argparse.Namespace
) -> dict[str, object]:
    """Warm up, then ``args.pairs`` floor/page round pairs; the medians and each pair's ratio."""
    headers = {"Accept-Encoding": "gzip"}
    status, answer_headers, size = get(site.base_url + target.path, headers)
    expected = 200
    if target.conditional:
        headers["If-None-Match"] = answer_headers["ETag"]
        status, _, size = get(site.base_url + target.path, headers)
        expected = 304
    if status != expected:
        raise RuntimeError(f"{target.path} answered {status}, not {expected}")
    page = lua_script(work, "page", target.path, headers)
    floor = lua_script(work, "floor", FLOOR, {"Accept-Encoding": "gzip"})
    load = {"threads": args.threads, "connections": args.connections, "pids": pids}
    for script in (floor, page):
        wrk(site.base_url, script, seconds=args.warm_up, **load)
    floors, pages = [], []
    for _ in range(args.pairs):
        floors.append(wrk(site.base_url, floor, seconds=args.seconds, **load))
        pages.append(wrk(site.base_url, page, seconds=args.seconds, **load))
    ratios = [p.rate / f.rate for f, p in zip(floors, pages, strict=True)]
    # The same comparison in CPU spent per request, which other work on the machine disturbs
    # less than req/s: the floor's CPU per request over the page's.
    cpu_ratios = [f.cpu_us / p.cpu_us for f, p in zip(floors, pages, strict=True)]
    return {
        "page": target.name,
        "path": target.path,
        "status": expected,
        "bytes": size,
        "rate": statistics.median(p.rate for p in pages),
        "p50_ms": statistics.median(p.p50_ms for p in pages),
        "p99_ms": statistics.median(p.p99_ms for p in pages),
        "floor_rate": statistics.median(f.rate for f in floors),
        "floor_p50_ms": statistics.median(f.p50_ms for f in floors),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "cpu_us": statistics.median(p.cpu_us for p in pages),
        "floor_cpu_us": statistics.median(f.cpu_us for f in floors),
        "cpu_ratio": statistics.median(cpu_ratios),
        "errors": sum(r.errors for r in floors + pages),
    }


# Where a worker's time goes, by the code on the stack (a sample counts in every group it
# touches, so the shares overlap). py-spy names files relative to their package root.
# Each group: a marker its samples have on the stack, and one they must not have.
PROFILE_GROUPS = {
    "PostgreSQL (psycopg, waiting included)": ("(psycopg/", None),
    "the ORM, SQL excluded": ("(django/db/models/", "(psycopg/"),
    "templates": ("(django/template/", None),
    "URL reversing": ("(django/urls/base.py", None),
    "Redis (redis-py, waiting included)": ("(redis/", None),
}
SITE_PACKAGES = ("(glossary_site/", "(terms/", "(subscriptions/")
# Frames every request passes through, which say nothing about where its time goes.
PASS_THROUGH = ("Middleware.__call__", "reader_page.<locals>.wrapper")


def profile(site: Gunicorn, pids: list[int], script: Path, output: Path, args) -> list[str]:
    """One more round on a page while py-spy samples one worker; the raw stacks are kept in
    ``output`` and the lines returned say where that worker's time went."""
    seconds = 2 * args.seconds
    spy = subprocess.Popen(
        [
            *(args.py_spy_command, "record", "--pid", str(site.worker_pids()[0])),
            *("--duration", str(seconds), "--rate", "250", "--format", "raw", "--nonblocking"),
            *("--output", str(output)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)  # py-spy attaches.
    load = {"threads": args.threads, "connections": args.connections, "pids": pids}
    wrk(site.base_url, script, seconds=seconds, **load)
    spy.wait()
    return summarize(output)


def summarize(stacks: Path) -> list[str]:
    """Shares of samples by group (PROFILE_GROUPS) and by the site's own functions."""
    total = 0
    groups = dict.fromkeys(PROFILE_GROUPS, 0)
    functions: dict[str, int] = {}
    for line in stacks.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames, samples = stack.split(";"), int(count)
        total += samples
        for group, (marker, unless) in PROFILE_GROUPS.items():
            if any(marker in frame for frame in frames) and not (
                unless and any(unless in frame for frame in frames)
            ):
                groups[group] += samples
        own = set()
        for frame in frames:
            name, _, where = frame.partition(" ")
            if where.startswith(SITE_PACKAGES) and not name.endswith(PASS_THROUGH):
                own.add(f"{where[1:].split(':')[0]} {name}")
        for function in own:
            functions[function] = functions.get(function, 0) + samples
    if not total:
        return ["    (no samples)"]
    top = sorted(functions.items(), key=lambda item: -item[1])[:8]
    top = [(function, n) for function, n in top if n / total >= 0.01]
    return [
        "    " + ", ".join(f"{group} {n / total:.0%}" for group, n in groups.items() if n),
        *(f"    {n / total:4.0%} {function}" for function, n in top),
    ]


def run_site(terms: int, cache: str, static_root: Path, args: argparse.Namespace) -> list[dict]:
    """One gunicorn (cache on or off) on the database of ``terms`` terms; every target."""
    database = f"{args.database_prefix}{label(terms)}"
    redis = PrivateRedis()
    port = free_port()
    env = site_environment(
        port=port,
        database_url=f"{POSTGRES}/{database}",
        redis_url=redis.url,
        static_root=static_root,
    )
    env["DJANGO_ROOT_URLCONF"] = "benchmarks.urls"
    env.pop("PAGE_CACHE_SECONDS", None)
    if cache == "off":
        env["PAGE_CACHE_SECONDS"] = "0"
    targets = [t for t in TARGETS if not args.pages or t.name in args.pages]
    with tempfile.TemporaryDirectory() as work:
        site = Gunicorn(env, port, args.workers, Path(work) / "gunicorn.log")
        redis.start()
        try:
            site.start()
            print(
                f"\n{terms:,} terms, page cache {cache}: gunicorn {args.workers} sync workers; "
                f"wrk {args.threads} threads, {args.connections} connections, "
                f"{args.pairs} pairs of {args.seconds:g} s rounds; "
                f"load average before {load_average()}",
                flush=True,
            )
            # The CPU counted: the workers' and the private Redis's (wrk's is not the site's).
            pids = [*site.worker_pids(), redis._process.pid]
            results = []
            print(HEADER, flush=True)
            for target in targets:
                result = measure(site, pids, target, Path(work), args)
                result.update(terms=terms, cache=cache)
                print(row(result), flush=True)
                if args.py_spy:
                    output = args.py_spy / f"{label(terms)}-cache-{cache}-{slug(target.name)}.txt"
                    script = Path(work) / "page.lua"  # measure() left the page's script here.
                    for line in profile(site, pids, script, output, args):
                        print(line, flush=True)
                results.append(result)
            print(f"load average after {load_average()}", flush=True)
            return results
        finally:
            site.stop()
            redis.stop()


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-").replace("--", "-")


def label(terms: int) -> str:
    return f"{terms // 1000}k" if terms % 1000 == 0 else str(terms)


HEADER = (
    f"{'page':17} {'terms':>7} {'cache':>5} {'status':>6} {'bytes':>6} {'req/s':>6} "
    f"{'p50 ms':>6} {'p99 ms':>6} {'floor/s':>7} {'ratio':>6} {'min–max':>9} {'want':>5} "
    f"{'':6} {'CPU µs':>6} {'floor':>5} {'cost':>5}"
)


def row(result: dict) -> str:
    """One page's figures: req/s and latency, the floor's req/s in the rounds beside it, the
    median ratio (and the pairs' range) against the target, then CPU per request."""
    target = next(t for t in TARGETS if t.name == result["page"])
    want = target.want_on if result["cache"] == "on" else target.want_off
    verdict = "" if want is None else ("met" if result["ratio"] >= want else "MISSED")
    errors = f"  {result['errors']} errors" if result["errors"] else ""
    return (
        f"{result['page']:17} {result['terms']:>7,} {result['cache']:>5} {result['status']:>6} "
        f"{result['bytes']:>6} {result['rate']:>6.0f} {result['p50_ms']:>6.1f} "
        f"{result['p99_ms']:>6.1f} {result['floor_rate']:>7.0f} {result['ratio']:>5.2f}× "
        f"{result['ratio_min']:>4.2f}–{result['ratio_max']:<4.2f} "
        f"{'' if want is None else f'≥{want:g}':>5} {verdict:6} "
        f"{result['cpu_us']:>6.0f} {result['floor_cpu_us']:>5.0f} {result['cpu_ratio']:>4.2f}×"
        f"{errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    parser.add_argument("--pages", nargs="+", choices=[t.name for t in TARGETS])
    parser.add_argument("--pairs", type=int, default=7, help="floor/page round pairs (7)")
    parser.add_argument("--seconds", type=int, default=3, help="seconds per round (3)")
    parser.add_argument("--warm-up", type=int, default=2, help="seconds before the rounds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--database-prefix", default="glossary_serve")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--py-spy",
        type=Path,
        metavar="DIR",
        help="after each page's rounds, sample one worker with py-spy for one more round, "
        "print where its time went and keep the stacks in DIR (pip install py-spy)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    if args.py_spy:
        venv = str(Path(sys.executable).parent)
        args.py_spy_command = shutil.which("py-spy", path=venv) or shutil.which("py-spy")
        if args.py_spy_command is None:
            sys.exit("py-spy is not installed (pip install py-spy).")
        args.py_spy.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    print(f"load average at start: {load_average()}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="glossary-serve-") as work:
        static_root = Path(work) / "static"
        collect_static(static_root)
        for terms in args.terms:
            print(f"\nPreparing {args.database_prefix}{label(terms)} …", flush=True)
            prepare_database(f"{args.database_prefix}{label(terms)}", terms)
            for cache in ("on", "off") if args.cache == "both" else (args.cache,):
                results.extend(run_site(terms, cache, static_root, args))
    print(f"\nAll figures ({time.monotonic() - started:.0f} s; load average now {load_average()}):")
    print(HEADER)
    for result in results:
        print(row(result))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Soak: the site under steady load for minutes, as production runs it.

    .venv/bin/python benchmarks/soak.py                 # 5 minutes, 50 connections
    .venv/bin/python benchmarks/soak.py --duration 60

Runs gunicorn (DEBUG off) on the scratch PostgreSQL database glossary_soak (created, migrated
and loaded with the demo glossary) and a private Redis (benchmarks/production_like.py), then
drives it with wrk: 50 concurrent connections spread over a fixed mix of reader URLs (term
pages, A–Z, home, search, suggest, API, healthz; a Lua script walks the list). Prints requests,
errors, non-2xx answers, p50/p99 latency, and the resident memory of each gunicorn worker
after start, after a warm-up and after the soak. Needs wrk (Debian: apt-get install wrk).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production_like import load_average, production_site, url_mix

# wrk runs this in each of its threads. `paths` is filled in by write_lua(); each thread walks
# the list from its own offset, counts statuses, and done() prints one JSON line for us.
LUA = """
local paths = {%s}
local threads = {}
statuses = {}

function setup(thread)
  thread:set("offset", #threads * 37)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      merged[tostring(status)] = (merged[tostring(status)] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    table.insert(parts, string.format('"%%s": %%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK-RESULT {"requests": %%d, "duration_us": %%d, "bytes": %%d, "p50_us": %%d, ' ..
    '"p90_us": %%d, "p99_us": %%d, "max_us": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"timeout": %%d, "statuses": {%%s}}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.connect, e.read, e.write,
    e.timeout, table.concat(parts, ", ")))
end
"""


def write_lua(paths: list[str], directory: Path) -> Path:
    script = directory / "mix.lua"
    script.write_text(LUA % ", ".join(json.dumps(path) for path in paths))
    return script


def run_wrk(base_url: str, script: Path, *, connections: int, seconds: int) -> dict:
    """One wrk run; returns the figures done() printed."""
    result = subprocess.run(
        [
            *("wrk", "--threads", "2", "--connections", str(connections)),
            *("--duration", f"{seconds}s", "--timeout", "10s", "--script", str(script), base_url),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    for line in result.stdout.splitlines():
        if line.startswith("SOAK-RESULT "):
            return json.loads(line.removeprefix("SOAK-RESULT "))
    raise RuntimeError(f"wrk printed no result:\n{result.stdout}\n{result.stderr}")


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def report(figures: dict, memory: list[tuple[str, dict[int, int]]], restarts: int) -> None:
    requests = figures["requests"]
    seconds = figures["duration_us"] / 1e6
    statuses = {int(code): n for code, n in figures["statuses"].items()}
    non_2xx = sum(n for code, n in statuses.items() if not 200 <= code < 300)
    socket_errors = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
    print()
    print(f"requests          {requests} in {seconds:.0f} s ({requests / seconds:.0f}/s)")
    print(
        f"socket errors     {socket_errors} (connect {figures['connect']}, read "
        f"{figures['read']}, write {figures['write']}, timeout {figures['timeout']})"
    )
    print(f"non-2xx           {non_2xx}")
    print("statuses          " + ", ".join(f"{c}: {n}" for c, n in sorted(statuses.items())))
    print(
        f"latency           p50 {figures['p50_us'] / 1000:.1f} ms, p90 "
        f"{figures['p90_us'] / 1000:.1f} ms, p99 {figures['p99_us'] / 1000:.1f} ms, "
        f"max {figures['max_us'] / 1000:.1f} ms"
    )
    print(f"workers restarted {restarts}")
    print()
    pids = sorted({pid for _, sample in memory for pid in sample})
    print("worker RSS (MiB)  " + "".join(f"{label:>14}" for label, _ in memory))
    for pid in pids:
        cells = "".join(f"{mib(sample[pid]) if pid in sample else '—':>14}" for _, sample in memory)
        print(f"  pid {pid:<11} {cells}")
    print(
        "  total           " + "".join(f"{mib(sum(sample.values())):>14}" for _, sample in memory)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds of load (300)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of load before")
    parser.add_argument("--log", type=Path, help="keep gunicorn's log in this file")
    parser.add_argument("--database", default="glossary_soak", help="scratch database name")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")

    running = production_site(args.database, workers=args.workers, log=args.log)
    with running as (site, _redis, _proxy), tempfile.TemporaryDirectory() as work:
        mix = url_mix(site.base_url)
        script = write_lua([path for _, path in mix], Path(work))
        print(
            f"gunicorn: {args.workers} sync workers at {site.base_url}; wrk: "
            f"{args.connections} connections, {args.duration} s, {len(mix)} URLs in the mix",
            flush=True,
        )
        print(f"load average before: {load_average()}", flush=True)
        memory = [("after start", site.worker_rss())]
        run_wrk(site.base_url, script, connections=args.connections, seconds=args.warm_up)
        memory.append(("after warm-up", site.worker_rss()))
        booted = site.log_count("Booting worker")
        started = time.monotonic()
        figures = run_wrk(
            site.base_url, script, connections=args.connections, seconds=args.duration
        )
        print(f"soak done in {time.monotonic() - started:.0f} s", flush=True)
        print(f"load average after: {load_average()}", flush=True)
        memory.append(("after soak", site.worker_rss()))
        restarts = site.log_count("Booting worker") - booted
        report(figures, memory, restarts)


if __name__ == "__main__":
    main()

"""The site as production runs it, for benchmarks/soak.py and benchmarks/outage.py.

gunicorn with DEBUG off, on a scratch PostgreSQL database (migrated and loaded with the demo
glossary) and a private redis-server on a spare port, optionally reaching the database through
a TCP proxy that can refuse or hang, so an outage never touches the machine's own PostgreSQL
or Redis. Also the mix of reader URLs both scripts request.

The servers (private Redis, proxy) are the tests' own, from tests/real_servers.py.
"""

import contextlib
import json
import os
import random
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES = "postgres://postgres@127.0.0.1:5432"

# The servers the outage tests use too: free ports, a private Redis, the misbehaving proxy.
from tests.real_servers import (  # noqa: E402
    POSTGRES_PORT,
    PrivateRedis,
    TcpProxy,
    free_port,
)


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages: other work skews the figures."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def site_environment(*, port: int, database_url: str, redis_url: str, static_root: Path) -> dict:
    """The environment of a production deployment on 127.0.0.1:``port``, plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "glossary_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOW_HTTP_SITE_URL": "1",  # on this machine only (glossary_site.E002)
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def create_database(name: str) -> None:
    """Create the scratch PostgreSQL database ``name`` unless it exists."""
    import psycopg  # The venv's driver; imported here so the proxy needs nothing installed.

    if not all(c in string.ascii_lowercase + string.digits + "_" for c in name):
        raise ValueError(f"not a plain database name: {name!r}")
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f"CREATE DATABASE {name}")


def prepare_database(name: str, env: dict) -> None:
    """Create the scratch database ``name`` if missing, migrate it, load the demo glossary and
    collect static files (the manifest storage refuses to render pages without them)."""
    create_database(name)
    env = {**env, "DATABASE_URL": f"{POSTGRES}/{name}"}
    for command in (
        ["migrate", "--noinput"],
        ["load_demo_content"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


class Gunicorn:
    """``gunicorn glossary_site.wsgi`` with ``workers`` sync workers; its log goes to a file."""

    def __init__(self, env: dict, port: int, workers: int, log_path: Path):
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.base_url = f"http://127.0.0.1:{port}"
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    *(str(gunicorn), "glossary_site.wsgi", "--bind", f"127.0.0.1:{self.port}"),
                    *("--workers", str(self.workers), "--log-level", "info"),
                    # gunicorn 27's control socket is one path per user: two servers would
                    # take it from each other.
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + 60
        while len(self.worker_pids()) < self.workers or not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {self.log_path}")
            time.sleep(0.2)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.base_url + "/healthz", timeout=5):  # noqa: S310
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGTERM)
            self._process.wait(timeout=60)
            self._process = None

    def worker_pids(self) -> list[int]:
        """The worker processes: the master's children, read from /proc."""
        if self._process is None:
            return []
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                # The parent pid is the 2nd field after the command name in parentheses.
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self._process.pid:
                    pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_rss(self) -> dict[int, int]:
        """Resident memory of each worker, in KiB (VmRSS from /proc/<pid>/status)."""
        rss = {}
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss[pid] = int(line.split()[1])
        return rss

    def log_count(self, text: str) -> int:
        return self.log_path.read_text(errors="replace").count(text)


@contextlib.contextmanager
def production_site(
    database: str, *, workers: int, through_proxy: bool = False, log: Path | None = None
):
    """Run the site; yields ``(gunicorn, redis, proxy)`` (``proxy`` is None without one).
    gunicorn's log (and the app's, at ERROR) is kept at ``log`` if given."""
    work = Path(tempfile.mkdtemp(prefix="glossary-benchmark-"))
    redis = PrivateRedis()
    proxy = TcpProxy(POSTGRES_PORT) if through_proxy else None
    port = free_port()
    database_port = proxy.port if proxy else POSTGRES_PORT
    env = site_environment(
        port=port,
        database_url=f"postgres://postgres@127.0.0.1:{database_port}/{database}",
        redis_url=redis.url,
        static_root=work / "static",
    )
    site = Gunicorn(env, port, workers, log or work / "gunicorn.log")
    try:
        print(f"Preparing the scratch database {database} …", flush=True)
        prepare_database(database, env)
        redis.start()
        if proxy:
            proxy.forward()
        site.start()
        yield site, redis, proxy
    finally:
        site.stop()
        redis.stop()
        if proxy:
            proxy.refuse()
        shutil.rmtree(work, ignore_errors=True)


SEARCHES = ["transformer", "open weight", "embedding", "llm", "attention", "quantization"]
SUGGESTIONS = ["tra", "emb", "op", "qua", "att", "gr"]
# Share of requests per kind of page: readers mostly read term pages.
WEIGHTS = {
    "term": 40,
    "a-z": 10,
    "home": 10,
    "search": 10,
    "suggest": 15,
    "api": 10,
    "healthz": 5,
}


def url_mix(base_url: str, size: int = 400, seed: int = 0) -> list[tuple[str, str]]:
    """``size`` (kind, path) pairs in the proportions of WEIGHTS, in a fixed shuffled order.
    Term slugs come from the site's own API."""
    with urllib.request.urlopen(base_url + "/api/terms/?page_size=100", timeout=30) as answer:  # noqa: S310
        slugs = [term["slug"] for term in json.load(answer)["results"]]
    rng = random.Random(seed)
    choices = {
        "term": lambda: f"/terms/{rng.choice(slugs)}/",
        "a-z": lambda: f"/terms/?letter={rng.choice(string.ascii_uppercase)}",
        "home": lambda: "/",
        "search": lambda: "/search/?q=" + rng.choice(SEARCHES).replace(" ", "+"),
        "suggest": lambda: "/search/suggest/?q=" + rng.choice(SUGGESTIONS),
        "api": lambda: rng.choice(["/api/terms/", f"/api/terms/{rng.choice(slugs)}/"]),
        "healthz": lambda: "/healthz",
    }
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=size)
    return [(kind, choices[kind]()) for kind in kinds]

"""Real servers for tests: a private redis-server, a TCP proxy that can misbehave, a scratch
PostgreSQL database, and the site itself in gunicorn.

Outage tests stop these, never the machine's own Redis or PostgreSQL, which other tests (and
other people) are using.
"""

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_PORT = 5432


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, up: bool = True, timeout: float = 15) -> None:
    """Wait until something listens on ``port`` (or, with ``up=False``, until nothing does)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            listening = probe.connect_ex(("127.0.0.1", port)) == 0
        if listening == up:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} is {'not ' if up else ''}listening after {timeout} s")


class PrivateRedis:
    """A redis-server of the test's own on a spare port, stopped and started at will."""

    def __init__(self, *options: str):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.options = options  # Extra redis-server arguments, e.g. a memory limit.
        self._process: subprocess.Popen | None = None

    @staticmethod
    def installed() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> None:
        if self._process is not None:
            return
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        self._process = subprocess.Popen(
            [*command, "--save", "", "--appendonly", "no", "--logfile", "", *self.options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        self._process.wait(timeout=10)
        self._process = None
        wait_for_port(self.port, up=False)


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target port, and can be told to misbehave.

    - ``forward()``: pass bytes both ways (the normal state);
    - ``refuse()``: stop listening and cut every connection: clients are refused at once;
    - ``hang()``: answer nothing, as a frozen server does: open connections stay open but what
      is sent on them is swallowed, and new ones are accepted and never answered. Leaving
      this mode closes them all (as restarting a stuck server does).
    """

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.mode = "refuse"
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def forward(self) -> None:
        if self.mode == "hang":
            self._close_connections()
        self.mode = "forward"
        self._listen()

    def hang(self) -> None:
        self.mode = "hang"
        self._listen()

    def refuse(self) -> None:
        self.mode = "refuse"
        if self._listener is not None:
            # shutdown() wakes the accept() blocked in the other thread; close() alone does not.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        self._close_connections()
        wait_for_port(self.port, up=False)

    def close(self) -> None:
        self.refuse()

    def _listen(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self._keep(client)
            if self.mode != "forward":
                continue  # Accepted, never answered.
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self._keep(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if self.mode == "forward":
                    sink.sendall(data)
                # Otherwise swallowed: the other side waits for an answer that never comes.
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _keep(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def _close_connections(self) -> None:
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def postgres_answers() -> bool:
    if shutil.which("pg_isready") is None:
        return False
    command = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(POSTGRES_PORT)]
    return subprocess.run(command, check=False).returncode == 0


def psql(sql: str) -> None:
    command = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql]
    subprocess.run(command, check=True, capture_output=True)


def site_environment(**overrides) -> dict:
    """The environment of a site process: the test settings, DEBUG off, plus ``overrides``."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    env["DJANGO_DEBUG"] = "0"
    return {**env, **overrides}


@contextlib.contextmanager
def scratch_database(prefix: str):
    """A migrated PostgreSQL database of the test's own; yields its name."""
    name = f"{prefix}_{os.getpid()}"
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    try:
        manage("migrate", "--noinput", "-v0", database=name)
        yield name
    finally:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def database_url(name: str, port: int = POSTGRES_PORT) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{name}"


def manage(*args, database: str, **env) -> str:
    """Run ``manage.py`` against a scratch database in a process of its own; its output."""
    environment = site_environment(DATABASE_URL=database_url(database), **env)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


class Site:
    """The site in gunicorn (one worker, DEBUG off, the test settings) with ``env``."""

    def __init__(self, **env):
        self.port = free_port()
        environment = site_environment(
            SITE_URL=f"http://127.0.0.1:{self.port}", DJANGO_ALLOWED_HOSTS="127.0.0.1", **env
        )
        gunicorn = [sys.executable, "-m", "gunicorn", "glossary_site.wsgi", "--workers", "1"]
        self.process = subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{self.port}", "--timeout", "120"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, timeout=30)

    def get(self, path: str, **headers) -> tuple[int, dict, bytes]:
        return self.request("GET", path, headers=headers)

    def request(self, method, path, body=None, headers=None) -> tuple[int, dict, bytes]:
        # A generous client timeout: a hung request (a fault under test) fails the test
        # instead of blocking it; the site answers well within it.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def serves_again(self, path: str = "/terms/") -> bool:
        """Wait for the same process to answer 200 again, as it must without a restart."""
        for _ in range(60):
            if self.get(path)[0] == 200:
                return True
            time.sleep(0.5)
        return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

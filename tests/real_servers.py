"""Real servers a test can stop: a private redis-server, and a TCP proxy in front of PostgreSQL.

Outage tests stop these, never the machine's own Redis or PostgreSQL, which other tests (and
other people) are using.
"""

import contextlib
import shutil
import socket
import subprocess
import threading
import time


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

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen | None = None

    @staticmethod
    def installed() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> None:
        if self._process is not None:
            return
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        self._process = subprocess.Popen(
            [*command, "--save", "", "--appendonly", "no", "--logfile", ""],
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
    - ``hang()``: cut every open connection and accept new ones without ever answering, as a
      server that has stopped responding does.
    """

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self._mode = "forward"
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def forward(self) -> None:
        self._mode = "forward"
        self._listen()

    def hang(self) -> None:
        self._mode = "hang"
        self._cut_connections()
        self._listen()

    def refuse(self) -> None:
        self._mode = "refuse"
        if self._listener is not None:
            # shutdown() wakes the accept() blocked in the other thread; close() alone does not.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        self._cut_connections()
        wait_for_port(self.port, up=False)

    def close(self) -> None:
        self.refuse()

    def _listen(self) -> None:
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self._track(client)
            if self._mode != "forward":
                continue  # Held open, never answered.
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self._track(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while self._mode == "forward" and (data := source.recv(65536)):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _cut_connections(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

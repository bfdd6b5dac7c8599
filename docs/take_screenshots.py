"""Save screenshots of the home page and a term page at phone and desktop widths, and of the
term page in dark mode (the reader's system preferring dark). ``take_screenshots.py dark``
takes only the dark ones.

Run with `make screenshots` (it migrates and loads the demo glossary first). Starts the
development server on a spare port, drives Debian's Chromium with Playwright, and writes
PNG files to docs/screenshots/.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PAGES = {"home": "/", "open-weight": "/terms/open-weight/"}
WIDTHS = {"phone": 390, "desktop": 1280}
DARK_PAGES = {"open-weight-dark": "/terms/open-weight/"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not answer within {seconds} s.")


def main() -> None:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            shots = [("light", PAGES), ("dark", DARK_PAGES)]
            if sys.argv[1:] == ["dark"]:
                shots = shots[1:]
            for (scheme, pages), (width_name, width) in (
                (shot, size) for shot in shots for size in WIDTHS.items()
            ):
                page = browser.new_page(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                for page_name, path in pages.items():
                    page.goto(base + path)
                    target = OUT / f"{page_name}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT))
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

"""Save screenshots of the editors' pages at 1280 px: a term's change form with its workflow
panel, a comparison (Markdown and as readers see it) and the list of terms.

Run with `make admin-screenshots`, or `DJANGO_DEBUG=1 .venv/bin/python docs/admin_screenshots.py`.
It uses a scratch SQLite database (ADMIN_SCREENSHOTS_DB, default
/tmp/glossary-admin-screenshots.sqlite3): migrates it, loads the demo glossary and the demo
writer and editor, stages an edit of "Open weight", starts the development server on a spare
port and drives Debian's Chromium with Playwright. PNG files go to docs/screenshots/.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DATABASE = os.environ.get(
    "ADMIN_SCREENSHOTS_DB", str(Path(tempfile.gettempdir()) / "glossary-admin-screenshots.sqlite3")
)
ENV = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{DATABASE}"}

# A staged edit of a live term, so the form and the comparison have something to show.
STAGE_AN_EDIT = """
from django.contrib.auth import get_user_model
from terms.editing import after_term_saved, names_before_save
from terms.models import EditorPreference, Term
editor = get_user_model().objects.get(username="editor")
EditorPreference.objects.update_or_create(user=editor, defaults={"time_zone": "America/New_York"})
term = Term.objects.get(slug="open-weight")
names = names_before_save(term)
term.summary = term.summary.replace("downloadable", "published, downloadable")
term.definition = term.definition.replace(
    "An **open-weight** model", "An **open-weight** (or *open-access*) model", 1
) + "\\n\\nLicences differ: some allow any use, others forbid commercial use."
term.status = Term.Status.DRAFT
term.version += 1
term.last_editor = editor
term.save()
after_term_saved(term, names)
print(term.pk)
"""


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not answer within {seconds} s.")


def main() -> None:
    Path(DATABASE).unlink(missing_ok=True)
    manage("migrate", "--no-input", "-v", "0")
    manage("load_demo_content")
    manage("load_demo_users")
    pk = manage("shell", "-c", STAGE_AN_EDIT, capture=True).strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    shots = {
        "admin-term-publish": f"/admin/terms/term/{pk}/change/",
        "admin-compare": f"/admin/terms/term/{pk}/compare/?from=live&to=working",
        "admin-compare-rendered": (
            f"/admin/terms/term/{pk}/compare/?from=live&to=working&fields=changed&view=rendered"
        ),
        "admin-terms-list": "/admin/terms/term/",
    }
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/admin/login/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", "editor-demo-password")
            page.click("input[type=submit]")
            page.wait_for_url(base + "/admin/")
            for name, path in shots.items():
                page.goto(base + path)
                target = OUT / f"{name}-desktop.png"
                page.screenshot(path=str(target), full_page=name != "admin-term-publish")
                print(target.relative_to(ROOT))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

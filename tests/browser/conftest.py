"""Playwright driving Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium.")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Queued and never run: the demo glossary as it is before the worker has drawn its share
# images (pages show the site's default picture). Drawing 58 pictures would cost every
# browser test about 3 s, and no browser test looks at them
# (tests/terms/test_structured_data.py does).
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def site(live_server, settings):
    """The demo glossary, emails sent in the request (as in `make run`), links to this server."""
    settings.SITE_URL = live_server.url
    settings.TASKS = QUEUED_ONLY
    call_command("load_demo_content")
    settings.TASKS = IMMEDIATE
    mail.outbox = []
    return live_server.url

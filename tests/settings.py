"""The production settings, with what a test run needs and nothing else changed."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-0123456789"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# One test process: the local-memory cache is enough unless REDIS_URL is given (CI's PostgreSQL
# leg sets it).
os.environ.setdefault("DJANGO_SINGLE_PROCESS", "1")
# Test servers answer plain HTTP on 127.0.0.1 (glossary_site.E002 otherwise).
os.environ.setdefault("ALLOW_HTTP_SITE_URL", "1")


def _redis_url_of_this_worker(url: str, worker: str) -> str:
    """Under pytest-xdist each worker clears and fills the cache, so each gets its own Redis
    database: the given number for gw0, the ones below it for gw1, gw2, …"""
    if not url or not worker.startswith("gw"):
        return url
    base, _, number = url.rpartition("/")
    first = int(number) if number.isdigit() else 0
    return f"{base}/{(first - int(worker[2:])) % 16}"


if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _redis_url_of_this_worker(
        os.environ["REDIS_URL"], os.environ.get("PYTEST_XDIST_WORKER", "")
    )

from glossary_site.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests do not run collectstatic; the manifest storage is checked by `check --deploy` tests.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the app folders: tests do not run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Pages are not stored between requests in tests (test transactions never commit, so the
# content generation would not move); tests/test_page_cache.py turns it on. Cache headers and
# validators apply as in production.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_DATA = False

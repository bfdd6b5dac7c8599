"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefgh",
    "DJANGO_ALLOWED_HOSTS": "glossary.example.com",
    "DJANGO_SETTINGS_MODULE": "glossary_site.settings",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://glossary.example.com",
}


def manage(*args, **env):
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "REDIS_URL", "SITE_URL", "ALLOW_HTTP_SITE_URL")
        )
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_shared_cache():
    env = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}

    result = manage("check", **env)
    single = manage("check", DJANGO_SINGLE_PROCESS="1", **env)

    assert result.returncode == 1
    assert result.stderr.strip().startswith("REDIS_URL is not set")
    assert single.returncode == 0, single.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_ALLOWED_HOSTS="glossary.example.com")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "DJANGO_SECRET_KEY is not set: set it to a long random string "
        "(or set DJANGO_DEBUG=1 for local development)."
    )


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])

    assert result.returncode == 1
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_development_starts_with_the_development_key_only_when_debug_is_on():
    script = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)"
    result = manage("shell", "-c", script, DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [
        "True",
        "django-insecure-development-only-never-used-when-debug-is-off",
    ]


def test_deploy_check_has_only_the_justified_hsts_preload_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    # W021 (HSTS preload) is opt-in on purpose; the README explains why.
    assert "security.W021" in result.stderr
    assert result.stderr.count("security.W") == 1

    preload = manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECURE_HSTS_PRELOAD="1", **PRODUCTION
    )
    assert preload.returncode == 0, preload.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://u:p@db.example:5432/glossary", "glossary_site.postgresql"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    script = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage("shell", "-c", script, DATABASE_URL=url, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == engine


@pytest.mark.parametrize(
    ("env", "count"),
    [
        ({}, "0"),
        ({"TRUSTED_PROXY_COUNT": "2"}, "2"),
        ({"NEWSLETTER_TRUSTED_PROXY_COUNT": "1"}, "1"),  # Its former name, still read.
        ({"TRUSTED_PROXY_COUNT": "2", "NEWSLETTER_TRUSTED_PROXY_COUNT": "1"}, "2"),
    ],
)
def test_trusted_proxy_count_is_read_under_its_name_and_its_former_one(env, count):
    script = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = manage("shell", "-c", script, **PRODUCTION, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == count


def test_redis_url_selects_the_shared_redis_cache():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", script, **PRODUCTION)

    assert result.stdout.strip().splitlines()[-1] == "glossary_site.cache.ResilientRedisCache"


def test_production_with_a_plain_http_site_url_fails_the_system_check():
    result = manage("check", **{**PRODUCTION, "SITE_URL": "http://glossary.example.com"})

    assert result.returncode == 1
    assert "glossary_site.E002" in result.stderr
    assert "SITE_URL 'http://glossary.example.com' is plain HTTP" in result.stderr
    assert "ALLOW_HTTP_SITE_URL=1" in result.stderr


def test_plain_http_is_accepted_when_allowed_for_local_use_or_in_development():
    local = {**PRODUCTION, "SITE_URL": "http://127.0.0.1:8000"}

    allowed = manage("check", ALLOW_HTTP_SITE_URL="1", **local)
    development = manage("check", DJANGO_DEBUG="1", SITE_URL="http://127.0.0.1:8000")
    https = manage("check", **PRODUCTION)

    assert allowed.returncode == 0, allowed.stderr
    assert development.returncode == 0, development.stderr
    assert https.returncode == 0, https.stderr


@pytest.mark.parametrize("site_url", ["glossary.example.com", "ftp://glossary.example.com", "/"])
def test_a_site_url_that_is_not_an_address_fails_even_in_development(site_url):
    result = manage("check", DJANGO_DEBUG="1", SITE_URL=site_url)

    assert result.returncode == 1
    assert "glossary_site.E001" in result.stderr


def test_serve_and_the_benchmarks_declare_their_local_plain_http():
    # Each runs with DEBUG off on 127.0.0.1 over HTTP: without the allowance their migrate
    # (which runs the system checks) would stop.
    assert "ALLOW_HTTP_SITE_URL=${ALLOW_HTTP_SITE_URL:-1}" in (ROOT / "bin/serve").read_text()
    for script in ("benchmarks/in_process.py", "benchmarks/production_like.py"):
        assert "ALLOW_HTTP_SITE_URL" in (ROOT / script).read_text(), script

"""Redis down: reader pages and signups keep working, /healthz says so, nothing stale after.

A private redis-server is stopped and started inside each test (tests/real_servers.py).
"""

import logging

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from glossary_site.cache import ResilientRedisCache
from glossary_site.page_cache import GENERATION_KEY
from subscriptions.call_to_action import CACHE_KEY
from subscriptions.models import SignupCopy, Subscriber
from tests.factories import TermFactory, edit, publish, unpublish
from tests.real_servers import PrivateRedis, TcpProxy
from tests.subscriptions.conftest import SAME_ORIGIN

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not PrivateRedis.installed(), reason="redis-server is not installed"),
]


def cache_settings(url: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": "glossary_site.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "glossary",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        }
    }


@pytest.fixture
def redis_server():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The site's cache on the private Redis; it tries Redis again on every call (no pause)."""
    settings.CACHES = cache_settings(redis_server.url, RETRY_AFTER=0)
    return redis_server


def other_process_cache(redis_server) -> ResilientRedisCache:
    """What another web process has: its own client (and fallback) on the same Redis."""
    config = cache_settings(redis_server.url, RETRY_AFTER=0)["default"]
    return ResilientRedisCache(config["LOCATION"], config)


def sign_up(client, email, django_capture_on_commit_callbacks):
    data = {"email": email, "source": "/terms/", "website": ""}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("subscriptions:signup"), data, **SAME_ORIGIN)


def test_reader_pages_keep_serving_the_editors_copy_when_redis_is_down(redis_cache):
    term = TermFactory()
    SignupCopy.objects.filter(pk=SignupCopy.SINGLETON_ID).update(headline="Edited headline")
    redis_cache.stop()
    client = Client(raise_request_exception=False)

    for url in (term.get_absolute_url(), reverse("subscriptions:signup"), "/", "/terms/"):
        response = client.get(url)
        assert response.status_code == 200, url
    # The copy comes from the database, not from built-in defaults.
    assert "Edited headline" in client.get(term.get_absolute_url()).content.decode()


def test_signups_are_recorded_and_still_rate_limited_while_redis_is_down(
    redis_cache, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 2
    redis_cache.stop()
    client = Client(raise_request_exception=False)

    answers = [
        sign_up(client, f"reader{n}@example.com", django_capture_on_commit_callbacks)
        for n in range(3)
    ]

    assert [a.status_code for a in answers[:2]] == [303, 303]
    assert answers[2].status_code == 429  # The per-process limit still counts.
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "reader0@example.com",
        "reader1@example.com",
    }
    assert len(mailoutbox) == 2


def test_healthz_reports_the_cache_down_then_back(redis_cache, client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}

    redis_cache.stop()
    down = client.get("/healthz")
    assert down.status_code == 200  # The site still serves: keep it in the load balancer.
    assert down.json() == {"status": "degraded", "database": "ok", "cache": "down"}

    redis_cache.start()
    assert client.get("/healthz").json()["status"] == "ok"


def test_the_outage_is_logged_once_not_per_request(redis_cache, caplog):
    term = TermFactory()
    redis_cache.stop()
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.WARNING, logger="glossary_site.cache"):
        for _ in range(5):
            assert client.get(term.get_absolute_url()).status_code == 200

    warnings = [r for r in caplog.records if r.name == "glossary_site.cache"]
    assert len(warnings) == 1
    assert "does not answer" in warnings[0].getMessage()


@pytest.fixture
def redis_behind_a_proxy(settings, redis_server):
    """The site's cache reaches the private Redis through a proxy: cutting the proxy is a
    network partition, after which Redis still holds what it held before."""
    proxy = TcpProxy(redis_server.port)
    proxy.forward()
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{proxy.port}/0", RETRY_AFTER=0)
    yield proxy
    proxy.close()


def test_copy_edited_during_a_partition_reaches_every_process_when_redis_is_back(
    redis_behind_a_proxy, redis_server, django_capture_on_commit_callbacks
):
    term = TermFactory()
    client = Client(raise_request_exception=False)
    client.get(term.get_absolute_url())  # The copy is now in Redis for every process.
    other = other_process_cache(redis_server)
    assert other.get(CACHE_KEY)["headline"] != "Written during the outage"

    redis_behind_a_proxy.refuse()
    copy = SignupCopy.objects.get()
    copy.headline = "Written during the outage"
    with django_capture_on_commit_callbacks(execute=True):
        copy.save()  # Written through to this process's fallback only.
    assert "Written during the outage" in client.get(term.get_absolute_url()).content.decode()
    assert other.get(CACHE_KEY)["headline"] != "Written during the outage"

    redis_behind_a_proxy.forward()
    page = client.get(term.get_absolute_url())  # This process reaches Redis again ...

    # ... drops the stale copy there and reads the new one from the database: every process
    # now shows what the editor wrote.
    assert "Written during the outage" in page.content.decode()
    assert other.get(CACHE_KEY)["headline"] == "Written during the outage"


def test_after_a_failure_a_process_leaves_redis_alone_for_a_while(
    settings, redis_behind_a_proxy, redis_server
):
    settings.CACHES = cache_settings(
        f"redis://127.0.0.1:{redis_behind_a_proxy.port}/0", RETRY_AFTER=3600
    )
    other = other_process_cache(redis_server)
    cache.set("greeting", "from redis")
    redis_behind_a_proxy.refuse()
    assert cache.get("greeting") is None  # The failure opens the breaker ...
    cache.set("greeting", "from this process")
    redis_behind_a_proxy.forward()

    # ... so, Redis back or not, this process keeps its fallback until the pause is over.
    assert cache.get("greeting") == "from this process"
    assert other.get("greeting") == "from redis"
    assert cache.is_available()  # The health check asks Redis itself, and closes the breaker.
    assert other.get("greeting") is None  # The key this process missed was dropped from Redis.


def test_pages_are_made_as_usual_and_never_stored_locally_while_redis_is_down(
    redis_cache, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    term = TermFactory(title="Before")
    client = Client(raise_request_exception=False)
    redis_cache.stop()

    assert b"Before" in client.get(term.get_absolute_url()).content
    edit(term, title="After")
    with django_capture_on_commit_callbacks(execute=True):
        publish(term)  # The generation cannot be raised in Redis now ...

    # ... and nothing was stored in this process's memory, so the page is not stale.
    page = client.get(term.get_absolute_url())
    assert page.status_code == 200
    assert b"After" in page.content


def test_a_page_this_process_kept_is_not_served_while_redis_is_down(
    redis_cache, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    term = TermFactory(title="Withdrawn soon")
    client = Client(raise_request_exception=False)
    for _ in range(2):  # Stored in Redis, and kept in this process's memory.
        assert client.get(term.get_absolute_url()).status_code == 200
    redis_cache.stop()

    with django_capture_on_commit_callbacks(execute=True):
        unpublish(term)  # No process can hear of it while Redis is down ...

    # ... so no process serves what it kept: the page is made, and says the term is gone.
    assert client.get(term.get_absolute_url()).status_code == 410


def fill_up(url: str) -> None:
    """Write to Redis until it refuses writes for want of memory."""
    filler = redis.Redis.from_url(url)
    for n in range(10_000):
        try:
            filler.set(f"filler:{n}", "x" * 10_000)
        except redis.exceptions.OutOfMemoryError:
            return
    raise AssertionError("Redis never ran out of memory")


def test_a_full_redis_refusing_writes_is_an_outage_not_a_500(
    settings, django_capture_on_commit_callbacks
):
    full = PrivateRedis("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")
    full.start()
    try:
        settings.CACHES = cache_settings(full.url, RETRY_AFTER=0)
        settings.PAGE_CACHE_SECONDS = 3600
        fill_up(full.url)
        term = TermFactory()
        client = Client(raise_request_exception=False)

        assert client.get(term.get_absolute_url()).status_code == 200
        assert (
            sign_up(client, "full@example.com", django_capture_on_commit_callbacks).status_code
            == 303
        )
    finally:
        full.stop()


def test_whoever_finds_redis_again_starts_a_new_content_generation(
    redis_behind_a_proxy, redis_server, settings
):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.CACHES["default"]["OPTIONS"]["INVALIDATE_ON_RECOVERY"] = [GENERATION_KEY]
    term = TermFactory()
    client = Client(raise_request_exception=False)
    client.get(term.get_absolute_url())
    shared = other_process_cache(redis_server)
    before = shared.get(GENERATION_KEY)
    assert before is not None

    # Meanwhile another process (a command, since exited) may have changed content it could
    # not announce. This process only sees that Redis was gone ...
    redis_behind_a_proxy.refuse()
    client.get(term.get_absolute_url())
    redis_behind_a_proxy.forward()
    client.get(term.get_absolute_url())

    # ... so on finding it again it retires every stored page.
    assert shared.get(GENERATION_KEY) != before

"""The shared cache, kept answering when Redis does not.

Reader pages read the call to action's copy from the cache and signups count their rate limits
in it. If Redis is stopped, unreachable or hung, a plain ``RedisCache`` raises on every call
and every such page answers 500. ``ResilientRedisCache`` catches Redis's connection errors and
timeouts and answers from a local-memory cache of the process instead:

- a read misses (callers then read the database, as after a flush), a write is kept locally,
  so the copy is read once per process and rate limits are still counted, per process;
- after a failure the process stops trying Redis for ``RETRY_AFTER`` seconds (a circuit
  breaker), so an outage costs each request nothing, not a socket timeout per cache call;
- a warning is logged when Redis is first found down and then at most once a minute, and an
  info line when it answers again;
- keys written while Redis was down are deleted from Redis when it answers again, so no
  process keeps reading a value that one process replaced during the outage (the next read
  takes it from the database), and so are the ``INVALIDATE_ON_RECOVERY`` keys, which another
  process (a command that has since exited) may have changed without reaching Redis.

Socket timeouts come from ``OPTIONS`` (``socket_connect_timeout``, ``socket_timeout``), as
for ``RedisCache``; ``RETRY_AFTER``, ``WARNING_INTERVAL`` and ``INVALIDATE_ON_RECOVERY`` are
ours and are not passed to redis-py.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

# What "Redis cannot serve us" looks like: refused, reset, unreachable, timed out, loading, and
# also refusing writes (out of memory, a read-only replica after a failover).
REDIS_UNAVAILABLE = (redis.exceptions.RedisError, OSError)

_ALL_KEYS = object()  # Marks a clear() made while Redis was down.


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis-py client per server.

    Django makes a new ``redis.Redis`` for every cache call, and redis-py builds its table of
    response callbacks each time: about 0.1 ms, a third of what a stored page costs to serve
    (glossary_site/page_cache.py). A client owns no connection (each command borrows one from
    the server's pool), so one per server is safe to share between calls and threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # Pools live as long as this object.
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache`` that falls back to a per-process local cache while Redis is down."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.warning_interval = float(options.pop("WARNING_INTERVAL", 60))
        # Keys deleted from Redis whenever a process finds it again: what another process may
        # have changed meanwhile without reaching Redis (the page cache's content generation).
        self.invalidate_on_recovery = list(options.pop("INVALIDATE_ON_RECOVERY", []))
        # No retries inside redis-py (by default three, with backoff, on every call): the
        # fallback and the pause between attempts are the retry policy.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = KeptClientRedisCacheClient
        self._fallback = LocMemCache(
            f"redis-fallback-{id(self)}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
        )
        self._lock = threading.Lock()
        self._down = False
        self._down_until = 0.0
        self._last_warning = float("-inf")
        self._written_while_down: set = set()

    # --- the cache API: each call goes to Redis, or to the fallback while Redis is down ---

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", (key, value, timeout, version), written=[(key, version)])

    def get(self, key, default=None, version=None):
        return self._call("get", (key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", (key, value, timeout, version), written=[(key, version)])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", (key, timeout, version), written=[(key, version)])

    def delete(self, key, version=None):
        return self._call("delete", (key, version), written=[(key, version)])

    def get_many(self, keys, version=None):
        return self._call("get_many", (keys, version))

    def has_key(self, key, version=None):
        return self._call("has_key", (key, version))

    def incr(self, key, delta=1, version=None):
        return self._call("incr", (key, delta, version), written=[(key, version)])

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        written = [(key, version) for key in data]
        return self._call("set_many", (data, timeout, version), written=written)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", (keys, version), written=[(k, version) for k in keys])

    def clear(self):
        return self._call("clear", (), written=[_ALL_KEYS])

    # --- health ---

    def is_available(self) -> bool:
        """Ask Redis now (whatever the circuit breaker says) and return whether it answered."""
        try:
            self._cache.get_client(write=True).ping()
        except REDIS_UNAVAILABLE as error:
            self._went_down(error)
            return False
        self._came_back()
        return True

    def serving_locally(self) -> bool:
        """True while this process answers from its own memory instead of Redis: what is
        read and written now is not shared with other processes."""
        return time.monotonic() < self._down_until

    # --- internals ---

    def _call(self, name, args, written=()):
        if time.monotonic() < self._down_until:
            return self._locally(name, args, written)
        try:
            result = getattr(super(), name)(*args)
        except REDIS_UNAVAILABLE as error:
            self._went_down(error)
            return self._locally(name, args, written)
        if self._down:
            self._came_back()
        return result

    def _locally(self, name, args, written):
        with self._lock:
            self._written_while_down.update(written)
        return getattr(self._fallback, name)(*args)

    def _went_down(self, error):
        now = time.monotonic()
        with self._lock:
            self._down = True
            self._down_until = now + self.retry_after
            warn = now - self._last_warning >= self.warning_interval
            if warn:
                self._last_warning = now
        if warn:
            logger.warning(
                "The cache (Redis) does not answer (%s: %s); serving from this process's "
                "local memory and trying Redis again every %g s.",
                type(error).__name__,
                error,
                self.retry_after,
            )

    def _came_back(self):
        """Redis answers again: forget what it missed, then the local copies."""
        with self._lock:
            if not self._down:
                return
            missed, self._written_while_down = self._written_while_down, set()
            self._down, self._down_until = False, 0.0
        try:
            if _ALL_KEYS in missed:
                super().clear()
            else:
                for key, version in missed:
                    super().delete(key, version)
                super().delete_many(self.invalidate_on_recovery)
        except REDIS_UNAVAILABLE as error:
            with self._lock:
                self._written_while_down |= missed
            self._went_down(error)
            return
        self._fallback.clear()
        logger.info(
            "The cache (Redis) answers again; %d key(s) written meanwhile were dropped from it.",
            len(missed),
        )

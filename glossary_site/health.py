"""The load balancer's health check: is the database there, is the cache?

``/healthz`` answers JSON ``{"status": …, "database": …, "cache": …}``:

- 200 ``ok``: both answer;
- 200 ``degraded``: the database answers but the cache does not. The site keeps serving (the
  cache falls back to each process's memory, see glossary_site/cache.py), so a load balancer
  must keep sending traffic; monitoring should alert on ``degraded``;
- 503 ``unavailable``: the database does not answer, with ``Retry-After``.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from glossary_site.database_outage import retry_after_seconds

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Check the database and the cache, each within its own timeouts."""
    database = "ok" if _database_answers() else "down"
    cache_state = "ok" if _cache_answers() else "down"
    if database != "ok":
        response = JsonResponse(
            {"status": "unavailable", "database": database, "cache": cache_state}, status=503
        )
        response["Retry-After"] = str(retry_after_seconds())
        return response
    status = "ok" if cache_state == "ok" else "degraded"
    return JsonResponse({"status": status, "database": database, "cache": cache_state})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: the database does not answer (%s)", error)
        return False
    return True


def _cache_answers() -> bool:
    # The resilient Redis cache swallows outages; it can be asked directly. Other backends
    # (local memory) raise if anything is wrong.
    is_available = getattr(cache, "is_available", None)
    if is_available is not None:
        return is_available()
    try:
        cache.get("healthz:probe")
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False
    return True

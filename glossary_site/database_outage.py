"""When the database does not answer: 503 with Retry-After, never a hung worker or a 500.

Timeouts (settings: DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT, DATABASE_TCP_TIMEOUT)
make a refused, unreachable or hung PostgreSQL raise within seconds. This module turns those
errors into the site's own "temporarily unavailable" answer:

- ``DatabaseOutageMiddleware`` catches them from views and templates. When the connection itself
  is gone (it could not be made, or broke), the process answers 503 at once for the next
  DATABASE_RETRY_AFTER seconds instead of making every request wait for its own timeout, then
  tries again: the site recovers without a restart.
- ``server_error`` (the project's handler500) does the same for errors raised anywhere else in
  the request (middleware, response processing), so they never show as a 500.

Browsers get the 503 page (templates/503.html, rendered without touching the database);
JSON clients (the API, type-ahead, the signup form's fetch) get JSON.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

UNAVAILABLE = (OperationalError, InterfaceError)
MESSAGE = "The glossary cannot reach its database right now. Please try again in a minute."

_lock = threading.Lock()
_failing_fast_until = 0.0


def retry_after_seconds() -> int:
    """What Retry-After says, and how long a process answers 503 without asking the database."""
    return settings.DATABASE_RETRY_AFTER


def wants_json(request) -> bool:
    """JSON clients: the API, the type-ahead and anyone whose Accept prefers JSON to HTML."""
    if request.path.startswith(("/api/", "/search/suggest/")):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def unavailable_response(request) -> HttpResponse:
    """The 503 answer for ``request``: JSON or the site's page, with Retry-After, never cached."""
    retry_after = retry_after_seconds()
    if wants_json(request):
        response = JsonResponse(
            {
                "status": "unavailable",
                "title": "Temporarily unavailable",
                "message": MESSAGE,
                "error": MESSAGE,
                "retry_after": retry_after,
            },
            status=503,
        )
        # The API is open to any origin; its clients must be able to read this answer too.
        response["Access-Control-Allow-Origin"] = "*"
    else:
        # No request context: context processors could touch the session or the database.
        html = render_to_string(
            "503.html", {"site_name": settings.SITE_NAME, "retry_after": retry_after}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` says the database could not be reached or did not answer in time."""
    return isinstance(error, UNAVAILABLE)


def _connection_lost() -> bool:
    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        if raw is None or getattr(raw, "closed", False) or getattr(raw, "broken", False):
            return True
    return False


def _fail_fast_for_a_while() -> None:
    global _failing_fast_until
    with _lock:
        _failing_fast_until = time.monotonic() + retry_after_seconds()


def failing_fast() -> bool:
    """True while this process answers 503 without trying the database."""
    return time.monotonic() < _failing_fast_until


def handle(request, error: BaseException) -> HttpResponse:
    """Log the outage and answer 503; stop trying for a while if the connection is gone."""
    lost = _connection_lost()
    if lost:
        _fail_fast_for_a_while()
    logger.error(
        "Database unavailable (%s: %s) on %s %s; answering 503%s.",
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
        request.method,
        request.path,
        f" for the next {retry_after_seconds()} s" if lost else "",
    )
    return unavailable_response(request)


class DatabaseOutageMiddleware:
    """Answer 503 instead of 500 (or a hung worker) while the database is unavailable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The health check always asks the database itself: it is how the outage is seen.
        if failing_fast() and request.path != "/healthz":
            return unavailable_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            return handle(request, exception)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a database outage raised outside a view still answers 503."""
    error = sys.exc_info()[1]
    if database_unavailable(error):
        return handle(request, error)
    return defaults.server_error(request, template_name)

"""The search log behind the editors' "Wanted terms": what readers searched for, never who.

A reader's search is counted under its normalised text and the day (``SearchLogEntry``), with
how many terms it found; opening a result from the results page (a beacon from
``static/js/search-log.js``) counts once per search. Nothing about the reader is stored: no
IP address, user agent, user or session. To count a reader's reloads and repeated identical
requests once, a short-lived cache key holding a salted hash of their address, user agent
and query is kept for ``SEARCH_LOG_DEDUPE_SECONDS`` and never written anywhere else. Bots
(by their user agent), prefetches and requests without a user agent are not counted.

The counting itself is written by the task worker (``count_search``, ``count_opened``), so a
search waits for no write of its own beyond queueing, and a failure to log never fails a
search. Nothing here sets a cookie or a Vary header: pages stay as cacheable as before.
Rows older than ``SEARCH_LOG_DAYS`` are deleted by ``manage.py purge_search_log``.
"""

import logging
import re
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task

from glossary_site.clients import client_ip, client_network
from terms.models import SearchLogEntry

logger = logging.getLogger(__name__)

QUERY_MAX_LENGTH = 200
# Crawlers, link previewers, monitors and scripts: their searches are not readers' wants.
BOT_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiv|scrap|fetch|preview|monitor|uptime|pingdom|"
    r"lighthouse|headless|phantom|selenium|curl|wget|python|httpx|aiohttp|java/|go-http|"
    r"okhttp|libwww|perl|ruby|axios|node-fetch|facebookexternalhit|embedly|whatsapp|"
    r"telegram|discord|slack|skype",
    re.IGNORECASE,
)
SEARCHED, OPENED = 1, 2


def normalise(query: str) -> str:
    """How a query is counted: lowercase, single-spaced, at most 200 characters."""
    return " ".join((query or "").lower().split())[:QUERY_MAX_LENGTH]


def is_bot(request) -> bool:
    """Whether a request should not count as a reader's search."""
    agent = request.headers.get("User-Agent", "")
    purpose = f"{request.headers.get('Sec-Purpose', '')} {request.headers.get('Purpose', '')}"
    return not agent.strip() or bool(BOT_AGENT.search(agent)) or "prefetch" in purpose.lower()


def _client_key(request, query: str) -> str:
    """The cache key standing for this client and query for a few minutes: an HMAC (salted
    with the secret key), from which neither the address nor the agent can be read back."""
    who = "\x00".join(
        (client_network(client_ip(request)), request.headers.get("User-Agent", ""), query)
    )
    return "search-log:" + salted_hmac("terms.search.log", who, algorithm="sha256").hexdigest()


def _today() -> str:
    return timezone.localdate().isoformat()


def record_search(request, query: str, results: int) -> None:
    """Count a reader's search of ``query`` that found ``results`` terms, once per client
    and query within SEARCH_LOG_DEDUPE_SECONDS. Never raises."""
    query = normalise(query)
    if not query or is_bot(request):
        return
    try:
        if not cache.add(_client_key(request, query), SEARCHED, settings.SEARCH_LOG_DEDUPE_SECONDS):
            return
        count_search.enqueue(query, _today(), results)
    except Exception:  # A log that cannot be written must not fail a search.
        logger.warning("Search not logged", exc_info=True)


def record_opened(request, query: str) -> bool:
    """Count that a result of ``query`` was opened, at most once per counted search of this
    client. Returns whether it was counted. Never raises."""
    query = normalise(query)
    if not query or is_bot(request):
        return False
    key = _client_key(request, query)
    try:
        # Only after a search this client made (and was counted), and only once for it.
        if cache.get(key) != SEARCHED:
            return False
        cache.set(key, OPENED, settings.SEARCH_LOG_DEDUPE_SECONDS)
        count_opened.enqueue(query, _today())
    except Exception:
        logger.warning("Opened result not logged", exc_info=True)
        return False
    return True


def _add(query: str, day: date, **changes) -> None:
    """Apply ``changes`` to the (query, day) row, creating it if it is the first of the day;
    safe when two workers count the same query at once."""
    rows = SearchLogEntry.objects.filter(query=query, day=day)
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            SearchLogEntry.objects.create(query=query, day=day)
    except IntegrityError:
        pass  # Another worker made it first.
    rows.update(**changes)


@task()
def count_search(query: str, day: str, results: int) -> None:
    """One more search of ``query`` on ``day``, which found ``results`` terms."""
    _add(normalise(query), date.fromisoformat(day), searches=F("searches") + 1, results=results)


@task()
def count_opened(query: str, day: str) -> None:
    """One more search of ``query`` on ``day`` after which a result was opened."""
    query, day = normalise(query), date.fromisoformat(day)
    # Only under a search counted that day (one made just before midnight counts there).
    for when in (day, day - timedelta(days=1)):
        rows = SearchLogEntry.objects.filter(query=query, day=when, opened__lt=F("searches"))
        if rows.update(opened=F("opened") + 1):
            return


def purge(*, days: int | None = None, dry_run: bool = False) -> int:
    """Delete the log's rows older than ``days`` (default SEARCH_LOG_DAYS); return how many
    were (or, with ``dry_run``, would be) deleted."""
    days = settings.SEARCH_LOG_DAYS if days is None else days
    old = SearchLogEntry.objects.filter(day__lt=timezone.localdate() - timedelta(days=days))
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted

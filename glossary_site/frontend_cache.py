"""Telling a CDN or Varnish in front of the site to drop pages that changed (optional).

Pages stored by this site's own page cache are made fresh by the content generation
(glossary_site/page_cache.py). A cache in front of the site keeps reader pages for
HTTP_CACHE_S_MAXAGE seconds; with FRONTEND_CACHE_PURGE_URLS set, each change also sends
FRONTEND_CACHE_PURGE_METHOD (``PURGE`` by default, as Varnish and most CDNs' purge endpoints
expect) for every affected path to each of those addresses, with the public site's Host.
Requests go out after the change commits, from the task worker, so a slow or failing CDN
never slows or fails an editor's save; a failed purge is logged, and the page then expires by
its s-maxage.
"""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django_tasks import task

from glossary_site.public_address import host

logger = logging.getLogger(__name__)

TIMEOUT = 3


def purge_after_commit(paths) -> None:
    """Once the current transaction commits, ask the front caches to drop ``paths``."""
    if not settings.FRONTEND_CACHE_PURGE_URLS:
        return
    paths = sorted({path for path in paths if path})
    if paths:
        transaction.on_commit(lambda: purge_pages.enqueue(paths))


@task()
def purge_pages(paths: list[str]) -> int:
    """Send one purge request per path to each configured front cache; how many succeeded."""
    done = 0
    for endpoint in settings.FRONTEND_CACHE_PURGE_URLS:
        for path in paths:
            if not _purge(endpoint, path):
                # One failure is enough to say this cache is out: do not hold the worker (and
                # the emails queued behind it) for a timeout per remaining path.
                logger.warning("Skipping %d more purges at %s", len(paths) - 1, endpoint)
                break
            done += 1
    return done


def _purge(endpoint: str, path: str) -> bool:
    address = urlsplit(endpoint)
    connection_class = (
        http.client.HTTPSConnection if address.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(address.hostname, address.port, timeout=TIMEOUT)
    try:
        connection.request(
            settings.FRONTEND_CACHE_PURGE_METHOD,
            f"{address.path.rstrip('/')}{path}",
            headers={"Host": host()},
        )
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException, ValueError) as error:
        logger.warning("Purging %s at %s failed: %s", path, endpoint, error)
        return False
    finally:
        connection.close()
    if status >= 400:
        logger.warning("Purging %s at %s answered %s", path, endpoint, status)
        return False
    return True

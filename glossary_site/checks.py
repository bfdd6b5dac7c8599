"""System checks on the site's own settings (``manage.py check``, run by ``migrate`` and
``runserver`` too).

SITE_URL is the address in every email link (List-Unsubscribe among them), canonical link,
feed and API response. Mailbox providers require HTTPS for one-click unsubscribe, and a
plain-HTTP canonical address undoes HSTS for every reader who follows it, so a production
site (DEBUG off) with an ``http://`` SITE_URL is an error unless it says it is local
(``ALLOW_HTTP_SITE_URL=1``: ``make serve``, the benchmarks and the tests' servers).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def check_site_url(app_configs=None, **kwargs) -> list[Error]:
    """glossary_site.E001: SITE_URL is not an absolute http(s) address.
    glossary_site.E002: SITE_URL is plain HTTP with DEBUG off and no local allowance."""
    site_url = settings.SITE_URL
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return [
            Error(
                f"SITE_URL {site_url!r} is not an absolute http(s) address.",
                hint="Set SITE_URL to the site's public address, e.g. https://glossary.example.com",
                id="glossary_site.E001",
            )
        ]
    if parts.scheme == "http" and not settings.DEBUG and not settings.ALLOW_HTTP_SITE_URL:
        return [
            Error(
                f"SITE_URL {site_url!r} is plain HTTP while DEBUG is off: email unsubscribe "
                "links, canonical links, feeds and the API would point readers at HTTP.",
                hint=(
                    "Set SITE_URL to the site's https:// address, or ALLOW_HTTP_SITE_URL=1 "
                    "for a server on this machine only."
                ),
                id="glossary_site.E002",
            )
        ]
    return []

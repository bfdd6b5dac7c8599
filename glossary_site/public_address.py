"""The site's public address (SITE_URL): absolute links for canonical URLs, JSON-LD, the API,
feeds, sitemaps and emails, all built here."""

import re
from urllib.parse import urlsplit

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` (starting with "/") on the public site."""
    return f"{settings.SITE_URL}{path}"


# Sanitized HTML (nh3) quotes every attribute with double quotes; these are the site-relative
# addresses (a path from the root; "//host" is another site and stays as it is).
_RELATIVE_ADDRESS = re.compile(r'(\s(?:href|src))="(/[^/"][^"]*|/)"')


def absolute_addresses(html: str) -> str:
    """``html`` (sanitized) with its site-relative ``href`` and ``src`` addresses made absolute:
    for HTML read away from the site, in an email or through the API."""
    return _RELATIVE_ADDRESS.sub(
        lambda match: f'{match.group(1)}="{absolute(match.group(2))}"', html
    )


def scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme


def host() -> str:
    """The host and port, as in "glossary.example.com"."""
    return urlsplit(settings.SITE_URL).netloc

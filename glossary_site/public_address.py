"""The site's public address (SITE_URL): absolute links for canonical URLs, JSON-LD, the API,
feeds, sitemaps and emails, all built here."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` (starting with "/") on the public site."""
    return f"{settings.SITE_URL}{path}"


def scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme


def host() -> str:
    """The host and port, as in "glossary.example.com"."""
    return urlsplit(settings.SITE_URL).netloc

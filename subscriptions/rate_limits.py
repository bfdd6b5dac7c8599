"""Signup rate limits, counted in the shared cache: per client IP and per address.

Cache keys hold an HMAC of the IP or address, never the value itself, and expire with their
window; nothing about a visitor's IP is written to the database.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from glossary_site.clients import client_network

HOUR = 60 * 60
DAY = 24 * HOUR


def allow_signup(*, client_ip: str, email: str) -> bool:
    """Count one signup attempt and return False when it is over a limit.

    Per client IP, NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR attempts an hour. Per address (whatever
    its status, so the answer reveals nothing), one attempt every
    NEWSLETTER_ADDRESS_EMAIL_INTERVAL seconds and NEWSLETTER_ADDRESS_EMAILS_PER_DAY a day.
    """
    if client_ip and not _count_within(
        _key("ip", client_network(client_ip)), settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR, HOUR
    ):
        return False
    address = email.lower()
    # cache.add is atomic: of two simultaneous attempts for one address, only one gets in.
    if not cache.add(
        _key("address-interval", address), 1, timeout=settings.NEWSLETTER_ADDRESS_EMAIL_INTERVAL
    ):
        return False
    return _count_within(
        _key("address-day", address), settings.NEWSLETTER_ADDRESS_EMAILS_PER_DAY, DAY
    )


def _count_within(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # The window expired between add() and incr().
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def _key(kind: str, value: str) -> str:
    digest = salted_hmac("subscriptions.rate-limit", value, algorithm="sha256").hexdigest()
    return f"newsletter:rate:{kind}:{digest}"

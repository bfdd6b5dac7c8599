"""Signup rate limits, counted in the shared cache: per client IP and per address.

Cache keys hold an HMAC of the IP or address, never the value itself, and expire with their
window; nothing about a visitor's IP is written to the database.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HOUR = 60 * 60
DAY = 24 * HOUR


def client_ip(request) -> str:
    """Return the client's IP address.

    ``REMOTE_ADDR``, or, when NEWSLETTER_TRUSTED_PROXY_COUNT proxies sit in front of the app,
    the address the outermost of them appended to ``X-Forwarded-For`` (entries further left
    are written by the client and cannot be trusted).
    """
    proxies = settings.NEWSLETTER_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_network(ip: str) -> str:
    """What one client is, for the per-IP limit: the address, or its /64 for IPv6 (one
    subscriber line gets a whole /64, so single IPv6 addresses cost an abuser nothing)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


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

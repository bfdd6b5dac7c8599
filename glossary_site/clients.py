"""Who a request comes from: the client's address behind the proxies the site trusts.

One rule for everything that counts clients (signup rate limits, the search log's
once-per-client window), so a client cannot be counted twice by writing its own
``X-Forwarded-For``.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """Return the client's IP address.

    ``REMOTE_ADDR``, or, when TRUSTED_PROXY_COUNT proxies sit in front of the app, the address
    the outermost of them appended to ``X-Forwarded-For`` (entries further left are written by
    the client and cannot be trusted).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_network(ip: str) -> str:
    """What one client is, for counting: the address, or its /64 for IPv6 (one subscriber line
    gets a whole /64, so single IPv6 addresses cost an abuser nothing)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))

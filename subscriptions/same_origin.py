"""Refusing cross-site signup POSTs without a CSRF cookie.

Term pages stay cacheable for everyone, so the signup form carries no per-visitor token.
A browser tells us where a POST came from: ``Sec-Fetch-Site`` (all current browsers) and
``Origin`` (every browser for a cross-origin POST). A request from another site is refused;
one with neither header did not come from a browser acting for someone else.
"""

from urllib.parse import urlsplit

from django.conf import settings

ALLOWED_FETCH_SITES = {"same-origin", "none"}  # "none": the visitor's own action, e.g. a bookmark


def site_origins(request) -> set[str]:
    """The origins this site answers on: SITE_URL, the request's own, CSRF_TRUSTED_ORIGINS."""
    origins = {_origin(settings.SITE_URL), f"{request.scheme}://{request.get_host()}"}
    origins.update(_origin(origin) for origin in settings.CSRF_TRUSTED_ORIGINS if "*" not in origin)
    return origins


def is_same_origin_request(request) -> bool:
    """True unless the browser says the request came from another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.lower() not in ALLOWED_FETCH_SITES:
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        origin = _origin(origin)  # "null" (sandboxed frames, file: pages) gives ""
        return bool(origin) and origin in site_origins(request)
    return True


def _origin(url: str) -> str:
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"

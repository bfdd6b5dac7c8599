"""Where a signup came from: a path on this site (never another site), and its UTM tags."""

import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

MAX_PATH_LENGTH = 200
MAX_TAG_LENGTH = 100
MAX_RAW_LENGTH = 2000


@dataclass(frozen=True)
class SourcePage:
    path: str = ""
    utm_source: str = ""
    utm_campaign: str = ""

    @property
    def with_tags(self) -> str:
        """The path and its UTM tags, as a form carries them to the next request."""
        tags = {
            name: value
            for name, value in (
                ("utm_source", self.utm_source),
                ("utm_campaign", self.utm_campaign),
            )
            if value
        }
        return f"{self.path}?{urlencode(tags)}" if self.path and tags else self.path


def parse_source(raw: str | None) -> SourcePage:
    """Return the local path in ``raw`` and its ``utm_source``/``utm_campaign``, or an empty one.

    Only a path on this site is kept (``/terms/x/``): absolute URLs, scheme-relative
    ``//host`` paths, backslashes and control characters give an empty ``SourcePage``, so the
    "back to the page" link can never send a visitor elsewhere.
    """
    raw = (raw or "").strip()
    if not raw or len(raw) > MAX_RAW_LENGTH or not raw.startswith("/"):
        return SourcePage()
    if raw.startswith("//") or "\\" in raw or any(_is_control(char) for char in raw):
        return SourcePage()
    if not url_has_allowed_host_and_scheme(raw, allowed_hosts=None):
        return SourcePage()
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or len(parts.path) > MAX_PATH_LENGTH:
        return SourcePage()
    query = parse_qs(parts.query)
    return SourcePage(
        path=parts.path,
        utm_source=_first(query, "utm_source"),
        utm_campaign=_first(query, "utm_campaign"),
    )


def _first(query: dict[str, list[str]], name: str) -> str:
    values = query.get(name) or [""]
    return values[0].strip()[:MAX_TAG_LENGTH]


def _is_control(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("C")

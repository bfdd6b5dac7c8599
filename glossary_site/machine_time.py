"""Times written for machines: ``<time datetime>``, JSON-LD, the API, sitemaps.

One format everywhere: UTC to the second, ``2026-12-03T06:57:35Z``. HTML's ``datetime``
attribute allows at most three fractional digits (Django's ``date:'c'`` and ``isoformat()``
write six), and no reader needs them.
"""

from datetime import UTC, date, datetime


def machine_datetime(value: datetime | date | None) -> str:
    """``value`` as a valid HTML global date-and-time string (a date stays a date); "" for
    None. A naive datetime is taken as UTC."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not a date or datetime: {value!r}")

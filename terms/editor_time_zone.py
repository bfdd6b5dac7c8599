"""Editors read and type times in their own time zone (``EditorPreference.time_zone``).

For a signed-in staff user on an admin page, the middleware activates that zone for the
request: Django then shows every aware datetime in it and reads every typed one in it (form
fields, the workflow panel's go-live time, the history, the log). Readers' pages are left
alone: they show no times that depend on who reads them.
"""

import zoneinfo

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from terms.models import EditorPreference


def zone_of(user) -> zoneinfo.ZoneInfo:
    """The time zone ``user`` reads times in (the site's when they chose none), one query."""
    name = EditorPreference.objects.time_zone_of(user)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone this machine no longer knows (an older tzdata): the site's.
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def admin_prefix() -> str | None:
    """Where the admin is mounted in the current URLconf, or None where it has none (sites and
    tests built without it)."""
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


class EditorTimeZoneMiddleware:
    """Activate the editor's time zone for admin requests (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        prefix = admin_prefix()
        if (
            prefix is not None
            and request.path.startswith(prefix)
            and user is not None
            and user.is_authenticated
            and user.is_staff
        ):
            timezone.activate(zone_of(user))
            try:
                return self.get_response(request)
            finally:
                timezone.deactivate()
        return self.get_response(request)

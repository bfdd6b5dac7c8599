"""Each editor's own settings: the time zone the admin shows and reads times in, and whether
the editorial workflow may email them."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def site_time_zone() -> str:
    """The default for a new editor: the site's TIME_ZONE (read when the row is made, so a
    migration never freezes it)."""
    return settings.TIME_ZONE


def time_zone_names() -> list[str]:
    """Every IANA zone name this machine knows, sorted."""
    return sorted(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    # available_timezones() rather than ZoneInfo(value): ZoneInfo also opens paths such as
    # "../../etc/localtime" and keys that are merely files.
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone name; choose one such as Europe/Paris.",
            code="invalid_time_zone",
            params={"value": value[:60]},
        )


class EditorPreferenceQuerySet(models.QuerySet):
    def for_user(self, user) -> "EditorPreference":
        """``user``'s preferences: the saved row, or an unsaved one with the defaults."""
        found = self.filter(user=user).first() if user.pk else None
        return found or EditorPreference(user=user)

    def time_zone_of(self, user) -> str:
        """The zone name ``user`` reads times in, in one query (the site's by default)."""
        value = self.filter(user=user).values_list("time_zone", flat=True).first()
        return value or site_time_zone()


class EditorPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_preference"
    )
    time_zone = models.CharField(
        max_length=64,
        default=site_time_zone,
        validators=[validate_time_zone],
        help_text="Every date and time in the admin is shown in this zone, and read in it.",
    )
    email_notifications = models.BooleanField(
        "email me about my terms and reviews",
        default=True,
        help_text="Submissions to review, requested changes, approvals and publications.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditorPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "editor preference"
        verbose_name_plural = "editor preferences"

    def __str__(self):
        return f"Preferences of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

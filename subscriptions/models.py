"""Newsletter subscribers, and the editable copy of the call to action."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from subscriptions import addresses, offer
from subscriptions.offer import DEFAULT_COPY
from terms.models.content import unique_ignoring_case


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email: str):
        """The subscriber with this (normalized) address, compared case-insensitively.

        Filters on ``Lower("email")`` so PostgreSQL can use the unique functional index.
        """
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def confirmation_owed(self):
        """Pending subscribers whose latest confirmation email has not been sent yet."""
        return (
            self.filter(status=Subscriber.Status.PENDING)
            .filter(
                Q(confirmation_sent_at__isnull=True)
                | Q(confirmation_sent_at__lt=models.F("confirmation_requested_at"))
            )
            .not_suppressed()
        )

    def not_suppressed(self):
        """Addresses the provider has not reported as a hard bounce or a complaint: nothing
        is sent to those. A subquery, not a join, so ``select_for_update`` can lock the rows."""
        # Suppression is defined after this module's classes (imported at its end).
        return self.exclude(pk__in=Suppression.objects.values("subscriber_id"))

    def welcome_owed(self):
        """Confirmed subscribers whose welcome email was asked for and has not been sent."""
        return (
            self.filter(status=Subscriber.Status.CONFIRMED, welcome_requested_at__isnull=False)
            .filter(
                Q(welcome_sent_at__isnull=True)
                | Q(welcome_sent_at__lt=models.F("welcome_requested_at"))
            )
            .not_suppressed()
        )


class Status(models.TextChoices):
    PENDING = "pending", "Pending confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"


class Subscriber(models.Model):
    """One address on the list. Only what the newsletter needs is stored: no IP, no name."""

    Status = Status

    email = models.CharField(
        max_length=addresses.MAX_LENGTH, help_text="Normalized: trimmed, domain lower-cased (IDNA)."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_up_at = models.DateTimeField(
        help_text="When the current signup began; confirm links from earlier signups stop working."
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="The consent proof: when the address was confirmed."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=200, blank=True, help_text="The site path of the page the form was on."
    )
    utm_source = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    consent_text = models.TextField(help_text="The consent wording shown next to the form.")
    confirmation_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When a confirmation email was last asked for."
    )
    confirmation_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a confirmation email was last handed to the mail server.",
    )

    welcome_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When a welcome email became owed (at confirmation)."
    )
    welcome_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the welcome email was handed to the mail server."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_subscriber", "Can export confirmed subscribers as CSV")]
        constraints = [
            unique_ignoring_case(
                "email",
                "subscriptions_subscriber_email_unique_ci",
                "This address is already on the list.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="subscriptions_subscriber_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="subscriptions_subscriber_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.UNSUBSCRIBED) | Q(unsubscribed_at__isnull=False),
                name="subscriptions_subscriber_unsubscribed_has_time",
            ),
            models.CheckConstraint(
                # A new signup starts over: no consent proof until it is confirmed.
                condition=~Q(status=Status.PENDING) | Q(confirmed_at__isnull=True),
                name="subscriptions_subscriber_pending_not_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["status", "signed_up_at"], name="subscr_status_signed_idx")]

    def __str__(self):
        return self.email


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"

    def often(self) -> str:
        """How often, in words: "every week"."""
        return {
            Frequency.DAILY: "every day",
            Frequency.WEEKLY: "every week",
            Frequency.FORTNIGHTLY: "every two weeks",
            Frequency.MONTHLY: "every month",
        }[self]

    def when(self, day: str) -> str:
        """When it comes, in words: "every Friday", or how often when no day is set."""
        if not day or self is Frequency.DAILY:
            return self.often()
        day_name = Weekday(day).label
        return {
            Frequency.WEEKLY: f"every {day_name}",
            Frequency.FORTNIGHTLY: f"every other {day_name}",
            Frequency.MONTHLY: f"on the first {day_name} of each month",
        }[self]


class Weekday(models.TextChoices):
    MONDAY = "monday", "Monday"
    TUESDAY = "tuesday", "Tuesday"
    WEDNESDAY = "wednesday", "Wednesday"
    THURSDAY = "thursday", "Thursday"
    FRIDAY = "friday", "Friday"
    SATURDAY = "saturday", "Saturday"
    SUNDAY = "sunday", "Sunday"


def _placeholder_help(extra: str = "") -> str:
    names = ", ".join(f"{{{name}}}" for name in offer.PLACEHOLDERS)
    return f"{extra} May use {names}.".strip()


class SignupCopy(models.Model):
    """The newsletter's offer and every word said about it, one row for the whole site (the
    database allows no other). Texts may use the offer's placeholders (``subscriptions.offer``)."""

    SINGLETON_ID = 1
    Frequency = Frequency
    Weekday = Weekday

    # The offer.
    name = models.CharField(
        "newsletter name", max_length=80, default=DEFAULT_COPY["name"], help_text="Its {name}."
    )
    what = models.CharField(
        "what it brings",
        max_length=120,
        default=DEFAULT_COPY["what"],
        help_text="Its {what}, as it reads after “Get”: “the 5 AI stories that matter”.",
    )
    frequency = models.CharField(
        "how often", max_length=12, choices=Frequency.choices, default=DEFAULT_COPY["frequency"]
    )
    day = models.CharField(
        "which day",
        max_length=9,
        choices=Weekday.choices,
        blank=True,
        default=DEFAULT_COPY["day"],
        help_text="Blank for no set day. With “Weekly” and Friday, {when} reads “every Friday”.",
    )
    is_free = models.BooleanField(
        "free",
        default=DEFAULT_COPY["is_free"],
        help_text="{offer} then says “free”: “the 5 AI stories that matter — free, every Friday”.",
    )

    # The signup boxes.
    headline = models.CharField(
        max_length=120, default=DEFAULT_COPY["headline"], help_text=_placeholder_help()
    )
    line = models.CharField(
        "sub-line",
        max_length=240,
        default=DEFAULT_COPY["line"],
        help_text=_placeholder_help("One line under the headline."),
    )
    consent = models.CharField(
        "consent line",
        max_length=300,
        default=DEFAULT_COPY["consent"],
        help_text=_placeholder_help("Under every form, and stored with each signup."),
    )
    button_label = models.CharField(max_length=40, default=DEFAULT_COPY["button_label"])
    closing_headline = models.CharField(
        max_length=120,
        default=DEFAULT_COPY["closing_headline"],
        help_text=_placeholder_help("The second box, at the end of a term page."),
    )
    closing_line = models.CharField(
        "closing sub-line",
        max_length=240,
        default=DEFAULT_COPY["closing_line"],
        help_text=_placeholder_help(),
    )
    category_pitch = models.CharField(
        max_length=160,
        default=DEFAULT_COPY["category_pitch"],
        help_text=_placeholder_help(
            "On category pages and term pages, for categories without a pitch of their own; "
            "{category} is the category's name as it reads in a sentence."
        ),
    )

    # The /newsletter/ page.
    page_heading = models.CharField(
        "page heading",
        max_length=160,
        default=DEFAULT_COPY["page_heading"],
        help_text=_placeholder_help(),
    )
    page_lead = models.CharField(
        "page introduction",
        max_length=600,
        default=DEFAULT_COPY["page_lead"],
        help_text=_placeholder_help("Also the page's description for search engines."),
    )

    # The confirmation email, the welcome page and the welcome email.
    confirm_subject = models.CharField(
        "confirmation email subject",
        max_length=150,
        default=DEFAULT_COPY["confirm_subject"],
        help_text=_placeholder_help(),
    )
    confirm_intro = models.TextField(
        "confirmation email opening",
        max_length=2000,
        default=DEFAULT_COPY["confirm_intro"],
        help_text=_placeholder_help(
            "Before the confirm button; the link, its expiry and the unsubscribe link follow."
        ),
    )
    welcome_heading = models.CharField(
        "welcome page heading",
        max_length=120,
        default=DEFAULT_COPY["welcome_heading"],
        help_text=_placeholder_help(),
    )
    welcome_message = models.CharField(
        "welcome page message",
        max_length=500,
        default=DEFAULT_COPY["welcome_message"],
        help_text=_placeholder_help(),
    )
    welcome_email_enabled = models.BooleanField(
        "send a welcome email",
        default=DEFAULT_COPY["welcome_email_enabled"],
        help_text="Sent once, right after an address is confirmed.",
    )
    welcome_subject = models.CharField(
        "welcome email subject",
        max_length=150,
        default=DEFAULT_COPY["welcome_subject"],
        help_text=_placeholder_help(),
    )
    welcome_body = models.TextField(
        "welcome email text",
        max_length=5000,
        default=DEFAULT_COPY["welcome_body"],
        help_text=_placeholder_help("Paragraphs separated by a blank line; plain text."),
    )

    class Meta:
        verbose_name = "newsletter offer and copy"
        verbose_name_plural = "newsletter offer and copy"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="subscriptions_signupcopy_singleton"),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values),
                name="subscriptions_signupcopy_frequency_valid",
            ),
            models.CheckConstraint(
                condition=Q(day="") | Q(day__in=Weekday.values),
                name="subscriptions_signupcopy_day_valid",
            ),
            models.CheckConstraint(
                # Readers never see an empty headline, button or email subject.
                condition=Q(
                    name__gt="",
                    what__gt="",
                    headline__gt="",
                    consent__gt="",
                    button_label__gt="",
                    closing_headline__gt="",
                    page_heading__gt="",
                    confirm_subject__gt="",
                    confirm_intro__gt="",
                    welcome_heading__gt="",
                    welcome_message__gt="",
                    welcome_subject__gt="",
                    welcome_body__gt="",
                ),
                name="subscriptions_signupcopy_texts_not_empty",
            ),
        ]

    def __str__(self):
        return "Newsletter offer and copy"

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("subscriptions:signup")

    def clean(self):
        errors = {}
        single_line = (
            "name",
            "what",
            *(f for f in offer.TEXT_FIELDS if f not in offer.MULTILINE_FIELDS),
            "category_pitch",
        )
        for field in single_line:
            if any(ord(ch) < 32 for ch in getattr(self, field)):
                errors[field] = "Keep this to one line."
        for field in ("name", "what"):
            if offer.PLACEHOLDER.search(getattr(self, field)):
                errors.setdefault(field, "This is what placeholders stand for: it cannot use one.")
        allowed = set(offer.PLACEHOLDERS)
        for field, names in (
            *((field, allowed) for field in offer.TEXT_FIELDS),
            ("category_pitch", allowed | {offer.CATEGORY_PLACEHOLDER}),
        ):
            unknown = offer.unknown_placeholders(getattr(self, field), names)
            if unknown and field not in errors:
                listed = ", ".join(f"{{{name}}}" for name in unknown)
                usable = ", ".join(f"{{{name}}}" for name in sorted(names))
                errors[field] = f"Unknown placeholder {listed}. Use {usable}."
        if self.frequency == Frequency.DAILY and self.day:
            errors["day"] = "A daily newsletter has no day of the week: leave this blank."
        if errors:
            raise ValidationError(errors)

    def placeholder_values(self) -> dict[str, str]:
        """What ``{name}``, ``{what}``, ``{when}``, ``{often}`` and ``{offer}`` stand for."""
        frequency = Frequency(self.frequency)
        return offer.values_for(
            name=self.name,
            what=self.what,
            when=frequency.when(self.day),
            often=frequency.often(),
            is_free=self.is_free,
        )


# The weekly issue (composing, sending, the archive, suppressed addresses) has its own module;
# Django loads an app's models from this one.
from subscriptions.issue_models import Delivery, Issue, IssueTerm, Suppression  # noqa: E402, F401

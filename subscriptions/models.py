"""Newsletter subscribers, and the editable copy of the call to action."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from subscriptions import addresses
from terms.models import Category
from terms.models.content import unique_ignoring_case


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email: str):
        """The subscriber with this (normalized) address, compared case-insensitively.

        Filters on ``Lower("email")`` so PostgreSQL can use the unique functional index.
        """
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def confirmation_owed(self):
        """Pending subscribers whose latest confirmation email has not been sent yet."""
        return self.filter(status=Subscriber.Status.PENDING).filter(
            Q(confirmation_sent_at__isnull=True)
            | Q(confirmation_sent_at__lt=models.F("confirmation_requested_at"))
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


class SignupCopy(models.Model):
    """The call to action's words, one row for the whole site (the database allows no other)."""

    SINGLETON_ID = 1

    headline = models.CharField(max_length=120)
    line = models.CharField(max_length=240, help_text="One line under the headline.")
    button_label = models.CharField(max_length=40)

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "call to action"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="subscriptions_signupcopy_singleton")
        ]

    def __str__(self):
        return "Newsletter call to action"

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("subscriptions:signup")


class CategorySignupLine(models.Model):
    """A category's own line for the call to action, shown instead of the general one."""

    copy = models.ForeignKey(SignupCopy, on_delete=models.CASCADE, related_name="category_lines")
    # No reverse accessor: the glossary knows nothing about the newsletter.
    category = models.OneToOneField(Category, on_delete=models.CASCADE, related_name="+")
    line = models.CharField(max_length=240)

    class Meta:
        ordering = ["category__position", "category__name"]
        verbose_name = "line for a category"
        verbose_name_plural = "lines for categories"

    def __str__(self):
        return f"{self.category}: {self.line}"

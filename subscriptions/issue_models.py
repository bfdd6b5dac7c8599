"""The weekly issue: what editors compose, who it is owed to, and addresses that must not get it.

Imported by ``subscriptions.models`` (Django loads an app's models from there).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from subscriptions.models import Subscriber
from terms.models import Publication, Term

SUBJECT_MAX_LENGTH = 150
PREHEADER_MAX_LENGTH = 200
BODY_MAX_LENGTH = 50_000
TERMS_OF_THE_WEEK_MAX = 10


def validate_header_text(value: str) -> None:
    """A subject or preheader is one line of text: no line breaks or other control characters
    (in a mail header they would start a header of their own)."""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        raise ValidationError(
            "Use a single line of text (no line breaks, tabs or control characters).",
            code="control_characters",
        )


def live_terms() -> Q:
    """The terms an editor may pick as terms of the week: those readers can see now."""
    return Q(pk__in=Publication.objects.live().values("term_id"))


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Issues readers may see: sending has started (or finished). Drafts, scheduled and
        cancelled issues are never public."""
        return self.filter(status__in=Issue.PUBLIC_STATUSES)


class Issue(models.Model):
    """One issue of the newsletter, composed in the admin and sent once to the list."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    PUBLIC_STATUSES = (Status.SENDING, Status.SENT)
    # Content is frozen once sending starts: the archive shows what was sent.
    EDITABLE_STATUSES = (Status.DRAFT, Status.SCHEDULED)

    subject = models.CharField(
        max_length=SUBJECT_MAX_LENGTH,
        validators=[validate_header_text],
        help_text="The email's subject and the archive page's title.",
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The archive address: /newsletter/issues/this-slug/.",
    )
    preheader = models.CharField(
        max_length=PREHEADER_MAX_LENGTH,
        blank=True,
        validators=[validate_header_text],
        help_text="The line inboxes show after the subject. Optional.",
    )
    body = models.TextField(
        max_length=BODY_MAX_LENGTH,
        blank=True,
        help_text="Markdown. Start each section with a heading (## Heading). Link terms with "
        "[[Title]].",
    )
    status = models.CharField(
        max_length=12, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    send_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a scheduled issue goes out."
    )
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What was sent, frozen when sending started: the archive shows exactly this.
    sent_body_html = models.TextField(blank=True, editable=False)
    sent_terms = models.JSONField(
        default=list, blank=True, editable=False, help_text="[{title, summary, url}, …]"
    )
    # Which batch of the send runs next; a batch task runs only if it takes the next number,
    # so a send has one chain of batches however many tasks were queued for it.
    send_step = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-created_at"]
        verbose_name = "newsletter issue"
        permissions = [("send_issue", "Can send newsletter issues (test, now or scheduled)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "scheduled", "sending", "sent", "cancelled"]),
                name="subscriptions_issue_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")) & ~Q(slug=""),
                name="subscriptions_issue_slug_lowercase",
                violation_error_message="The slug must be lowercase and not empty.",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(send_at__isnull=False),
                name="subscriptions_issue_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["sending", "sent"]) | Q(started_at__isnull=False),
                name="subscriptions_issue_sent_has_start",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="subscriptions_issue_body_max_length",
            ),
        ]
        indexes = [models.Index(fields=["status", "-started_at"], name="subscr_issue_status_idx")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("subscriptions:issue", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class IssueTerm(models.Model):
    """A term of the week, in the editor's order."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="picks")
    # No reverse accessor: the glossary knows nothing about the newsletter.
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="+", limit_choices_to=live_terms
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "term of the week"
        verbose_name_plural = "terms of the week"
        constraints = [
            models.UniqueConstraint(fields=["issue", "term"], name="subscriptions_issueterm_once")
        ]

    def __str__(self):
        return str(self.term)


class Delivery(models.Model):
    """One issue owed to one subscriber: the row a sending worker claims, so each address
    gets one copy."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (left the list before its turn)"
        CANCELLED = "cancelled", "Cancelled"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    email = models.CharField(max_length=254, help_text="The address when the send began.")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="subscriptions_delivery_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "failed", "skipped", "cancelled"]),
                name="subscriptions_delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["issue", "status", "next_attempt_at"], name="subscr_delivery_due_idx"
            ),
            # The next row to claim: the first pending one of an issue, by id.
            models.Index(fields=["issue", "status", "id"], name="subscr_delivery_claim_idx"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.email}"


class Suppression(models.Model):
    """An address the provider said must not be written to again: a hard bounce or a spam
    complaint. Nothing more is sent to it, neither issues nor confirmation emails."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Hard bounce"
        COMPLAINED = "complained", "Spam complaint"

    subscriber = models.OneToOneField(
        Subscriber, on_delete=models.CASCADE, related_name="suppression"
    )
    reason = models.CharField(max_length=10, choices=Reason)
    created_at = models.DateTimeField(help_text="When the provider reported it.")
    provider = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=["bounced", "complained"]),
                name="subscriptions_suppression_reason_valid",
            )
        ]

    def __str__(self):
        return f"{self.subscriber}: {self.get_reason_display()}"

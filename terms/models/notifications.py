"""Emails owed to editors and writers about the workflow (terms.notifications sends them)."""

from django.conf import settings
from django.db import models

from terms.models.content import Term
from terms.models.publication import Publication
from terms.models.workflow import Transition


class EditorNotification(models.Model):
    """One email owed to one person about one event.

    The event (a transition, or a scheduled publication going live) and the recipient are
    unique together, so a retried task, a task queued twice or a second sweep can never send
    a second copy: the task sends only while ``sent_at`` is empty, under a row lock. Rows are
    written in the transaction that makes the event, so a rollback leaves none.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved, scheduled"
        PUBLISHED = "published", "Published"
        WENT_LIVE = "went_live", "Scheduled term went live"

    event = models.CharField(
        max_length=60, help_text="What happened, e.g. “transition:12” or “went-live:34”."
    )
    kind = models.CharField(max_length=20, choices=Kind)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A go-live notice belongs to its publication: rescheduling or cancelling deletes the
    # publication, and with it the notice that was waiting for it.
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(help_text="Not sent before this time.")
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When its task was last due to run."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="terms_editornotification_once"
            )
        ]
        indexes = [
            models.Index(fields=["sent_at", "due_at"], name="terms_notification_owed"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.term_id} to {self.recipient_id}"

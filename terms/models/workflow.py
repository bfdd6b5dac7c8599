"""The record of every workflow transition."""

from django.conf import settings
from django.db import models

from terms.models.content import Term


class Transition(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=Term.Status)
    to_status = models.CharField(max_length=20, choices=Term.Status)
    comment = models.TextField(blank=True)
    # When the publication this transition made (or moved) goes live, if not at once: kept as
    # a time, not as words, so the log shows it in each reader's time zone.
    go_live_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.term_id}: {self.from_status} → {self.to_status}"


class TermInReview(Term):
    """The review queue in the admin: terms waiting for an editor."""

    class Meta:
        proxy = True
        verbose_name = "term in review"
        verbose_name_plural = "review queue"

"""Imports of terms: the uploaded file, its dry run, and how applying it went.

An import is planned (the dry run, stored with digests of the upload and of what it found in
the database), confirmed by the editor who planned it, then applied by the task worker, which
refuses if anything the dry run looked at has changed since (``terms.transfer.jobs``).
"""

from django.conf import settings
from django.db import models


class TermImport(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"
        MARKDOWN = "markdown", "Markdown files (zip)"

    class Mode(models.TextChoices):
        DRAFTS = "drafts", "Save as drafts"
        PUBLISH = "publish", "Publish each term that passes the pre-publish checks"

    class Status(models.TextChoices):
        PLANNED = "planned", "Dry run ready"
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        STALE = "stale", "Refused: the glossary changed after the dry run"
        FAILED = "failed", "Failed"

    # States in which the worker has yet to finish.
    IN_PROGRESS = (Status.QUEUED, Status.RUNNING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=20, choices=Format)
    mode = models.CharField(max_length=20, choices=Mode, default=Mode.DRAFTS)
    # The file as uploaded: applying reads this, never a file on a web server's disk.
    upload = models.BinaryField(editable=False)
    upload_digest = models.CharField(max_length=64, editable=False)
    # The dry run as shown (rows, outcomes, reasons, diffs) and a digest of what it depended
    # on: the upload and the version of every term and category it would touch or point to.
    plan = models.JSONField(default=dict, editable=False)
    plan_digest = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNED)
    # What applying did: created, updated, published, held back (with reasons).
    result = models.JSONField(default=dict, editable=False)
    error = models.TextField(blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "term import"
        permissions = [
            ("import_terms", "Can import terms (as drafts; publishing also needs publish_term)"),
            ("export_terms", "Can export terms, working copies included"),
        ]

    def __str__(self):
        return f"Import #{self.pk}: {self.filename}"

    @property
    def counts(self) -> dict:
        return self.plan.get("counts", {})

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

"""Imports from the admin: planning an upload, confirming it, and running it in the worker.

The upload and its dry run are stored together (``TermImport``); the editor who planned an
import confirms it; the task worker applies it (``terms.transfer.tasks``), reporting progress
through the shared cache, and records the outcome on the import.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from terms import workflow
from terms.models import TermImport
from terms.transfer import formats
from terms.transfer.applying import StaleDryRun, apply
from terms.transfer.incoming import Refused
from terms.transfer.planning import Plan, plan, refused_plan, upload_digest

logger = logging.getLogger(__name__)
Status = TermImport.Status
PROGRESS_SECONDS = 24 * 3600


class ConfirmRefused(Exception):
    """Confirming is not possible; the message says why."""


def dry_run(data: bytes, *, format_name: str, mode: str, user) -> Plan:
    """The dry run of an upload; a file that cannot be read gives a plan that says why."""
    try:
        parsed = formats.parse(data, format_name)
    except Refused as error:
        return refused_plan(str(error))
    return plan(parsed, user=user, data_digest=upload_digest(data), mode=mode)


def plan_upload(data: bytes, *, filename: str, format_name: str, mode: str, user) -> TermImport:
    """Store an upload with its dry run, ready for the editor to read and confirm."""
    result = dry_run(data, format_name=format_name, mode=mode, user=user)
    return TermImport.objects.create(
        created_by=user,
        filename=filename[-255:],
        format=format_name,
        mode=mode,
        upload=data,
        upload_digest=upload_digest(data),
        plan=result.as_json(),
        plan_digest=result.digest,
    )


def plan_again(job: TermImport) -> TermImport:
    """A new dry run of the same upload against the glossary as it is now."""
    if job.in_progress or job.status == Status.DONE:
        raise ConfirmRefused("This import has already been confirmed.")
    result = dry_run(bytes(job.upload), format_name=job.format, mode=job.mode, user=job.created_by)
    job.plan, job.plan_digest = result.as_json(), result.digest
    job.status, job.error = Status.PLANNED, ""
    job.save(update_fields=["plan", "plan_digest", "status", "error"])
    return job


def confirm_refusal(job: TermImport, user) -> str | None:
    """Why ``user`` may not confirm ``job`` now, or None."""
    if job.created_by_id != user.pk:
        return "Only the person who ran this dry run can confirm it."
    if job.status != Status.PLANNED:
        return f"This import cannot be confirmed: it is {job.get_status_display().lower()}."
    counts = job.counts
    if job.plan.get("refused") or counts.get("error") or counts.get("category_errors"):
        return "The dry run found errors: fix the file and upload it again."
    if not (counts.get("new") or counts.get("changed") or counts.get("categories")):
        return "There is nothing to import: every term is unchanged."
    if not user.has_perm("terms.import_terms"):
        return "You are not allowed to import terms."
    if job.mode == TermImport.Mode.PUBLISH and not user.has_perm(workflow.PUBLISH_PERMISSION):
        return "Only editors may publish an import; import it as drafts."
    return None


def confirm(job: TermImport, user) -> None:
    """Queue ``job`` for the worker, once, as planned."""
    reason = confirm_refusal(job, user)
    if reason:
        raise ConfirmRefused(reason)
    # Two clicks (or two tabs) confirm once: only one UPDATE finds the import still planned.
    claimed = TermImport.objects.filter(pk=job.pk, status=Status.PLANNED).update(
        status=Status.QUEUED, confirmed_at=timezone.now()
    )
    if not claimed:
        raise ConfirmRefused("This import has already been confirmed.")
    from terms.transfer.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def progress_key(job_id: int) -> str:
    return f"terms:import-progress:{job_id}"


def progress(job: TermImport) -> tuple[int, int] | None:
    """(steps done, steps in all) while the worker applies ``job``."""
    value = cache.get(progress_key(job.pk))
    return tuple(value) if value else None


def label(job: TermImport) -> str:
    return f"Imported from “{job.filename}” (import #{job.pk})."


def run(job_id: int) -> str:
    """Apply a confirmed import (the task worker calls this). Returns its final status."""
    claimed = TermImport.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING
    )
    if not claimed:
        return "not queued"
    job = TermImport.objects.select_related("created_by").get(pk=job_id)
    data = bytes(job.upload)

    def report(done: int, total: int) -> None:
        cache.set(progress_key(job.pk), (done, total), PROGRESS_SECONDS)

    try:
        if job.created_by is None:
            # Never run as the operator (who may do anything) for want of a user.
            raise StaleDryRun("The account that confirmed this import no longer exists.")
        if upload_digest(data) != job.upload_digest:
            raise StaleDryRun("The stored file is not the one that was planned.")
        result = apply(
            formats.parse(data, job.format),
            user=job.created_by,
            mode=job.mode,
            data_digest=job.upload_digest,
            expected_digest=job.plan_digest,
            label=label(job),
            progress=report,
        )
    except (StaleDryRun, Refused) as error:
        job.status, job.error = Status.STALE, str(error)
    except Exception as error:
        logger.exception("Import #%s failed", job.pk)
        job.status = Status.FAILED
        job.error = f"The import failed and nothing was written: {type(error).__name__}: {error}"
    else:
        job.status, job.result = Status.DONE, result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "result", "finished_at"])
    cache.delete(progress_key(job.pk))
    return job.status

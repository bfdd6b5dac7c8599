"""Background tasks of the glossary (django-tasks): the editors' workflow emails.

The only module that queues them. ``terms.notifications`` decides what is owed and sends it.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task

from terms import notifications
from terms.models import EditorNotification

logger = logging.getLogger(__name__)

# After a mail failure: 1, 2, 4 … minutes, at most an hour apart, 24 attempts; then the
# dashboard or `manage.py send_editor_notifications` queues the event again.
RETRY_DELAY = timedelta(minutes=1)
RETRY_MAX_DELAY = timedelta(hours=1)
MAX_ATTEMPTS = 24


def can_defer() -> bool:
    """Whether the task backend can run a task later (the database backend can; the
    immediate backend of development cannot)."""
    return send_editor_notifications.get_backend().supports_defer


def queue_notifications(event: str, *, at: datetime | None = None, attempt: int = 1) -> None:
    """Queue the task that sends ``event``'s emails, to run at ``at`` or when its first unsent
    row falls due (default). Never raises: what cannot be queued stays owed, and
    ``notifications.queue_overdue`` queues it again."""
    now = timezone.now()
    owed = EditorNotification.objects.filter(event=event, sent_at=None)
    if at is None:
        at = min(owed.values_list("due_at", flat=True), default=now)
    later = at > now
    if later and not can_defer():
        # Nothing can wait for the time: the first visit to the dashboard after it sends it.
        return
    try:
        runner = send_editor_notifications
        if later:
            runner = runner.using(run_after=at)
        # Recorded first: with the immediate backend the task runs inside enqueue().
        owed.update(queued_at=max(at, now))
        runner.enqueue(event, attempt=attempt)
    except Exception:
        logger.exception("Could not queue the editor notifications of %s; will try again.", event)


def queue_sweep() -> None:
    """Queue the task that sends every due and unsent row. Never raises."""
    try:
        send_due_notifications.enqueue()
    except Exception:
        logger.exception("Could not queue the sweep of overdue editor notifications.")


@task()
def send_due_notifications() -> int:
    """Send what fell due and was not sent (a lost task, a worker that was down, a backend that
    cannot wait). Returns how many events were handled; a mail failure stops the sweep and is
    raised, the rest staying owed for the next one."""
    events = notifications.due_events()
    for event in events:
        notifications.send_owed(event)
    return len(events)


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt``: doubling, capped."""
    return min(RETRY_DELAY * 2 ** (attempt - 1), RETRY_MAX_DELAY)


@task()
def send_editor_notifications(event: str, attempt: int = 1) -> int:
    """Send the emails of one workflow event that are due and not sent yet.

    Safe to run any number of times: a row is sent once. When the mail server fails, the next
    attempt is queued after its backoff and the error re-raised so the queue records it.
    Returns how many rows are still waiting for a later time.
    """
    try:
        later = notifications.send_owed(event)
    except smtplib.SMTPRecipientsRefused:
        logger.warning("The mail server refused a recipient of %s; not retrying.", event)
        return 0
    except OSError:
        if attempt >= MAX_ATTEMPTS or not can_defer():
            logger.error(
                "Editor notifications of %s failed (attempt %s); they stay owed and are "
                "queued again from the dashboard or `manage.py send_editor_notifications`.",
                event,
                attempt,
            )
        else:
            queue_notifications(
                event, at=timezone.now() + retry_delay(attempt), attempt=attempt + 1
            )
        raise
    if later is not None:
        queue_notifications(event, at=later)
        return EditorNotification.objects.filter(event=event, sent_at=None).count()
    return 0

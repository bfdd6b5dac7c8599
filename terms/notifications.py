"""Emails to editors and writers about the workflow: who gets what, and sending each once.

- submit: "Ready for review", to the editors;
- request changes: "Changes requested", with the comment, to the term's people;
- approve or publish, live at once: "Published", to the term's people;
- approve or publish with a go-live time: "Approved, goes live at …", then "Now live" when
  that time comes, to the term's people; a reschedule moves the "Now live" email.

"Editors" are active users who may publish (``terms.publish_term``); "the term's people" are
its author and whoever last submitted it. Nobody is told about their own action, and nobody
who turned notifications off (``EditorPreference.email_notifications``) or has no address.
Transitions made by nobody (the demo loader, imports) notify no one.

How each email is sent once: ``transition_recorded`` runs inside the transaction that records
the transition and writes one ``EditorNotification`` row per event and recipient (unique
together); the task (``terms.tasks.send_editor_notifications``) is queued only once that
transaction commits, so a rollback leaves neither rows nor emails. The task sends a row only
while its ``sent_at`` is empty, under a row lock, and records the time in the same
transaction: a retried task, or one queued twice, sends nothing more.

A scheduled go-live needs no cron: its "Now live" row is due at the go-live time and its task
is queued to run then (django-tasks' ``run_after``; the database worker holds it until then).
Rescheduling moves the row and queues a task for the new time (an early task finds the row not
due yet and stops); cancelling deletes the publication and, with it, the row. Should the
worker miss a row (it was down, the queue was lost) or the task backend be unable to wait (the
immediate backend of development), ``queue_overdue`` queues every due row again: the admin
dashboard calls it (one query when nothing is owed) and so does
``manage.py send_editor_notifications``.
"""

import logging
import unicodedata
import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from glossary_site import public_address
from terms.models import EditorNotification, EditorPreference, Publication, Term, Transition
from terms.workflow import PUBLISH_PERMISSION, Action

logger = logging.getLogger(__name__)

Kind = EditorNotification.Kind
# A row whose task should have run this long ago and has not sent it is queued again.
OVERDUE_AFTER = timedelta(minutes=10)
# Subjects are cut to this many characters of the title.
SUBJECT_TITLE_MAX = 120


# --- Who is told ------------------------------------------------------------------------------


def editors():
    """Active users who may publish terms (by group, directly or as superusers)."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    may_publish = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return (
        get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | may_publish)
    )


def people_of(term: Term) -> set[int]:
    """The ids of those whose work ``term`` is: its author and its latest submitter."""
    submitter = (
        Transition.objects.filter(term=term, action=Action.SUBMIT)
        .order_by("-created_at", "-pk")
        .values_list("user_id", flat=True)
        .first()
    )
    return {user_id for user_id in (term.author_id, submitter) if user_id}


def reachable(user_ids) -> list:
    """Those of ``user_ids`` who can and want to be emailed: active, with an address, and not
    opted out. One query."""
    opted_out = EditorPreference.objects.filter(email_notifications=False).values("user_id")
    return list(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(pk__in=opted_out)
    )


# --- Recording (inside the transition's transaction) ----------------------------------------


def transition_recorded(transition: Transition) -> None:
    """Write the rows a new transition owes, and queue their sending once it commits."""
    actor = transition.user
    if actor is None:
        return
    term = transition.term
    action = transition.action
    scheduled = transition.go_live_at is not None and transition.go_live_at > timezone.now()
    if action == Action.SUBMIT:
        owed = [(Kind.SUBMITTED, set(editors().values_list("pk", flat=True)), None)]
    elif action == Action.REQUEST_CHANGES:
        owed = [(Kind.CHANGES_REQUESTED, people_of(term), None)]
    elif action in (Action.APPROVE, Action.PUBLISH):
        if scheduled:
            owed = [(Kind.APPROVED, people_of(term), None), (Kind.WENT_LIVE, people_of(term), True)]
        else:
            owed = [(Kind.PUBLISHED, people_of(term), None)]
    elif action == Action.RESCHEDULE:
        # Published at once, or moved: either way the "Now live" email follows the publication.
        owed = [(Kind.WENT_LIVE, people_of(term), True)]
    else:
        return
    events = set()
    for kind, user_ids, goes_live in owed:
        user_ids.discard(actor.pk)
        if not user_ids:
            continue
        if goes_live:
            events.add(_going_live(transition, user_ids))
        else:
            event = f"transition:{transition.pk}"
            _record(event, kind, reachable(user_ids), term, transition=transition)
            events.add(event)
    events.discard(None)
    if events:
        transaction.on_commit(lambda: _queue_all(events))


def _going_live(transition: Transition, user_ids: set[int]) -> str | None:
    """Rows for the "Now live" email of the term's publication waiting to go live (or just
    made live by a reschedule), due at its go-live time. Returns the event."""
    publication = (
        Publication.objects.filter(term=transition.term)
        .filter(Q(live_until__isnull=True) | Q(live_until__gt=timezone.now()))
        .order_by("-go_live_at", "-pk")
        .first()
    )
    if publication is None:
        return None
    event = f"went-live:{publication.pk}"
    recipients = reachable(user_ids)
    _record(
        event,
        Kind.WENT_LIVE,
        recipients,
        transition.term,
        transition=transition,
        publication=publication,
        due_at=publication.go_live_at,
    )
    # A reschedule moves the rows already written for this publication.
    EditorNotification.objects.filter(event=event, sent_at=None).update(
        due_at=publication.go_live_at, transition=transition
    )
    return event


def _record(event, kind, recipients, term, *, transition, publication=None, due_at=None):
    EditorNotification.objects.bulk_create(
        [
            EditorNotification(
                event=event,
                kind=kind,
                recipient=recipient,
                term=term,
                transition=transition,
                publication=publication,
                due_at=due_at or timezone.now(),
            )
            for recipient in recipients
        ],
        ignore_conflicts=True,
    )


def _queue_all(events) -> None:
    from terms import tasks

    for event in sorted(events):
        tasks.queue_notifications(event)


def overdue(*, older_than: timedelta = OVERDUE_AFTER):
    """Rows due and unsent whose task should have run more than ``older_than`` ago, or was
    never queued (a backend that cannot wait)."""
    now = timezone.now()
    return EditorNotification.objects.filter(sent_at=None, due_at__lte=now).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lte=now - older_than)
    )


def queue_overdue(*, older_than: timedelta = OVERDUE_AFTER) -> int:
    """Hand every overdue row to one sweeping task; returns how many rows. One UPDATE when
    none is overdue (and two statements when some are), so a page can afford it: marking them
    queued first means the next call finds nothing until they are overdue again."""
    from terms import tasks

    count = overdue(older_than=older_than).update(queued_at=timezone.now())
    if count:
        tasks.queue_sweep()
    return count


def due_events(limit: int = 500) -> list[str]:
    """Events with rows due and unsent, oldest first."""
    return list(
        EditorNotification.objects.filter(sent_at=None, due_at__lte=timezone.now())
        .order_by("event")
        .values_list("event", flat=True)
        .distinct()[:limit]
    )


# --- Sending (in the task) ------------------------------------------------------------------


def send_owed(event: str) -> datetime | None:
    """Send every row of ``event`` that is due and unsent, each under a row lock, recording it
    in the same transaction. Returns when the next row of the event falls due, if one does not
    yet. Mail errors propagate, with that row still owed."""
    now = timezone.now()
    later = None
    for pk in EditorNotification.objects.filter(event=event, sent_at=None).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            row = (
                EditorNotification.objects.select_for_update(of=("self",))
                .select_related("term", "recipient", "transition__user", "publication")
                .filter(pk=pk, sent_at=None)
                .first()
            )
            if row is None:
                continue  # Sent by another task meanwhile, or cancelled.
            due = row.publication.go_live_at if row.publication else row.due_at
            if due > now:
                later = min(later or due, due)
                if row.due_at != due:
                    row.due_at = due
                    row.save(update_fields=["due_at"])
                continue
            if not reachable([row.recipient_id]):
                # Opted out (or left) since: owed no longer.
                row.delete()
                continue
            email_for(row).send()
            row.sent_at = timezone.now()
            row.save(update_fields=["sent_at"])
    return later


def one_line(text: str, limit: int = SUBJECT_TITLE_MAX) -> str:
    """``text`` safe for an email header: control and format characters (line breaks, tabs,
    bidirectional overrides) become spaces, runs of spaces one, at most ``limit`` characters."""
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char for char in text
    )
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _zone_of(user) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(EditorPreference.objects.time_zone_of(user))


def _when(moment: datetime | None, zone) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment, zone)
    # The format names the zone's abbreviation ("EST"); the full name makes it unambiguous.
    text = date_format(local, "DATETIME_FORMAT")
    return text if zone.key == local.tzname() else f"{text} ({zone.key})"


SUBJECTS = {
    Kind.SUBMITTED: "Ready for review",
    Kind.CHANGES_REQUESTED: "Changes requested",
    Kind.APPROVED: "Approved, goes live {when}",
    Kind.PUBLISHED: "Published",
    Kind.WENT_LIVE: "Now live",
}


def email_for(row: EditorNotification) -> EmailMultiAlternatives:
    """The email of one row: plain text and HTML, a link to the term's admin page."""
    term, transition, recipient = row.term, row.transition, row.recipient
    zone = _zone_of(recipient)
    go_live_at = row.publication.go_live_at if row.publication else transition.go_live_at
    actor = transition.user if transition else None
    public_slug = row.publication.slug if row.publication else term.slug
    context = {
        "kind": row.kind,
        "kinds": Kind,
        "recipient": recipient,
        "title": one_line(term.title, limit=200),
        "actor": actor.get_username() if actor else "An editor",
        "comment": transition.comment if transition else "",
        "when": _when(go_live_at, zone),
        "admin_url": public_address.absolute(reverse("admin:terms_term_change", args=[term.pk])),
        "public_url": _public_url(public_slug),
        "preferences_url": _preferences_url(),
        "site_name": settings.SITE_NAME,
    }
    headline = SUBJECTS[row.kind].format(when=context["when"])
    subject = f"{headline}: “{one_line(term.title)}”"
    message = EmailMultiAlternatives(
        subject=one_line(f"[{one_line(settings.SITE_NAME, 60)}] {subject}", limit=250),
        body=render_to_string("emails/editor_notification.txt", context),
        to=[recipient.email],
        # RFC 3834: an automatic message, so auto-responders stay quiet.
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("emails/editor_notification.html", context), "text/html"
    )
    return message


def _public_url(slug: str) -> str:
    try:
        return public_address.absolute(reverse("terms:detail", args=[slug]))
    except NoReverseMatch:  # A slug no reader address can have: say nothing rather than fail.
        return ""


def _preferences_url() -> str:
    """Where an editor turns these emails off: "My preferences" in the admin."""
    return public_address.absolute(reverse("admin:terms_editorpreference_mine"))

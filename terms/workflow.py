"""The editorial workflow: who may move a term from which state to which, and what happens.

Draft → In review (submit) → Published (approve, now or at a go-live time) or back to Draft
(request changes, with a comment). Editors may also publish a draft, or a live term's staged
changes, in one step (publish, with the same checks). A publication waiting for its go-live
time can be rescheduled or cancelled while the live version stays live. A live term can be
unpublished (→ Archived: its page answers 410 Gone) and an archived term reopened as a draft.
Every transition is checked here, on the server, and recorded; the admin and the bulk actions
only call ``perform``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format

from terms.checks import check_term
from terms.models import RelatedTerm, Term, Transition
from terms.publishing import cancel_scheduled, freeze, reschedule, take_down

Status = Term.Status
PUBLISH_PERMISSION = "terms.publish_term"
EDIT_PERMISSION = "terms.change_term"


class Action:
    SUBMIT = "submit"
    APPROVE = "approve"
    PUBLISH = "publish"
    RESCHEDULE = "reschedule"
    CANCEL_SCHEDULE = "cancel_schedule"
    REQUEST_CHANGES = "request_changes"
    UNPUBLISH = "unpublish"
    REOPEN = "reopen"

    LABELS = {
        SUBMIT: "Submit for review",
        APPROVE: "Approve and publish",
        PUBLISH: "Publish",
        RESCHEDULE: "Reschedule",
        CANCEL_SCHEDULE: "Cancel the scheduled publication",
        REQUEST_CHANGES: "Request changes",
        UNPUBLISH: "Unpublish",
        REOPEN: "Reopen as draft",
    }
    # "You are not allowed to …"
    NOT_ALLOWED = {
        SUBMIT: "submit terms for review",
        APPROVE: "approve and publish terms",
        PUBLISH: "publish terms",
        REQUEST_CHANGES: "request changes",
        UNPUBLISH: "unpublish terms",
        REOPEN: "reopen terms as drafts",
        RESCHEDULE: "reschedule publications",
        CANCEL_SCHEDULE: "cancel scheduled publications",
    }


class TransitionError(Exception):
    """A transition that is not allowed; ``reasons`` lists every reason."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []

    def __str__(self):
        if not self.reasons:
            return self.message
        return f"{self.message} " + " ".join(self.reasons)


class EditConflict(TransitionError):
    """Someone else saved the term since this user loaded it."""


class PastGoLive(TransitionError):
    """A go-live time that has already passed: nothing was done (the editor may publish now)."""


# Actions that make or move a publication, and so take a go-live and a take-down time.
PUBLISHING_ACTIONS = frozenset({Action.APPROVE, Action.PUBLISH, Action.RESCHEDULE})


def is_up(term: Term) -> bool:
    """Live now, or scheduled to go live."""
    return term.publications.up().exists()


def is_scheduled(term: Term) -> bool:
    """A publication of the term waits for its go-live time."""
    return term.publications.scheduled().exists()


@dataclass(frozen=True)
class Rule:
    sources: frozenset
    # None: the status stays as it is.
    target: str | None
    permission: str
    runs_checks: bool = False
    needs_comment: bool = False
    condition: Callable[[Term], bool] | None = None


RULES = {
    Action.SUBMIT: Rule(frozenset({Status.DRAFT}), Status.IN_REVIEW, EDIT_PERMISSION, True),
    Action.APPROVE: Rule(frozenset({Status.IN_REVIEW}), Status.PUBLISHED, PUBLISH_PERMISSION, True),
    Action.REQUEST_CHANGES: Rule(
        frozenset({Status.IN_REVIEW}), Status.DRAFT, PUBLISH_PERMISSION, needs_comment=True
    ),
    Action.UNPUBLISH: Rule(
        frozenset({Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW}),
        Status.ARCHIVED,
        PUBLISH_PERMISSION,
        condition=is_up,
    ),
    Action.REOPEN: Rule(frozenset({Status.ARCHIVED}), Status.DRAFT, PUBLISH_PERMISSION),
    # An editor's own edits (a draft, or a live term's staged changes), published in one step.
    Action.PUBLISH: Rule(frozenset({Status.DRAFT}), Status.PUBLISHED, PUBLISH_PERMISSION, True),
    Action.RESCHEDULE: Rule(
        frozenset({Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW}),
        None,
        PUBLISH_PERMISSION,
        condition=is_scheduled,
    ),
    # The approved copy that was waiting goes back to being a draft; a newer draft stays one.
    Action.CANCEL_SCHEDULE: Rule(
        frozenset({Status.PUBLISHED, Status.DRAFT, Status.IN_REVIEW}),
        None,
        PUBLISH_PERMISSION,
        condition=is_scheduled,
    ),
}


def refusal(user, action: str, term: Term) -> str | None:
    """Why ``user`` may not perform ``action`` on ``term`` in its current state, or None."""
    rule = RULES.get(action)
    if rule is None:
        return f"There is no action “{action}”."
    label = Action.LABELS[action]
    if not (user.is_active and user.has_perm(rule.permission)):
        return f"You are not allowed to {Action.NOT_ALLOWED[action]}."
    if term.status not in rule.sources or (rule.condition and not rule.condition(term)):
        return (
            f"“{label}” is not possible for “{term.title}” while it is "
            f"{term.get_status_display().lower()}."
        )
    return None


def may(user, action: str, term: Term) -> bool:
    """Whether ``user`` may perform ``action`` on ``term`` in its current state."""
    return refusal(user, action, term) is None


def available_actions(term: Term, user) -> list[str]:
    return [action for action in RULES if may(user, action, term)]


def may_edit(user, term: Term) -> bool:
    """Writers edit drafts and live terms (their edits are staged); editors edit anything."""
    if not user.has_perm(EDIT_PERMISSION):
        return False
    if user.has_perm(PUBLISH_PERMISSION) or term.pk is None:
        return True
    return term.status in (Status.DRAFT, Status.PUBLISHED)


def may_delete(user, term: Term) -> bool:
    """Only editors delete terms that have ever been published."""
    if not user.has_perm("terms.delete_term"):
        return False
    return user.has_perm(PUBLISH_PERMISSION) or not term.publications.exists()


def conflict_message(term: Term) -> str:
    current = Term.objects.select_related("last_editor").get(pk=term.pk)
    who = current.last_editor.get_username() if current.last_editor else "someone"
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    return (
        f"{who} saved this term at {when}, after you opened it. Your changes were not saved: "
        "copy them, reload the page and apply them again."
    )


def claim_version(term: Term, expected_version: int) -> int:
    """Increment the term's version if it is still ``expected_version``, in one UPDATE.

    Raises EditConflict otherwise. Returns the new version.
    """
    claimed = Term.objects.filter(pk=term.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(conflict_message(term))
    term.version = expected_version + 1
    return term.version


def status_after_edit(term: Term, *, restored: bool = False) -> str:
    """A live term's working copy goes back to draft when edited: its changes need review.
    A restored or recovered version is a new draft whatever the state was."""
    if restored:
        return Status.DRAFT
    return Status.DRAFT if term.status == Status.PUBLISHED else term.status


def may_restore(user) -> bool:
    """Editors restore old versions and recover deleted terms; writers do not."""
    return user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def add_related(term: Term, related: Term, *, by, expected_version: int) -> None:
    """Append ``related`` to the term's curated related terms: an edit like any other (it is
    versioned, staged on a live term, and refused if someone saved in between)."""
    if related.pk == term.pk:
        raise TransitionError("A term cannot be related to itself.")
    if term.related_links.filter(related=related).exists():
        raise TransitionError(f"“{related.title}” is already a related term.")
    with reversion.create_revision():
        claim_version(term, expected_version)
        last = term.related_links.aggregate(last=Max("position"))["last"] or 0
        RelatedTerm.objects.create(term=term, related=related, position=last + 1)
        term.status = status_after_edit(term)
        term.last_editor = by
        term.save(update_fields=["status", "last_editor", "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(f"Added related term “{related.title}”.")


@transaction.atomic
def perform(
    term: Term,
    action: str,
    *,
    by,
    comment: str = "",
    go_live_at: datetime | None = None,
    expire_at: datetime | None = None,
    expected_version: int | None = None,
) -> Transition:
    """Carry out ``action`` on ``term`` for user ``by``, or raise TransitionError saying why."""
    if action not in RULES:
        raise TransitionError(refusal(by, action, term))
    rule, label = RULES[action], Action.LABELS[action]
    term = Term.objects.select_for_update().get(pk=term.pk)
    if expected_version is not None and term.version != expected_version:
        raise EditConflict(conflict_message(term))
    reason = refusal(by, action, term)
    if reason:
        raise TransitionError(reason)
    comment = comment.strip()
    if rule.needs_comment and not comment:
        raise TransitionError(f"{label} needs a comment for the writer.")
    now = timezone.now()
    if action in PUBLISHING_ACTIONS:
        check_times(go_live_at, expire_at, now=now)
    if rule.runs_checks:
        result = check_term(term)
        if not result.ok:
            raise TransitionError(f"“{term.title}” cannot be {_past(action)} yet:", result.errors)

    from_status = term.status
    target = rule.target or _status_kept(action, term)
    if action in (Action.APPROVE, Action.PUBLISH):
        freeze(term, by=by, go_live_at=go_live_at, expire_at=expire_at)
    elif action == Action.RESCHEDULE:
        reschedule(term, go_live_at=go_live_at, expire_at=expire_at)
    elif action == Action.CANCEL_SCHEDULE:
        cancel_scheduled(term)
    elif action == Action.UNPUBLISH:
        take_down(term)
    Term.objects.filter(pk=term.pk).update(status=target, version=F("version") + 1)
    return Transition.objects.create(
        term=term,
        user=by,
        action=action,
        from_status=from_status,
        to_status=target,
        comment=comment,
        # Only a time to come: "now" needs no time in the log beside the entry's own.
        go_live_at=go_live_at
        if action in PUBLISHING_ACTIONS and go_live_at and go_live_at > now
        else None,
    )


def check_times(go_live_at: datetime | None, expire_at: datetime | None, *, now) -> None:
    """Refuse a go-live time that has passed (the editor meant a time to come: publishing at
    once instead would surprise them) and a take-down time not after the go-live time.

    A go-live time in the current minute is accepted: the form's inputs have no seconds.
    """
    if go_live_at is not None and go_live_at < now.replace(second=0, microsecond=0):
        when = date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
        raise PastGoLive(
            f"The go-live time you chose, {when}, has already passed, so nothing was published. "
            "Choose “Publish now” to publish at once, or pick a time to come."
        )
    if expire_at is not None and expire_at <= max(go_live_at or now, now):
        raise TransitionError("The expiry time must be after the go-live time and in the future.")


def _status_kept(action: str, term: Term) -> str:
    """The status after an action that has no fixed target: cancelling a scheduled approval
    makes the approved copy a draft again; everything else keeps its status."""
    if action == Action.CANCEL_SCHEDULE and term.status == Status.PUBLISHED:
        return Status.DRAFT
    return term.status


@transaction.atomic
def publish_without_review(term: Term, *, comment: str) -> Transition:
    """Publish ``term`` as it stands with no editor (the demo content loader): the same
    publication, status, version and log entry an approval makes, by nobody."""
    from_status = term.status
    freeze(term)
    Term.objects.filter(pk=term.pk).update(status=Status.PUBLISHED, version=F("version") + 1)
    return Transition.objects.create(
        term=term,
        action=Action.APPROVE,
        from_status=from_status,
        to_status=Status.PUBLISHED,
        comment=comment,
    )


def _past(action: str) -> str:
    published = "published"
    return {Action.SUBMIT: "submitted", Action.APPROVE: published, Action.PUBLISH: published}.get(
        action, "changed"
    )

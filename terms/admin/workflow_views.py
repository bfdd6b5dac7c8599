"""The workflow on a term's change page: the panel's context, its transitions, adding a
suggested related term, and the bulk actions of the list. Every rule is asked of
``terms.workflow``; these views only call it and report the answer."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from terms import workflow
from terms.checks import check_term
from terms.forms import TransitionForm
from terms.links import RELATED_CARDS, suggested_terms
from terms.models import Publication, Term

# The buttons of the workflow panel that publish, as (form value, label): each publishing action
# publishes now or at the go-live time the editor types (terms.forms.TransitionForm).
PUBLISH_BUTTONS = {
    workflow.Action.APPROVE: [
        ("approve:now", "Approve and publish now"),
        ("approve:later", "Approve and schedule"),
    ],
    workflow.Action.PUBLISH: [("publish:now", "Publish now"), ("publish:later", "Schedule")],
    workflow.Action.RESCHEDULE: [
        ("reschedule:now", "Publish the scheduled version now"),
        ("reschedule:later", "Reschedule"),
    ],
}


# What an editor is told once an action is done, in a sentence (not a log line).
DONE = {
    workflow.Action.SUBMIT: "“{title}” is submitted for review.",
    workflow.Action.APPROVE: "“{title}” is approved and published: readers see it now.",
    workflow.Action.PUBLISH: "“{title}” is published: readers see it now.",
    workflow.Action.REQUEST_CHANGES: "Changes requested: “{title}” is back with its writer.",
    workflow.Action.UNPUBLISH: "“{title}” is unpublished: readers no longer see it.",
    workflow.Action.REOPEN: "“{title}” is a draft again.",
    workflow.Action.RESCHEDULE: "The scheduled version of “{title}” is published: readers see "
    "it now.",
    workflow.Action.CANCEL_SCHEDULE: "The scheduled publication of “{title}” is cancelled; "
    "readers see what they saw before.",
}
SCHEDULED = {
    workflow.Action.APPROVE: "“{title}” is approved and scheduled to go live {when}.",
    workflow.Action.PUBLISH: "“{title}” is scheduled to go live {when}.",
    workflow.Action.RESCHEDULE: "“{title}” is rescheduled to go live {when}.",
}
BULK_DONE = {
    workflow.Action.SUBMIT: "Submitted for review",
    workflow.Action.APPROVE: "Approved and published",
    workflow.Action.UNPUBLISH: "Unpublished",
}


def done_message(transition, title: str) -> str:
    """The sentence that tells the editor what ``transition`` did."""
    if transition.go_live_at is not None and transition.action in SCHEDULED:
        when = date_format(timezone.localtime(transition.go_live_at), "DATETIME_FORMAT")
        return SCHEDULED[transition.action].format(title=title, when=when)
    return DONE[transition.action].format(title=title)


def workflow_buttons(actions: list[str]) -> tuple[list, list]:
    """The panel's buttons for the actions the user may take: (those that use the go-live
    and take-down times, the others). The time fields are shown only with the first."""
    publishing, others = [], []
    for action in actions:
        if action in PUBLISH_BUTTONS:
            publishing.extend(PUBLISH_BUTTONS[action])
        else:
            others.append((action, workflow.Action.LABELS[action]))
    return publishing, others


class TermWorkflowMixin:
    """Workflow views and actions of ``TermAdmin``."""

    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    def workflow_context(self, request, term):
        actions = workflow.available_actions(term, request.user)
        related_ids = term.related_ids()
        publish_buttons, other_buttons = workflow_buttons(actions)
        live_publication = term.live_publication()
        scheduled = term.publications.scheduled().first()
        return {
            "suggested_related": suggested_terms(
                term.pk,
                list(term.tags.values_list("slug", flat=True)),
                exclude=related_ids,
                count=max(0, RELATED_CARDS - len(related_ids)),
            ),
            "may_edit": workflow.may_edit(request.user, term),
            "term_status": term.live_state().label,
            "publish_buttons": publish_buttons,
            "other_buttons": other_buttons,
            "transition_form": TransitionForm(
                initial={
                    "expected_version": term.version,
                    # Rescheduling starts from the time it has.
                    "go_live_at": scheduled.go_live_at if scheduled else None,
                    "expire_at": scheduled.expire_at if scheduled else None,
                }
            ),
            "checks": check_term(term),
            "transitions": term.transitions.select_related("user")[:50],
            # As on the public page: live terms whose published text links here (a draft's
            # links reach no reader until it is approved).
            "linked_from": Term.objects.filter(
                publications__in=Publication.objects.live().filter(outgoing_links__target=term)
            )
            .exclude(pk=term.pk)
            .order_by("title"),
            "live_publication": live_publication,
            "scheduled": scheduled,
            "latest_change_request": term.transitions.filter(
                action=workflow.Action.REQUEST_CHANGES
            ).first()
            if term.status == Term.Status.DRAFT
            else None,
        }

    def transition_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        term = get_object_or_404(Term, pk=pk)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, " ".join(errors), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        data = form.cleaned_data
        try:
            done = workflow.perform(
                term,
                data["action"],
                by=request.user,
                comment=data["comment"],
                go_live_at=data["go_live_at"],
                expire_at=data["expire_at"],
                expected_version=data["expected_version"],
            )
        except workflow.TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done_message(done, term.title), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))

    def add_related_view(self, request, pk):
        term = get_object_or_404(Term, pk=pk)
        back = HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        if request.method != "POST":
            return back
        if not self.has_change_permission(request, term):
            raise PermissionDenied
        related = get_object_or_404(Term, pk=request.POST.get("related", 0) or 0)
        try:
            version = int(request.POST.get("expected_version", ""))
            workflow.add_related(term, related, by=request.user, expected_version=version)
        except ValueError:
            self.message_user(
                request, "The form was incomplete; nothing was changed.", messages.ERROR
            )
        except workflow.TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"Added “{related.title}” to the related terms.")
        return back

    # Bulk actions: the same rules, one result per term.

    def _bulk(self, request, queryset, action):
        done, refused = [], []
        for term in queryset:
            try:
                with transaction.atomic():
                    workflow.perform(term, action, by=request.user, expected_version=term.version)
                done.append(term.title)
            except workflow.TransitionError as error:
                refused.append(str(error))
        if done:
            titles = ", ".join(f"“{title}”" for title in done)
            self.message_user(request, f"{BULK_DONE[action]}: {titles}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description="Submit selected terms for review")
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.SUBMIT)

    @admin.action(description="Approve and publish selected terms", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.APPROVE)

    @admin.action(description="Unpublish selected terms", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.UNPUBLISH)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_PERMISSION)

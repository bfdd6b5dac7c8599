"""The workflow on a term's change page: the panel's context, its transitions, adding a
suggested related term, and the bulk actions of the list. Every rule is asked of
``terms.workflow``; these views only call it and report the answer."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from terms import workflow
from terms.checks import check_term
from terms.forms import TransitionForm
from terms.links import RELATED_CARDS, suggested_terms
from terms.models import Publication, Term


class TermWorkflowMixin:
    """Workflow views and actions of ``TermAdmin``."""

    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    def workflow_context(self, request, term):
        actions = workflow.available_actions(term, request.user)
        related_ids = term.related_ids()
        return {
            "suggested_related": suggested_terms(
                term.pk,
                list(term.tags.values_list("slug", flat=True)),
                exclude=related_ids,
                count=max(0, RELATED_CARDS - len(related_ids)),
            ),
            "may_edit": workflow.may_edit(request.user, term),
            "term_status": term.live_state().label,
            "workflow_actions": [(action, workflow.Action.LABELS[action]) for action in actions],
            "transition_form": TransitionForm(initial={"expected_version": term.version}),
            "checks": check_term(term),
            "transitions": term.transitions.select_related("user")[:50],
            # As on the public page: live terms whose published text links here (a draft's
            # links reach no reader until it is approved).
            "linked_from": Term.objects.filter(
                publications__in=Publication.objects.live().filter(outgoing_links__target=term)
            )
            .exclude(pk=term.pk)
            .order_by("title"),
            "live_publication": term.live_publication(),
            "scheduled": term.publications.scheduled().first(),
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
            workflow.perform(
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
            self.message_user(
                request,
                f"{workflow.Action.LABELS[data['action']]}: “{term.title}” — done.",
                messages.SUCCESS,
            )
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
        label = workflow.Action.LABELS[action]
        if done:
            self.message_user(request, f"{label}: {', '.join(done)}.", messages.SUCCESS)
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

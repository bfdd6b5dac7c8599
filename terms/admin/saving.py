"""Saving a term from its change form: optimistic concurrency, staged changes on live terms,
rendering, and no phantom changes.

A save that changes nothing (no field of the term and no row of its inlines differs from what
was loaded) writes nothing: no new version, no status change, no saved version in the history.
Restoring an old version always saves: it is a change even when the form is untouched.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect

from terms import workflow
from terms.editing import after_term_saved, delete_term, names_before_save

RESTORING_VIEWS = ("_revision", "_recover")


def is_restoring(request) -> bool:
    """The form is the one reversion shows to restore or recover a saved version."""
    return request.resolver_match.url_name.endswith(RESTORING_VIEWS)


def changes_nothing(request, form, formsets) -> bool:
    """Nothing the editor can see differs from what the form was loaded with."""
    if is_restoring(request):
        return False
    return not form.has_changed() and not any(formset.has_changed() for formset in formsets)


class TermSavingMixin:
    """How ``TermAdmin`` saves and deletes terms."""

    def save_model(self, request, obj, form, change):
        # A change is saved in save_related, once the inlines say whether anything changed.
        if not change:
            obj.author = request.user
            obj.last_editor = request.user
            if is_restoring(request):
                obj.status = workflow.status_after_edit(obj, restored=True)
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        term = form.instance
        # The names the term answers to in the database until after_term_saved syncs them.
        names_before = names_before_save(term) if change else None
        if change:
            if changes_nothing(request, form, formsets):
                return
            # The form refuses a change that does not say which version it was loaded at.
            workflow.claim_version(term, form.cleaned_data["expected_version"])
            term.status = workflow.status_after_edit(term, restored=is_restoring(request))
            term.last_editor = request.user
            term.save()
        super().save_related(request, form, formsets, change)
        after_term_saved(term, names_before)

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and changes_nothing(request, form, formsets):
            return ""
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        # Nothing was saved when the version the form was loaded at is still the term's.
        if request.POST.get("expected_version") == str(obj.version) and not is_restoring(request):
            self.message_user(
                request,
                f"You changed nothing in “{obj.title}”, so nothing was saved.",
                messages.INFO,
            )
            if "_continue" in request.POST:
                return HttpResponseRedirect(request.path)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def delete_model(self, request, obj):
        delete_term(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        refused = []
        for term in queryset:
            if workflow.may_delete(request.user, term):
                delete_term(term, by=request.user)
            else:
                refused.append(term.title)
        if refused:
            self.message_user(
                request,
                "Not deleted (only editors delete published terms): " + ", ".join(refused),
                messages.ERROR,
            )

"""A term's history in the admin: its saved versions, comparisons of two versions, and
restoring an old version (editors only; the restored text is a draft that needs review)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import capfirst
from reversion.models import Version

from terms import history, workflow
from terms.models import Term

# Passed from revision_view to changeform_view in the view's extra context (never on the
# request): the optimistic-locking version the row had before reversion rewrote it.
VERSION_BEFORE_RESTORE = "term_version_before_restore"


VIEWS = ("markdown", "rendered")


def when(moment) -> str:
    """A time as the editor reads it: in their zone, which it names."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class TermHistoryMixin:
    """History, comparison and restore views of ``TermAdmin``."""

    object_history_template = "admin/terms/term/object_history.html"
    history_latest_first = True

    def compare_view(self, request, pk):
        term = get_object_or_404(Term.objects.select_related("category"), pk=pk)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        sides = {}
        for key in ("from", "to"):
            value = request.GET.get(key, "live" if key == "from" else "working")
            sides[key] = self.version_side(term, value)
            if sides[key] is None:
                # A hand-edited or stale address: say so where versions can be picked.
                self.message_user(
                    request,
                    "This term has no such version to compare. Pick two versions below.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:terms_term_history", args=[pk]))
        show_all = request.GET.get("fields") == "all"
        view = "rendered" if request.GET.get("view") == "rendered" else "markdown"
        diffs = history.compare(sides["from"][1], sides["to"][1], rendered=view == "rendered")
        keep = {key: request.GET[key] for key in ("from", "to") if key in request.GET}
        return TemplateResponse(
            request,
            "admin/terms/term/compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": term,
                "title": f"Compare versions of “{term.title}”",
                "before_label": sides["from"][0],
                "after_label": sides["to"][0],
                "diffs": diffs if show_all else [diff for diff in diffs if diff.changed],
                "changed_count": sum(diff.changed for diff in diffs),
                "field_count": len(diffs),
                "show_all": show_all,
                "view": view,
                # Links that switch one setting and keep the others.
                "links": {
                    f"{setting}_{value}": "?"
                    + urlencode(
                        {
                            **keep,
                            "fields": "all" if show_all else "changed",
                            "view": view,
                            setting: value,
                        }
                    )
                    for setting, values in (("fields", ("all", "changed")), ("view", VIEWS))
                    for value in values
                },
            },
        )

    def version_side(self, term, value):
        """(label, fields) of one side of a comparison, or None if ``value`` names no version:
        "working", "live" or the id of one of the term's saved versions."""
        if value == "working":
            return "Working copy", history.of_working_copy(term)
        if value == "live":
            publication = term.live_publication()
            if publication is None:
                return "Live version (none: the term is not live)", {}
            label = f"Live version (published {when(publication.go_live_at)})"
            return label, history.of_publication(publication)
        version = history.saved_version(term, value)
        if version is None:
            return None
        return (
            f"Saved {when(version.revision.date_created)} by {version.revision.user or 'unknown'}",
            history.of_version(version),
        )

    def history_view(self, request, object_id, extra_context=None):
        term = get_object_or_404(Term, pk=object_id)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        versions = Version.objects.get_for_object(term).select_related("revision__user")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": term,
            "title": f"History of “{term.title}”",
            # The breadcrumbs' link to the list of terms (Django's template reads it).
            "module_name": capfirst(self.opts.verbose_name_plural),
            "versions": versions,
            "may_restore": workflow.may_restore(request.user),
            # "Compare with the live version" only when there is one.
            "is_live": term.live_state().live,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        # Reverting rewrites the row with the old version's values; the optimistic-locking
        # version is not part of a saved version, so remember the real one (see changeform_view).
        version = Term.objects.filter(pk=object_id).values_list("version", flat=True).first()
        extra = {**(extra_context or {}), VERSION_BEFORE_RESTORE: version}
        return super().revision_view(request, object_id, version_id, extra)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        version = extra.pop(VERSION_BEFORE_RESTORE, None)
        if object_id and version is not None:
            Term.objects.filter(pk=object_id).update(version=version)
        return super().changeform_view(request, object_id, form_url, extra)

    def recoverlist_view(self, request, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

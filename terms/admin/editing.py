"""Editing aids on the term form: the live preview and tag suggestions.

Both are admin views (staff login, CSRF on the POST), open to those who may write terms
(``terms.markdownx_views.may_use_editor``), and read-only: neither ever saves anything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from taggit.models import Tag

from terms import live_preview
from terms.markdownx_views import may_use_editor
from terms.models import NAME_MAX_LENGTH, Term

# Tag suggestions answered at once; the widget shows them all.
TAG_SUGGESTIONS = 10


def tag_suggestions(query: str, *, limit: int = TAG_SUGGESTIONS) -> list[dict]:
    """Existing tags for what the writer has typed of one tag: those starting with it first,
    then those containing it, each by how many terms use it. The most used tags for an empty
    query. Two queries at most."""
    query = query.strip()[:NAME_MAX_LENGTH]
    tags = Tag.objects.annotate(uses=Count("terms_taggedterm_items")).order_by("-uses", "name")
    found = list(tags.filter(name__istartswith=query).values("name", "uses")[:limit])
    if query and len(found) < limit:
        more = (
            tags.filter(name__icontains=query)
            .exclude(name__istartswith=query)
            .values("name", "uses")[: limit - len(found)]
        )
        found.extend(more)
    return [{"name": tag["name"], "uses": tag["uses"]} for tag in found]


class TermEditingMixin:
    """The live preview and tag suggestion endpoints of ``TermAdmin``."""

    def editing_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name="{}_{}_live_preview_new".format(*info),
            ),
            path(
                "<int:pk>/live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name="{}_{}_live_preview".format(*info),
            ),
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions_view),
                name="{}_{}_tag_suggestions".format(*info),
            ),
        ]

    def live_preview_view(self, request, pk=None):
        if not may_use_editor(request.user):
            raise PermissionDenied
        term = None
        if pk is not None:
            term = get_object_or_404(Term, pk=pk)
            if not self.has_view_or_change_permission(request, term):
                raise PermissionDenied
        return live_preview.live_preview(request, term)

    @method_decorator([never_cache, require_GET])
    def tag_suggestions_view(self, request):
        if not may_use_editor(request.user):
            raise PermissionDenied
        return JsonResponse({"tags": tag_suggestions(request.GET.get("q", ""))})

"""The newsletter archive: every issue that has gone out, newest first, each at its own address.

Reader pages (``reader_page``): made once and served from the page cache until content changes;
starting, finishing or cancelling a send calls ``page_cache.content_changed()``. Only
``Issue.objects.published()`` is ever shown: drafts, scheduled and cancelled issues answer 404.
"""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from subscriptions import issue_content
from subscriptions.issue_models import Issue

ISSUES_PER_PAGE = 12


class IssueListView(ListView):
    template_name = "subscriptions/issue_list.html"
    context_object_name = "issues"
    paginate_by = ISSUES_PER_PAGE

    def get_queryset(self):
        return (
            Issue.objects.published()
            .only("subject", "slug", "preheader", "started_at", "status")
            .order_by("-started_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = list(
            page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        )
        return context


class IssueDetailView(DetailView):
    template_name = "subscriptions/issue_detail.html"
    context_object_name = "issue"

    def get_object(self, queryset=None):
        return get_object_or_404(Issue.objects.published(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(content=issue_content.shown(self.object), **kwargs)

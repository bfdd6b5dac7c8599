"""The "Wanted terms" report in the admin: what readers searched for and did not find.

Editors only (the search log's view permission, granted to the Editor group by migration
0023). Read-only: each query leads to a new draft with that title (the term form, filled in)
or to the working copy that already has it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from terms.admin.reports import ReportAdmin
from terms.models import SearchLogEntry
from terms.search import wanted


@admin.register(SearchLogEntry)
class WantedTermsAdmin(ReportAdmin):
    """The search log is never listed row by row: its page is the report."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = int(request.GET.get("days", wanted.DEFAULT_DAYS))
        except ValueError:
            days = wanted.DEFAULT_DAYS
        if days not in wanted.PERIODS:
            days = wanted.DEFAULT_DAYS
        report = wanted.wanted_terms(days)
        may_add = request.user.has_perm("terms.add_term")
        add_url = reverse("admin:terms_term_add")

        def with_links(rows):
            """Each row, and where "Create a draft" leads (the term form, filled in)."""
            return [
                (
                    row,
                    add_url
                    + "?"
                    + urlencode(
                        {"title": wanted.draft_title(row.query), "slug": slugify(row.query)}
                    )
                    if may_add and not row.term
                    else "",
                )
                for row in rows
            ]

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Wanted terms",
            "report": report,
            "periods": wanted.PERIODS,
            "log_days": settings.SEARCH_LOG_DAYS,
            "sections": [
                (
                    "nothing-found",
                    "Searches that found nothing",
                    "Readers searched for these and no live term matched.",
                    with_links(report.nothing_found),
                    report.nothing_found_count,
                ),
                (
                    "nothing-opened",
                    "Searches where nothing was opened",
                    "Terms matched, but readers opened none of them: the right term may be "
                    "missing, or named differently.",
                    with_links(report.nothing_opened),
                    report.nothing_opened_count,
                ),
            ],
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/terms/wanted_terms.html", context)

"""The editorial health reports: read-only lists in the admin, one per report of
``terms.health``, each row leading to the term's own page.

Editors reach them from the dashboard's cards and from Glossary in the admin's menu; anyone
who may view terms may read them. Each page costs a fixed number of queries whatever the size
of the glossary (the orphan report: one more per row shown, for its suggestions, with 25 rows
a page).
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from terms import health
from terms.admin.reports import TermReportAdmin
from terms.models import (
    BrokenLinkTerm,
    IncompleteTerm,
    OrphanTerm,
    Publication,
    StaleTerm,
    WikiLink,
)


class HealthReportAdmin(TermReportAdmin):
    """A report: nothing to add, change or delete here; rows link to the term itself."""

    list_display_links = None
    list_select_related = ["category"]
    actions = None
    search_fields = ["title"]
    list_per_page = 50
    # What the report is for, under its title.
    description = ""

    def changelist_view(self, request, extra_context=None):
        context = {
            "title": capfirst(self.model._meta.verbose_name_plural),
            "subtitle": self.description,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)


@admin.register(StaleTerm)
class StaleTermAdmin(HealthReportAdmin):
    """Live terms past their review-by date, by owner, the most overdue first."""

    list_display = ["owner_name", "term_link", "review_by", "overdue", "category"]
    list_select_related = ["category", "owner"]
    list_filter = [("owner", admin.RelatedOnlyFieldListFilter)]
    ordering = ["owner__username", "review_by", "title"]
    empty_value_display = "No owner"
    description = (
        "Live terms past their review-by date, by owner. Publishing a new version counts as "
        "a review; set an owner and a date under “Ownership and review” on a term."
    )

    def get_queryset(self, request):
        return health.stale_terms(terms=super().get_queryset(request))

    @admin.display(description="Owner", ordering="owner__username")
    def owner_name(self, term):
        return term.owner.get_username() if term.owner else "No owner"

    @admin.display(description="Overdue by")
    def overdue(self, term):
        days = (timezone.localdate() - term.review_by).days
        return f"{days} day{'s' if days != 1 else ''}"


@admin.register(OrphanTerm)
class OrphanTermAdmin(HealthReportAdmin):
    """Live terms no other live term links to, with terms that could."""

    list_display = ["term_link", "category", "could_link_here"]
    list_per_page = 25
    description = (
        "Live terms that no other live term links to, in its text or its related terms; "
        "readers only find them by search or the A–Z."
    )
    ordering = ["title"]

    def get_queryset(self, request):
        return health.orphan_terms(terms=super().get_queryset(request))

    @admin.display(description="Could link here (sharing the most tags)")
    def could_link_here(self, term):
        suggestions = health.link_suggestions(term)
        if not suggestions:
            return "No live term shares its tags: tag it, or link it by hand."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:terms_term_change", args=[suggestion.term_id]), suggestion.title)
                for suggestion in suggestions
            ),
        )


@admin.register(IncompleteTerm)
class IncompleteTermAdmin(HealthReportAdmin):
    """Live terms with no related terms or no tags."""

    list_display = ["term_link", "category", "related_terms", "tagged"]
    description = "Live terms whose working copy has no related terms or no tags."
    ordering = ["title"]

    def get_queryset(self, request):
        return health.incomplete_terms(terms=super().get_queryset(request))

    @admin.display(description="Related terms", boolean=True, ordering="has_related")
    def related_terms(self, term):
        return term.has_related

    @admin.display(description="Tags", boolean=True, ordering="has_tags")
    def tagged(self, term):
        return term.has_tags


@admin.register(BrokenLinkTerm)
class BrokenLinkTermAdmin(HealthReportAdmin):
    """Terms with a wiki link to no term, or live text linking to a term readers cannot see."""

    list_display = ["term_link", "category", "broken_links"]
    description = (
        "Wiki links that point to no term, and links in live text to terms readers cannot see."
    )
    ordering = ["title"]

    def get_queryset(self, request):
        live = Publication.objects.live()
        dead = health.dead_link_rows().select_related("target")
        # For the rows of one page only: three queries, however many rows.
        return health.terms_with_broken_links(terms=super().get_queryset(request)).prefetch_related(
            Prefetch(
                "wiki_links", queryset=WikiLink.objects.filter(target=None), to_attr="unresolved"
            ),
            Prefetch(
                "publications",
                queryset=live.only("pk", "term_id").prefetch_related(
                    Prefetch("outgoing_links", queryset=dead, to_attr="dead")
                ),
                to_attr="live_now",
            ),
        )

    @admin.display(description="Broken links")
    def broken_links(self, term):
        problems = [
            (f"[[{link.target_key}]]", "points to no term (in the working copy)")
            for link in term.unresolved
        ]
        problems += [
            (f"“{link.target.title}”", "is linked in the live text, but readers cannot see it")
            for publication in term.live_now
            for link in publication.dead
        ]
        return format_html_join(mark_safe("<br>"), "<strong>{}</strong> {}", problems)

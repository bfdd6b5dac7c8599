"""How terms are listed in the admin: the status badge and the list filters.

Where a term stands (live, scheduled, unpublished changes) is ``Term.live_state``'s rule; the
list rows are annotated by ``TermQuerySet.with_live_state`` so that no row costs a query.
"""

from django.contrib import admin
from django.utils.html import format_html

from terms.models import Term

# A class per status phrase (colours in static/css/admin.css): the admin's CSP allows no
# inline styles.
BADGE_TONES = {
    "Draft": "draft",
    "In review": "attention",
    "Published": "live",
    # Live, with a newer working copy: as urgent as a review.
    "Published — unpublished changes": "attention",
    "Published — changes in review": "attention",
    "Scheduled": "scheduled",
    "Archived": "archived",
}


def status_badge(term: Term) -> str:
    """The term's state as a coloured badge (HTML)."""
    label = term.live_state().label
    tone = BADGE_TONES.get(label, "draft")
    return format_html('<span class="status-badge status-badge--{}">{}</span>', tone, label)


class UnpublishedChangesFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(unpublished_changes=self.value() == "yes")
        return queryset


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("archived", "Archived"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "live":
            return queryset.filter(is_live_now=True)
        if value == "scheduled":
            return queryset.filter(scheduled_for__isnull=False)
        if value in {"draft", "in_review", "archived"}:
            return queryset.filter(status=value)
        return queryset

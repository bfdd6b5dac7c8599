"""The review queue: terms waiting for an editor, the most recently submitted first."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery

from terms.admin.reports import TermReportAdmin
from terms.models import Term, TermInReview, Transition


@admin.register(TermInReview)
class ReviewQueueAdmin(TermReportAdmin):
    """Terms waiting for an editor, the most recently submitted first."""

    list_display = ["term_link", "category", "submitted_by", "submitted_at", "live_version"]
    list_select_related = ["category"]
    list_display_links = None

    def get_queryset(self, request):
        submissions = Transition.objects.filter(
            term=OuterRef("pk"), to_status=Term.Status.IN_REVIEW
        ).order_by("-created_at")
        return (
            Term.objects.in_review()
            .with_live_state()
            .select_related("category")
            .annotate(
                submitted_at=Subquery(submissions.values("created_at")[:1]),
                submitted_by=Subquery(submissions.values("user__username")[:1]),
            )
        )

    def get_ordering(self, request):
        return ["-submitted_at", "-updated_at"]

    @admin.display(description="Submitted", ordering="submitted_at")
    def submitted_at(self, term):
        return term.submitted_at

    @admin.display(description="By")
    def submitted_by(self, term):
        return term.submitted_by or "—"

    @admin.display(description="Changes to a live term", boolean=True)
    def live_version(self, term):
        return term.live_state().live

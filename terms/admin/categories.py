"""Categories in the admin, with how many of their terms readers see."""

from django.contrib import admin
from django.db.models import Count

from terms.admin.inline_rows import named_list_rows
from terms.models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "live_terms", "all_terms"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_changelist_formset(self, request, **kwargs):
        # Each position box says whose position it is.
        return named_list_rows(super().get_changelist_formset(request, **kwargs))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_live_counts()
            .annotate(term_count=Count("terms", distinct=True))
        )

    @admin.display(description="Live terms", ordering="live_count")
    def live_terms(self, category):
        return category.live_count

    @admin.display(description="All terms", ordering="term_count")
    def all_terms(self, category):
        return category.term_count

"""The editors' home: terms and categories in the Django admin."""

from django.contrib import admin
from django.db.models import Count, Q
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from terms.editing import after_term_saved, delete_term, state_of
from terms.forms import (
    AliasForm,
    AliasInlineFormSet,
    RelatedTermInlineFormSet,
    TermAdminForm,
)
from terms.models import Alias, Category, RelatedTerm, Term


class AliasInline(admin.TabularInline):
    model = Alias
    form = AliasForm
    formset = AliasInlineFormSet
    fields = ["name", "slug"]
    extra = 1
    verbose_name = "other name"
    verbose_name_plural = "Other names (each leads to this term, e.g. “LLM”)"


class RelatedTermInline(admin.TabularInline):
    model = RelatedTerm
    fk_name = "term"
    formset = RelatedTermInlineFormSet
    fields = ["related", "position"]
    autocomplete_fields = ["related"]
    extra = 1
    ordering = ["position", "pk"]
    verbose_name_plural = "Related terms (shown in this order: lowest position first)"


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    form = TermAdminForm
    inlines = [AliasInline, RelatedTermInline]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    prepopulated_fields = {"slug": ["title"]}
    list_display = ["title", "category", "status", "tag_list", "updated_at"]
    list_select_related = ["category"]
    list_filter = ["status", "category", "tags"]
    search_fields = ["title", "aliases__name", "summary"]
    date_hierarchy = "updated_at"
    readonly_fields = ["created_at", "updated_at", "published_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status", "summary"]}),
        ("Text", {"fields": ["definition", "why_it_matters", "in_practice"]}),
        ("Tags", {"fields": ["tags"]}),
        (
            "Dates",
            {"fields": ["created_at", "updated_at", "published_at"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        js = ["js/admin-editor.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Tags")
    def tag_list(self, term):
        return ", ".join(tag.name for tag in term.tags.all())

    def save_model(self, request, obj, form, change):
        form.state_before_save = state_of(obj) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        after_term_saved(form.instance, getattr(form, "state_before_save", None))

    def delete_model(self, request, obj):
        delete_term(obj)

    def delete_queryset(self, request, queryset):
        for term in queryset:
            delete_term(term)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "live_terms", "all_terms"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                term_count=Count("terms", distinct=True),
                live_count=Count("terms", filter=Q(terms__in=Term.objects.live()), distinct=True),
            )
        )

    @admin.display(description="Published terms", ordering="live_count")
    def live_terms(self, category):
        return category.live_count

    @admin.display(description="All terms", ordering="term_count")
    def all_terms(self, category):
        return category.term_count

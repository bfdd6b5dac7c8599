"""The term admin: the list, the change form and its saving rules.

Its views come from mixins in this package: the workflow panel and actions
(``workflow_views``) and history, comparison and restore (``comparison``).
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.urls import path
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion.admin import VersionAdmin

from terms import versioning, workflow
from terms.admin.comparison import TermHistoryMixin
from terms.admin.inlines import AliasInline, RelatedTermInline
from terms.admin.lists import StatusFilter, UnpublishedChangesFilter, status_badge
from terms.admin.workflow_views import TermWorkflowMixin
from terms.editing import after_term_saved, delete_term, names_before_save
from terms.forms import TermAdminForm
from terms.models import Term

# Before VersionAdmin registers Term with its own guess of what to follow.
versioning.register()

# Shown, never edited, on the change form.
ABOUT_FIELDS = ["status_badge", "author", "last_editor", "created_at", "updated_at", "published_at"]


@admin.register(Term)
class TermAdmin(TermWorkflowMixin, TermHistoryMixin, VersionAdmin):
    form = TermAdminForm
    inlines = [AliasInline, RelatedTermInline]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    prepopulated_fields = {"slug": ["title"]}
    list_display = [
        "title",
        "status_badge",
        "category",
        "author",
        "last_editor",
        "updated_at",
        "has_changes",
    ]
    list_select_related = ["category", "author", "last_editor"]
    list_filter = [
        StatusFilter,
        UnpublishedChangesFilter,
        "category",
        "tags",
        ("author", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "aliases__name", "summary"]
    date_hierarchy = "updated_at"
    readonly_fields = ABOUT_FIELDS
    fieldsets = [
        # expected_version is rendered hidden by the change form's template (form_top).
        (None, {"fields": ["title", "slug", "category", "summary"]}),
        ("Text", {"fields": ["definition", "why_it_matters", "in_practice"]}),
        ("Tags", {"fields": ["tags"]}),
        # Editorial health (terms.health): editors set them, writers see them.
        ("Ownership and review", {"fields": ["owner", "review_by"]}),
        (
            "About this term",
            {"fields": ABOUT_FIELDS, "classes": ["collapse"]},
        ),
    ]
    change_form_template = "admin/terms/term/change_form.html"

    class Media:
        js = ["js/admin-editor.js"]
        css = {"all": ["css/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.PUBLISH_PERMISSION):
            fields += ["owner", "review_by"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            # Owners are people who work in the admin.
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True, is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, term):
        """The reader page, only while readers can see it (never for a draft)."""
        return term.get_absolute_url() if term.live_state().live else None

    # Lists

    def get_queryset(self, request):
        return super().get_queryset(request).with_live_state()

    @admin.display(description="Status", ordering="status")
    def status_badge(self, term):
        return status_badge(term)

    @admin.display(description="Unpublished changes", boolean=True, ordering="unpublished_changes")
    def has_changes(self, term):
        return term.live_state().unpublished_changes

    # Permissions: asked of terms.workflow, enforced on every request.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.may_delete(request.user, obj))

    # Saving: optimistic concurrency, staged changes, rendering.

    def save_form(self, request, form, change):
        term = super().save_form(request, form, change)
        # The names the term answered to before this save, for after_term_saved.
        form.names_before = names_before_save(term) if change else None
        return term

    def save_model(self, request, obj, form, change):
        restoring = request.resolver_match.url_name.endswith(("_revision", "_recover"))
        if change:
            # The form refuses a change that does not say which version it was loaded at.
            workflow.claim_version(obj, form.cleaned_data["expected_version"])
        else:
            obj.author = request.user
        if change or restoring:
            obj.status = workflow.status_after_edit(obj, restored=restoring)
        obj.last_editor = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        after_term_saved(form.instance, form.names_before)

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

    # The change page: workflow panel, checks, transitions log, previews and comparisons.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<int:pk>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{info[0]}_{info[1]}_transition",
            ),
            path(
                "<int:pk>/add-related/",
                self.admin_site.admin_view(self.add_related_view),
                name=f"{info[0]}_{info[1]}_add_related",
            ),
            path(
                "<int:pk>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info[0]}_{info[1]}_compare",
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        term = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if term is not None:
            extra.update(self.workflow_context(request, term))
        return super().change_view(request, object_id, form_url, extra)

"""The term admin: the list, the change form and its saving rules.

Its views come from mixins in this package: the workflow panel and actions
(``workflow_views``), history, comparison and restore (``comparison``) and saving
(``saving``).
"""

from adminsortable2.admin import SortableAdminBase
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import path
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion.admin import VersionAdmin
from taggit.managers import TaggableManager

from terms import versioning, workflow
from terms.admin.comparison import TermHistoryMixin
from terms.admin.editing import TermEditingMixin
from terms.admin.inlines import AliasInline, RelatedTermInline
from terms.admin.lists import StatusFilter, UnpublishedChangesFilter, status_badge
from terms.admin.saving import TermSavingMixin
from terms.admin.workflow_views import TermWorkflowMixin
from terms.admin_widgets import TagAutocompleteWidget
from terms.forms import TermAdminForm
from terms.models import Term

# Before VersionAdmin registers Term with its own guess of what to follow.
versioning.register()

# Shown, never edited, on the change form.
ABOUT_FIELDS = ["status_badge", "author", "last_editor", "created_at", "updated_at", "published_at"]


@admin.register(Term)
class TermAdmin(
    TermWorkflowMixin,
    TermHistoryMixin,
    TermSavingMixin,
    TermEditingMixin,
    SortableAdminBase,
    VersionAdmin,
):
    form = TermAdminForm
    inlines = [AliasInline, RelatedTermInline]
    formfield_overrides = {
        MarkdownxField: {"widget": AdminMarkdownxWidget},
        TaggableManager: {"widget": TagAutocompleteWidget},
    }
    prepopulated_fields = {"slug": ["title"]}
    # Five columns fit beside the filters at 1280 px: "unpublished changes" is in the status
    # badge (and a filter), the author in the form and the history.
    list_display = ["title", "status_badge", "category", "last_editor", "updated_at"]
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
    # reversion's list (with "Recover deleted terms"), with the list's own styles.
    change_list_template = "admin/terms/term/change_list.html"

    class Media:
        # css/admin.css is on every admin page (templates/admin/base_site.html).
        js = ["js/admin-editor.js"]

    def view_on_site(self, term):
        """The reader page, only while readers can see it (never for a draft)."""
        return term.get_absolute_url() if term.live_state().live else None

    # Lists

    def get_queryset(self, request):
        return super().get_queryset(request).with_live_state()

    @admin.display(description="Status", ordering="status")
    def status_badge(self, term):
        return status_badge(term)

    # Permissions: asked of terms.workflow, enforced on every request.

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.PUBLISH_PERMISSION):
            readonly += ["owner", "review_by"]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            # Owners are the people who work in the admin.
            kwargs["queryset"] = (
                get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.may_delete(request.user, obj))

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
        return own + self.editing_urls() + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        term = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if term is not None:
            extra.update(self.workflow_context(request, term))
        return super().change_view(request, object_id, form_url, extra)

"""The editors' home: terms, the review queue and categories in the Django admin.

Workflow rules live in ``terms.workflow``; this module only asks it and shows the answers.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion.admin import VersionAdmin
from reversion.models import Version

from terms import history, versioning, workflow
from terms.admin_widgets import KnownLabelsAutocompleteSelect
from terms.checks import check_term
from terms.editing import after_term_saved, delete_term, names_before_save
from terms.forms import (
    AliasForm,
    AliasInlineFormSet,
    RelatedTermInlineFormSet,
    TermAdminForm,
    TransitionForm,
)
from terms.links import RELATED_CARDS, suggested_terms
from terms.models import (
    Alias,
    Category,
    Publication,
    RelatedTerm,
    Term,
    TermInReview,
    Transition,
)

# Before VersionAdmin registers Term with its own guess of what to follow.
versioning.register()

# Shown, never edited, on the change form.
ABOUT_FIELDS = ["status_badge", "author", "last_editor", "created_at", "updated_at", "published_at"]

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


def status_label(term: Term) -> str:
    """The term's status in one phrase, from the liveness ``with_live_state`` annotated."""
    return workflow.describe(
        term,
        live=getattr(term, "is_live_now", False),
        scheduled=getattr(term, "scheduled_for", None),
    )


def with_live_state(queryset):
    """Annotate liveness and scheduling in the same query (no query per row)."""
    now = timezone.now()
    live = Publication.objects.live().filter(term=OuterRef("pk"))
    scheduled = Publication.objects.scheduled(now).filter(term=OuterRef("pk"))
    up = Publication.objects.up(now).filter(term=OuterRef("pk"))
    return queryset.annotate(
        is_live_now=Exists(live),
        scheduled_for=Subquery(scheduled.values("go_live_at")[:1]),
        # Term.has_unpublished_changes, for every row at once.
        unpublished_changes=Case(
            When(Q(status__in=Term.UNAPPROVED) & Q(Exists(up)), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


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

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("term", "related")

    def get_formset(self, request, obj=None, **kwargs):
        # The titles of the terms already in the list, in one query (see the widget).
        request.related_term_labels = (
            {
                str(pk): title
                for pk, title in obj.related_links.values_list("related_id", "related__title")
            }
            if obj is not None and obj.pk
            else {}
        )
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["widget"] = KnownLabelsAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                labels=getattr(request, "related_term_labels", {}),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Term)
class TermAdmin(VersionAdmin):
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
        (None, {"fields": ["title", "slug", "category", "summary", "expected_version"]}),
        ("Text", {"fields": ["definition", "why_it_matters", "in_practice"]}),
        ("Tags", {"fields": ["tags"]}),
        (
            "About this term",
            {"fields": ABOUT_FIELDS, "classes": ["collapse"]},
        ),
    ]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    change_form_template = "admin/terms/term/change_form.html"
    object_history_template = "admin/terms/term/object_history.html"
    history_latest_first = True

    class Media:
        js = ["js/admin-editor.js"]
        css = {"all": ["css/admin.css"]}

    # Lists

    def get_queryset(self, request):
        return with_live_state(super().get_queryset(request))

    @admin.display(description="Status", ordering="status")
    def status_badge(self, term):
        label = status_label(term)
        tone = BADGE_TONES.get(label, "draft")
        return format_html('<span class="status-badge status-badge--{}">{}</span>', tone, label)

    # Permissions: asked of terms.workflow, enforced on every request.

    @admin.display(description="Unpublished changes", boolean=True, ordering="unpublished_changes")
    def has_changes(self, term):
        return term.unpublished_changes

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.may_delete(request.user, obj))

    # Saving: optimistic concurrency, staged changes, rendering.

    def save_model(self, request, obj, form, change):
        restoring = request.resolver_match.url_name.endswith(("_revision", "_recover"))
        form.names_before = names_before_save(obj) if change else None
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
        after_term_saved(form.instance, getattr(form, "names_before", None))

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
        extra = extra_context or {}
        if term is not None:
            extra.update(self.workflow_context(request, term))
        return super().change_view(request, object_id, form_url, extra)

    def workflow_context(self, request, term):
        actions = workflow.available_actions(term, request.user)
        related_ids = term.related_ids()
        return {
            "suggested_related": suggested_terms(
                term.pk,
                list(term.tags.values_list("slug", flat=True)),
                exclude=related_ids,
                count=max(0, RELATED_CARDS - len(related_ids)),
            ),
            "may_edit": workflow.may_edit(request.user, term),
            "term_status": status_label(term),
            "workflow_actions": [(action, workflow.Action.LABELS[action]) for action in actions],
            "transition_form": TransitionForm(initial={"expected_version": term.version}),
            "checks": check_term(term),
            "transitions": term.transitions.select_related("user")[:50],
            # As on the public page: live terms whose published text links here (a draft's
            # links reach no reader until it is approved).
            "linked_from": Term.objects.filter(
                publications__in=Publication.objects.live().filter(outgoing_links__target=term)
            )
            .exclude(pk=term.pk)
            .order_by("title"),
            "live_publication": term.live_publication(),
            "scheduled": term.publications.scheduled().first(),
            "latest_change_request": term.transitions.filter(
                action=workflow.Action.REQUEST_CHANGES
            ).first()
            if term.status == Term.Status.DRAFT
            else None,
        }

    def transition_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        term = get_object_or_404(Term, pk=pk)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, " ".join(errors), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        data = form.cleaned_data
        try:
            workflow.perform(
                term,
                data["action"],
                by=request.user,
                comment=data["comment"],
                go_live_at=data["go_live_at"],
                expire_at=data["expire_at"],
                expected_version=data["expected_version"],
            )
        except workflow.TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                f"{workflow.Action.LABELS[data['action']]}: “{term.title}” — done.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))

    def add_related_view(self, request, pk):
        term = get_object_or_404(Term, pk=pk)
        back = HttpResponseRedirect(reverse("admin:terms_term_change", args=[pk]))
        if request.method != "POST":
            return back
        if not self.has_change_permission(request, term):
            raise PermissionDenied
        related = get_object_or_404(Term, pk=request.POST.get("related", 0) or 0)
        try:
            version = int(request.POST.get("expected_version", ""))
            workflow.add_related(term, related, by=request.user, expected_version=version)
        except ValueError:
            self.message_user(
                request, "The form was incomplete; nothing was changed.", messages.ERROR
            )
        except workflow.TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"Added “{related.title}” to the related terms.")
        return back

    def compare_view(self, request, pk):
        term = get_object_or_404(Term.objects.select_related("category"), pk=pk)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        sides = {}
        for key in ("from", "to"):
            value = request.GET.get(key, "live" if key == "from" else "working")
            sides[key] = self.version_side(term, value)
            if sides[key] is None:
                # A hand-edited or stale address: say so where versions can be picked.
                self.message_user(
                    request,
                    "This term has no such version to compare. Pick two versions below.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(reverse("admin:terms_term_history", args=[pk]))
        return TemplateResponse(
            request,
            "admin/terms/term/compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": term,
                "title": f"Compare versions of “{term.title}”",
                "before_label": sides["from"][0],
                "after_label": sides["to"][0],
                "diffs": history.compare(sides["from"][1], sides["to"][1]),
            },
        )

    def version_side(self, term, value):
        """(label, fields) of one side of a comparison, or None if ``value`` names no version:
        "working", "live" or the id of one of the term's saved versions."""
        if value == "working":
            return "Working copy", history.of_working_copy(term)
        if value == "live":
            publication = term.live_publication()
            if publication is None:
                return "Live version (none: the term is not live)", {}
            label = f"Live version (published {publication.go_live_at:%Y-%m-%d %H:%M})"
            return label, history.of_publication(publication)
        version = history.saved_version(term, value)
        if version is None:
            return None
        return (
            f"Saved {version.revision.date_created:%Y-%m-%d %H:%M} by "
            f"{version.revision.user or 'unknown'}",
            history.of_version(version),
        )

    def history_view(self, request, object_id, extra_context=None):
        term = get_object_or_404(Term, pk=object_id)
        if not self.has_view_or_change_permission(request, term):
            raise PermissionDenied
        versions = Version.objects.get_for_object(term).select_related("revision__user")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": term,
            "title": f"History of “{term.title}”",
            "versions": versions,
            "may_restore": workflow.may_restore(request.user),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        # Reverting rewrites the row with the old version's values; the optimistic-locking
        # version is not part of a saved version, so remember the real one (see changeform_view).
        request.term_version_before_restore = (
            Term.objects.filter(pk=object_id).values_list("version", flat=True).first()
        )
        return super().revision_view(request, object_id, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        version = getattr(request, "term_version_before_restore", None)
        if object_id and version is not None:
            Term.objects.filter(pk=object_id).update(version=version)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not workflow.may_restore(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # Bulk actions: the same rules, one result per term.

    def _bulk(self, request, queryset, action):
        done, refused = [], []
        for term in queryset:
            try:
                with transaction.atomic():
                    workflow.perform(term, action, by=request.user, expected_version=term.version)
                done.append(term.title)
            except workflow.TransitionError as error:
                refused.append(str(error))
        label = workflow.Action.LABELS[action]
        if done:
            self.message_user(request, f"{label}: {', '.join(done)}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description="Submit selected terms for review")
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.SUBMIT)

    @admin.action(description="Approve and publish selected terms", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.APPROVE)

    @admin.action(description="Unpublish selected terms", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.Action.UNPUBLISH)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_PERMISSION)


@admin.register(TermInReview)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Terms waiting for an editor, the most recently submitted first."""

    list_display = ["term_link", "category", "submitted_by", "submitted_at", "live_version"]
    list_select_related = ["category"]
    list_display_links = None

    def get_queryset(self, request):
        submissions = Transition.objects.filter(
            term=OuterRef("pk"), to_status=Term.Status.IN_REVIEW
        ).order_by("-created_at")
        return with_live_state(
            Term.objects.in_review()
            .select_related("category")
            .annotate(
                submitted_at=Subquery(submissions.values("created_at")[:1]),
                submitted_by=Subquery(submissions.values("user__username")[:1]),
            )
        )

    def get_ordering(self, request):
        return ["-submitted_at", "-updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("terms.view_term")

    def has_module_permission(self, request):
        return request.user.has_perm("terms.view_term")

    @admin.display(description="Term", ordering="title")
    def term_link(self, term):
        url = reverse("admin:terms_term_change", args=[term.pk])
        return format_html('<a href="{}">{}</a>', url, term.title)

    @admin.display(description="Submitted", ordering="submitted_at")
    def submitted_at(self, term):
        return term.submitted_at

    @admin.display(description="By")
    def submitted_by(self, term):
        return term.submitted_by or "—"

    @admin.display(description="Changes to a live term", boolean=True)
    def live_version(self, term):
        return term.is_live_now


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
            .with_live_counts()
            .annotate(term_count=Count("terms", distinct=True))
        )

    @admin.display(description="Live terms", ordering="live_count")
    def live_terms(self, category):
        return category.live_count

    @admin.display(description="All terms", ordering="term_count")
    def all_terms(self, category):
        return category.term_count

"""The term form's inlines: other names (aliases) and curated related terms."""

from functools import partial

from adminsortable2.admin import SortableInlineAdminMixin
from django.contrib import admin
from django.forms import Script

from terms.admin.inline_rows import INLINE_TEMPLATE, AliasRowsFormSet, RelatedRowsFormSet
from terms.admin_widgets import KnownLabelsAutocompleteSelect
from terms.forms import AliasForm
from terms.models import Alias, RelatedTerm


class AliasInline(admin.TabularInline):
    model = Alias
    form = AliasForm
    formset = AliasRowsFormSet
    template = INLINE_TEMPLATE
    fields = ["name", "slug"]
    extra = 1
    verbose_name = "other name"
    verbose_name_plural = "Other names (each leads to this term, e.g. “LLM”)"


class RelatedTermInline(SortableInlineAdminMixin, admin.TabularInline):
    model = RelatedTerm
    fk_name = "term"
    # Ordered by drag and drop (or Move up / Move down): position is a hidden input.
    formset = RelatedRowsFormSet
    template = INLINE_TEMPLATE
    sortable_rows = True

    class Media:
        js = [Script("js/admin-related.js", type="module")]

    fields = ["related", "position"]
    autocomplete_fields = ["related"]
    extra = 1
    ordering = ["position", "pk"]
    verbose_name_plural = "Related terms"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("term", "related")

    def get_formset(self, request, obj=None, **kwargs):
        # The titles of the terms already in the list, in one query, handed to the widget
        # (see KnownLabelsAutocompleteSelect) through the form-field callback.
        labels = (
            {
                str(pk): title
                for pk, title in obj.related_links.values_list("related_id", "related__title")
            }
            if obj is not None and obj.pk
            else {}
        )
        kwargs.setdefault(
            "formfield_callback",
            partial(self.formfield_for_dbfield, request=request, related_labels=labels),
        )
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, related_labels=None, **kwargs):
        if db_field.name == "related":
            kwargs["widget"] = KnownLabelsAutocompleteSelect(
                db_field,
                self.admin_site,
                using=kwargs.get("using"),
                labels=related_labels or {},
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

"""The term form's inlines: other names (aliases) and curated related terms."""

from functools import partial

from django.contrib import admin

from terms.admin_widgets import KnownLabelsAutocompleteSelect
from terms.forms import AliasForm, AliasInlineFormSet, RelatedTermInlineFormSet
from terms.models import Alias, RelatedTerm


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

"""Formsets for the term form's inlines whose every input has an accessible name.

A tabular inline shows each field's label once, in its column's header; the inputs of each row
are named by that header (``aria-labelledby``) and described by its help text, and a row's
"Delete?" box says what it deletes. The template is ``admin/terms/term/tabular_inline.html``,
which gives the headers these ids. The related terms' rows are ordered by drag and drop
(django-admin-sortable2) instead of typed positions.
"""

from adminsortable2.admin import CustomInlineFormSetMixin

from terms.forms import AliasInlineFormSet, RelatedTermInlineFormSet

INLINE_TEMPLATE = "admin/terms/term/tabular_inline.html"


def column_id(prefix: str, name: str) -> str:
    """The id of the header naming column ``name`` (see the template)."""
    return f"{prefix}-column-{name}"


class LabelledRowsMixin:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if name == "DELETE" or field.widget.is_hidden:
                continue
            # The admin's related-object wrapper renders the widget it wraps, whose attrs its
            # deep copy does not share: name the inner widget.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-labelledby"] = column_id(self.prefix, name)
            if field.help_text:
                widget.attrs["aria-describedby"] = column_id(self.prefix, name) + "-help"
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = self.delete_label(form.instance)

    def delete_label(self, instance) -> str:
        return "Delete this row"


class AliasRowsFormSet(LabelledRowsMixin, AliasInlineFormSet):
    def delete_label(self, alias) -> str:
        return f"Delete the other name “{alias.name}”" if alias.pk else "Delete this other name"


class RelatedRowsFormSet(LabelledRowsMixin, CustomInlineFormSetMixin, RelatedTermInlineFormSet):
    def delete_label(self, link) -> str:
        if link.pk and link.related_id:
            return f"Remove “{link.related.title}” from the related terms"
        return "Remove this related term"


class NamedListRowsMixin:
    """A change list's editable cells (``list_editable``), each named "<label> of <row>"."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden:
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs["aria-label"] = f"{field.label} of {form.instance}"


def named_list_rows(formset):
    """``formset`` (a change list's) with every editable cell named."""
    return type(formset.__name__, (NamedListRowsMixin, formset), {})

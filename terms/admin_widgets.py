"""Admin widgets: an autocomplete that avoids a query per inline row, and tags with
suggestions."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms import Script
from django.urls import reverse
from taggit.forms import TagWidget


class KnownLabelsAutocompleteSelect(AutocompleteSelect):
    """An autocomplete whose selected options' labels are known in advance.

    Django's widget looks up the selected object for every row it renders (a query per related
    term); the inline hands it the labels of all rows, fetched in one query.
    """

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels or {}

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not all(choice in self.labels for choice in selected):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for choice in selected:
            options.append(
                self.create_option(name, choice, self.labels[choice], set(selected), len(options))
            )
        return [(None, options, 0)]


class TagAutocompleteWidget(TagWidget):
    """taggit's comma-separated text input, with suggestions from the tags already in use
    (static/js/admin-tags.js asks ``TermAdmin``'s tag suggestions view as the writer types)."""

    class Media:
        js = [Script("js/admin-tags.js", type="module")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-tag-suggest-url"] = reverse(
            "admin:terms_term_tag_suggestions"
        )
        return context

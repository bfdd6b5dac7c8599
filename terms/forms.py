"""Admin forms for terms: they explain, in the editor's words, what the database would refuse."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from terms.models import NAME_MAX_LENGTH, SECTION_FIELDS, Term
from terms.names import conflicts
from terms.workflow import PUBLISHING_ACTIONS, Action, conflict_message

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
VERSION_MISSING = (
    "This form did not say which version of the term it was loaded from, so saving it could "
    "overwrite someone else's changes. Nothing was saved: copy your changes, reload the page "
    "and apply them again."
)


def plain_line_endings(text: str) -> str:
    """``text`` with every line ending a line feed (browsers send text areas with CRLF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class PlainLinesCharField(forms.CharField):
    """Text stored with LF line endings, whatever the browser sent: a save never differs from
    the stored text, and a comparison never shows a change, by line endings alone."""

    def to_python(self, value):
        return plain_line_endings(super().to_python(value))

    def has_changed(self, initial, data):
        initial = plain_line_endings(initial) if isinstance(initial, str) else initial
        return super().has_changed(initial, data)


class TermAdminForm(forms.ModelForm):
    # The version the editor loaded; saving checks it in the database (optimistic locking).
    # Not required by the field because a new term has none; a change without it is refused
    # (check_version).
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Term
        fields = [
            "title",
            "slug",
            "category",
            "summary",
            "definition",
            "why_it_matters",
            "in_practice",
            "tags",
        ]
        # Sized in static/css/admin.css: the admin's CSP allows no inline styles.
        widgets = {"summary": forms.TextInput(attrs={"class": "vTextField term-summary"})}
        field_classes = dict.fromkeys(("summary", *SECTION_FIELDS), PlainLinesCharField)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["expected_version"].initial = self.instance.version
        if "definition" in self.fields:
            # A link shows the words typed: write them as the sentence needs them.
            self.fields["definition"].help_text = (
                "Markdown. Link a term with [[its name]], written as the sentence needs it "
                "(“models learn from [[training data]]”), or [[slug|your own words]]."
            )

    @property
    def changed_data(self):
        # The version the form was loaded at is bookkeeping: never a change the editor made,
        # never named in the history.
        return [name for name in super().changed_data if name != "expected_version"]

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        too_long = [name for name in tags if len(name) > TAG_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                f"A tag can be at most {TAG_MAX_LENGTH} characters long "
                f"(“{too_long[0][:40]}…” is {len(too_long[0])}).",
                code="tag_too_long",
            )
        unusable = [name for name in tags if not slugify(name, allow_unicode=True)]
        if unusable:
            raise ValidationError(
                f"“{unusable[0]}” cannot be a tag: use letters or digits.", code="tag_unusable"
            )
        return tags

    def check_version(self, expected: int | None) -> None:
        """Refuse the save if someone else saved since this form was loaded, or if the form
        does not say which version it was loaded at (then nothing can be checked).

        The row stays locked (on PostgreSQL) until the admin's transaction ends, so the
        version cannot change between this check and the save.
        """
        if expected is None:
            self.add_error(None, ValidationError(VERSION_MISSING, code="version_missing"))
            return
        current = (
            Term.objects.select_for_update().filter(pk=self.instance.pk).values("version").first()
        )
        if current is not None and expected != current["version"]:
            self.add_error(None, ValidationError(conflict_message(self.instance), code="conflict"))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_version(cleaned.get("expected_version"))
        title, slug = cleaned.get("title"), cleaned.get("slug")
        found = conflicts(self.instance, [title or ""], [slug or ""])
        if title and title.lower() in found:
            self.add_error("title", found[title.lower()])
        if slug and slug.lower() in found:
            self.add_error("slug", found[slug.lower()])
        return cleaned


class AliasInlineFormSet(forms.BaseInlineFormSet):
    """Aliases: unique among themselves, different from the term's title, free elsewhere."""

    def clean(self):
        super().clean()
        term_title = (getattr(self.instance, "title", "") or "").lower()
        term_slug = (getattr(self.instance, "slug", "") or "").lower()
        seen_names, seen_slugs, kept = set(), set(), []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name", "").strip()
            slug = (form.cleaned_data.get("slug") or slugify(name)).lower()
            if not slug:
                form.add_error(
                    "name", "This name has no letters or digits to make an address from."
                )
                continue
            form.cleaned_data["slug"] = slug
            form.instance.slug = slug
            if name.lower() == term_title or name.lower() in seen_names:
                form.add_error("name", "This name is already used by this term.")
            if slug == term_slug or slug in seen_slugs:
                form.add_error("slug", "This address is already used by this term.")
            seen_names.add(name.lower())
            seen_slugs.add(slug)
            kept.append(form)
        found = conflicts(
            self.instance,
            [form.cleaned_data["name"] for form in kept],
            [form.cleaned_data["slug"] for form in kept],
        )
        for form in kept:
            for field in ("name", "slug"):
                message = found.get(form.cleaned_data[field].lower())
                if message:
                    form.add_error(field, message)


class AliasForm(forms.ModelForm):
    # No help_text: a tabular inline shows help as a tooltip in the column heading, so the
    # input's aria-describedby would point at nothing. The placeholder says it instead.
    slug = forms.SlugField(
        required=False,
        max_length=NAME_MAX_LENGTH,
        label="Address",
        widget=forms.TextInput(attrs={"placeholder": "made from the name if left empty"}),
    )


class RelatedTermInlineFormSet(forms.BaseInlineFormSet):
    """Related terms: never the term itself, each at most once."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            related = form.cleaned_data.get("related")
            if related is None:
                continue
            if self.instance.pk and related.pk == self.instance.pk:
                form.add_error("related", "A term cannot be related to itself.")
            elif related.pk in seen:
                form.add_error("related", "This term is already in the list.")
            seen.add(related.pk)


class TransitionForm(forms.Form):
    """One workflow action from the term's change page.

    A publishing button says whether it publishes now or at the go-live time:
    "approve:now", "publish:later"… (``action`` is then the workflow action, and
    ``go_live_at`` is emptied for "now" and required for "later"). Times are read in the
    editor's time zone, the one active for the request (terms.editor_time_zone).
    """

    action = forms.ChoiceField(choices=[])
    comment = PlainLinesCharField(
        required=False,
        max_length=2000,
        label="Comment",
        help_text="Required to request changes; kept in the workflow log.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    go_live_at = forms.DateTimeField(
        required=False,
        label="Go live at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    expire_at = forms.DateTimeField(
        required=False,
        label="Take down at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        # Its own ids: the change form around it has an expected_version of its own.
        kwargs.setdefault("auto_id", "workflow_%s")
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        self.fields[
            "go_live_at"
        ].help_text = f"Your time zone, {zone}. Used by “Schedule” and “Reschedule”."
        self.fields["expire_at"].help_text = f"Optional; your time zone, {zone}."
        self.fields["action"].choices = [
            *Action.LABELS.items(),
            *(
                (f"{action}:{timing}", f"{Action.LABELS[action]} ({timing})")
                for action in sorted(PUBLISHING_ACTIONS)
                for timing in ("now", "later")
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        action, _, timing = cleaned.get("action", "").partition(":")
        if not action:
            return cleaned
        cleaned["action"] = action
        if timing == "now":
            cleaned["go_live_at"] = None
        elif (
            timing == "later"
            and cleaned.get("go_live_at") is None
            and not self.has_error("go_live_at")
        ):
            self.add_error("go_live_at", "Choose when it should go live, or use “Publish now”.")
        return cleaned

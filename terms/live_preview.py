"""The term form's live preview: the whole term as readers would see it, from unsaved form data.

The editor's browser posts the change form as it stands (debounced, as the writer types); this
answers with the public term page rendered from it, by the same renderer (``terms.rendering``),
the same page context (``terms.views.term_page_context``) and the same template as a reader's
page, plus notes on what readers would miss: wiki links that name no term, links and related
terms that are not live, a missing category.

Nothing is saved: the posted data only ever fills an unsaved ``Term`` in memory. The number of
queries does not grow with the number of links, related terms, aliases or tags.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.db.models.functions import Lower
from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from taggit.models import Tag
from taggit.utils import parse_tags

from terms.links import WIKI_LINK, live_cards, wiki_link_ids
from terms.models import (
    NAME_MAX_LENGTH,
    SECTION_FIELDS,
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Category,
    Term,
)
from terms.rendering import UNRESOLVED, WIKI_TARGET_MAX_LENGTH, render

# The inline formsets' prefixes on the term form (the related names of Alias and RelatedTerm).
ALIAS_PREFIX = "aliases"
RELATED_PREFIX = "related_links"
# At most this many rows of an inline, and tags, are read from one preview request.
MAX_ROWS = 100
MAX_TAGS = 100

TEMPLATE = "admin/terms/term/live_preview_page.html"
NOTES_TEMPLATE = "admin/terms/term/live_preview_notes.html"

# The page's own script tags (its search suggestions, term previews): a sandboxed frame would
# refuse to run them, so they are left out rather than refused on every keystroke. Writers'
# text can hold no tag at all (raw HTML is off and the renderer's output is sanitized).
_PAGE_SCRIPT = re.compile(r'<script type="module" src="[^"<>]*"></script>')

# [[Target]] or [[target|label]] as typed, to name a broken link the way the writer wrote it.
_TYPED_TARGET = re.compile(
    r"\[\[([^\[\]\n|]{1,%d})(?:\|[^\[\]\n]*)?\]\]" % WIKI_TARGET_MAX_LENGTH  # noqa: UP031
)


class PreviewForm(forms.Form):
    """The term's own fields as the change form posts them. Limits as the real form's, so
    a preview never costs more than a save; an empty field is previewed as empty."""

    title = forms.CharField(max_length=NAME_MAX_LENGTH, required=False)
    summary = forms.CharField(max_length=SUMMARY_MAX_LENGTH, required=False)
    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False)
    definition = forms.CharField(label="Definition", required=False, strip=False)
    why_it_matters = forms.CharField(label="Why it matters", required=False, strip=False)
    in_practice = forms.CharField(label="In practice", required=False, strip=False)
    # Parsed as taggit parses the real field (commas, or spaces when there is no comma).
    tags = forms.CharField(max_length=10_000, required=False)

    def clean(self):
        cleaned = super().clean()
        for name in SECTION_FIELDS:
            length = len(cleaned.get(name) or "")
            if length > SECTION_MAX_LENGTH:
                self.add_error(
                    name,
                    f"it is {length:,} characters long; the limit is {SECTION_MAX_LENGTH:,}. "
                    "Shorten it to see the preview.",
                )
        return cleaned


@dataclass
class Notes:
    """What the writer should know about the preview, each a short sentence (HTML-safe)."""

    broken_links: list[str] = field(default_factory=list)
    unpublished_links: list[str] = field(default_factory=list)
    hidden_related: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def __bool__(self):
        return any((self.broken_links, self.unpublished_links, self.hidden_related, self.other))


def _rows(data, prefix: str, name: str) -> list[tuple[int, str]]:
    """(row number, value) of ``name`` in each inline row not marked for deletion."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_ROWS)
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(max(total, 0)):
        if data.get(f"{prefix}-{index}-DELETE"):
            continue
        value = (data.get(f"{prefix}-{index}-{name}") or "").strip()
        if value:
            rows.append((index, value))
    return rows


def alias_names(data) -> list[str]:
    """The other names typed in the aliases inline, sorted as a publication keeps them."""
    seen, names = set(), []
    for _, name in _rows(data, ALIAS_PREFIX, "name"):
        name = name[:NAME_MAX_LENGTH]
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return sorted(names, key=str.lower)


def _number(value: str) -> int | None:
    """A row's id or position, or None for anything but a short run of ASCII digits."""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def related_ids(data, *, term_id: int | None) -> list[int]:
    """Related term ids in the order the rows' positions (set by drag and drop) give; rows
    without a position follow in the order of the form."""
    positions = {index: _number(value) for index, value in _rows(data, RELATED_PREFIX, "position")}
    ordered = []
    for index, value in _rows(data, RELATED_PREFIX, "related"):
        related = _number(value)
        if related is None or related == term_id:
            continue
        position = positions.get(index)
        ordered.append(((position is None, position or 0, index), related))
    return list(dict.fromkeys(related for _, related in sorted(ordered)))


def tag_list(text: str, notes: Notes) -> list[dict]:
    """The tags as a reader's page lists them ({name, slug}, by name); existing tags keep
    their own slug. One query."""
    names = parse_tags(text)[:MAX_TAGS]
    usable = []
    for name in names:
        if slugify(name, allow_unicode=True):
            usable.append(name)
        else:
            notes.other.append(
                format_html("“{}” cannot be a tag: use letters or digits.", name[:NAME_MAX_LENGTH])
            )
    existing = {}
    if usable:
        for tag in Tag.objects.annotate(key=Lower("name")).filter(
            key__in={name.lower() for name in usable}
        ):
            existing[tag.name.lower()] = tag
    tags, seen = [], set()
    for name in usable:
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        tag = existing.get(name.lower())
        tags.append(
            {"name": tag.name, "slug": tag.slug}
            if tag
            else {"name": name, "slug": slugify(name, allow_unicode=True)}
        )
    return sorted(tags, key=lambda tag: tag["name"].lower())


def typed_targets(texts) -> dict[str, str]:
    """Lowercased wiki-link target → the target as first typed."""
    typed = {}
    for text in texts:
        for match in _TYPED_TARGET.finditer(text):
            target = match.group(1).strip()
            typed.setdefault(target.lower(), target)
    return typed


def _flag(label: str, kind: str, explanation: str) -> str:
    # ``label`` is already escaped HTML (the renderer's output).
    return (
        f'<mark class="preview-flag preview-flag--{kind}">{label}'
        f'<span class="visually-hidden"> ({explanation})</span></mark>'
    )


def flag_links(html: str, live: dict) -> str:
    """Mark wiki links readers would see as plain text: broken ones, and links to terms that
    are not live. Links to live terms are left for ``term_page_context`` to make links."""

    def replace(match: re.Match) -> str:
        term_id = int(match.group(1))
        if term_id == UNRESOLVED:
            return _flag(match.group(2), "broken", "broken link: no term has this name")
        if term_id not in live:
            return _flag(match.group(2), "unpublished", "not live yet: shown as plain text")
        return match.group(0)

    return WIKI_LINK.sub(replace, html)


def build(data, *, term: Term | None) -> tuple[dict, Notes]:
    """The context of the preview page and the notes, from the posted form ``data``.

    Raises ``forms.ValidationError`` with the editor's words when the data cannot be
    previewed (a section over the length limit, an unknown category).
    """
    from terms.views import term_page_context

    form = PreviewForm(data)
    if not form.is_valid():
        raise forms.ValidationError(
            [
                f"{form.fields[name].label or name.replace('_', ' ').capitalize()}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
        )
    cleaned = form.cleaned_data
    term_id = term.pk if term is not None else None
    notes = Notes()
    aliases = alias_names(data)
    own_names = {
        name.lower() for name in (cleaned["title"], *aliases, data.get("slug", "") or "") if name
    }

    sections, targets = {}, {}
    for name in SECTION_FIELDS:
        rendered = render(cleaned[name], keep_unresolved=True)
        sections[name] = rendered.html
        targets.update(rendered.wiki_links)
    linked = [i for i in wiki_link_ids("".join(sections.values())) if i not in {UNRESOLVED}]
    related = related_ids(data, term_id=term_id)
    live = live_cards([*linked, *related])
    titles = dict(
        Term.objects.filter(pk__in={*linked, *related} - set(live)).values_list("pk", "title")
    )

    typed = typed_targets(cleaned[name] for name in SECTION_FIELDS)
    for key, target_id in sorted(targets.items()):
        if target_id is None and key not in own_names:
            notes.broken_links.append(
                format_html(
                    "[[{}]] names no term or other name: readers see plain text.",
                    typed.get(key, key),
                )
            )
    for target_id in linked:
        if target_id not in live and target_id != term_id and target_id in titles:
            notes.unpublished_links.append(
                format_html(
                    "A link to “{}” shows as plain text until that term is published.",
                    titles[target_id],
                )
            )
    known_related = [i for i in related if i in live or i in titles]
    for related_id in known_related:
        if related_id not in live:
            notes.hidden_related.append(
                format_html(
                    "“{}” is not live: its card appears once it is published.", titles[related_id]
                )
            )
    if cleaned["category"] is None:
        notes.other.append("Choose a category: readers find the term under it.")

    preview = Term(
        pk=term_id,
        title=cleaned["title"],
        slug=(data.get("slug") or "")[:NAME_MAX_LENGTH],
        summary=cleaned["summary"],
        category=cleaned["category"],
        status=term.status if term is not None else Term.Status.DRAFT,
        updated_at=timezone.now(),
    )
    for name, html in sections.items():
        setattr(preview, f"{name}_html", flag_links(html, live))
    context = term_page_context(
        preview,
        # No term has id 0: a new term has no "Linked from" and excludes nothing.
        term_id=term_id or UNRESOLVED,
        related_term_ids=known_related,
        linked_term_ids=[i for i in linked if i != term_id],
        tag_list=tag_list(cleaned["tags"], notes),
        alias_names=aliases,
    )
    context.update(term=preview, is_preview=True, is_live_preview=True)
    return context, notes


@never_cache
@require_POST
def live_preview(request: HttpRequest, term: Term | None = None) -> JsonResponse:
    """The preview page (``page``, a whole HTML document for a sandboxed frame) and the notes
    (``notes``, HTML for the form's side). 400 with ``error`` when it cannot be previewed.

    Permission checks are the caller's (``TermAdmin.live_preview_view``).
    """
    try:
        context, notes = build(request.POST, term=term)
    except forms.ValidationError as error:
        message = "The preview is not updated. " + " ".join(error.messages)
        return JsonResponse(
            {"error": render_to_string(NOTES_TEMPLATE, {"error": message})}, status=400
        )
    return JsonResponse(
        {
            "page": _PAGE_SCRIPT.sub("", render_to_string(TEMPLATE, context, request=request)),
            "notes": render_to_string(NOTES_TEMPLATE, {"notes": notes}),
            "problems": len(notes.broken_links)
            + len(notes.unpublished_links)
            + len(notes.hidden_related)
            + len(notes.other),
        }
    )

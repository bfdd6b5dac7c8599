"""Versions of a term side by side: saved versions (django-reversion), the working copy and the
live publication, reduced to the fields editors care about, and a word-level diff of two."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.text import capfirst
from reversion.models import Version
from taggit.models import Tag

from terms.models import (
    SECTION_FIELDS,
    Alias,
    Category,
    Publication,
    RelatedTerm,
    TaggedTerm,
    Term,
)

# What a comparison shows, in the change form's order, labelled as the form labels them.
FIELDS = [
    *(
        (name, capfirst(Term._meta.get_field(name).verbose_name))
        for name in ("title", "slug", "category", "summary", *SECTION_FIELDS, "tags")
    ),
    ("aliases", "Other names"),
    ("related", "Related terms"),
]
TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _titles(term_ids) -> list[str]:
    titles = dict(Term.objects.filter(pk__in=term_ids).values_list("pk", "title"))
    return [titles.get(term_id, f"(deleted term #{term_id})") for term_id in term_ids]


TEXT_FIELDS = ("title", "slug", "summary", *SECTION_FIELDS)


def _snapshot(texts: dict, *, category: str, tags, aliases, related_ids) -> dict[str, str]:
    """The fields editors compare, as text."""
    return {
        **{name: texts.get(name, "") for name in TEXT_FIELDS},
        "category": category,
        "tags": ", ".join(sorted(tags)),
        "aliases": ", ".join(sorted(aliases)),
        "related": ", ".join(_titles(list(related_ids))),
    }


def of_working_copy(term: Term) -> dict[str, str]:
    return _snapshot(
        {name: getattr(term, name) for name in TEXT_FIELDS},
        category=term.category.name if term.category_id else "",
        tags=[tag.name for tag in term.tags.all()],
        aliases=[alias.name for alias in term.aliases.all()],
        related_ids=term.related_ids(),
    )


def of_publication(publication: Publication) -> dict[str, str]:
    return _snapshot(
        {name: getattr(publication, name) for name in TEXT_FIELDS},
        category=publication.category.name,
        tags=[tag["name"] for tag in publication.tag_list],
        aliases=publication.alias_names,
        related_ids=publication.related_term_ids,
    )


def saved_version(term: Term, version_id: str) -> Version | None:
    """The saved version of ``term`` that ``version_id``, as written in an address, names.

    None when it names none: not a whole number, out of any id's range, deleted, or a
    version of another term.
    """
    # At most 18 digits: every such number fits a 64-bit id column on every database.
    if not (version_id.isascii() and version_id.isdigit()) or len(version_id) > 18:
        return None
    return (
        Version.objects.get_for_object(term)
        .select_related("revision__user")
        .filter(pk=int(version_id))
        .first()
    )


def of_version(version: Version) -> dict[str, str]:
    """A saved version, with the aliases, tags and related terms saved in the same revision."""
    fields = version.field_dict
    aliases, related, tag_ids = [], [], []
    for other in version.revision.version_set.all():
        model = other._model
        data = other.field_dict
        if model is Alias and data.get("term_id") == int(version.object_id):
            aliases.append(data["name"])
        elif model is RelatedTerm and data.get("term_id") == int(version.object_id):
            related.append((data.get("position", 0), data["related_id"]))
        elif model is TaggedTerm and data.get("content_object_id") == int(version.object_id):
            tag_ids.append(data["tag_id"])
    category = Category.objects.filter(pk=fields.get("category_id")).first()
    return _snapshot(
        fields,
        category=category.name if category else "",
        tags=Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True),
        aliases=aliases,
        related_ids=[term_id for _, term_id in sorted(related)],
    )


@dataclass
class FieldDiff:
    label: str
    changed: bool
    before: str  # HTML, escaped, with <del> marks
    after: str  # HTML, escaped, with <ins> marks
    name: str = ""
    # Sections only, when asked: both sides rendered as readers see them, with the words that
    # differ marked (sanitized HTML from terms.rendering, marks added around text only).
    rendered_before: str | None = None
    rendered_after: str | None = None


# Tags of rendered HTML, words, runs of white space, and single other characters.
HTML_TOKEN = re.compile(r"<[^>]*>|\w+|\s+|[^\w\s<]", re.UNICODE)


def _changed_spans(tokens_a: list[str], tokens_b: list[str]):
    """(removed spans of a, added spans of b): word-level, from difflib's matching blocks."""
    matcher = difflib.SequenceMatcher(None, tokens_a, tokens_b, autojunk=False)
    removed, added = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.append((a1, a2))
        if op in ("replace", "insert"):
            added.append((b1, b2))
    return removed, added


def _marked(tokens: list[str], spans: list[tuple[int, int]], tag: str) -> str:
    out, position = [], 0
    for start, end in spans:
        out.append(escape("".join(tokens[position:start])))
        out.append(f"<{tag}>{escape(''.join(tokens[start:end]))}</{tag}>")
        position = end
    out.append(escape("".join(tokens[position:])))
    return "".join(out)


def _marked_html(tokens: list[str], spans: list[tuple[int, int]], tag: str) -> str:
    """Rendered (already sanitized) HTML with the text of ``spans`` wrapped in ``tag``.

    Marks never wrap a tag: each run of text between tags gets its own, so the result stays
    well-formed whatever the change did to the structure.
    """
    changed = set()
    for start, end in spans:
        changed.update(range(start, end))
    out, open_mark = [], False
    for index, token in enumerate(tokens):
        is_text = not token.startswith("<")
        marking = index in changed and is_text
        if marking and not open_mark:
            out.append(f"<{tag}>")
            open_mark = True
        elif not marking and open_mark:
            out.append(f"</{tag}>")
            open_mark = False
        out.append(token)
    if open_mark:
        out.append(f"</{tag}>")
    return "".join(out)


def _rendered(text: str) -> str:
    from terms.rendering import render

    return render(text).html


def compare(
    before: dict[str, str], after: dict[str, str], *, rendered: bool = False
) -> list[FieldDiff]:
    """Word-level differences, field by field, as escaped HTML; with ``rendered``, the
    sections are also compared as readers see them (rendered Markdown)."""
    diffs = []
    for name, label in FIELDS:
        a, b = before.get(name, ""), after.get(name, "")
        diff = FieldDiff(label, a != b, escape(a), escape(b), name=name)
        if a != b:
            tokens_a, tokens_b = TOKEN.findall(a), TOKEN.findall(b)
            removed, added = _changed_spans(tokens_a, tokens_b)
            diff.before = _marked(tokens_a, removed, "del")
            diff.after = _marked(tokens_b, added, "ins")
        if rendered and name in SECTION_FIELDS:
            html_a, html_b = _rendered(a), _rendered(b)
            tokens_a, tokens_b = HTML_TOKEN.findall(html_a), HTML_TOKEN.findall(html_b)
            removed, added = _changed_spans(tokens_a, tokens_b)
            diff.rendered_before = _marked_html(tokens_a, removed, "del")
            diff.rendered_after = _marked_html(tokens_b, added, "ins")
        diffs.append(diff)
    return diffs

"""Exports: the live glossary (what readers see) or the editors' working copies, in any of the
formats, ready to be imported back unchanged.

Terms come out by slug and categories by position, every list in a fixed order and every text
normalised as an import would, so an export of an imported export is the same file.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.db.models.functions import Lower

from terms.models import SECTION_FIELDS, Category, Publication, Term
from terms.transfer.incoming import normalise_text


class Source:
    LIVE = "live"
    WORKING = "working"
    CHOICES = [
        (LIVE, "The live glossary (what readers see)"),
        (WORKING, "Working copies (drafts and unpublished changes included)"),
    ]


@dataclass
class Export:
    categories: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)


def _by_name(names) -> list[str]:
    return sorted(names, key=lambda name: (name.lower(), name))


def _categories() -> list[dict]:
    return [
        {
            "name": category.name,
            "slug": category.slug,
            "description": normalise_text(category.description),
            "position": category.position,
        }
        for category in Category.objects.order_by("position", Lower("name"), "pk")
    ]


def _entry(item, *, category_slug, tags, aliases, related) -> dict:
    return {
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary.strip(),
        "category": category_slug,
        "tags": _by_name(tags),
        "aliases": _by_name(aliases),
        "related": related,
        **{name: normalise_text(getattr(item, name)) for name in SECTION_FIELDS},
    }


def live_glossary() -> Export:
    """What readers see now: live publications, related terms that are live."""
    live = Publication.objects.live()
    slugs = dict(live.values_list("term_id", "slug"))
    terms = [
        _entry(
            publication,
            category_slug=publication.category.slug,
            tags=[tag["name"] for tag in publication.tag_list],
            aliases=publication.alias_names,
            related=[slugs[pk] for pk in publication.related_term_ids if pk in slugs],
        )
        for publication in live.select_related("category").order_by("slug").iterator(2000)
    ]
    return Export(categories=_categories(), terms=terms)


def working_copies() -> Export:
    """Every term's working copy, drafts and unpublished changes included."""
    slugs = dict(Term.objects.values_list("pk", "slug"))
    rows = (
        Term.objects.select_related("category")
        .prefetch_related("aliases", "tagged_items__tag", "related_links")
        .order_by("slug")
    )
    terms = [
        _entry(
            term,
            category_slug=term.category.slug,
            tags=[tagged.tag.name for tagged in term.tagged_items.all()],
            aliases=[alias.name for alias in term.aliases.all()],
            related=[
                slugs[link.related_id]
                for link in sorted(term.related_links.all(), key=lambda r: (r.position, r.pk))
            ],
        )
        for term in rows.iterator(2000)
    ]
    return Export(categories=_categories(), terms=terms)


def export(source: str) -> Export:
    return working_copies() if source == Source.WORKING else live_glossary()


def export_bytes(source: str, format_name: str) -> bytes:
    """The glossary from ``source`` as a file in ``format_name``."""
    from terms.transfer.formats import FORMATS

    buffer = BytesIO()
    FORMATS[format_name].write(export(source), buffer)
    return buffer.getvalue()

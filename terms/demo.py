"""Load the demo glossary (``terms.demo_data``) into the database, idempotently.

Each category and term is matched by slug; only what differs is written and published again,
so a second run changes nothing (not even "updated" times).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from terms import demo_data
from terms.editing import after_term_saved, names_before_save
from terms.models import SECTION_FIELDS, Alias, Category, RelatedTerm, Term
from terms.workflow import publish_without_review

TERM_FIELDS = ("title", "summary", *SECTION_FIELDS)


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def _load_category(entry: dict, position: int, report: DemoReport) -> Category:
    wanted = {"name": entry["name"], "description": entry["description"], "position": position}
    category = Category.objects.filter(slug=entry["slug"]).first()
    if category is None:
        report.created.append(f"category {entry['slug']}")
        return Category.objects.create(slug=entry["slug"], **wanted)
    changed = {key: value for key, value in wanted.items() if getattr(category, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(category, key, value)
        category.save()
        report.updated.append(f"category {entry['slug']}")
    else:
        report.unchanged.append(f"category {entry['slug']}")
    return category


def _term_differs(term: Term, entry: dict, category: Category) -> bool:
    if any(getattr(term, name) != entry[name] for name in TERM_FIELDS):
        return True
    if term.category_id != category.pk:
        return True
    if sorted(alias.name for alias in term.aliases.all()) != sorted(entry["aliases"]):
        return True
    return {tag.name.lower() for tag in term.tags.all()} != {t.lower() for t in entry["tags"]}


def _load_term(entry: dict, categories: dict[str, Category], report: DemoReport) -> Term:
    category = categories[entry["category"]]
    term = Term.objects.filter(slug=entry["slug"]).first()
    if term is not None and not _term_differs(term, entry, category):
        report.unchanged.append(entry["slug"])
        return term
    names_before = names_before_save(term) if term else None
    if term is None:
        term = Term(slug=entry["slug"])
        report.created.append(entry["slug"])
    else:
        report.updated.append(entry["slug"])
    for name in TERM_FIELDS:
        setattr(term, name, entry[name])
    term.category = category
    term.save()
    term.aliases.exclude(name__in=entry["aliases"]).delete()
    existing = set(term.aliases.values_list("name", flat=True))
    for name in entry["aliases"]:
        if name not in existing:
            Alias.objects.create(term=term, name=name, slug=slugify(name))
    term.tags.set(entry["tags"])
    after_term_saved(term, names_before)
    return term


def _load_related(term: Term, slugs: list[str], terms: dict[str, Term], report: DemoReport) -> None:
    wanted = [terms[slug].pk for slug in slugs]
    current = term.related_ids()
    if current == wanted:
        return
    term.related_links.all().delete()
    RelatedTerm.objects.bulk_create(
        RelatedTerm(term=term, related_id=related_id, position=position)
        for position, related_id in enumerate(wanted, start=1)
    )
    if term.slug not in report.created and term.slug not in report.updated:
        report.unchanged.remove(term.slug)
        report.updated.append(term.slug)


def _publish(term: Term) -> None:
    publish_without_review(term, comment="Published by the demo content loader.")


def load_demo_content(*, dry_run: bool = False) -> DemoReport:
    """Create or update the demo categories and terms; with ``dry_run`` nothing is kept."""
    report = DemoReport()
    with transaction.atomic():
        categories = {
            entry["slug"]: _load_category(entry, position, report)
            for position, entry in enumerate(demo_data.CATEGORIES, start=1)
        }
        terms = {entry["slug"]: _load_term(entry, categories, report) for entry in demo_data.TERMS}
        for entry in demo_data.TERMS:
            _load_related(terms[entry["slug"]], entry["related"], terms, report)
        changed = set(report.created) | set(report.updated)
        live = set(Term.objects.live().values_list("slug", flat=True))
        for slug, term in terms.items():
            if slug in changed or slug not in live:
                _publish(term)
        if dry_run:
            transaction.set_rollback(True)
    return report

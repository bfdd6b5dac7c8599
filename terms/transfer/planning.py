"""The dry run: what an import would do to the glossary, entry by entry, before anything is
written.

Each term is new, changed (with a field-by-field diff), unchanged, or an error with its
reasons and where it is in the file. Names resolve within the file first and then on the site,
so related terms and wiki links between imported terms work whatever their order. The plan's
digest covers the upload and everything the plan read from the database (which terms it
matched and at which version, which terms and categories it points to): applying re-plans and
refuses if the digest differs (``terms.transfer.applying``).

A handful of queries whatever the size of the file (names, terms and their related terms are
each read in chunks).
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models.functions import Lower
from django.utils.text import slugify
from taggit.models import Tag

from terms import history, workflow
from terms.models import (
    NAME_MAX_LENGTH,
    SECTION_FIELDS,
    SECTION_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Category,
    ReservedName,
    Term,
)
from terms.rendering import render
from terms.transfer.incoming import IncomingCategory, IncomingTerm, Parsed, normalise_text

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
CHUNK = 2000
NAME, SLUG = ReservedName.Namespace.NAME, ReservedName.Namespace.SLUG


class Outcome:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"
    ORDER = (ERROR, CHANGED, NEW, UNCHANGED)


@dataclass
class Row:
    """One entry of the file, as the dry run shows it."""

    source: str
    outcome: str
    title: str
    slug: str = ""
    term_id: int | None = None
    version: int | None = None
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Changed fields only: {"label", "before", "after"}, escaped HTML with <del>/<ins>.
    diff: list[dict] = field(default_factory=list)


@dataclass
class Resolved:
    """What applying needs of a planned term (kept in memory, never shown)."""

    incoming: IncomingTerm
    row: Row
    term: Term | None
    category: tuple[str, object]  # ("site", id) or ("file", slug)
    related: list[tuple[str, object]]  # ("site", term id) or ("file", slug)
    wiki_targets: set[str] = field(default_factory=set)  # lowercased


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    categories: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: str = ""
    digest: str = ""
    resolved: list[Resolved] = field(default_factory=list, repr=False)
    new_categories: list[IncomingCategory] = field(default_factory=list, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Outcome.ORDER, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        counts["categories"] = sum(row.outcome == Outcome.NEW for row in self.categories)
        counts["category_errors"] = sum(row.outcome == Outcome.ERROR for row in self.categories)
        return counts

    @property
    def has_errors(self) -> bool:
        counts = self.counts
        return bool(self.refused or counts[Outcome.ERROR] or counts["category_errors"])

    @property
    def has_work(self) -> bool:
        counts = self.counts
        return bool(counts[Outcome.NEW] or counts[Outcome.CHANGED] or counts["categories"])

    def as_json(self) -> dict:
        """What is stored with the import and shown on its page."""
        return {
            "rows": [asdict(row) for row in self.rows],
            "categories": [asdict(row) for row in self.categories],
            "notes": self.notes,
            "refused": self.refused,
            "counts": self.counts,
        }


def refused_plan(message: str) -> Plan:
    plan = Plan(refused=message)
    plan.digest = _digest({"refused": message})
    return plan


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def upload_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _wiki_targets(text: str) -> set[str]:
    """The lowercased targets of the wiki links in ``text`` (the renderer's own parsing)."""
    found: set[str] = set()

    def capture(targets):
        found.update(target.lower() for target in targets)
        return {}

    if "[[" in text:
        render(text, resolve=capture)
    return found


def _single_line(value: str) -> bool:
    return "\n" not in value and "\r" not in value


class _Planner:
    def __init__(self, parsed: Parsed, *, user, data_digest: str, mode: str):
        self.parsed = parsed
        self.user = user
        self.mode = mode
        self.data_digest = data_digest
        self.plan = Plan(notes=list(parsed.notes))

    def may(self, permission: str) -> bool:
        return self.user is None or self.user.has_perm(permission)

    # Categories

    def categories(self) -> None:
        site = list(Category.objects.all())
        self.category_keys: dict[str, tuple[str, object, str]] = {}
        for category in site:
            ref = ("site", category.pk, category.name)
            self.category_keys.setdefault(category.slug.lower(), ref)
            self.category_keys.setdefault(category.name.lower(), ref)
        seen: dict[str, str] = {}
        for incoming in self.parsed.categories:
            slug = (incoming.slug or slugify(incoming.name)).lower()
            row = Row(incoming.source, Outcome.NEW, incoming.name, slug)
            row.reasons.extend(incoming.errors)
            if not incoming.name:
                row.reasons.append("The category has no name.")
            if not slug:
                row.reasons.append("The category needs a slug (its name has no letters).")
            for key in {slug, incoming.name.lower()} - {""}:
                if key in seen:
                    row.reasons.append(f"“{key}” is also used by {seen[key]} of this file.")
                seen.setdefault(key, incoming.source)
            at_site = self.category_keys.get(slug)
            if at_site and at_site[0] == "site":
                row.outcome = Outcome.UNCHANGED
                row.warnings.append("This category is already on the site; it is left as it is.")
            elif self.category_keys.get(incoming.name.lower(), ("",))[0] == "site":
                row.reasons.append(
                    f"A category named “{incoming.name}” already exists with another slug."
                )
            elif not self.may("terms.add_category"):
                row.reasons.append("Only editors can create categories; ask one to add it.")
            if row.reasons:
                row.outcome = Outcome.ERROR
            elif row.outcome == Outcome.NEW:
                incoming.slug = slug
                self.plan.new_categories.append(incoming)
                ref = ("file", slug, incoming.name)
                self.category_keys.setdefault(slug, ref)
                self.category_keys.setdefault(incoming.name.lower(), ref)
            self.plan.categories.append(row)

    # Names in the database

    def load_site(self) -> None:
        """Every name, slug, related entry and wiki target of the file, looked up at once."""
        keys: set[str] = set()
        self.targets: list[dict[str, set[str]]] = []
        for incoming in self.parsed.terms:
            keys.update(name.lower() for name in (incoming.title, *incoming.aliases) if name)
            keys.update(slugify(name) for name in incoming.aliases)
            keys.add(self.slug_of(incoming))
            keys.update(name.lower() for name in incoming.related)
            targets = {name: _wiki_targets(getattr(incoming, name)) for name in SECTION_FIELDS}
            self.targets.append(targets)
            for found in targets.values():
                keys.update(found)
        keys.discard("")
        # (namespace, key) -> [(term id, source, title, slug)]
        self.reserved: dict[tuple[str, str], list[tuple]] = {}
        for chunk in _chunks(keys):
            rows = (
                ReservedName.objects.annotate(key=Lower("value"))
                .filter(key__in=chunk)
                .values_list("namespace", "key", "term_id", "source", "term__title", "term__slug")
            )
            for namespace, key, *rest in rows:
                self.reserved.setdefault((namespace, key), []).append(tuple(rest))
        matched_ids = set()
        for incoming in self.parsed.terms:
            term_id = self.matched_id(incoming)
            if term_id:
                matched_ids.add(term_id)
        self.terms: dict[int, Term] = {}
        for chunk in _chunks(matched_ids):
            for term in (
                Term.objects.filter(pk__in=chunk)
                .select_related("category")
                .prefetch_related("aliases", "tagged_items__tag", "related_links")
            ):
                self.terms[term.pk] = term
        related_ids = {
            link.related_id for term in self.terms.values() for link in term.related_links.all()
        }
        self.related_names: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(related_ids):
            for pk, title, slug in Term.objects.filter(pk__in=chunk).values_list(
                "pk", "title", "slug"
            ):
                self.related_names[pk] = (title, slug)

    def slug_of(self, incoming: IncomingTerm) -> str:
        return (incoming.slug or slugify(incoming.title)).lower()

    def matched_id(self, incoming: IncomingTerm) -> int | None:
        """The site term this entry updates: the one with its slug; without a slug in the
        file, the one with its title."""
        if incoming.slug:
            wanted = [(SLUG, incoming.slug.lower(), ReservedName.Source.SLUG)]
        else:
            wanted = [(NAME, incoming.title.lower(), ReservedName.Source.TITLE)]
        for namespace, key, source in wanted:
            for term_id, found_source, *_ in self.reserved.get((namespace, key), ()):
                if found_source == source:
                    return term_id
        return None

    def site_term(self, key: str) -> tuple[int, str, str] | None:
        """The site term a name or slug leads to (names first), as (id, title, slug)."""
        for namespace in (NAME, SLUG):
            for term_id, _source, title, slug in self.reserved.get((namespace, key), ()):
                return term_id, title, slug
        return None

    # Terms

    def file_names(self) -> None:
        """Which entry of the file each name and slug belongs to (the first that uses it)."""
        self.file_keys: dict[tuple[str, str], int] = {}
        self.collisions: dict[int, list[str]] = {}
        for index, incoming in enumerate(self.parsed.terms):
            names = [("title", incoming.title)] + [("alias", a) for a in incoming.aliases]
            slugs = [("slug", self.slug_of(incoming))] + [
                ("alias slug", slugify(a)) for a in incoming.aliases
            ]
            for namespace, pairs in ((NAME, names), (SLUG, slugs)):
                for kind, value in pairs:
                    key = value.lower()
                    if not key:
                        continue
                    other = self.file_keys.setdefault((namespace, key), index)
                    if other != index:
                        where = self.parsed.terms[other].source
                        self.collisions.setdefault(index, []).append(
                            f"Its {kind} “{value}” is also used by {where} of this file."
                        )
                    elif kind.startswith("alias") and key == (
                        incoming.title.lower() if namespace == NAME else self.slug_of(incoming)
                    ):
                        self.collisions.setdefault(index, []).append(
                            f"The alias “{value}” is the term's own "
                            f"{'title' if namespace == NAME else 'slug'}."
                        )

    def file_term(self, key: str) -> int | None:
        for namespace in (NAME, SLUG):
            index = self.file_keys.get((namespace, key))
            if index is not None:
                return index
        return None

    def validate(self, index: int, incoming: IncomingTerm, row: Row, term: Term | None) -> None:
        reasons = row.reasons
        if not incoming.title:
            reasons.append("The title is missing.")
        elif len(incoming.title) > NAME_MAX_LENGTH or not _single_line(incoming.title):
            reasons.append(f"The title must be one line of at most {NAME_MAX_LENGTH} characters.")
        slug = self.slug_of(incoming)
        if incoming.title and not slug:
            reasons.append("Give a slug: the title has no letters or digits to make one from.")
        elif slug:
            try:
                validate_slug(slug)
            except ValidationError:
                reasons.append(
                    f"The slug “{slug}” may hold only letters, digits, hyphens and underscores."
                )
            if len(slug) > NAME_MAX_LENGTH:
                reasons.append(f"The slug is longer than {NAME_MAX_LENGTH} characters.")
        if len(incoming.summary) > SUMMARY_MAX_LENGTH:
            reasons.append(
                f"The summary is {len(incoming.summary)} characters long; the limit is "
                f"{SUMMARY_MAX_LENGTH}."
            )
        if not _single_line(incoming.summary):
            reasons.append("The summary must be one line (no line breaks).")
        for name in SECTION_FIELDS:
            if len(getattr(incoming, name)) > SECTION_MAX_LENGTH:
                label = Term._meta.get_field(name).verbose_name
                reasons.append(f"“{label}” is longer than {SECTION_MAX_LENGTH:,} characters.")
        for tag in incoming.tags:
            if len(tag) > TAG_MAX_LENGTH or not slugify(tag, allow_unicode=True):
                reasons.append(
                    f"“{tag[:40]}” cannot be a tag: at most {TAG_MAX_LENGTH} characters, "
                    "with letters or digits."
                )
        for alias in incoming.aliases:
            if len(alias) > NAME_MAX_LENGTH or not _single_line(alias) or not slugify(alias):
                reasons.append(
                    f"“{alias[:40]}” cannot be an alias: one line of at most {NAME_MAX_LENGTH} "
                    "characters, with letters or digits to make an address from."
                )
        reasons.extend(self.collisions.get(index, []))
        self.site_collisions(incoming, row, term)

    def site_collisions(self, incoming: IncomingTerm, row: Row, term: Term | None) -> None:
        own = term.pk if term else None
        names = [incoming.title, *incoming.aliases]
        slugs = [self.slug_of(incoming), *(slugify(alias) for alias in incoming.aliases)]
        for namespace, values in ((NAME, names), (SLUG, slugs)):
            for value in values:
                for term_id, source, title, _slug in self.reserved.get(
                    (namespace, value.lower()), ()
                ):
                    if term_id != own:
                        label = ReservedName.Source(source).label.lower()
                        row.reasons.append(f"“{value}” is already the {label} of “{title}”.")

    def category_of(self, incoming: IncomingTerm, row: Row):
        if not incoming.category:
            row.reasons.append("The category is missing.")
            return None
        found = self.category_keys.get(incoming.category.lower())
        if found is None:
            known = sorted({ref[2] for ref in self.category_keys.values()})
            row.reasons.append(
                f"Unknown category “{incoming.category}”: no category on the site or in this "
                f"file has this name or slug (there are: {', '.join(known) or 'none'})."
            )
        return found

    def related_of(self, index: int, incoming: IncomingTerm, row: Row, term: Term | None):
        refs = []
        for name in incoming.related:
            key = name.lower()
            other = self.file_term(key)
            if other is not None:
                if other == index:
                    row.reasons.append(f"The term cannot be related to itself (“{name}”).")
                    continue
                entry = self.parsed.terms[other]
                existing = self.matched_id(entry)
                if existing:
                    # A term on the site that the file also lists (perhaps unchanged).
                    refs.append(("site", existing, entry.title, self.slug_of(entry)))
                else:
                    refs.append(("file", self.slug_of(entry), entry.title))
                continue
            found = self.site_term(key)
            if found is None:
                row.reasons.append(
                    f"Related term “{name}” matches no term in this file or on the site."
                )
            elif term is not None and found[0] == term.pk:
                row.reasons.append(f"The term cannot be related to itself (“{name}”).")
            else:
                refs.append(("site", found[0], found[1], found[2]))
        unique, seen = [], set()
        for ref in refs:
            slug = ref[3] if ref[0] == "site" else ref[1]
            if slug not in seen:
                seen.add(slug)
                unique.append(ref)
        return unique

    def wiki_links(self, index: int, row: Row) -> list:
        resolved = []
        for name, targets in self.targets[index].items():
            label = Term._meta.get_field(name).verbose_name
            for target in sorted(targets):
                if self.file_term(target) is not None:
                    resolved.append(("file", target))
                    continue
                found = self.site_term(target)
                if found is None:
                    row.reasons.append(
                        f"The wiki link [[{target}]] in “{label}” matches no term in this file "
                        "or on the site."
                    )
                else:
                    resolved.append(("site", target, found[0]))
        return resolved

    def snapshot_before(self, term: Term) -> tuple[dict, dict]:
        related = [
            self.related_names.get(link.related_id, ("?", "?"))
            for link in sorted(term.related_links.all(), key=lambda r: (r.position, r.pk))
        ]
        tags = [tagged.tag.name for tagged in term.tagged_items.all()]
        aliases = [alias.name for alias in term.aliases.all()]
        texts = {name: normalise_text(getattr(term, name)) for name in SECTION_FIELDS}
        comparable = {
            "title": term.title,
            "slug": term.slug,
            "summary": term.summary.strip(),
            **texts,
            "category": ("site", term.category_id),
            "tags": sorted(tag.lower() for tag in tags),
            "aliases": sorted(aliases),
            "related": [slug for _title, slug in related],
        }
        shown = {
            "title": term.title,
            "slug": term.slug,
            "summary": term.summary.strip(),
            **texts,
            "category": term.category.name,
            "tags": ", ".join(sorted(tags, key=str.lower)),
            "aliases": ", ".join(sorted(aliases, key=str.lower)),
            "related": ", ".join(title for title, _slug in related),
        }
        return comparable, shown

    def snapshot_after(self, incoming: IncomingTerm, category, related) -> tuple[dict, dict]:
        texts = {name: getattr(incoming, name) for name in SECTION_FIELDS}
        slug = self.slug_of(incoming)
        comparable = {
            "title": incoming.title,
            "slug": slug,
            "summary": incoming.summary,
            **texts,
            "category": category[:2],
            "tags": sorted(tag.lower() for tag in incoming.tags),
            "aliases": sorted(incoming.aliases),
            "related": [ref[3] if ref[0] == "site" else ref[1] for ref in related],
        }
        shown = {
            "title": incoming.title,
            "slug": slug,
            "summary": incoming.summary,
            **texts,
            "category": category[2],
            "tags": ", ".join(sorted(incoming.tags, key=str.lower)),
            "aliases": ", ".join(sorted(incoming.aliases, key=str.lower)),
            "related": ", ".join(ref[2] for ref in related),
        }
        return comparable, shown

    def terms_(self) -> list:
        facts = []
        for index, incoming in enumerate(self.parsed.terms):
            term_id = self.matched_id(incoming)
            term = self.terms.get(term_id) if term_id else None
            row = Row(
                incoming.source,
                Outcome.NEW,
                incoming.title,
                self.slug_of(incoming),
                term_id=term.pk if term else None,
                version=term.version if term else None,
                reasons=list(incoming.errors),
                warnings=list(incoming.warnings),
            )
            self.validate(index, incoming, row, term)
            category = self.category_of(incoming, row)
            related = self.related_of(index, incoming, row, term)
            links = self.wiki_links(index, row)
            if row.reasons:
                row.outcome = Outcome.ERROR
            elif term is not None:
                before, shown_before = self.snapshot_before(term)
                after, shown_after = self.snapshot_after(incoming, category, related)
                if before == after:
                    row.outcome = Outcome.UNCHANGED
                else:
                    row.outcome = Outcome.CHANGED
                    row.diff = [
                        {"label": str(diff.label), "before": diff.before, "after": diff.after}
                        for diff in history.compare(shown_before, shown_after)
                        if diff.changed
                    ]
                    if self.user is not None and not workflow.may_edit(self.user, term):
                        row.outcome = Outcome.ERROR
                        row.reasons.append(
                            f"You may not change “{term.title}” while it is "
                            f"{term.get_status_display().lower()}; an editor can."
                        )
            self.plan.rows.append(row)
            if row.outcome in (Outcome.NEW, Outcome.CHANGED):
                self.plan.resolved.append(
                    Resolved(
                        incoming,
                        row,
                        term,
                        category[:2],
                        [ref[:2] for ref in related],
                        set().union(*self.targets[index].values()),
                    )
                )
            facts.append(
                [
                    row.source,
                    row.outcome,
                    row.slug,
                    row.term_id,
                    row.version,
                    category[:2] if category else None,
                    [ref[:2] for ref in related],
                    links,
                ]
            )
        return facts

    def run(self) -> Plan:
        self.categories()
        self.load_site()
        self.file_names()
        facts = self.terms_()
        self.plan.digest = _digest(
            {
                "upload": self.data_digest,
                "mode": self.mode,
                "categories": [(row.source, row.outcome, row.slug) for row in self.plan.categories],
                "terms": facts,
            }
        )
        return self.plan


def plan(parsed: Parsed, *, user=None, data_digest: str = "", mode: str = "drafts") -> Plan:
    """The dry run of ``parsed`` for ``user`` (None: an operator, who may do anything)."""
    return _Planner(parsed, user=user, data_digest=data_digest, mode=mode).run()

"""Applying a confirmed import, through the workflow, in one transaction.

The import is planned again inside the transaction, with the terms it changes locked; if the
plan's digest is not the one the editor confirmed (someone saved a term, a name appeared or
went, the file is not the one planned), nothing is written and ``StaleDryRun`` says so.

Then: new categories; every new or changed term saved as a working copy (a changed live term
goes back to draft, so readers keep the published version) with its aliases and tags; related
terms, once every imported term exists; the sections rendered, once every name exists, so wiki
links between imported terms resolve whatever their order; one history entry per term naming
the import; and, when the editor chose to publish, each term that passes the pre-publish checks
is published (those that fail stay drafts and are listed). Nothing is ever deleted but the
aliases, tags and related terms the file no longer gives a term it changes.
"""

from collections.abc import Callable

import reversion
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.db.models.functions import Lower
from django.utils.text import slugify
from taggit.models import Tag

from terms import versioning, workflow
from terms.checks import check_term
from terms.editing import names_before_save, render_term
from terms.models import (
    SECTION_FIELDS,
    Alias,
    Category,
    RelatedTerm,
    TaggedTerm,
    Term,
    TermImport,
)
from terms.names import keys_of, resolve_wiki_targets, sync_reserved_names
from terms.transfer.incoming import Parsed
from terms.transfer.planning import CHUNK, Plan, Resolved, plan

Status = Term.Status
Progress = Callable[[int, int], None]
# Terms whose history entries are written after one read of their aliases, tags and related
# terms (SQLite refuses a statement naming many thousands of ids).
RECORD_BATCH = 500


class StaleDryRun(Exception):
    """The glossary (or the file) changed after the dry run: nothing was written."""


def apply(
    parsed: Parsed,
    *,
    user,
    mode: str,
    data_digest: str,
    expected_digest: str,
    label: str,
    progress: Progress | None = None,
) -> dict:
    """Apply ``parsed`` exactly as its dry run (``expected_digest``) showed it, for ``user``
    (None: an operator). ``label`` names the import in every history entry. Returns what was
    done: created, updated, published and held-back terms, new categories."""
    versioning.register()
    with transaction.atomic():
        fresh = plan(parsed, user=user, data_digest=data_digest, mode=mode)
        ids = [item.term.pk for item in fresh.resolved if item.term is not None]
        locked = {}
        for start in range(0, len(ids), 2000):
            locked.update(
                Term.objects.select_for_update()
                .filter(pk__in=ids[start : start + 2000])
                .values_list("pk", "version")
            )
        moved = [
            item
            for item in fresh.resolved
            if item.term and locked.get(item.term.pk) != item.row.version
        ]
        if fresh.digest != expected_digest or moved or fresh.has_errors:
            raise StaleDryRun(
                "The glossary changed after the dry run (a term was saved, or a name it uses "
                "appeared or went), so nothing was imported. Run the dry run again and check "
                "it before confirming."
            )
        return _Applier(fresh, user=user, mode=mode, label=label, progress=progress).run()


class _Applier:
    def __init__(self, plan: Plan, *, user, mode: str, label: str, progress: Progress | None):
        self.plan = plan
        self.user = user
        self.mode = mode
        self.label = label
        self.report = progress or (lambda done, total: None)
        # Saving, linking, rendering, history; publishing counts once more.
        self.steps = len(plan.resolved) * (5 if mode == TermImport.Mode.PUBLISH else 4)
        self.done = 0
        self.terms: dict[str, Term] = {}
        self.new_tags: list[tuple[Term, list[str]]] = []
        self.names_before: dict[int, frozenset[str]] = {}

    def tick(self) -> None:
        self.done += 1
        if self.done % 50 == 0 or self.done == self.steps:
            self.report(self.done, self.steps)

    def run(self) -> dict:
        categories = self.create_categories()
        for item in self.plan.resolved:
            self.save(item, categories)
            self.tick()
        self.tag_new_terms()
        for item in self.plan.resolved:
            self.link(item)
            self.tick()
        self.render()
        items = self.plan.resolved
        for start in range(0, len(items), RECORD_BATCH):
            batch = items[start : start + RECORD_BATCH]
            # What each history entry follows, read for a batch of terms at once.
            prefetch_related_objects(
                [self.terms[item.row.slug] for item in batch],
                "aliases",
                "tagged_items__tag",
                "related_links__related",
            )
            for item in batch:
                self.record(item)
                self.tick()
        result = {
            "created": [[t.pk, t.title] for t in self.saved(new=True)],
            "updated": [[t.pk, t.title] for t in self.saved(new=False)],
            "categories": [category.name for category in categories.values()],
            "published": [],
            "held_back": [],
        }
        if self.mode == TermImport.Mode.PUBLISH:
            for item in self.plan.resolved:
                self.publish(self.terms[item.row.slug], result)
                self.tick()
        self.report(self.steps, self.steps)
        return result

    def saved(self, *, new: bool):
        return [self.terms[i.row.slug] for i in self.plan.resolved if (i.term is None) == new]

    def create_categories(self) -> dict[str, Category]:
        return {
            incoming.slug: Category.objects.create(
                name=incoming.name,
                slug=incoming.slug,
                description=incoming.description,
                position=incoming.position,
            )
            for incoming in self.plan.new_categories
        }

    def category_id(self, ref, categories: dict[str, Category]) -> int:
        kind, value = ref
        return categories[value].pk if kind == "file" else value

    def save(self, item: Resolved, categories: dict[str, Category]) -> None:
        incoming, term = item.incoming, item.term
        if term is None:
            term = Term(author=self.user, status=Status.DRAFT)
        else:
            # The dry run's prefetched aliases, tags and related terms are about to change.
            term._prefetched_objects_cache = {}
            self.names_before[term.pk] = names_before_save(term)
            workflow.claim_version(term, item.row.version)
            term.status = workflow.status_after_edit(term)
        term.title, term.slug, term.summary = incoming.title, item.row.slug, incoming.summary
        for name in SECTION_FIELDS:
            setattr(term, name, getattr(incoming, name))
        term.category_id = self.category_id(item.category, categories)
        term.last_editor = self.user
        term.save()
        wanted = set(incoming.aliases)
        if item.term is not None:
            term.aliases.exclude(name__in=wanted).delete()
        existing = set(term.aliases.values_list("name", flat=True)) if item.term else set()
        Alias.objects.bulk_create(
            Alias(term=term, name=name, slug=slugify(name))
            for name in incoming.aliases
            if name not in existing
        )
        if item.term is None:
            self.new_tags.append((term, incoming.tags))
        else:
            term.tags.set(incoming.tags)
        sync_reserved_names(term)
        self.terms[item.row.slug] = term

    def tag_new_terms(self) -> None:
        """New terms' tags in a few statements: the tags that exist are found ignoring case
        (as taggit does with TAGGIT_CASE_INSENSITIVE), the others created once each."""
        names = {name.lower(): name for _, tags in self.new_tags for name in tags}
        tags: dict[str, Tag] = {}
        keys = sorted(names)
        for start in range(0, len(keys), CHUNK):
            found = Tag.objects.annotate(key=Lower("name")).filter(
                key__in=keys[start : start + CHUNK]
            )
            tags.update((tag.key, tag) for tag in found)
        for key in keys:
            if key not in tags:
                tags[key] = Tag.objects.create(name=names[key])
        TaggedTerm.objects.bulk_create(
            TaggedTerm(content_object=term, tag=tags[name.lower()])
            for term, term_tags in self.new_tags
            for name in term_tags
        )

    def link(self, item: Resolved) -> None:
        term = self.terms[item.row.slug]
        wanted = [self.terms[value].pk if kind == "file" else value for kind, value in item.related]
        if item.term is not None:
            if term.related_ids() == wanted:
                return
            term.related_links.all().delete()
        RelatedTerm.objects.bulk_create(
            RelatedTerm(term=term, related_id=related_id, position=position)
            for position, related_id in enumerate(wanted, start=1)
        )

    def render(self) -> None:
        """Every imported term's sections, now that every name exists; then terms elsewhere
        whose links use a name that appeared or went."""
        changed: set[str] = set()
        targets = sorted(set().union(*(item.wiki_targets for item in self.plan.resolved)))
        known: dict[str, int] = {}
        for start in range(0, len(targets), CHUNK):
            known.update(resolve_wiki_targets(targets[start : start + CHUNK]))

        def resolve(asked):
            return {key: known[key] for key in (target.lower() for target in asked) if key in known}

        for term in self.terms.values():
            render_term(term, resolve=resolve)
            changed |= set(keys_of(term)) ^ set(self.names_before.get(term.pk, ()))
            self.tick()
        imported = [term.pk for term in self.terms.values()]
        keys = sorted(changed)
        for start in range(0, len(keys), CHUNK):
            others = (
                Term.objects.filter(wiki_links__target_key__in=keys[start : start + CHUNK])
                .exclude(pk__in=imported)
                .distinct()
            )
            for other in others:
                render_term(other)

    def record(self, item: Resolved) -> None:
        term = self.terms[item.row.slug]
        with reversion.create_revision():
            reversion.add_to_revision(term)
            if self.user is not None:
                reversion.set_user(self.user)
            reversion.set_comment(self.label)

    def publish(self, term: Term, result: dict) -> None:
        term.refresh_from_db()
        if term.status == Status.ARCHIVED:
            reasons = ["It is archived: reopen it as a draft first."]
        else:
            reasons = check_term(term).errors
        if not reasons:
            try:
                with transaction.atomic():
                    self.publish_one(term)
            except workflow.TransitionError as error:
                reasons = [str(error)]
        if reasons:
            result["held_back"].append({"id": term.pk, "title": term.title, "reasons": reasons})
        else:
            result["published"].append([term.pk, term.title])

    def publish_one(self, term: Term) -> None:
        comment = f"{self.label} Published: it passed the pre-publish checks."
        if self.user is None:
            workflow.publish_without_review(term, comment=comment)
            return
        # A draft is published in one step, as an editor's own; a term in review is approved.
        action = workflow.Action.PUBLISH if term.status == Status.DRAFT else workflow.Action.APPROVE
        workflow.perform(term, action, by=self.user, comment=comment)

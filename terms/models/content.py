"""The editors' content: categories, terms (working copies), aliases, tags, related terms."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from glossary_site.addresses import address
from terms.validators import validate_single_line

SUMMARY_MAX_LENGTH = 240
SECTION_MAX_LENGTH = 50_000
NAME_MAX_LENGTH = 200
# The three Markdown sections of a term, in page order; each has a sanitized ``<name>_html``.
SECTION_FIELDS = ("definition", "why_it_matters", "in_practice")


def unique_ignoring_case(field: str, name: str, message: str) -> models.UniqueConstraint:
    """A database guarantee that no two rows have ``field`` equal apart from letter case."""
    return models.UniqueConstraint(Lower(field), name=name, violation_error_message=message)


class CategoryQuerySet(models.QuerySet):
    def with_live_counts(self):
        """Annotate ``live_count`` (live terms in the category) and ``last_live_at`` (when the
        newest of them went live), in the same query.

        Each is a subquery per category answered from the (category, live interval) index
        alone; a join of every publication against the live ones read the whole table three
        times (0.9 s at 100,000 terms).
        """
        live = _live_publications().filter(category=OuterRef("pk"))
        counts = live.order_by().values("category").annotate(n=Count("*")).values("n")
        newest = live.order_by("-go_live_at").values("go_live_at")[:1]
        return self.annotate(
            live_count=Coalesce(Subquery(counts), 0), last_live_at=Subquery(newest)
        )

    def with_live_terms(self):
        """Categories a reader can see: those with at least one live term."""
        return self.with_live_counts().filter(
            Exists(_live_publications().filter(category=OuterRef("pk")))
        )


def _live_publications():
    from terms.models.publication import Publication

    return Publication.objects.live()


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(
        default=0, help_text="Categories are listed by this number, then by name."
    )
    newsletter_pitch = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "The newsletter's line on this category's page and its terms' pages. Leave blank "
            "for the general one, made from the name: “We cover business & strategy every week.”"
        ),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", Lower("name")]
        verbose_name_plural = "categories"
        constraints = [
            unique_ignoring_case(
                "name", "terms_category_name_unique_ci", "A category with this name already exists."
            ),
            unique_ignoring_case(
                "slug", "terms_category_slug_unique_ci", "A category with this slug already exists."
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("terms:category", kwargs={"slug": self.slug})

    def name_in_a_sentence(self) -> str:
        """The name as it reads inside a sentence: capitalised words in lower case, acronyms
        and other mixed case kept ("Business & Strategy" -> "business & strategy",
        "AI Safety" -> "AI safety")."""
        return " ".join(
            word.lower() if word[:1].isupper() and word[1:] == word[1:].lower() else word
            for word in self.name.split()
        )


class TermQuerySet(models.QuerySet):
    def live(self):
        """Terms that readers can see right now: those with a live publication."""
        from terms.models.publication import Publication

        return self.filter(pk__in=Publication.objects.live().values("term_id"))

    def in_review(self):
        return self.filter(status=Term.Status.IN_REVIEW)

    def with_live_state(self, at=None):
        """Annotate where each term stands for readers at ``at`` (default now), in the same
        query: ``is_live_now``, ``scheduled_for`` (the go-live time of a publication still to
        come) and ``unpublished_changes`` (readers see, or will see, a publication and the
        working copy has changed since: edited or in review rather than approved).

        The one statement of these rules: lists filter and sort on the annotations, and
        ``Term.live_state`` reads them (the admin, the dashboard and the reports all do).
        """
        from terms.models.publication import Publication

        at = at or timezone.now()
        publications = Publication.objects.filter(term=OuterRef("pk"))
        return self.annotate(
            is_live_now=Exists(publications.live(at)),
            scheduled_for=Subquery(publications.scheduled(at).values("go_live_at")[:1]),
            unpublished_changes=Case(
                When(
                    Q(status__in=Term.UNAPPROVED) & Q(Exists(publications.up(at))), then=Value(True)
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )


LIVE_STATE_FIELDS = ("is_live_now", "scheduled_for", "unpublished_changes")


@dataclass(frozen=True)
class LiveState:
    """Where a term stands: its workflow status and what readers see of it."""

    status: str
    live: bool
    scheduled_for: datetime | None
    unpublished_changes: bool

    @property
    def scheduled(self) -> bool:
        return self.scheduled_for is not None

    @property
    def label(self) -> str:
        """The state in one phrase: "Published — unpublished changes", "Scheduled"…"""
        status = Term.Status
        if self.status == status.ARCHIVED:
            return "Archived"
        if self.live and self.status != status.PUBLISHED:
            changes = (
                "changes in review" if self.status == status.IN_REVIEW else "unpublished changes"
            )
            return f"Published — {changes}"
        if self.live:
            return "Published"
        if self.scheduled and self.status == status.PUBLISHED:
            return "Scheduled"
        return status(self.status).label


class TaggedTerm(TaggedItemBase):
    content_object = models.ForeignKey(
        "Term", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "tagged term"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="terms_taggedterm_unique_tag_per_term"
            )
        ]


def section_field(verbose_name: str, help_text: str):
    return MarkdownxField(
        verbose_name,
        blank=True,
        max_length=SECTION_MAX_LENGTH,
        validators=[MaxLengthValidator(SECTION_MAX_LENGTH)],
        help_text=help_text,
    )


class Term(models.Model):
    """The editors' working copy of a glossary entry.

    Readers never see this row: publishing freezes it into a ``Publication``. ``status`` is
    where the working copy stands in the editorial workflow (``terms.workflow`` owns the
    transitions); ``live_publication`` is what readers get.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(
        max_length=NAME_MAX_LENGTH,
        help_text="The address: /terms/this-slug/. Lowercase letters, digits and hyphens.",
    )
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        validators=[validate_single_line],
        help_text=(
            "One line of plain text, at most 240 characters. It is the lead of the page, "
            "the meta description, and the line on every card and listing."
        ),
    )
    definition = section_field("Definition", "Markdown. Link terms with [[Title]].")
    why_it_matters = section_field("Why it matters", "Markdown.")
    in_practice = section_field("In practice", "Markdown.")
    # Sanitized HTML, rendered when the term is saved (and when a name it links to appears or
    # goes), never on a read.
    definition_html = models.TextField(blank=True, editable=False)
    why_it_matters_html = models.TextField(blank=True, editable=False)
    in_practice_html = models.TextField(blank=True, editable=False)

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="terms")
    tags = TaggableManager(through=TaggedTerm, blank=True)
    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    # Optimistic concurrency: every save checks and increments it in one UPDATE.
    version = models.PositiveIntegerField(default=1, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the term first went live."
    )
    # Editorial health (terms.health): who keeps the term up to date, and when it is due for
    # a review. Publishing sets a passed or empty date to TERM_REVIEW_MONTHS ahead.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who keeps this term up to date. Overdue reviews are listed by owner.",
    )
    review_by = models.DateField(
        "review by",
        null=True,
        blank=True,
        help_text=(
            "When the term is due for a review. Publishing moves an empty or passed date to "
            "the site's review interval ahead (12 months unless configured); a later date is kept."
        ),
    )

    # A working copy in these states has not been approved as it stands.
    UNAPPROVED = (Status.DRAFT, Status.IN_REVIEW)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = [Lower("title")]
        constraints = [
            unique_ignoring_case(
                "title", "terms_term_title_unique_ci", "A term with this title already exists."
            ),
            unique_ignoring_case(
                "slug", "terms_term_slug_unique_ci", "A term with this slug already exists."
            ),
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")) & ~Q(slug=""),
                name="terms_term_slug_lowercase",
                violation_error_message="The slug must be lowercase and not empty.",
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field), limit),
                    name=f"terms_term_{field}_max_length",
                )
                for field, limit in (
                    ("summary", SUMMARY_MAX_LENGTH),
                    ("definition", SECTION_MAX_LENGTH),
                    ("why_it_matters", SECTION_MAX_LENGTH),
                    ("in_practice", SECTION_MAX_LENGTH),
                )
            ],
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="terms_term_status_updated"),
            models.Index(fields=["review_by"], name="terms_term_review_by"),
            # The health reports and their dashboard cards list terms by title, a page at a
            # time: read in this order, not sorted from every term.
            models.Index(fields=["title"], name="terms_term_title"),
        ]
        permissions = [
            ("publish_term", "Can approve, publish, schedule, unpublish and restore terms"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("terms:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        return Term.objects.live().filter(pk=self.pk).exists()

    def live_publication(self):
        """The publication readers see now, or None."""
        return self.publications.live().first()

    def live_state(self) -> LiveState:
        """Where the term stands (see ``TermQuerySet.with_live_state``): read from the row's
        annotations when it was loaded with them (no query), else asked in one query."""
        if all(hasattr(self, name) for name in LIVE_STATE_FIELDS):
            values = {name: getattr(self, name) for name in LIVE_STATE_FIELDS}
        else:
            values = (
                Term.objects.filter(pk=self.pk).with_live_state().values(*LIVE_STATE_FIELDS).first()
            ) or dict.fromkeys(LIVE_STATE_FIELDS)
        return LiveState(
            status=self.status,
            live=bool(values["is_live_now"]),
            scheduled_for=values["scheduled_for"],
            unpublished_changes=bool(values["unpublished_changes"]),
        )

    @property
    def has_unpublished_changes(self) -> bool:
        """Readers see (or will see) a publication, and the working copy has changed since:
        edited, or in review, rather than approved."""
        return self.live_state().unpublished_changes

    def related_ids(self) -> list[int]:
        """The curated related terms' ids, in the editor's order."""
        return list(
            self.related_links.order_by("position", "pk").values_list("related_id", flat=True)
        )


class Alias(models.Model):
    """Another name readers use for a term ("LLM"); its slug answers with a redirect."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=NAME_MAX_LENGTH)

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "aliases"
        constraints = [
            unique_ignoring_case(
                "name", "terms_alias_name_unique_ci", "Another term already has this name."
            ),
            unique_ignoring_case(
                "slug", "terms_alias_slug_unique_ci", "Another term already uses this address."
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("terms:detail", kwargs={"slug": self.slug})


class RelatedTerm(models.Model):
    """A curated "Related terms" entry, shown in the editor's order."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "related term"
        constraints = [
            models.UniqueConstraint(
                fields=["term", "related"],
                name="terms_related_pair_unique",
                violation_error_message="This term is already in the related list.",
            ),
            models.CheckConstraint(
                condition=~Q(term=F("related")),
                name="terms_related_not_self",
                violation_error_message="A term cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.term} → {self.related}"

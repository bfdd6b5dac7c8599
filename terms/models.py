"""The glossary's content model: categories, terms, their names, tags and links."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from terms.validators import validate_single_line

SUMMARY_MAX_LENGTH = 240
SECTION_MAX_LENGTH = 50_000
NAME_MAX_LENGTH = 200


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(
        default=0, help_text="Categories are listed by this number, then by name."
    )

    class Meta:
        ordering = ["position", Lower("name")]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="terms_category_name_unique_ci",
                violation_error_message="A category with this name already exists.",
            ),
            models.UniqueConstraint(
                Lower("slug"),
                name="terms_category_slug_unique_ci",
                violation_error_message="A category with this slug already exists.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("terms:category", kwargs={"slug": self.slug})


class TermQuerySet(models.QuerySet):
    def live(self):
        """Terms that readers may see. Every public surface asks through this method."""
        return self.filter(status=Term.Status.PUBLISHED)

    def search(self, query: str):
        """Live terms whose title, other names or summary contain ``query``, titles first."""
        query = query.strip()
        if not query:
            return self.none()
        matches = (
            Q(title__icontains=query)
            | Q(aliases__name__icontains=query)
            | Q(summary__icontains=query)
        )
        title_first = models.Case(
            models.When(title__iexact=query, then=0),
            models.When(title__istartswith=query, then=1),
            models.When(title__icontains=query, then=2),
            default=3,
            output_field=models.IntegerField(),
        )
        ids = self.live().filter(matches).values("pk")
        return (
            self.filter(pk__in=ids)
            .annotate(search_rank=title_first)
            .order_by("search_rank", Lower("title"))
        )


class TaggedTerm(TaggedItemBase):
    content_object = models.ForeignKey("Term", on_delete=models.CASCADE, related_name="+")

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
    """The editors' working copy of a glossary entry."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

        @property
        def is_public(self) -> bool:
            return self is Term.Status.PUBLISHED

    title = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(
        max_length=NAME_MAX_LENGTH, help_text="The address: /terms/<slug>/. Lowercase."
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
    # Sanitized HTML, rendered when the term (or a term it links to) changes, never on a read.
    definition_html = models.TextField(blank=True, editable=False)
    why_it_matters_html = models.TextField(blank=True, editable=False)
    in_practice_html = models.TextField(blank=True, editable=False)

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="terms")
    tags = TaggableManager(through=TaggedTerm, blank=True)
    related_terms = models.ManyToManyField(
        "self",
        through="RelatedTerm",
        through_fields=("term", "related"),
        symmetrical=False,
        related_name="+",
        blank=True,
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = [Lower("title")]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                name="terms_term_title_unique_ci",
                violation_error_message="A term with this title already exists.",
            ),
            models.UniqueConstraint(
                Lower("slug"),
                name="terms_term_slug_unique_ci",
                violation_error_message="A term with this slug already exists.",
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
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("terms:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        return Term.Status(self.status).is_public


class Alias(models.Model):
    """Another name readers use for a term ("LLM"); its slug answers with a redirect."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=NAME_MAX_LENGTH)

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="terms_alias_name_unique_ci",
                violation_error_message="Another term already has this name.",
            ),
            models.UniqueConstraint(
                Lower("slug"),
                name="terms_alias_slug_unique_ci",
                violation_error_message="Another term already uses this address.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("terms:detail", kwargs={"slug": self.slug})


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


class ReservedName(models.Model):
    """Every name and slug that leads to a term, in one table so the database keeps them unique.

    Titles and alias names share the NAME namespace (wiki links resolve there); term slugs,
    alias slugs and former slugs share the SLUG namespace (URLs resolve there). Kept in step
    with terms and aliases by ``terms.names.sync_reserved_names``.
    """

    class Namespace(models.TextChoices):
        NAME = "name", "Name"
        SLUG = "slug", "Slug"

    class Source(models.TextChoices):
        TITLE = "title", "Title"
        SLUG = "slug", "Slug"
        ALIAS = "alias", "Alias"
        ALIAS_SLUG = "alias_slug", "Alias slug"
        FORMER_SLUG = "former_slug", "Former slug"

        @property
        def namespace(self) -> "ReservedName.Namespace":
            if self in (self.TITLE, self.ALIAS):
                return ReservedName.Namespace.NAME
            return ReservedName.Namespace.SLUG

        @property
        def redirects(self) -> bool:
            """Whether a URL with this slug answers 301 to the term's canonical address."""
            return self in (self.ALIAS_SLUG, self.FORMER_SLUG)

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="reserved_names")
    namespace = models.CharField(max_length=10, choices=Namespace)
    source = models.CharField(max_length=20, choices=Source)
    value = models.CharField(max_length=NAME_MAX_LENGTH)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("value"), "namespace", name="terms_reservedname_unique_ci"
            ),
        ]

    def __str__(self):
        return f"{self.value} ({self.get_source_display()} of {self.term_id})"


class WikiLink(models.Model):
    """A ``[[target]]`` written in a term's text, kept so the linking terms can be re-rendered
    when the target goes live, is renamed or stops being live."""

    source = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="wiki_links")
    target_key = models.CharField(max_length=NAME_MAX_LENGTH, help_text="Lowercased target.")
    target = models.ForeignKey(
        Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="wiki_backlinks"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target_key"], name="terms_wikilink_unique_per_source"
            )
        ]
        indexes = [models.Index(fields=["target_key"], name="terms_wikilink_target_key")]

    def __str__(self):
        return f"{self.source_id} → [[{self.target_key}]]"

"""What readers see: publications, frozen copies of a term made when it is published.

A publication is never edited after it is made (only its expiry can be brought forward, when a
term is unpublished). Every public surface reads publications through one queryset method,
``Publication.objects.live()``.
"""

import string

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.functions import Lower, Substr, Upper
from django.db.models.lookups import In
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from glossary_site.addresses import address
from terms.models.content import NAME_MAX_LENGTH, SUMMARY_MAX_LENGTH, Category, Term

CARD_FIELDS = ("pk", "term_id", "title", "slug", "summary", "category_id")

# The A–Z: a name is listed under its first letter, or under "#" when it starts with anything
# else (a digit, a symbol, an accented letter).
LETTERS = tuple(string.ascii_uppercase)
OTHER_LETTER = "#"


def index_letter(field: str) -> models.GeneratedField:
    """A column holding the A–Z letter of the name in ``field``, kept by the database.

    Publications and their aliases have one, indexed with the lowercased name, so one letter's
    entries are an index range in A–Z order whatever the size of the glossary, and nothing
    that writes names has to remember it.
    """
    first = Upper(Substr(field, 1, 1))
    return models.GeneratedField(
        expression=Case(
            When(In(first, LETTERS), then=Upper(Substr(field, 1, 1))),
            default=Value(OTHER_LETTER),
        ),
        output_field=models.CharField(max_length=1),
        db_persist=True,
    )


class PublicationQuerySet(models.QuerySet):
    def live(self, at=None):
        """Publications readers see at ``at`` (default: now): those whose live interval,
        ``go_live_at <= at < live_until``, holds ``at``.

        The interval is written when publications are made, replaced and taken down (see
        terms.publishing), so this is a range test on two indexed columns, not a search for
        each term's newest publication. Time is still compared in the query: a scheduled
        publication appears, and an expiring or replaced one disappears, at its moment without
        anyone running anything.
        """
        at = at or timezone.now()
        return self.filter(go_live_at__lte=at).filter(
            Q(live_until__isnull=True) | Q(live_until__gt=at)
        )

    def up(self, at=None):
        """Publications not taken down or replaced: live now or waiting for their go-live
        time."""
        at = at or timezone.now()
        return self.filter(Q(live_until__isnull=True) | Q(live_until__gt=at))

    def scheduled(self, at=None):
        """Publications waiting for their go-live time (after ``at``, default now), soonest
        first."""
        return self.filter(go_live_at__gt=at or timezone.now()).order_by("go_live_at")

    def next_change(self, after):
        """When what is live next changes by itself after ``after``: the soonest scheduled
        go-live or end of a live interval (an expiry), or None. One query, two index lookups."""

        def soonest(field):
            later = Publication.objects.filter(**{f"{field}__gt": after}).order_by(field)
            return Subquery(later.values(field)[:1])

        row = (
            self.annotate(go_live=soonest("go_live_at"), ends=soonest("live_until"))
            .values_list("go_live", "ends")
            .first()
        )
        return min(filter(None, row or ()), default=None)

    def for_cards(self, *, with_category=False):
        """Just what a term card shows (and its category's name, for cards that show it)."""
        if with_category:
            return self.select_related("category").only(*CARD_FIELDS, "category__name")
        return self.only(*CARD_FIELDS)

    def for_hits(self):
        """What a search hit shows: a card, its aliases and its category's name (not the
        texts and search vectors, which are most of a row)."""
        return self.select_related("category").only(*CARD_FIELDS, "alias_names", "category__name")


class TaggedPublication(TaggedItemBase):
    content_object = models.ForeignKey(
        "Publication", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "tagged publication"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="terms_taggedpublication_unique"
            )
        ]
        # A tag's publications, newest first: where suggestions by shared tags start.
        indexes = [models.Index(fields=["tag", "content_object"], name="terms_taggedpub_tag_pub")]


class Publication(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="publications")
    title = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=NAME_MAX_LENGTH)
    # Where the title is listed in the A–Z.
    letter = index_letter("title")
    summary = models.CharField(max_length=SUMMARY_MAX_LENGTH)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="publications")
    # The Markdown as approved (for history and comparison) and its sanitized HTML.
    definition = models.TextField(blank=True)
    why_it_matters = models.TextField(blank=True)
    in_practice = models.TextField(blank=True)
    definition_html = models.TextField(blank=True)
    why_it_matters_html = models.TextField(blank=True)
    in_practice_html = models.TextField(blank=True)
    tags = TaggableManager(through=TaggedPublication, blank=True)
    # Term ids, in the editor's order; shown only while those terms are live.
    related_term_ids = models.JSONField(default=list, blank=True)
    # Term ids the sections' wiki links point to; linked only while those terms are live.
    linked_term_ids = models.JSONField(default=list, blank=True)
    # Display copies of frozen data, so a term page needs no query for them.
    alias_names = models.JSONField(default=list, blank=True)
    tag_list = models.JSONField(default=list, blank=True, help_text="[{name, slug}, …]")
    # Plain text of the sections, for search snippets; the search vectors (PostgreSQL only):
    # everything weighted, and the names alone.
    body_text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    name_vector = SearchVectorField(null=True, blank=True, editable=False)

    go_live_at = models.DateTimeField(db_index=True)
    # The expiry the editor asked for, if any.
    expire_at = models.DateTimeField(null=True, blank=True)
    # When this publication stops being the one readers see: its expiry, the go-live time of
    # the publication that replaces it, or when the term was taken down; empty while none of
    # these is known. Written by terms.publishing, read by live().
    live_until = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The picture a shared link to the term shows (og:image), 1200×630 PNG drawn once after
    # publishing by terms.share_images; empty until then (pages show the site's default).
    share_image = models.ImageField(upload_to="share/", blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-go_live_at", "-pk"]
        indexes = [
            models.Index(fields=["term", "-go_live_at"], name="terms_pub_term_golive"),
            models.Index(fields=["live_until", "go_live_at"], name="terms_pub_live_interval"),
            models.Index(fields=["slug"], name="terms_pub_slug"),
            models.Index(Lower("title"), name="terms_pub_title_lower"),
            # One A–Z letter, and one category, in A–Z order.
            models.Index(F("letter"), Lower("title"), name="terms_pub_letter_title"),
            models.Index(F("category"), Lower("title"), name="terms_pub_category_title"),
            # Counting live terms (of a letter, a category, a tag, an alias's term) from the
            # index alone, without reading the rows and their texts.
            models.Index(
                fields=["letter", "go_live_at", "live_until"], name="terms_pub_letter_live"
            ),
            models.Index(
                fields=["category", "go_live_at", "live_until"], name="terms_pub_category_live"
            ),
            models.Index(fields=["id", "go_live_at", "live_until"], name="terms_pub_id_live"),
            # Which terms are live (``Term.objects.live()``, the editors' health counts), and
            # whether one term is, from the index alone.
            models.Index(fields=["term", "go_live_at", "live_until"], name="terms_pub_term_live"),
            # The newest first in the default order (go-live time, then id), read from the
            # index even when many share a go-live time (an import published at once).
            models.Index(fields=["go_live_at", "id"], name="terms_pub_golive_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True) | Q(expire_at__gt=models.F("go_live_at")),
                name="terms_publication_expires_after_going_live",
                violation_error_message="The expiry time must be after the go-live time.",
            ),
            models.CheckConstraint(
                condition=Q(live_until__isnull=True) | Q(live_until__gte=models.F("go_live_at")),
                name="terms_publication_live_interval_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.title} (live from {self.go_live_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return address("terms:detail", kwargs={"slug": self.slug})

    @property
    def updated_at(self):
        return self.go_live_at


class PublicationLink(models.Model):
    """A wiki link from a publication to a term: what "Linked from" is read from."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="outgoing_links"
    )
    target = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="incoming_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "target"], name="terms_publicationlink_unique"
            )
        ]
        indexes = [models.Index(fields=["target", "publication"], name="terms_publink_target")]

    def __str__(self):
        return f"{self.publication_id} → {self.target_id}"


class PublicationAlias(models.Model):
    """An alias as it was when the term was published: readers' A–Z entries and redirects."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=NAME_MAX_LENGTH)
    letter = index_letter("name")

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "publication aliases"
        indexes = [
            models.Index(fields=["slug"], name="terms_pubalias_slug"),
            models.Index(Lower("name"), name="terms_pubalias_name_lower"),
            models.Index(F("letter"), Lower("name"), name="terms_pubalias_letter_name"),
        ]

    def __str__(self):
        return self.name


class SearchWord(models.Model):
    """Every word used in a published title or alias, for spelling correction: a misspelt
    query word is matched against these few words, not against every title."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.word

"""What the reader listings show: the A–Z index letter by letter, categories and tags, and
the counts they give.

A listing page reads one page of rows through an index, whatever the size of the glossary.
What would otherwise take every live term into account (which letters have terms, how many
terms a letter, a category or a tag has) is kept until content changes
(``page_cache.until_content_changes``: the next publish, take-down or scheduled go-live or
expiry), so a listing page pays for it once per change, not once per request.
"""

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Lower
from django.utils.functional import cached_property

from glossary_site.page_cache import until_content_changes
from terms.models import Category, Publication, PublicationAlias
from terms.models.publication import LETTERS, OTHER_LETTER

# The A–Z strip, in order: A to Z, then everything else.
INDEX_LETTERS = (*LETTERS, OTHER_LETTER)
# Stands for the letter in a probe compiled once (see _letters_in_use).
PROBE = "\x00letter"
INDEX_COLUMNS = ("label", "sort_key", "letter", "term_slug", "entry_summary", "alias_of")


# --- the A–Z index ---


def _index_terms():
    return Publication.objects.live().annotate(
        label=F("title"),
        sort_key=Lower("title"),
        term_slug=F("slug"),
        entry_summary=F("summary"),
        # Cast on both sides so the two column types match exactly: PostgreSQL then merges
        # the two index scans in order and stops after one page.
        alias_of=Cast(Value(None), output_field=CharField()),
    )


def _live_aliases():
    live = Publication.objects.live().filter(pk=OuterRef("publication_id"))
    return PublicationAlias.objects.filter(Exists(live))


def _index_aliases():
    return _live_aliases().annotate(
        label=F("name"),
        sort_key=Lower("name"),
        term_slug=F("publication__slug"),
        entry_summary=F("publication__summary"),
        alias_of=Cast("publication__title", output_field=CharField()),
    )


class LetterEntries:
    """The A–Z entries under a letter: live terms and, where their names sort, the other names
    (aliases) of live terms, each pointing at its term. Sliced by a paginator, it reads one
    page: dictionaries of ``INDEX_COLUMNS``; an alias entry has the term's title in
    ``alias_of``."""

    def __init__(self, letter: str):
        self.letter = letter

    def count(self) -> int:
        return letter_count(self.letter)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict]:
        if page.stop is not None and page.stop <= (page.start or 0):
            return []  # An empty letter's only page.
        terms = _index_terms().filter(letter=self.letter).values(*INDEX_COLUMNS).order_by()
        aliases = _index_aliases().filter(letter=self.letter).values(*INDEX_COLUMNS).order_by()
        if connection.features.supports_slicing_ordering_in_compound:
            # Each kind read in order from its (letter, name) index only up to the end of the
            # page (PostgreSQL otherwise reads and sorts the whole letter for every page).
            terms = terms.order_by("sort_key")[: page.stop]
            aliases = aliases.order_by("sort_key")[: page.stop]
        return list(terms.union(aliases, all=True).order_by("sort_key")[page])


def letter_count(letter: str) -> int:
    """How many entries (terms and aliases) ``letter`` has."""
    return until_content_changes(
        f"az:count:{letter}",
        lambda: (
            Publication.objects.live().filter(letter=letter).count()
            + _live_aliases().filter(letter=letter).count()
        ),
    )


def _letters_in_use() -> list[str]:
    # One statement: for each letter, an index probe into live terms and one into live
    # aliases, each stopping at the first row. A probe is compiled once by the ORM (through
    # live(), the one door) and bound to each letter in turn: building 54 querysets cost more
    # than running them.
    parts, params = [], []
    for rows in (Publication.objects.live(), _live_aliases()):
        probe = rows.filter(letter=PROBE).order_by().values("letter")
        sql, probe_params = probe.query.sql_with_params()
        for letter in INDEX_LETTERS:
            parts.append(f"SELECT %s AS letter WHERE EXISTS ({sql})")
            params += [letter, *(letter if p == PROBE else p for p in probe_params)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        used = {letter for (letter,) in cursor.fetchall()}
    return [letter for letter in INDEX_LETTERS if letter in used]


def letters_in_use() -> list[str]:
    """The letters (and "#") under which at least one live term or alias is listed."""
    return until_content_changes("az:letters", _letters_in_use)


def letter_strip(active: str | None = None, used: list[str] | None = None) -> list[dict]:
    """The A–Z strip: every letter, whether anything is listed under it (``used``, default
    ``letters_in_use()``), and which one is shown."""
    used = set(letters_in_use() if used is None else used)
    return [
        {"letter": letter, "enabled": letter in used, "active": letter == active}
        for letter in INDEX_LETTERS
    ]


# --- categories and tags ---


def categories_with_live_terms() -> list[Category]:
    """The categories readers can see, in their order, each with ``live_count``."""
    return until_content_changes(
        "categories:live", lambda: list(Category.objects.with_live_terms())
    )


def category_for_slug(slug: str) -> Category | None:
    """The category at ``slug`` if it has live terms, from what is kept (no query)."""
    return next((c for c in categories_with_live_terms() if c.slug == slug), None)


def category_count(category: Category) -> int:
    """How many live terms ``category`` has."""
    counts = {c.pk: c.live_count for c in categories_with_live_terms()}
    return counts.get(category.pk, 0)


def tag_terms(tag):
    """The live terms with ``tag``, in A–Z order."""
    return (
        Publication.objects.live()
        .filter(tagged_items__tag=tag)
        .for_cards(with_category=True)
        .order_by(Lower("title"))
    )


def tag_count(tag) -> int:
    """How many live terms have ``tag``."""
    return until_content_changes(f"tag:count:{tag.pk}", lambda: tag_terms(tag).count())


class CountedPaginator(Paginator):
    """A paginator told the number of items, instead of counting them on every request.

    Given a ``name`` (what the listing is: ``"az:O"``, ``"category:3"``), it also keeps each
    page's items until content changes: a listing page then reads no rows while nothing
    changed, and the page numbers it can keep are bounded by the listing's length.
    """

    def __init__(self, object_list, per_page, *, count: int, name: str | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count
        self.name = name

    @cached_property
    def count(self):
        return self.known_count

    def page(self, number):
        if self.name is None:
            return super().page(number)
        number = self.validate_number(number)
        first = (number - 1) * self.per_page
        last = first + self.per_page
        if last + self.orphans >= self.count:
            last = self.count
        items = until_content_changes(
            f"{self.name}:page:{self.per_page}:{number}",
            lambda: list(self.object_list[first:last]),
        )
        return self._get_page(items, number, self)

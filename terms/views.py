"""Reader pages. Every view gets its terms through ``Term.objects.live()``."""

import string
from urllib.parse import urlencode

from django.db.models import CharField, Count, F, Prefetch, Q, Value
from django.db.models.functions import Lower, Substr, Upper
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from terms.models import Alias, Category, RelatedTerm, Term
from terms.names import live_term_for_slug

LETTERS = list(string.ascii_uppercase)
OTHER_LETTER = "#"
SEARCH_MAX_LENGTH = 200


def initial_of(field: str):
    return Upper(Substr(field, 1, 1))


def filter_by_letter(queryset, letter: str | None):
    if letter is None:
        return queryset
    if letter == OTHER_LETTER:
        return queryset.exclude(initial__in=LETTERS)
    return queryset.filter(initial=letter)


class LiveTermsMixin:
    """Owns visibility for the reader views: only live terms, with what cards need."""

    def live_terms(self):
        return Term.objects.live().select_related("category")


class HomeView(LiveTermsMixin, TemplateView):
    template_name = "terms/home.html"
    recent_count = 8

    def get_context_data(self, **kwargs):
        live = Term.objects.live()
        categories = Category.objects.annotate(
            live_count=Count("terms", filter=Q(terms__in=live))
        ).filter(live_count__gt=0)
        return super().get_context_data(
            categories=categories,
            letters=letter_strip(),
            recent_terms=self.live_terms().order_by("-updated_at")[: self.recent_count],
            **kwargs,
        )


INDEX_COLUMNS = ("label", "sort_key", "initial", "term_slug", "entry_summary", "alias_of")


def index_entries():
    """Live terms and their aliases as two querysets of A–Z entries with the same columns.

    Each entry points at its term; an alias entry also carries the term's title.
    """
    live = Term.objects.live()
    terms = (
        live.annotate(
            label=F("title"),
            sort_key=Lower("title"),
            initial=initial_of("title"),
            term_slug=F("slug"),
            entry_summary=F("summary"),
            alias_of=Value(None, output_field=CharField()),
        )
        .values(*INDEX_COLUMNS)
        .order_by()
    )
    aliases = (
        Alias.objects.filter(term__in=live)
        .annotate(
            label=F("name"),
            sort_key=Lower("name"),
            initial=initial_of("name"),
            term_slug=F("term__slug"),
            entry_summary=F("term__summary"),
            alias_of=F("term__title"),
        )
        .values(*INDEX_COLUMNS)
        .order_by()
    )
    return terms, aliases


def letter_strip(active: str | None = None) -> list[dict]:
    """The A–Z strip: every letter, marked whether any live term or alias starts with it."""
    terms, aliases = index_entries()
    used = set(
        terms.values_list("initial", flat=True).union(aliases.values_list("initial", flat=True))
    )
    has_other = any(initial not in LETTERS for initial in used)
    strip = [
        {"letter": letter, "enabled": letter in used, "active": letter == active}
        for letter in LETTERS
    ]
    strip.append({"letter": OTHER_LETTER, "enabled": has_other, "active": active == OTHER_LETTER})
    return strip


class TermIndexView(ListView):
    template_name = "terms/term_index.html"
    context_object_name = "entries"
    paginate_by = 200

    def get_letter(self) -> str | None:
        letter = self.request.GET.get("letter", "").strip().upper()
        if not letter:
            return None
        if letter not in LETTERS and letter != OTHER_LETTER:
            raise Http404("No such letter.")
        return letter

    def get_queryset(self):
        self.letter = self.get_letter()
        terms, aliases = index_entries()
        terms = filter_by_letter(terms, self.letter)
        aliases = filter_by_letter(aliases, self.letter)
        return terms.union(aliases, all=True).order_by("sort_key", "alias_of")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            letter=self.letter,
            letters=letter_strip(self.letter),
            query_prefix=urlencode({"letter": self.letter}) if self.letter else "",
            **kwargs,
        )


class TermDetailView(LiveTermsMixin, DetailView):
    template_name = "terms/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        live_related = (
            RelatedTerm.objects.filter(related__in=Term.objects.live())
            .select_related("related")
            .order_by("position", "pk")
        )
        return self.live_terms().prefetch_related(
            "tags",
            "aliases",
            Prefetch("related_links", queryset=live_related, to_attr="live_related_links"),
        )

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.object = self.get_queryset().filter(slug=slug).first()
        if self.object is None:
            # An alias, a former slug or a differently-cased slug: 301 to the canonical page.
            target = live_term_for_slug(slug)
            if target is None:
                raise Http404("No live term has this address.")
            return redirect(target, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        term = self.object
        return super().get_context_data(
            related_terms=[link.related for link in term.live_related_links], **kwargs
        )


class CategoryDetailView(LiveTermsMixin, ListView):
    template_name = "terms/category_detail.html"
    context_object_name = "terms"
    paginate_by = 50

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return self.live_terms().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(LiveTermsMixin, ListView):
    template_name = "terms/tag_detail.html"
    context_object_name = "terms"
    paginate_by = 50

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        terms = self.live_terms().filter(tags=self.tag)
        if not terms.exists():
            # A tag used only by unpublished terms is not public either.
            raise Http404("No live term has this tag.")
        return terms

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(LiveTermsMixin, ListView):
    template_name = "terms/search.html"
    context_object_name = "results"
    paginate_by = 20

    def get_query(self) -> str:
        query = self.request.GET.get("q", "")
        return query.replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]

    def get_queryset(self):
        self.query = self.get_query()
        return Term.objects.search(self.query).select_related("category")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query, query_prefix=urlencode({"q": self.query}), **kwargs
        )

"""Reader pages. Every view reads publications through ``Publication.objects.live()``."""

import string
from urllib.parse import urlencode

from django.db.models import CharField, F, Value
from django.db.models.functions import Lower, Substr, Upper
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from terms import search, structured_data
from terms.links import (
    RELATED_CARDS,
    cards_and_backlinks,
    link_live_terms,
    suggested_terms,
)
from terms.models import SECTION_FIELDS, Category, Publication, PublicationAlias, Term
from terms.names import live_publication_for_slug, was_live_at
from terms.publishing import reader_copy

LETTERS = list(string.ascii_uppercase)
OTHER_LETTER = "#"


def initial_of(field: str):
    return Upper(Substr(field, 1, 1))


def filter_by_letter(queryset, letter: str | None):
    if letter is None:
        return queryset
    if letter == OTHER_LETTER:
        return queryset.exclude(initial__in=LETTERS)
    return queryset.filter(initial=letter)


class LiveTermsMixin:
    """Owns visibility for the reader views: only live publications, with what cards need."""

    def live_terms(self):
        return Publication.objects.live().select_related("category")


class HomeView(LiveTermsMixin, TemplateView):
    template_name = "terms/home.html"
    recent_count = 8

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            categories=Category.objects.with_live_terms(),
            letters=letter_strip(),
            recent_terms=self.live_terms().order_by("-go_live_at")[: self.recent_count],
            **kwargs,
        )


INDEX_COLUMNS = ("label", "sort_key", "initial", "term_slug", "entry_summary", "alias_of")


def index_entries():
    """Live terms and their aliases as two querysets of A–Z entries with the same columns.

    Each entry points at its term; an alias entry also carries the term's title.
    """
    live = Publication.objects.live()
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
        PublicationAlias.objects.filter(publication__in=live)
        .annotate(
            label=F("name"),
            sort_key=Lower("name"),
            initial=initial_of("name"),
            term_slug=F("publication__slug"),
            entry_summary=F("publication__summary"),
            alias_of=F("publication__title"),
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
        context = super().get_context_data(**kwargs)
        context.update(
            structured_data=structured_data.term_set_page(context["entries"]),
            letter=self.letter,
            letters=letter_strip(self.letter),
            query_prefix=urlencode({"letter": self.letter}) if self.letter else "",
        )
        return context


def term_page_context(
    term, *, term_id, related_term_ids, linked_term_ids, tag_list, alias_names
) -> dict:
    """Related cards (curated, then suggested by shared tags up to four), "Linked from", and
    live wiki links for a term page: a publication, or a working copy in preview.

    The keyword arguments are a publication's record (``publishing.reader_copy``).
    Two queries whatever the number of related terms, links and tags.
    """
    cards, backlinks = cards_and_backlinks(term_id, [*related_term_ids, *linked_term_ids])
    related = [cards[i] for i in related_term_ids if i in cards]
    suggested = suggested_terms(
        term_id,
        [tag["slug"] for tag in tag_list],
        exclude=related_term_ids,
        count=RELATED_CARDS - len(related),
    )
    return {
        "related_terms": related,
        "suggested_terms": suggested,
        "linked_from": backlinks,
        "aliases": alias_names,
        "tags": tag_list,
        "sections": {
            name: link_live_terms(getattr(term, f"{name}_html"), cards) for name in SECTION_FIELDS
        },
    }


class TermDetailView(LiveTermsMixin, DetailView):
    template_name = "terms/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        return self.live_terms()

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.object = self.get_queryset().filter(slug=slug).first()
        if self.object is None:
            # An alias, a former slug or a differently-cased slug: 301 to the canonical page.
            target = live_publication_for_slug(slug)
            if target is not None:
                return redirect(target, permanent=True)
            if was_live_at(slug):
                return TemplateResponse(request, "terms/gone.html", status=410)
            raise Http404("No live term has this address.")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        term = self.object
        context = term_page_context(
            term,
            term_id=term.term_id,
            related_term_ids=term.related_term_ids,
            linked_term_ids=term.linked_term_ids,
            tag_list=term.tag_list,
            alias_names=term.alias_names,
        )
        context["structured_data"] = structured_data.defined_term(term)
        return super().get_context_data(**context, **kwargs)


# Who may preview a working copy: whoever may see terms in the admin.
PREVIEW_PERMISSIONS = ("terms.view_term", "terms.change_term")


def may_preview(user) -> bool:
    """Active staff with a glossary permission to see or change terms (being staff is not
    enough: some staff may only see newsletter subscribers)."""
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in PREVIEW_PERMISSIONS)
    )


class TermPreviewView(DetailView):
    """A working copy seen through the public template, for those who may see terms in the
    admin. 404 for everyone else: drafts are not even confirmed to exist."""

    template_name = "terms/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        if not may_preview(self.request.user):
            return Term.objects.none()
        return Term.objects.select_related("category")

    def get_context_data(self, **kwargs):
        term = self.object
        context = term_page_context(term, term_id=term.pk, **reader_copy(term))
        return super().get_context_data(is_preview=True, **context, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response


class CategoryDetailView(LiveTermsMixin, ListView):
    template_name = "terms/category_detail.html"
    context_object_name = "terms"
    paginate_by = 50

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return self.live_terms().filter(category=self.category).order_by(Lower("title"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(LiveTermsMixin, ListView):
    template_name = "terms/tag_detail.html"
    context_object_name = "terms"
    paginate_by = 50

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        terms = self.live_terms().filter(tags=self.tag).order_by(Lower("title"))
        if not terms.exists():
            # A tag used only by unpublished terms is not public either.
            raise Http404("No live term has this tag.")
        return terms

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(ListView):
    template_name = "terms/search.html"
    context_object_name = "results"
    paginate_by = 20

    def get_queryset(self):
        results = search.search(self.request.GET.get("q", ""))
        self.query = results.query  # as cleaned for searching
        return results

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            query_prefix=urlencode({"q": self.query}),
            query_shortened=self.object_list.shortened,
            query_max_length=search.QUERY_MAX_LENGTH,
            more_results=self.object_list.has_more,
            **kwargs,
        )

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            # A page past the end of the results: show the last one rather than an error.
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(paginator.num_pages)
            return paginator, page, page.object_list, page.has_other_pages()


def suggest(request):
    """Type-ahead: up to eight live terms as JSON."""
    hits = search.suggest(request.GET.get("q", ""))
    response = JsonResponse(
        {
            "query": search.clean_query(request.GET.get("q", "")),
            "results": [
                {
                    "title": hit.publication.title,
                    "url": hit.publication.get_absolute_url(),
                    "summary": hit.publication.summary,
                    "alias": hit.matched_alias or None,
                }
                for hit in hits
            ],
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response

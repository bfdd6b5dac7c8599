"""Reader pages. Every view reads publications through ``Publication.objects.live()``."""

from urllib.parse import urlencode

from django.db.models.functions import Lower
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from glossary_site.page_cache import until_content_changes
from terms import listings, search, structured_data
from terms.links import (
    RELATED_CARDS,
    cards_and_backlinks,
    link_live_terms,
    suggested_terms,
)
from terms.models import SECTION_FIELDS, Category, Publication, Term
from terms.models.publication import LETTERS
from terms.names import live_publication_for_slug, was_live_at
from terms.publishing import reader_copy
from terms.search import log as search_log


class LiveTermsMixin:
    """Owns visibility for the reader views: only live publications, with what cards need."""

    def live_terms(self):
        return Publication.objects.live().select_related("category")


class CountedListMixin:
    """A paginated listing whose number of items is kept (``listing_count``), not counted on
    every request, and whose pages are kept until content changes (``listing_name``: what
    the listing is); the context gets ``page_range``, the page numbers to link to."""

    def listing_count(self) -> int:
        raise NotImplementedError

    def listing_name(self) -> str:
        raise NotImplementedError

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return listings.CountedPaginator(
            queryset,
            per_page,
            count=self.listing_count(),
            name=self.listing_name(),
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["item_count"] = f"{page.paginator.count:,}"
        context["page_range"] = list(
            page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        )
        return context


class HomeView(TemplateView):
    template_name = "terms/home.html"
    recent_count = 8

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            categories=listings.categories_with_live_terms(),
            letters=listings.letter_strip(),
            recent_terms=until_content_changes(
                "home:recent",
                lambda: list(
                    Publication.objects.live()
                    .for_cards(with_category=True)
                    .order_by("-go_live_at")[: self.recent_count]
                ),
            ),
            **kwargs,
        )


class TermIndexView(CountedListMixin, ListView):
    """The A–Z index, one letter at a time (``?letter=O``, pages within it ``&page=2``);
    without a letter, the first letter that has terms."""

    template_name = "terms/term_index.html"
    context_object_name = "entries"
    # With summaries at their longest a page stays under 60 KB.
    paginate_by = 60

    def requested_letter(self) -> str | None:
        letter = self.request.GET.get("letter", "").strip().upper()
        if not letter:
            return None
        if letter not in listings.INDEX_LETTERS:
            raise Http404("No such letter.")
        return letter

    def get_queryset(self):
        self.requested = self.requested_letter()
        self.letters_in_use = listings.letters_in_use()
        self.letter = self.requested or next(iter(self.letters_in_use), LETTERS[0])
        return listings.LetterEntries(self.letter)

    def listing_count(self) -> int:
        return listings.letter_count(self.letter)

    def listing_name(self) -> str:
        return f"az:{self.letter}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = list(context["entries"])
        context.update(
            entries=entries,
            first_entry=entries[0] if entries else None,
            last_entry=entries[-1] if entries else None,
            structured_data=until_content_changes(
                f"az:{self.letter}:{context['page_obj'].number}:structured-data",
                lambda: structured_data.script_element(structured_data.term_set_page(entries)),
            ),
            letter=self.letter,
            requested_letter=self.requested,
            letters=listings.letter_strip(self.letter, self.letters_in_use),
            query_prefix=urlencode({"letter": self.letter}),
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
    cards, backlinks, more_backlinks = cards_and_backlinks(
        term_id, [*related_term_ids, *linked_term_ids]
    )
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
        "more_linked_from": more_backlinks,
        "aliases": alias_names,
        "tags": tag_list,
        "sections": {
            name: link_live_terms(getattr(term, f"{name}_html"), cards) for name in SECTION_FIELDS
        },
    }


class TermDetailView(LiveTermsMixin, DetailView):
    """A live term. What the page shows (the publication, its cards, "Linked from",
    suggestions and live wiki links) is worked out once and kept until content next changes
    (``page_cache.until_content_changes``): every later request only renders it."""

    template_name = "terms/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        return self.live_terms()

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        shown = until_content_changes(
            f"term-page:{slug}", lambda: self.shown_for(slug), keep_if=bool
        )
        if shown is None:
            # An alias, a former slug or a differently-cased slug: 301 to the canonical page.
            target = live_publication_for_slug(slug)
            if target is not None:
                return redirect(target, permanent=True)
            if was_live_at(slug):
                return TemplateResponse(request, "terms/gone.html", status=410)
            raise Http404("No live term has this address.")
        self.object = shown["term"]
        return self.render_to_response(self.get_context_data(**shown))

    def shown_for(self, slug: str) -> dict | None:
        """Everything the page of the live term at ``slug`` shows, or None."""
        term = self.get_queryset().filter(slug=slug).first()
        if term is None:
            return None
        return {
            "term": term,
            "structured_data": structured_data.script_element(structured_data.term_page(term)),
            **term_page_context(
                term,
                term_id=term.term_id,
                related_term_ids=term.related_term_ids,
                linked_term_ids=term.linked_term_ids,
                tag_list=term.tag_list,
                alias_names=term.alias_names,
            ),
        }


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


class CategoryDetailView(CountedListMixin, ListView):
    template_name = "terms/category_detail.html"
    context_object_name = "terms"
    paginate_by = 48

    def get_queryset(self):
        self.category = listings.category_for_slug(self.kwargs["slug"])
        if self.category is None:
            self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return (
            Publication.objects.live()
            .filter(category=self.category)
            .for_cards()
            .order_by(Lower("title"))
        )

    def listing_count(self) -> int:
        return listings.category_count(self.category)

    def listing_name(self) -> str:
        return f"category:{self.category.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagDetailView(CountedListMixin, ListView):
    template_name = "terms/tag_detail.html"
    context_object_name = "terms"
    paginate_by = 48

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.count = listings.tag_count(self.tag)
        if not self.count:
            # A tag used only by unpublished terms is not public either.
            raise Http404("No live term has this tag.")
        return listings.tag_terms(self.tag)

    def listing_count(self) -> int:
        return self.count

    def listing_name(self) -> str:
        return f"tag:{self.tag.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(ListView):
    template_name = "terms/search.html"
    context_object_name = "results"
    paginate_by = 20

    def get_queryset(self):
        # ?as_typed=1: the words as typed, without spelling correction (the link under
        # "Showing results for …").
        self.as_typed = self.request.GET.get("as_typed") == "1"
        results = search.search(self.request.GET.get("q", ""), as_typed=self.as_typed)
        self.query = results.query  # as cleaned for searching
        return results

    def get_context_data(self, **kwargs):
        corrected = self.object_list.corrected
        parameters = {"q": self.query, **({"as_typed": "1"} if self.as_typed else {})}
        if self.query:
            # For "Wanted terms": what was searched and how many terms it found (never who).
            search_log.record_search(self.request, self.query, self.object_list.count())
        return super().get_context_data(
            query=self.query,
            query_prefix=urlencode(parameters),
            corrected=corrected,
            corrected_parameters=urlencode({"q": corrected}),
            as_typed_parameters=urlencode({"q": self.query, "as_typed": "1"}),
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


@csrf_exempt  # A beacon without cookies; it can only count a search this client made.
@require_POST
def search_opened(request):
    """The results page's beacon (static/js/search-log.js): a result of ``q`` was opened."""
    search_log.record_opened(request, request.POST.get("q", "")[: search.QUERY_MAX_LENGTH])
    return HttpResponse(status=204)


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

"""Read-only JSON of live terms, open to other sites (CORS) for GET.

Described in OpenAPI 3.1 at ``/api/openapi.json`` (``terms.openapi``). Every address in a
response is absolute (SITE_URL), section HTML included: another site shows it away from ours.
"""

from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from glossary_site.machine_time import machine_datetime
from glossary_site.public_address import absolute, absolute_addresses
from terms.links import link_live_terms, live_cards
from terms.models import SECTION_FIELDS, Publication
from terms.names import live_publication_for_slug

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
METHODS = "GET, HEAD, OPTIONS"


def cors(view):
    """Any site may read the API from a browser; it is read-only and public.

    Exempt from CSRF checks, which only guard writes: a POST is refused with 405, as every
    method but GET, HEAD and OPTIONS is, instead of failing a check meant for forms.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = (
            HttpResponse(status=204)
            if request.method == "OPTIONS"
            else view(request, *args, **kwargs)
        )
        # RFC 9110: OPTIONS (and a 405) say which methods the resource supports.
        if request.method == "OPTIONS" or response.status_code == 405:
            response["Allow"] = METHODS
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = METHODS
        response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return response

    return wrapper


def serialize(publications: list[Publication]) -> list[dict]:
    """Publications as the API shows them; one query for every term they point to."""
    wanted = set()
    for publication in publications:
        wanted.update(publication.related_term_ids, publication.linked_term_ids)
    cards = live_cards(wanted)
    return [
        {
            "title": publication.title,
            "slug": publication.slug,
            "url": absolute(publication.get_absolute_url()),
            "api_url": absolute(reverse("terms:api-detail", args=[publication.slug])),
            "summary": publication.summary,
            "category": {"name": publication.category.name, "slug": publication.category.slug},
            "tags": [tag["name"] for tag in publication.tag_list],
            "aliases": list(publication.alias_names),
            "related": [cards[i].slug for i in publication.related_term_ids if i in cards],
            "sections": {
                name: section_html(publication, getattr(publication, f"{name}_html"), cards)
                for name in SECTION_FIELDS
            },
            "updated": machine_datetime(publication.go_live_at),
        }
        for publication in publications
    ]


def section_html(publication, html: str, cards) -> str:
    """A section as the API gives it: wiki links to live terms, every address absolute (a
    fragment such as ``#note`` points into the term's page). The links to live terms are
    decided when the page is read, so this is done then too: the response itself is kept
    by the page cache until content changes."""
    html = absolute_addresses(link_live_terms(html, cards))
    if 'href="#' in html:
        html = html.replace('href="#', f'href="{absolute(publication.get_absolute_url())}#')
    return html


def page_size(request) -> int:
    try:
        size = int(request.GET.get("page_size", PAGE_SIZE))
    except ValueError:
        return PAGE_SIZE
    return max(1, min(size, MAX_PAGE_SIZE))


def page_url(request, number: int | None, size: int) -> str | None:
    if number is None:
        return None
    return absolute(f"{reverse('terms:api-list')}?page={number}&page_size={size}")


@cors
@require_http_methods(["GET", "HEAD", "OPTIONS"])
def term_list(request):
    size = page_size(request)
    live = Publication.objects.live().select_related("category").order_by("slug")
    paginator = Paginator(live, size)
    number = request.GET.get("page", "1")
    if not (number.isascii() and number.isdigit() and int(number) >= 1):
        return JsonResponse({"error": "The page must be a whole number from 1."}, status=400)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return JsonResponse({"error": "No such page."}, status=404)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": page_url(request, page.next_page_number() if page.has_next() else None, size),
            "previous": page_url(
                request, page.previous_page_number() if page.has_previous() else None, size
            ),
            "results": serialize(list(page.object_list)),
        }
    )


@cors
@require_http_methods(["GET", "HEAD", "OPTIONS"])
def term_detail(request, slug):
    publication = Publication.objects.live().select_related("category").filter(slug=slug).first()
    if publication is None:
        target = live_publication_for_slug(slug)
        if target is None:
            return JsonResponse({"error": "No live term has this address."}, status=404)
        return redirect(reverse("terms:api-detail", args=[target.slug]), permanent=True)
    return JsonResponse(serialize([publication])[0])

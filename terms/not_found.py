"""The "page not found" answer (``handler404``): for a mistyped term address, the closest
live terms ("Did you mean …?") and the search box holding the words of the address."""

from django.http import HttpResponseNotFound
from django.template import loader
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import requires_csrf_token

from terms import search

# Words taken from an address: enough for any real title, never a long search.
MAX_WORDS_LENGTH = 100


def slug_words(path: str) -> str:
    """The words of the term address ``path`` ("/terms/open-wieghts/" → "open wieghts"), or
    "" when ``path`` is not a term address."""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    if match.view_name != "terms:detail":
        return ""
    words = match.kwargs.get("slug", "").replace("-", " ").replace("_", " ")
    return search.clean_query(words)[:MAX_WORDS_LENGTH].strip()


@requires_csrf_token
def page_not_found(request, exception, template_name="404.html"):
    """404, with the closest live terms for a term address (never a term that is not live:
    suggestions come from ``search.did_you_mean``, which reads live publications only)."""
    words = slug_words(request.path_info)
    context = {
        "request_path": request.path,
        "searched_words": words,
        "did_you_mean": search.did_you_mean(words) if words else [],
    }
    return HttpResponseNotFound(loader.get_template(template_name).render(context, request))

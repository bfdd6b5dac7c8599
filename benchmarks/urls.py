"""The site's URLs plus ``/__floor__/``, for benchmarks/serve.py only.

Selected with ``DJANGO_ROOT_URLCONF=benchmarks.urls``, which only the benchmark sets; the
production URLconf (glossary_site.urls) never has the floor.

The floor is what the cheapest page costs on this stack: a constant HTML answer of a term
page's size (about 14 KB) from a view that does no work, behind the same middleware as every
page. It is not a reader page, so the page cache never stores or answers it, and its gzip
form is made once at import, so GZipMiddleware has nothing to compress either: each request
costs only the middleware, URL resolution and the view call.
"""

import gzip
import random

from django.http import HttpResponse
from django.urls import path

from glossary_site.urls import handler500  # noqa: F401 (the root URLconf names it)
from glossary_site.urls import urlpatterns as site_urlpatterns


def _text(words: int) -> str:
    """Made-up words, the same every time, that compress about as well as a term page."""
    rng = random.Random(14)
    syllables = [consonant + vowel for consonant in "klmnrtvspdgfz" for vowel in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(400)]
    return " ".join(rng.choices(vocabulary, k=words))


FLOOR_HTML = (
    "<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Floor</title></head>"
    f"<body><main><p>{_text(2300)}</p></main></body></html>\n"
).encode()
FLOOR_GZIP = gzip.compress(FLOOR_HTML, mtime=0)


def floor(request):
    """The same ~14 KB of HTML every time, already compressed for clients that accept gzip."""
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(FLOOR_GZIP)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(FLOOR_HTML)
    response["Vary"] = "Accept-Encoding"
    return response


urlpatterns = [path("__floor__/", floor, name="benchmark-floor"), *site_urlpatterns]

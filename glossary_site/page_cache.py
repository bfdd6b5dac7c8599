"""Reader pages made once and served many times: HTTP caching and the shared page cache.

Views that readers see are marked with ``@reader_page``. For those, ``PageCacheMiddleware``:

- gives anonymous responses ``Cache-Control: public`` (max-age, s-maxage,
  stale-while-revalidate, stale-if-error) and a strong ETag, and answers a matching
  ``If-None-Match`` with 304; a request with a session cookie (staff) or a response that sets a
  cookie is never marked public;
- stores each anonymous 200 in the shared cache, gzip-compressed once, and answers the next
  request for the same address with one cache read (``get_many`` of the content generation and
  the page), before sessions, authentication or the view run.

Invalidation: every change a reader could see calls ``content_changed()`` (publishing, taking
down, categories, tags, the newsletter copy); once it commits, the content generation in the
cache goes up and every page stored under an older one is made again on its next request, in
every process. An entry also never outlives the next scheduled go-live or expiry (apps register
``schedule()`` functions saying when that is), so a scheduled term appears on time.

While the cache cannot be trusted to be shared (Redis is down and the resilient cache answers
from process memory), nothing is stored or served from it: pages are rendered as usual.
"""

import functools
import gzip
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.http import parse_etags

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
NEXT_CHANGE_KEY = "pages:next-change"
MAX_KEYED_PATH = 1000  # Longer addresses are served, just not stored.
# The query parameters reader views read; pages with others are not stored.
STORED_PARAMETERS = {"letter", "page", "page_size"}
# Headers of a stored response that belong to one answer only.
NOT_STORED = {"set-cookie", "date", "content-length", "etag", "cache-control", "vary"}
# gzip levels: a stored page is compressed once and sent many times, so it is worth squeezing
# (Django's level); a page made for one answer is sent once, so it takes the quickest level,
# as nginx does by default: a quarter of the CPU for about a tenth more bytes.
GZIP_LEVEL_STORED = 6
GZIP_LEVEL_ONCE = 1

_schedules: list[Callable[[datetime], datetime | None]] = []


# --- what apps tell the page cache ---


def reader_page(view):
    """Mark ``view``'s responses as reader pages: the same for every anonymous reader."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.reader_page = True
        return response

    wrapper.reader_page = True  # What the middleware looks for before the view runs.
    return wrapper


def schedule(next_change: Callable[[datetime], datetime | None]) -> None:
    """Register a function returning when, after a given time, content next changes by itself
    (a scheduled go-live, an expiry), or None."""
    _schedules.append(next_change)


def content_changed() -> None:
    """Something readers see has changed: pages made before it are not served again.

    Call it inside the transaction that makes the change; it takes effect when that commits
    (at once outside a transaction), so no page is made from data that is then rolled back.
    """
    transaction.on_commit(bump_generation)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # Not in the cache (a flush, a new Redis): any fresh value will do.
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)


def until_content_changes(
    name: str, compute: Callable[[], object], *, keep_if: Callable[[object], bool] | None = None
):
    """``compute()``, kept in the shared cache until content next changes (a write raising
    the content generation, or the next scheduled go-live or expiry): for data several pages
    show that would otherwise be worked out on every request, such as the A–Z letter counts.

    Each process also remembers the values it used most recently (``PAGE_CACHE_DATA_LOCAL``),
    under the generation they were made in: during a reader page's request, whose generation
    the middleware has already read, a value remembered here costs no cache read at all, and
    one kept in the shared cache costs one. Values are shared between requests: read-only.

    With PAGE_CACHE_DATA off or the cache not shared (Redis down), computes every time.
    ``keep_if(value)`` false: the value is returned, not kept (so that addresses that find
    nothing cannot fill the cache).
    """
    if not settings.PAGE_CACHE_DATA:
        return compute()
    key = f"pages:data:{release()}:{name}"
    state = _request_state.get()
    stored = _NOT_READ
    if state is None:  # Outside a reader page's request: read the state with the value.
        found = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, key])
        generation = _generation(found)
        if generation is None:
            return compute()
        state, stored = State(generation, found.get(NEXT_CHANGE_KEY)), found.get(key)
    started = time.time()
    remembered = _remembered.get(key)
    if _current(remembered, state.generation, started):
        return remembered[2]
    if stored is _NOT_READ:
        stored = cache.get(key)
    if _current(stored, state.generation, started) and _cache_is_shared():
        _remembered.put(key, stored)
        return stored[2]
    value = compute()
    valid_until = state.valid_until(started)
    if (keep_if is None or keep_if(value)) and _before(time.time(), valid_until):
        kept = (state.generation, valid_until, value)
        cache.set(key, kept, timeout=_timeout(valid_until))
        if _cache_is_shared():
            _remembered.put(key, kept)
    return value


def _current(kept, generation, moment: float) -> bool:
    return kept is not None and kept[0] == generation and _before(moment, kept[1])


class _Remembered:
    """What this process used most recently, least recently used dropped past the number the
    setting named ``size_setting`` allows."""

    def __init__(self, size_setting: str):
        self._size_setting = size_setting
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            kept = self._items.get(key)
            if kept is not None:
                self._items.move_to_end(key)
            return kept

    def put(self, key, kept) -> None:
        with self._lock:
            self._items[key] = kept
            self._items.move_to_end(key)
            while len(self._items) > getattr(settings, self._size_setting):
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_remembered = _Remembered("PAGE_CACHE_DATA_LOCAL")
# Stored pages this process served or made most recently, served again while the content
# generation read on each request is still theirs: a hit then reads two small values from the
# cache, not the page.
_remembered_pages = _Remembered("PAGE_CACHE_LOCAL")
_NOT_READ = object()
# The content generation read at the start of the reader page being made, if any.
_request_state: ContextVar["State | None"] = ContextVar("page_cache_state", default=None)


# --- the middleware ---


class PageCacheMiddleware:
    """Serve stored reader pages early; mark, validate and store the ones that are made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        storing = settings.PAGE_CACHE_SECONDS > 0
        state = entry = key = None
        reader = _is_reader_page(get_urlconf(), request.path_info)
        if anonymous and reader and _cache_is_shared():
            key = _page_key(request) if _storable(request) else None
            state, entry = _lookup(key)
            if entry is not None and entry.fresh(state.generation):
                # With the page cache off, what is kept is the page's validators only: enough
                # to answer a conditional request without making the page.
                if entry.body is not None or _matches(request, entry.etag):
                    return entry.response(request)
            else:
                entry = None

        # What the page shows is read from here on: it holds until the next scheduled change
        # after this moment, even if that change comes while the page is being made.
        started = time.time()
        # Settled now: data read later (the signup copy while the template renders, perhaps
        # after a go-live) cannot make the page hold longer.
        valid_until = None
        if anonymous and reader:
            valid_until = state.valid_until(started) if state else _next_change(started)
        # Data kept until content changes is read under the generation just read.
        token = _request_state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request_state.reset(token)

        if not getattr(response, "reader_page", False):
            return response
        if not anonymous or response.cookies or "cookie" in response.get("Vary", "").lower():
            add_never_cache_headers(response)  # Never public, never stored.
            return response
        if response.status_code != 200 or response.streaming:
            return response
        storing = storing and key is not None and state is not None
        level = GZIP_LEVEL_STORED if storing else GZIP_LEVEL_ONCE
        if state is None:
            made = Entry.of(response, None, valid_until, level)
        else:
            made = Entry.of(response, state.generation, valid_until, level)
            if key is not None and _before(time.time(), made.valid_until):
                if storing:
                    made.save(key)
                elif entry is None:  # Validators only, once per page and generation.
                    made.save(key, with_body=False)
        return made.response(request)


class Entry:
    """A made page: its body gzip-compressed once, its headers, ETag and how long it holds."""

    __slots__ = ("body", "etag", "generation", "headers", "valid_until")

    def __init__(self, generation, valid_until, etag, headers, body):
        self.generation = generation
        self.valid_until = valid_until  # A Unix time, or None.
        self.etag = etag
        self.headers = headers
        self.body = body

    @classmethod
    def of(cls, response, generation, valid_until, level=GZIP_LEVEL_STORED) -> "Entry":
        content = response.content
        etag = f'"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        body = gzip.compress(content, compresslevel=level, mtime=0)
        return cls(generation, valid_until, etag, headers, body)

    def fresh(self, generation) -> bool:
        return self.generation == generation and _before(time.time(), self.valid_until)

    def save(self, key: str, *, with_body: bool = True) -> None:
        """Store the page; ``with_body=False``: only what a 304 needs (ETag and headers)."""
        longest = settings.PAGE_CACHE_SECONDS if with_body else 86400
        body = self.body if with_body else None
        stored = (self.generation, self.valid_until, self.etag, self.headers, body)
        cache.set(key, stored, timeout=_timeout(self.valid_until, longest))
        if _cache_is_shared():  # Kept here only if every process can see it was made.
            _remembered_pages.put(key, Entry(*stored))

    def response(self, request) -> HttpResponse:
        # Every stored page served runs this: request.META, not request.headers (which copies
        # every header of the request first).
        gzipped = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        etag = f'{self.etag[:-1]}-gzip"' if gzipped else self.etag
        not_modified = _matches(request, self.etag)
        if not_modified:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(self.body if gzipped else gzip.decompress(self.body))
            if gzipped:
                response["Content-Encoding"] = "gzip"
        for name, value in self.headers:
            # A 304 keeps the page's policies (CSP, framing), not the type of a body it lacks.
            if not (not_modified and name.lower() == "content-type"):
                response[name] = value
        response["ETag"] = etag
        response["Vary"] = "Accept-Encoding"  # Stored headers hold no Vary (NOT_STORED).
        response["Cache-Control"] = _public_cache_control(self.valid_until)
        return response


# --- internals ---


class State:
    """The content generation, and when content next changes by itself under it."""

    def __init__(self, generation, next_change_record):
        self.generation = generation
        self._record = next_change_record  # (generation, Unix time or None), or None.

    def valid_until(self, started: float) -> float | None:
        """When what was read from ``started`` on stops being current (a Unix time, or None)."""
        record = self._record
        if record is None or record[0] != self.generation or not _before(started, record[1]):
            record = (self.generation, _next_change(started))
            cache.set(NEXT_CHANGE_KEY, record, timeout=None)
            self._record = record
        return record[1]


def _lookup(key: str | None):
    """The state and the page stored under ``key`` (None: a page that is not stored).

    One cache read: the generation and the next change, with the page unless this process
    remembers it. A remembered page is served while it is of the generation read; once content
    has changed, a second read fetches the page another process may have made since."""
    remembered = _remembered_pages.get(key) if key is not None else None
    keys = [GENERATION_KEY, NEXT_CHANGE_KEY]
    if key is not None and remembered is None:
        keys.append(key)
    found = cache.get_many(keys)
    generation = _generation(found)
    if generation is None:
        return None, None
    state = State(generation, found.get(NEXT_CHANGE_KEY))
    if key is None:
        return state, None
    if remembered is not None:
        if remembered.fresh(generation):
            return state, remembered
        found[key] = cache.get(key)  # Content changed since: another process may have made it.
    stored = found.get(key)
    entry = Entry(*stored) if stored else None
    if entry is not None and entry.fresh(generation) and _cache_is_shared():
        _remembered_pages.put(key, entry)
    return state, entry


@functools.lru_cache(maxsize=4096)
def _is_reader_page(urlconf, path: str) -> bool:
    """Whether ``path`` is served by a view marked ``reader_page`` (no cache read otherwise)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "reader_page", False)


def _generation(found: dict):
    """The content generation read with ``found``, started if the cache has none; None if the
    cache failed meanwhile (Redis down: trust nothing read from it)."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation if _cache_is_shared() else None


def _page_key(request) -> str:
    path = request.get_full_path()
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    return f"pages:{release()}:{digest}"


def _timeout(valid_until: float | None, longest: int = 86400) -> int:
    if valid_until is None:
        return longest
    return min(longest, max(1, int(valid_until - time.time())))


def _next_change(after: float) -> float | None:
    """When content next changes by itself (a scheduled go-live or expiry) after ``after``, as
    Unix times."""
    moment = datetime.fromtimestamp(after, tz=UTC)
    moments = [m for m in (next_change(moment) for next_change in _schedules) if m]
    return min(moments).timestamp() if moments else None


def _before(moment: float, valid_until: float | None) -> bool:
    return valid_until is None or moment < valid_until


def _storable(request) -> bool:
    """Only addresses whose query string the reader views read are stored: any other query
    string (tracking tags, random junk) is made every time rather than filling the cache."""
    path = request.get_full_path()
    return len(path) <= MAX_KEYED_PATH and set(request.GET) <= STORED_PARAMETERS


def _public_cache_control(valid_until: float | None) -> str:
    browsers, shared = settings.HTTP_CACHE_MAX_AGE, settings.HTTP_CACHE_S_MAXAGE
    revalidate = settings.HTTP_CACHE_STALE_WHILE_REVALIDATE
    if_error = settings.HTTP_CACHE_STALE_IF_ERROR
    if valid_until is not None:
        # Nobody may show this page past the next scheduled change, fresh or stale.
        left = max(0, int(valid_until - time.time()))
        browsers, shared = min(browsers, left), min(shared, left)
        revalidate, if_error = min(revalidate, left - shared), min(if_error, left - shared)
    return (
        f"public, max-age={browsers}, s-maxage={shared}, "
        f"stale-while-revalidate={revalidate}, stale-if-error={if_error}"
    )


def _matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.strip('"')
    for candidate in parse_etags(header):
        value = candidate.removeprefix("W/").strip('"').removesuffix("-gzip")
        if value == bare:
            return True
    return False


def _cache_is_shared() -> bool:
    serving_locally = getattr(cache, "serving_locally", None)
    return not (serving_locally and serving_locally())


def _fresh_generation() -> int:
    # Larger than any generation before it, so a flushed and refilled counter never brings
    # back pages stored under an old value; the last three digits are random, so that two
    # counters started in the same millisecond (or under a clock set back) still differ, and
    # no process takes values it remembers from one for the other.
    return time.time_ns() // 1_000_000 * 1000 + secrets.randbelow(1000)


@functools.cache
def release() -> str:
    """A digest of the code and templates that make pages: a deploy starts a fresh set."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2b(digest_size=8)
    for folder in ("templates", "terms", "subscriptions", "glossary_site", "static"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in {".html", ".py", ".css", ".js", ".txt", ".xml"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()

"""The call to action's copy, read from the shared cache so a term page costs no query.

The copy (headline, line, button label, and a line per category) is one small dict kept in
the cache with no expiry. Saving or deleting the copy or a category line (deleting a category
deletes its line) writes it through again once the change is committed. After a cache flush,
the first page that needs it reads it back with one query.
"""

from django.core.cache import cache
from django.db import transaction

from glossary_site import page_cache
from subscriptions.models import SignupCopy

CACHE_KEY = "newsletter:call-to-action:v1"

DEFAULT_COPY = {
    "headline": "Get one clear AI term in your inbox every week",
    "line": "A short, plain-English explainer each week. No hype, no spam; leave in one click.",
    "button_label": "Subscribe",
}


def signup_copy(category_id: int | None = None) -> dict[str, str]:
    """Return ``headline``, ``line`` and ``button_label`` for a page in this category.

    A category's own line, when an editor wrote one, replaces the general line.
    """
    # Kept until content changes (every copy change raises the generation): remembered by the
    # process, so a page's signup boxes cost no cache read of their own.
    stored = page_cache.until_content_changes("newsletter:call-to-action", _cached_copy)
    copy = dict(stored["copy"])
    category_line = stored["category_lines"].get(str(category_id)) if category_id else None
    if category_line:
        copy["line"] = category_line
    return copy


def _cached_copy() -> dict:
    stored = cache.get(CACHE_KEY)
    return stored if stored is not None else refresh_cached_copy()


def refresh_cached_copy() -> dict:
    """Read the copy and every category line in one query and store them in the cache."""
    rows = SignupCopy.objects.filter(pk=SignupCopy.SINGLETON_ID).values_list(
        "headline", "line", "button_label", "category_lines__category_id", "category_lines__line"
    )
    copy = dict(DEFAULT_COPY)
    category_lines = {}
    for headline, line, button_label, category_id, category_line in rows:
        copy = {"headline": headline, "line": line, "button_label": button_label}
        if category_id is not None:
            category_lines[str(category_id)] = category_line
    stored = {"copy": copy, "category_lines": category_lines}
    cache.set(CACHE_KEY, stored, timeout=None)
    return stored


def copy_changed(**kwargs) -> None:
    """Signal receiver: write the copy through once the change is committed (at once outside
    a transaction), so a rolled-back edit never reaches readers."""
    transaction.on_commit(refresh_cached_copy)
    page_cache.content_changed()  # Every page with a signup box shows the copy.

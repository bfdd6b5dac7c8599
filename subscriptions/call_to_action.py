"""The newsletter's offer and copy, read from the shared cache so a page costs no query.

The copy (``SignupCopy``: the offer, the boxes, the /newsletter/ page, the emails) is one small
dict kept in the cache with no expiry, its placeholders already filled in. Saving the copy
writes it through again once the change is committed. After a cache flush, the first page that
needs it reads it back with one query.

A category's pitch is the glossary's data (``Category.newsletter_pitch``, or the general pitch
made from its name); the category travels with the page's own context, so it costs nothing.
"""

from django.core.cache import cache
from django.db import transaction

from glossary_site import page_cache
from subscriptions import offer
from subscriptions.models import SignupCopy

CACHE_KEY = "newsletter:call-to-action:v2"


def signup_copy() -> dict:
    """The copy as readers see it: every text in ``offer.TEXT_FIELDS`` filled in, ``values``
    (what each placeholder stands for), ``category_pitch`` (still with ``{category}``) and
    ``welcome_email_enabled``. Shared between requests: read-only."""
    # Kept until content changes (every copy change raises the generation): remembered by the
    # process, so a page's signup boxes cost no cache read of their own.
    return page_cache.until_content_changes("newsletter:call-to-action", _cached_copy)


def category_pitch(category) -> str:
    """The line pitching the newsletter on ``category``'s pages: its own, or the general one
    with its name (``Category.name_in_a_sentence``)."""
    own = (category.newsletter_pitch or "").strip()
    if own:
        return own
    copy = signup_copy()
    values = {**copy["values"], offer.CATEGORY_PLACEHOLDER: category.name_in_a_sentence()}
    return offer.fill(copy["category_pitch"], values)


def _cached_copy() -> dict:
    stored = cache.get(CACHE_KEY)
    return stored if stored is not None else refresh_cached_copy()


def refresh_cached_copy() -> dict:
    """Read the copy in one query and store it, filled in, in the cache."""
    copy = SignupCopy.objects.filter(pk=SignupCopy.SINGLETON_ID).first() or SignupCopy()
    stored = readers_copy(copy)
    cache.set(CACHE_KEY, stored, timeout=None)
    return stored


def readers_copy(copy: SignupCopy) -> dict:
    """``copy`` as readers see it (see ``signup_copy``)."""
    values = copy.placeholder_values()
    return {
        **{field: offer.fill(getattr(copy, field), values) for field in offer.TEXT_FIELDS},
        # {category} is filled per page; the offer's own placeholders are filled with it.
        "category_pitch": copy.category_pitch,
        "values": values,
        "welcome_email_enabled": copy.welcome_email_enabled,
    }


def copy_changed(**kwargs) -> None:
    """Signal receiver: write the copy through once the change is committed (at once outside
    a transaction), so a rolled-back edit never reaches readers."""
    transaction.on_commit(refresh_cached_copy)
    page_cache.content_changed()  # Every page with a signup box shows the copy.

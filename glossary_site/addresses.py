"""Addresses worked out once per process: ``reverse()`` remembered.

A reader page links to every term card, its category, its tags and the site's sections; with
Django's ``reverse()`` each of those links is worked out again on every request (a third of
the time a term page spent rendering). URL patterns do not change while a process runs, so
the answer for the same name, arguments, URLconf and script prefix is always the same:
``address()`` remembers the most recent ones.

The ``{% url %}`` tag of every template does the same (``glossary_site.url_tag``, loaded as a
template builtin in settings), and so do the models' ``get_absolute_url``.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Term and category pages are most of the addresses: enough for a big glossary's busiest.
REMEMBERED = 20_000


def address(viewname, args=(), kwargs=None, current_app=None) -> str:
    """``reverse(viewname, args, kwargs)``, remembered. Raises ``NoReverseMatch`` as it does."""
    try:
        key = (tuple(args), tuple(sorted((kwargs or {}).items())))
        hash(key)
    except TypeError:  # An argument that cannot be a key (a list, say): not remembered.
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _remembered(get_urlconf(), get_script_prefix(), viewname, *key, current_app)


@lru_cache(maxsize=REMEMBERED)
def _remembered(urlconf, script_prefix, viewname, args, kwargs, current_app) -> str:
    # urlconf and script_prefix are part of the key: reverse() reads them from the request.
    return reverse(viewname, urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget_on_new_urls(*, setting, **kwargs):
    """Tests may swap the URLconf (``override_settings``); a process serving readers never
    does."""
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _remembered.cache_clear()

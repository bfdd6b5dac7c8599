"""Which reader pages a change shows on, so caches in front of the site can drop just those.

This site's own page cache needs no list (the content generation makes every stored page fresh);
a CDN or Varnish told to purge (glossary_site/frontend_cache.py) needs the paths. A change to
what readers see of a term is wrapped in ``changing(term)``: the pages that showed the term
before and those that show it after are purged once the change commits. Pages that only show
a term as a tag-based suggestion, and pages after the first of a paginated listing, are not
listed: front caches keep those for HTTP_CACHE_S_MAXAGE seconds at most.
"""

from contextlib import contextmanager
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from glossary_site import frontend_cache, page_cache
from terms.models import Category, Publication, RelatedTerm, Term


def listing_paths() -> set[str]:
    """Pages that list every term: home, A–Z, feeds, sitemap, the API's list."""
    names = ["terms:home", "terms:index", "terms:feed-rss", "terms:feed-atom", "terms:api-list"]
    return {reverse(name) for name in names} | {"/sitemap.xml"}


def letter_path(letter: str) -> str:
    return f"{reverse('terms:index')}?{urlencode({'letter': letter})}"


def paths_showing(term: Term) -> set[str]:
    """The reader pages that show ``term`` as readers see it at this moment."""
    live = Publication.objects.live().filter(term=term).prefetch_related("aliases").first()
    if live is None:
        return set()
    aliases = list(live.aliases.all())
    paths = {
        live.get_absolute_url(),
        reverse("terms:api-detail", kwargs={"slug": live.slug}),
        reverse("terms:category", kwargs={"slug": live.category.slug}),
        *(reverse("terms:tag", kwargs={"slug": tag["slug"]}) for tag in live.tag_list),
        *(reverse("terms:detail", kwargs={"slug": alias.slug}) for alias in aliases),
        # The A–Z letters its title and aliases are listed under (the database's own letters).
        *(letter_path(entry.letter) for entry in (live, *aliases)),
    }
    # Pages that link to it, or show it as a related card.
    related_from = RelatedTerm.objects.filter(related=term).values("term_id")
    showing = Publication.objects.live().filter(outgoing_links__target=term) | (
        Publication.objects.live().filter(term_id__in=related_from)
    )
    paths.update(
        reverse("terms:detail", kwargs={"slug": slug})
        for slug in showing.values_list("slug", flat=True).distinct()
    )
    return paths | listing_paths()


@contextmanager
def changing(term: Term):
    """Around a change to what readers see of ``term``: afterwards, pages are made fresh in the
    page cache and, if front caches are configured, the pages it showed on before or shows on
    now are purged (both once the transaction commits)."""
    purging = bool(settings.FRONTEND_CACHE_PURGE_URLS)
    before = paths_showing(term) if purging else set()
    yield
    page_cache.content_changed()
    if purging:
        frontend_cache.purge_after_commit(before | paths_showing(term))


def category_changed(category: Category) -> None:
    """A category's name, description or place changed: its page, its terms' pages, listings."""
    page_cache.content_changed()
    if not settings.FRONTEND_CACHE_PURGE_URLS:
        return
    slugs = Publication.objects.live().filter(category=category).values_list("slug", flat=True)
    frontend_cache.purge_after_commit(
        {category.get_absolute_url(), *listing_paths()}
        | {reverse("terms:detail", kwargs={"slug": slug}) for slug in slugs}
    )

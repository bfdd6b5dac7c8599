"""Sitemaps of the home page and the A–Z index, live terms, categories and tags
(django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from glossary_site import public_address
from terms.models import Category, Publication


class SiteSitemapMixin:
    """Absolute URLs from SITE_URL (the site framework is not used)."""

    def get_protocol(self, protocol=None):
        return public_address.scheme()

    def get_domain(self, site=None):
        return public_address.host()


class PagesSitemap(SiteSitemapMixin, Sitemap):
    """The home page and the A–Z index: fixed addresses, no query."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["terms:home", "terms:index"]

    def location(self, item):
        return reverse(item)


class TermSitemap(SiteSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Publication.objects.live().only("slug", "go_live_at").order_by("slug")

    def lastmod(self, item):
        return item.go_live_at


class CategorySitemap(SiteSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Category.objects.with_live_terms().order_by("slug")

    def lastmod(self, item):
        return item.last_live_at


class TagSitemap(SiteSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        live = Publication.objects.live()
        return (
            Tag.objects.filter(terms_taggedpublication_items__content_object__in=live)
            .annotate(lastmod=Max("terms_taggedpublication_items__content_object__go_live_at"))
            .order_by("slug")
        )

    def location(self, item):
        return reverse("terms:tag", args=[item.slug])

    def lastmod(self, item):
        return item.lastmod


SITEMAPS = {
    "pages": PagesSitemap,
    "terms": TermSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}

"""The newsletter archive in the sitemap: its index and every issue that has gone out."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from subscriptions.issue_models import Issue
from terms.sitemaps import SiteSitemapMixin


class IssueSitemap(SiteSitemapMixin, Sitemap):
    changefreq = "never"
    priority = 0.4

    def items(self):
        return Issue.objects.published().only("slug", "started_at").order_by("-started_at")

    def lastmod(self, item):
        return item.started_at


class ArchiveSitemap(SiteSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        latest = Issue.objects.published().aggregate(latest=Max("started_at"))["latest"]
        return [latest] if latest else []

    def location(self, item):
        return reverse("subscriptions:issues")

    def lastmod(self, item):
        return item


SITEMAPS = {"newsletter": ArchiveSitemap, "issues": IssueSitemap}

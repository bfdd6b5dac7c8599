"""The newsletter archive in the sitemap: its index and every issue that has gone out."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from subscriptions.issue_models import Issue
from terms.sitemaps import SiteSitemapMixin


class NewsletterSitemap(SiteSitemapMixin, Sitemap):
    """The archive's index (last modified with its newest issue), then each issue: one query."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        issues = list(
            Issue.objects.published().only("slug", "started_at").order_by("-started_at", "-pk")
        )
        if not issues:
            return []
        self.newest = issues[0].started_at
        return [None, *issues]  # None: the archive's own page.

    def location(self, item):
        return reverse("subscriptions:issues") if item is None else item.get_absolute_url()

    def lastmod(self, item):
        return self.newest if item is None else item.started_at


SITEMAPS = {"newsletter": NewsletterSitemap}

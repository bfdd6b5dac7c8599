"""RSS and Atom feeds of the newsletter's issues, as the archive lists them.

Subjects and preheaders are plain text, carried as ``terms.feeds`` carries the glossary's:
escaped as HTML in RSS, ``type="text"`` in Atom, and every address built from SITE_URL.
"""

from django.urls import reverse

from glossary_site.public_address import absolute
from subscriptions.call_to_action import signup_copy
from subscriptions.issue_models import Issue
from terms.feeds import LatestTermsAtomFeed, LatestTermsFeed


class IssuesFeed(LatestTermsFeed):
    items_count = 20
    url_name = "subscriptions:issues-rss"

    def title(self):
        return self.text(signup_copy()["values"]["name"])

    def description(self):
        return self.text(f"Every issue of {signup_copy()['values']['name']}, newest first.")

    def link(self):
        return absolute(reverse("subscriptions:issues"))

    def items(self):
        return Issue.objects.published().order_by("-started_at", "-pk")[: self.items_count]

    def item_title(self, item):
        return self.text(item.subject)

    def item_description(self, item):
        return self.text(item.preheader or item.subject)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.started_at

    def item_updateddate(self, item):
        return item.started_at

    def item_categories(self, item):
        return ()


class IssuesAtomFeed(IssuesFeed):
    feed_type = LatestTermsAtomFeed.feed_type
    subtitle = IssuesFeed.description
    url_name = "subscriptions:issues-atom"
    text = LatestTermsAtomFeed.text
    author_name = LatestTermsAtomFeed.author_name

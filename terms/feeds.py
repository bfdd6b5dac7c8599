"""RSS and Atom feeds of newly published and updated terms."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from glossary_site.public_address import absolute
from terms.models import Publication


class LatestTermsFeed(Feed):
    description = "Terms newly published or updated in the glossary."
    items_count = 30

    def title(self):
        return f"{settings.SITE_NAME}: new and updated terms"

    def link(self):
        return reverse("terms:index")

    def items(self):
        return (
            Publication.objects.live()
            .select_related("category")
            .order_by("-go_live_at", "-pk")[: self.items_count]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # One entry per publication: an update appears again as a new item.
        return absolute(f"{item.get_absolute_url()}#{item.go_live_at:%Y%m%dT%H%M%S}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.go_live_at

    def item_updateddate(self, item):
        return item.go_live_at

    def item_categories(self, item):
        return [item.category.name]


class LatestTermsAtomFeed(LatestTermsFeed):
    feed_type = Atom1Feed
    subtitle = LatestTermsFeed.description

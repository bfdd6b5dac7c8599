"""RSS and Atom feeds of newly published and updated terms.

Titles, summaries and category names are plain text, and readers must show them as typed, never
run them as markup. The two formats need different things for that (see ``text``). Every address
in a feed is built from SITE_URL (``glossary_site.public_address``), never from the Host header
of the request that fetched it.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from glossary_site.public_address import absolute
from terms.models import Publication

# Characters XML 1.0 cannot carry. Django refuses to write them, so one in a title would take
# the whole feed down; a reader would show nothing for them anyway.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_characters(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _NOT_IN_XML.sub("", value)


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries say ``type="text"`` (Django's say "html"). Titles and category
    terms are text already: Atom's default type, and an attribute."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestTermsFeed(Feed):
    description = "Terms newly published or updated in the glossary."
    items_count = 30
    url_name = "terms:feed-rss"

    def text(self, value: str) -> str:
        """Plain text as this format must carry it. RSS readers render an item's description as
        HTML (the spec allows entity-encoded HTML there and has no way to say it is not), and
        many render titles and categories the same way, so RSS gets every text escaped as HTML:
        such a reader shows the characters typed, never live markup. Django escapes RSS titles
        for the same reason (ticket #6533)."""
        return escape(xml_characters(value))

    def title(self):
        return self.text(f"{settings.SITE_NAME}: new and updated terms")

    def link(self):
        return absolute(reverse("terms:index"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        return (
            Publication.objects.live()
            .select_related("category")
            .order_by("-go_live_at", "-pk")[: self.items_count]
        )

    def item_title(self, item):
        return self.text(item.title)

    def item_description(self, item):
        return self.text(item.summary)

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        # One entry per publication: an update appears again as a new item.
        return absolute(f"{item.get_absolute_url()}#{item.go_live_at:%Y%m%dT%H%M%S}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.go_live_at

    def item_updateddate(self, item):
        return item.go_live_at

    def item_categories(self, item):
        return [self.text(item.category.name)]


class LatestTermsAtomFeed(LatestTermsFeed):
    feed_type = PlainTextAtom1Feed
    subtitle = LatestTermsFeed.description
    url_name = "terms:feed-atom"

    def text(self, value: str) -> str:
        """Plain text as it is: Atom says ``type="text"``, and readers show it as characters."""
        return xml_characters(value)

    def author_name(self):
        # RFC 4287: a feed must name an author unless every entry does, and entries name none.
        return self.text(settings.SITE_NAME)

"""What an issue says: its body as sanitized HTML and its terms of the week as cards.

The body goes through the site's one Markdown renderer (``terms.rendering``: markdown-it-py,
then nh3's allow-list), its wiki links to the terms live now (``terms.links``), and every
address is made absolute from SITE_URL, since an email has no page to be relative to. A draft
is rendered on each preview; when sending starts, ``freeze`` keeps the result on the issue and
the email and the archive show that, whatever happens to the terms afterwards.
"""

import re
from dataclasses import dataclass

from glossary_site import public_address
from glossary_site.public_address import absolute_addresses
from terms.links import link_live_terms, live_cards
from terms.rendering import render

_HEADING_TAG = re.compile(r"<(/?)h([3-6])\b")
_WIKI_LINK = re.compile(r"\[\[([^\[\]\n|]+)(?:\|([^\[\]\n]+))?\]\]")


@dataclass(frozen=True)
class Content:
    body_html: str
    terms: list[dict]  # [{"title", "summary", "url"}], absolute URLs, in the editor's order


def section_headings(html: str) -> str:
    """Headings moved up to sit under the issue's title: the renderer starts authors'
    headings at ``h3`` (under a term page's ``h2`` sections); an issue's sections ("## The big
    story") are its ``h2``, beside "Terms of the week"."""
    return _HEADING_TAG.sub(
        lambda match: f"<{match.group(1)}h{max(2, int(match.group(2)) - 2)}", html
    )


def body_html(markdown: str) -> str:
    """The issue's Markdown as sanitized HTML with absolute links, as readers see it now."""
    return absolute_addresses(section_headings(link_live_terms(render(markdown).html)))


def body_text(markdown: str) -> str:
    """The issue's Markdown as the plain-text part: Markdown reads as text, except wiki links,
    which become their label."""
    return _WIKI_LINK.sub(lambda match: (match.group(2) or match.group(1)).strip(), markdown)


def term_cards(issue) -> list[dict]:
    """The issue's terms of the week that are live now, in the editor's order (two queries)."""
    term_ids = list(issue.picks.order_by("position", "pk").values_list("term_id", flat=True))
    live = live_cards(term_ids)
    return [
        {
            "title": live[term_id].title,
            "summary": live[term_id].summary,
            "url": public_address.absolute(live[term_id].get_absolute_url()),
        }
        for term_id in term_ids
        if term_id in live
    ]


def current(issue) -> Content:
    """What the issue would say if it were sent now (previews, and the moment it starts)."""
    return Content(body_html=body_html(issue.body), terms=term_cards(issue))


def shown(issue) -> Content:
    """What readers and recipients get: the frozen content once sending started, otherwise
    the current one (previews of drafts)."""
    if issue.started_at is not None:
        return Content(body_html=issue.sent_body_html, terms=list(issue.sent_terms))
    return current(issue)


def freeze(issue) -> None:
    """Keep what the issue says now on the issue itself (not saved here)."""
    content = current(issue)
    issue.sent_body_html = content.body_html
    issue.sent_terms = content.terms

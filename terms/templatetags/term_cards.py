"""Listing markup made in Python: term cards, A–Z entries, and a term page's lists of links.

``{% term_cards terms heading="h2" show_category=True suggested=False %}``: terms as cards.
``{% term_links terms %}``: list items linking to terms by title ("Linked from").
``{% tag_links tags %}``: list items linking to tag pages.

Each card is the term's title, linking to it, under a heading of the level the page gives
(the level below the heading the cards sit under: ``h2`` straight under the page's ``h1``,
``h3`` by default), its one-line summary and, with ``show_category``, its category's name;
``suggested`` marks suggestions by shared tags (not curated).

The markup is made here rather than by an included template: a listing page shows dozens of
cards (an A–Z page sixty entries), and the template language (a context lookup, a
key-then-attribute-then-call attempt and an escape for every value of every card) spent most
of a category page's time on them.
Every value from a term is escaped (``html.escape``, which Django's ``escape`` is).
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from glossary_site.addresses import address

register = template.Library()

HEADINGS = {"h2", "h3", "h4"}
CARD = (
    '<article class="term-card{modifier}"{marker}>{badge}'
    '<{h} class="term-card__title"><a href="{url}">{title}</a></{h}>'
    '<p class="term-card__summary">{summary}</p>{category}</article>'
)
SUGGESTED = {
    "modifier": " term-card--suggested",
    "marker": ' data-suggested="true"',
    "badge": '<p class="term-card__badge">Suggested</p>',
}
CURATED = {"modifier": "", "marker": "", "badge": ""}


@register.simple_tag
def term_cards(terms, heading="h3", show_category=False, suggested=False) -> SafeString:
    if heading not in HEADINGS:
        raise template.TemplateSyntaxError(f"term_cards: heading must be one of {HEADINGS}")
    kind = SUGGESTED if suggested else CURATED
    return mark_safe(  # Every value from a term is escaped below.
        "\n".join(
            CARD.format(
                h=heading,
                url=escape(term.get_absolute_url()),
                title=escape(term.title),
                summary=escape(term.summary),
                category=_category(term) if show_category else "",
                **kind,
            )
            for term in terms
        )
    )


def _category(term) -> str:
    """The category's name, if it was loaded with the term: a card never costs a query."""
    category = term._state.fields_cache.get("category") if term.category_id else None
    if category is None:
        return ""
    return f'<p class="term-card__meta">{escape(category.name)}</p>'


ENTRY = (
    '<li class="index-entry"><a href="{url}" class="index-entry__title">{label}</a>'
    '<p class="index-entry__summary">{summary}</p></li>'
)
ALIAS_ENTRY = (
    '<li class="index-entry index-entry--alias"><a href="{url}">'
    '<span class="index-entry__title">{label}</span> <span aria-hidden="true">→</span>'
    '<span class="visually-hidden">, see</span> '
    '<span class="index-entry__target">{target}</span></a></li>'
)


@register.simple_tag
def index_entries(entries) -> SafeString:
    """A–Z entries (``listings.LetterEntries`` rows): a term with its summary, or another name
    of a term (an alias), visually secondary, pointing at it."""
    items = []
    for entry in entries:
        url = escape(address("terms:detail", kwargs={"slug": entry["term_slug"]}))
        if entry["alias_of"]:
            items.append(
                ALIAS_ENTRY.format(
                    url=url, label=escape(entry["label"]), target=escape(entry["alias_of"])
                )
            )
        else:
            items.append(
                ENTRY.format(
                    url=url, label=escape(entry["label"]), summary=escape(entry["entry_summary"])
                )
            )
    return mark_safe("\n".join(items))  # Every value from an entry is escaped above.


TERM_LINK = '<li><a href="{url}">{title}</a></li>'
TAG_LINK = '<li><a class="tag" href="{url}">{name}</a></li>'


@register.simple_tag
def term_links(terms) -> SafeString:
    return mark_safe(  # Every value from a term is escaped.
        "".join(
            TERM_LINK.format(url=escape(term.get_absolute_url()), title=escape(term.title))
            for term in terms
        )
    )


@register.simple_tag
def tag_links(tags) -> SafeString:
    """``tags``: a publication's ``tag_list`` (``{"name": …, "slug": …}`` each)."""
    return mark_safe(  # Every value from a tag is escaped.
        "".join(
            TAG_LINK.format(
                url=escape(address("terms:tag", args=[tag["slug"]])), name=escape(tag["name"])
            )
            for tag in tags
        )
    )

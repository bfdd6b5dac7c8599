"""schema.org data (JSON-LD) for the reader pages: one function per page type.

Every property used is one schema.org defines for its type (tests/test_structured_data.py
checks them against an allow-list): dates belong to the page (a WebPage, a CreativeWork),
not to the DefinedTerm, which is the page's ``mainEntity``. Addresses are absolute
(SITE_URL); times are ``machine_time`` strings.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from glossary_site.machine_time import machine_datetime
from glossary_site.public_address import absolute
from terms.share_images import SIZE, share_image_url

CONTEXT = "https://schema.org"
# What the search box is given; the SearchAction's URL template names it.
SEARCH_TERM = "search_term_string"
# Inside a script element nothing may close it or open a comment: <, > and & as JSON escapes.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_element(data: dict) -> SafeString:
    """``data`` as a JSON-LD script element, escaped so no text in it can end the element."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def website() -> dict:
    return {"@type": "WebSite", "name": settings.SITE_NAME, "url": absolute(reverse("terms:home"))}


def home_page() -> dict:
    """The home page: the site, and how to search it (Google's sitelinks search box)."""
    return {
        "@context": CONTEXT,
        **website(),
        "description": "Plain-English explanations of the ideas and jargon behind modern AI.",
        "inLanguage": "en",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(f"{reverse('terms:search')}?q={{{SEARCH_TERM}}}"),
            },
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


def defined_term_set() -> dict:
    return {
        "@type": "DefinedTermSet",
        "name": settings.SITE_NAME,
        "url": absolute(reverse("terms:index")),
    }


def defined_term(publication) -> dict:
    """A live term as a DefinedTerm (no dates: schema.org puts those on the page)."""
    data = {
        "@type": "DefinedTerm",
        "name": publication.title,
        "description": publication.summary,
        "url": absolute(publication.get_absolute_url()),
        "termCode": publication.slug,
        "inDefinedTermSet": defined_term_set(),
    }
    if publication.alias_names:
        data["alternateName"] = list(publication.alias_names)
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList of (name, path) pairs, as the page's visible breadcrumbs show them."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def term_page(publication) -> dict:
    """A term's page: a WebPage (when it last changed, its picture, its breadcrumbs) whose
    main entity is the DefinedTerm. The breadcrumbs are the page's: Glossary › category ›
    term."""
    url = absolute(publication.get_absolute_url())
    width, height = SIZE if publication.share_image else (None, None)
    image = {"@type": "ImageObject", "url": share_image_url(publication)}
    if width:
        image |= {"width": width, "height": height}
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": publication.title,
        "description": publication.summary,
        "inLanguage": "en",
        "dateModified": machine_datetime(publication.go_live_at),
        "isPartOf": website(),
        "primaryImageOfPage": image,
        "breadcrumb": breadcrumbs(
            [
                ("Glossary", reverse("terms:home")),
                (publication.category.name, publication.category.get_absolute_url()),
                (publication.title, publication.get_absolute_url()),
            ]
        ),
        "mainEntity": defined_term(publication),
    }


def category_page(category, publications, *, path: str) -> dict:
    """A category's page: a DefinedTermSet of the terms listed on it (``path``: the page's
    address, with its page number)."""
    return {
        "@context": CONTEXT,
        "@type": "DefinedTermSet",
        "name": category.name,
        "description": category.description or f"AI terms in {category.name}.",
        "url": absolute(path),
        "isPartOf": website(),
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "name": publication.title,
                "description": publication.summary,
                "url": absolute(publication.get_absolute_url()),
                "termCode": publication.slug,
            }
            for publication in publications
        ],
    }


def term_set_page(entries) -> dict:
    """The A–Z index as a DefinedTermSet listing the terms on the page."""
    return {
        "@context": CONTEXT,
        **defined_term_set(),
        "isPartOf": website(),
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "name": entry["label"],
                "url": absolute(reverse("terms:detail", args=[entry["term_slug"]])),
                "termCode": entry["term_slug"],
            }
            for entry in entries
            if not entry["alias_of"]
        ],
    }

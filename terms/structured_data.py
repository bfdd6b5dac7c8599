"""schema.org data for term pages and the A–Z index (JSON-LD)."""

from django.conf import settings
from django.urls import reverse

from glossary_site.public_address import absolute


def defined_term_set() -> dict:
    return {
        "@type": "DefinedTermSet",
        "name": settings.SITE_NAME,
        "url": absolute(reverse("terms:index")),
    }


def defined_term(publication) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": publication.title,
        "description": publication.summary,
        "url": absolute(publication.get_absolute_url()),
        "termCode": publication.slug,
        "identifier": publication.slug,
        "inDefinedTermSet": defined_term_set(),
        "dateModified": publication.go_live_at.isoformat(),
    }
    if publication.alias_names:
        data["alternateName"] = list(publication.alias_names)
    return data


def term_set_page(entries) -> dict:
    """The A–Z index as a DefinedTermSet listing the terms on the page."""
    return {
        "@context": "https://schema.org",
        **defined_term_set(),
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

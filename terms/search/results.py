from dataclasses import dataclass

from terms.models import Publication


@dataclass
class Hit:
    """One search result."""

    publication: Publication
    snippet: str = ""  # safe HTML: escaped text with <mark> around matched words
    matched_alias: str = ""

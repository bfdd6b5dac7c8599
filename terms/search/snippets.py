"""Search snippets: the database marks matches with control characters, and this turns them
into safe HTML (escape everything first, then add <mark>)."""

from django.utils.html import escape

START, STOP = "\x02", "\x03"


def highlight(text: str) -> str:
    html = escape(text or "")
    return html.replace(START, "<mark>").replace(STOP, "</mark>")


def matched_alias(query: str, publication) -> str:
    """The alias the query most likely meant ("LLMs" → "LLM"), or "" (also when the title
    itself is what was typed: "transfo" is Transformer, not "Transformer architecture")."""
    key = query.lower().strip()
    if publication.title.lower().startswith(key):
        return ""
    for name in publication.alias_names:
        lowered = name.lower()
        if lowered == key or lowered.startswith(key) or key.startswith(lowered):
            return name
    return ""

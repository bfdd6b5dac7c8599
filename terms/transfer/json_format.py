"""JSON: ``{"categories": [...], "terms": [...]}``, or just the list of terms.

Each term is an object with the fields of ``TERM_FIELDS``; tags, aliases and related terms are
lists. Exports are written the same way every time (keys in field order, two-space indent,
terms by slug, categories by position), so exporting an imported export gives the same bytes.
"""

import json

from terms.transfer.incoming import (
    TERM_FIELDS,
    IncomingTerm,
    Parsed,
    Refused,
    decode,
    limit,
    read_category,
    set_field,
    unknown_fields_warning,
)

FORMAT_NAME = "glossary-terms"
FORMAT_VERSION = 1


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def parse(data: bytes) -> Parsed:
    text = decode(data)
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as error:
        raise Refused(f"The key “{error}” appears twice in one object.") from None
    except json.JSONDecodeError as error:
        raise Refused(
            f"This is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno} "
            f"(character {error.pos})."
        ) from None
    except RecursionError:
        raise Refused("This JSON is nested too deeply to be a glossary.") from None
    if isinstance(document, list):
        document = {"terms": document}
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise Refused("Expected an object with a “terms” list (or a list of terms).")
    entries, categories = document["terms"], document.get("categories") or []
    if not isinstance(categories, list):
        raise Refused("“categories” must be a list.")
    if len(entries) > limit("MAX_TERMS"):
        raise Refused(
            f"The file has {len(entries):,} terms; one import takes at most "
            f"{limit('MAX_TERMS'):,}. Split it into smaller files."
        )
    parsed = Parsed()
    parsed.categories = [
        read_category(f"category {n}", entry) for n, entry in enumerate(categories, start=1)
    ]
    parsed.terms = [_term(f"term {n}", entry) for n, entry in enumerate(entries, start=1)]
    return parsed


def _term(source: str, entry) -> IncomingTerm:
    term = IncomingTerm(source=source)
    if not isinstance(entry, dict):
        term.errors.append("A term must be an object of fields.")
        return term
    unknown = [key for key in entry if key not in TERM_FIELDS]
    if unknown:
        term.warnings.append(unknown_fields_warning(unknown))
    for name in TERM_FIELDS:
        if name in entry:
            set_field(term, name, entry[name])
    return term


def write(export, file) -> None:
    """Write ``export`` (``terms.transfer.exporting.Export``) to the binary ``file``."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "categories": export.categories,
        "terms": export.terms,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    file.write(text.encode("utf-8"))

"""What every format is read into, and written from: one term, one category, one file.

Readers of the formats (``csv_format``, ``json_format``, ``markdown_format``) produce a
``Parsed`` and never touch the database; the planner decides what each entry means for the
glossary. Text is normalised the same way whichever format it came from, so the same content
in two formats is the same import.
"""

from dataclasses import dataclass, field

from django.conf import settings

from terms.models import SECTION_FIELDS

# The fields of a term in every format, in this order.
LIST_FIELDS = ("tags", "aliases", "related")
TERM_FIELDS = ("title", "slug", "summary", "category", *LIST_FIELDS, *SECTION_FIELDS)
CATEGORY_FIELDS = ("name", "slug", "description", "position")


class Refused(Exception):
    """The whole file is refused (too big, not the format it claims, a hostile archive);
    nothing in it is planned. The message says why, and where when it can."""


@dataclass
class IncomingTerm:
    """One term as a file gives it. ``source`` says where: "line 4", "open-weight.md"."""

    source: str
    title: str = ""
    slug: str = ""
    summary: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    definition: str = ""
    why_it_matters: str = ""
    in_practice: str = ""
    # What is wrong with the entry as written (a formula cell, a list where text belongs).
    errors: list[str] = field(default_factory=list)
    # What was ignored (an unknown column or key).
    warnings: list[str] = field(default_factory=list)

    def data(self) -> dict:
        """The fields, in format order."""
        return {name: getattr(self, name) for name in TERM_FIELDS}


@dataclass
class IncomingCategory:
    source: str
    name: str = ""
    slug: str = ""
    description: str = ""
    position: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    terms: list[IncomingTerm] = field(default_factory=list)
    categories: list[IncomingCategory] = field(default_factory=list)
    # Notes about the file as a whole (files in an archive that were skipped).
    notes: list[str] = field(default_factory=list)


def normalise_line(value: str) -> str:
    """A one-line value (title, summary, name, tag): surrounding spaces off."""
    return value.strip()


def normalise_text(value: str) -> str:
    """A Markdown section: line endings as LF, blank lines at either end and trailing spaces
    off (browsers post textareas with CRLF; files end with a newline or not)."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()


def normalise_list(values) -> list[str]:
    """Names in the order given, surrounding spaces and empty entries off, repeats dropped
    (ignoring case)."""
    seen, kept = set(), []
    for value in values:
        value = value.strip()
        if value and value.lower() not in seen:
            seen.add(value.lower())
            kept.append(value)
    return kept


def set_field(term: IncomingTerm, name: str, value) -> None:
    """Set ``name`` on ``term`` from a format's value, normalised; a value of the wrong kind
    becomes an error of the entry."""
    if name in LIST_FIELDS:
        if isinstance(value, str):
            value = [value]
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            term.errors.append(f"“{name}” must be a list of names.")
            return
        setattr(term, name, normalise_list(value))
        return
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        term.errors.append(f"“{name}” must be text.")
        return
    value = str(value)
    setattr(term, name, normalise_text(value) if name in SECTION_FIELDS else normalise_line(value))


def unknown_fields_warning(names, known=TERM_FIELDS) -> str:
    listed = ", ".join(f"“{name}”" for name in names)
    return f"Ignored {listed}: not a field of a term (the fields are {', '.join(known)})."


def limit(name: str) -> int:
    """One of the documented import limits (``TRANSFER_*`` settings)."""
    return getattr(settings, f"TRANSFER_{name}")


def decode(data: bytes, where: str = "the file") -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped), or Refused naming the first byte
    that is not UTF-8, with its line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        raise Refused(
            f"{where[0].upper()}{where[1:]} is not valid UTF-8: the byte at offset "
            f"{error.start} (line {line}) is 0x{data[error.start]:02x}. Save it as UTF-8 "
            "and try again."
        ) from None


def read_category(source: str, entry) -> IncomingCategory:
    """A category from a JSON object or a YAML mapping."""
    category = IncomingCategory(source=source)
    if not isinstance(entry, dict):
        category.errors.append("A category must be a set of fields (name, slug, …).")
        return category
    for name in ("name", "slug", "description"):
        value = entry.get(name) or ""
        if not isinstance(value, str):
            category.errors.append(f"The category's “{name}” must be text.")
            value = ""
        setattr(category, name, normalise_text(value) if name == "description" else value.strip())
    position = entry.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        category.errors.append("The category's “position” must be a whole number, 0 or more.")
    else:
        category.position = position
    unknown = [str(key) for key in entry if key not in CATEGORY_FIELDS]
    if unknown:
        category.errors.append(unknown_fields_warning(unknown, CATEGORY_FIELDS))
    return category

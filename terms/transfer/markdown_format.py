"""Markdown files with YAML front matter, one per term, as a zip or a folder.

A file holds the term's fields in front matter between ``---`` lines, then its three sections
as ``## Definition``, ``## Why it matters`` and ``## In practice`` (a file with none of these
headings is all definition, as static-site glossaries often are). ``categories.yaml`` at the
top of the archive lists categories. YAML is read with the safe loader and without aliases
(a "billion laughs" file is refused).
"""

import re

import yaml

from terms.models import SECTION_FIELDS, Term
from terms.transfer.archives import read_zip, zip_of
from terms.transfer.incoming import (
    TERM_FIELDS,
    IncomingCategory,
    IncomingTerm,
    Parsed,
    Refused,
    decode,
    limit,
    read_category,
    set_field,
    unknown_fields_warning,
)

CATEGORIES_FILE = "categories.yaml"
FRONT_MATTER_FIELDS = tuple(name for name in TERM_FIELDS if name not in SECTION_FIELDS)
HEADINGS = {str(Term._meta.get_field(name).verbose_name).lower(): name for name in SECTION_FIELDS}
HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")


class _SafeLoaderWithoutAliases(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed")
        return super().compose_node(parent, index)


def load_yaml(text: str):
    return yaml.load(text, Loader=_SafeLoaderWithoutAliases)  # noqa: S506 (a safe loader)


def parse(data: bytes) -> Parsed:
    return parse_files(read_zip(data))


def parse_files(files: dict[str, bytes]) -> Parsed:
    """Terms from the ``.md`` files and categories from ``categories.yaml``; other files are
    noted and skipped."""
    parsed = Parsed()
    markdown = sorted(name for name in files if name.lower().endswith((".md", ".markdown")))
    if len(markdown) > limit("MAX_TERMS"):
        raise Refused(
            f"There are {len(markdown):,} Markdown files; one import takes at most "
            f"{limit('MAX_TERMS'):,}."
        )
    skipped = sorted(set(files) - set(markdown) - {CATEGORIES_FILE})
    if skipped:
        shown = ", ".join(f"“{name}”" for name in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        parsed.notes.append(
            f"Skipped {shown}{more}: only .md files and {CATEGORIES_FILE} are read."
        )
    if CATEGORIES_FILE in files:
        parsed.categories = _categories(files[CATEGORIES_FILE])
    parsed.terms = [_term(name, files[name]) for name in markdown]
    if not parsed.terms and not parsed.categories:
        raise Refused("There is no .md file in it.")
    return parsed


def _categories(data: bytes) -> list[IncomingCategory]:
    try:
        entries = load_yaml(decode(data, CATEGORIES_FILE))
    except yaml.YAMLError as error:
        raise Refused(f"{CATEGORIES_FILE} is not valid YAML: {error}") from None
    if not isinstance(entries, list):
        raise Refused(f"{CATEGORIES_FILE} must be a list of categories.")
    return [
        read_category(f"{CATEGORIES_FILE}, entry {n}", entry)
        for n, entry in enumerate(entries, start=1)
    ]


def _term(name: str, data: bytes) -> IncomingTerm:
    term = IncomingTerm(source=name)
    try:
        text = decode(data, f"“{name}”")
    except Refused as error:
        term.errors.append(str(error))
        return term
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        term.errors.append(
            "The file must start with front matter: a line “---”, the fields, then “---”."
        )
        return term
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "..."))
    except StopIteration:
        term.errors.append("The front matter has no closing “---” line.")
        return term
    try:
        fields = load_yaml("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        term.errors.append(f"The front matter is not valid YAML: {error}")
        return term
    if not isinstance(fields, dict):
        term.errors.append("The front matter must be a mapping of fields (title: …).")
        return term
    unknown = [str(key) for key in fields if key not in FRONT_MATTER_FIELDS]
    if unknown:
        term.warnings.append(unknown_fields_warning(unknown, FRONT_MATTER_FIELDS))
    for field in FRONT_MATTER_FIELDS:
        if field in fields:
            set_field(term, field, fields[field])
    _sections(term, lines[end + 1 :])
    return term


def _sections(term: IncomingTerm, lines: list[str]) -> None:
    found: dict[str, list[str]] = {}
    current, before = None, []
    for line in lines:
        match = HEADING.match(line)
        name = HEADINGS.get(match.group(1).strip().lower()) if match else None
        if name is not None:
            if name in found:
                term.errors.append(f"The section “{match.group(1).strip()}” appears twice.")
            current = name
            found[name] = []
            continue
        (found[current] if current else before).append(line)
    if not found:
        set_field(term, "definition", "\n".join(before))
        return
    if "\n".join(before).strip():
        term.errors.append(
            "There is text before the first section heading (## Definition, ## Why it "
            "matters or ## In practice)."
        )
    for name, body in found.items():
        set_field(term, name, "\n".join(body))


def term_file(term: dict) -> str:
    """One term as a Markdown file."""
    front = {name: term[name] for name in FRONT_MATTER_FIELDS}
    dumped = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096
    )
    parts = [f"---\n{dumped}---\n"]
    for name in SECTION_FIELDS:
        heading = Term._meta.get_field(name).verbose_name
        body = term[name]
        parts.append(f"\n## {heading}\n\n{body}\n" if body else f"\n## {heading}\n")
    return "".join(parts)


def categories_file(categories: list[dict]) -> str:
    return yaml.safe_dump(
        categories, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096
    )


def files_of(export) -> dict[str, str]:
    """The export as files: ``categories.yaml`` and one ``<slug>.md`` per term."""
    files = {CATEGORIES_FILE: categories_file(export.categories)}
    for term in export.terms:
        files[f"{term['slug']}.md"] = term_file(term)
    return files


def write(export, file) -> None:
    """Write ``export`` as a zip archive to the binary ``file``; the same content gives the
    same bytes."""
    file.write(zip_of(files_of(export)))

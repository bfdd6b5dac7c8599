"""CSV: one row per term, a header row naming the columns.

Tags, aliases and related terms are lists separated by ``|``. Written with a byte-order mark
and CRLF line ends, as spreadsheets expect; a cell a spreadsheet would run as a formula is
written with a leading apostrophe, and on import such a cell without its apostrophe is an
error (``glossary_site.spreadsheet_cells``). Categories are not part of a CSV: they must exist
on the site (or come in a JSON or Markdown import).
"""

import csv
import io
import sys

from glossary_site.spreadsheet_cells import looks_like_formula, neutralise, restore
from terms.models import SECTION_MAX_LENGTH
from terms.transfer.incoming import (
    LIST_FIELDS,
    TERM_FIELDS,
    IncomingTerm,
    Parsed,
    Refused,
    decode,
    limit,
    set_field,
    unknown_fields_warning,
)

LIST_SEPARATOR = "|"
# A section may be 50,000 characters; the csv module's default cap is 128 KiB.
csv.field_size_limit(min(sys.maxsize, max(SECTION_MAX_LENGTH * 4, csv.field_size_limit())))


def header_name(cell: str) -> str:
    """ "Why it matters" and "why_it_matters" name the same column."""
    return cell.strip().lower().replace(" ", "_").replace("-", "_")


def parse(data: bytes) -> Parsed:
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise Refused(f"The header row cannot be read as CSV: {error}.") from None
    if not header:
        raise Refused("The file is empty: a CSV import needs a header row naming its columns.")
    columns = [header_name(cell) for cell in header]
    if "title" not in columns:
        raise Refused(
            "The header row has no “title” column. The columns are: " + ", ".join(TERM_FIELDS)
        )
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    if repeated:
        raise Refused(f"The header row names {', '.join(repeated)} more than once.")
    unknown = [name for name in columns if name not in TERM_FIELDS]
    parsed = Parsed()
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise Refused(f"Line {line} cannot be read as CSV: {error}.") from None
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(parsed.terms) >= limit("MAX_TERMS"):
            raise Refused(
                f"The file has more than {limit('MAX_TERMS'):,} terms, the most one import "
                "takes. Split it into smaller files."
            )
        parsed.terms.append(_term(start, columns, row, unknown))
    return parsed


def _term(line: int, columns: list[str], row: list[str], unknown: list[str]) -> IncomingTerm:
    term = IncomingTerm(source=f"line {line}")
    if len(row) > len(columns):
        term.errors.append(
            f"The row has {len(row)} cells but the header names {len(columns)} columns."
        )
    if unknown:
        term.warnings.append(unknown_fields_warning(unknown))
    for name, cell in zip(columns, row, strict=False):
        if name not in TERM_FIELDS:
            continue
        if looks_like_formula(cell):
            shown = cell[:1].replace("\t", "a tab").replace("\r", "a line break")
            shown = shown.replace("\n", "a line break")
            term.errors.append(
                f"The “{name}” cell starts with {shown}, so a spreadsheet would run it as a "
                "formula. If it is text, start it with an apostrophe (') as exports do."
            )
            continue
        cell = restore(cell)
        if name in LIST_FIELDS:
            set_field(term, name, cell.split(LIST_SEPARATOR))
        else:
            set_field(term, name, cell)
    return term


def write(export, file) -> None:
    """Write ``export`` (``terms.transfer.exporting.Export``) to the binary ``file``."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(TERM_FIELDS)
    for term in export.terms:
        writer.writerow(
            [
                neutralise(
                    f" {LIST_SEPARATOR} ".join(term[name]) if name in LIST_FIELDS else term[name]
                )
                for name in TERM_FIELDS
            ]
        )
    file.write(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))

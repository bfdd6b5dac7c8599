"""Cells that spreadsheets would run as formulas (CSV injection, CWE-1236): one rule for every
CSV the site writes or reads.

On export a risky cell gets a leading apostrophe, which Excel, LibreOffice and Google Sheets
read as "this is text"; on import that apostrophe is taken off again, and a cell that still
starts like a formula is refused rather than guessed at.
"""

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_MARK = "'"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def _marked_formula(text: str) -> bool:
    """Apostrophes (any number, none included) and then a formula character."""
    return looks_like_formula(text.lstrip(TEXT_MARK))


def neutralise(value) -> str:
    """``value`` as text, with a leading apostrophe if a spreadsheet would run it.

    A value that is already apostrophes and then a formula character gets one more, so
    ``restore`` gives back exactly what was written.
    """
    text = "" if value is None else str(value)
    return TEXT_MARK + text if _marked_formula(text) else text


def restore(cell: str) -> str:
    """The text a neutralised cell stands for: one leading apostrophe taken off when
    apostrophes and then a formula character follow (any other apostrophe is the author's)."""
    if cell.startswith(TEXT_MARK) and _marked_formula(cell):
        return cell[1:]
    return cell

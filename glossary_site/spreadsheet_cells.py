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


def neutralise(value) -> str:
    """``value`` as text, with a leading apostrophe if a spreadsheet would run it.

    A value that already starts with an apostrophe and then a formula character gets one
    more, so ``restore`` gives back exactly what was written.
    """
    text = "" if value is None else str(value)
    if looks_like_formula(text) or (
        text.startswith(TEXT_MARK) and looks_like_formula(text[len(TEXT_MARK) :])
    ):
        return TEXT_MARK + text
    return text


def restore(cell: str) -> str:
    """The text a neutralised cell stands for: one leading apostrophe taken off, when a
    formula character follows it (any other apostrophe is the author's)."""
    if cell.startswith(TEXT_MARK) and (
        looks_like_formula(cell[1:])
        or (cell[1:].startswith(TEXT_MARK) and looks_like_formula(cell[2:]))
    ):
        return cell[1:]
    return cell

"""Field validators for glossary content."""

from django.core.exceptions import ValidationError


def validate_single_line(value: str) -> None:
    """A summary is one line of plain text: no line breaks."""
    if "\n" in value or "\r" in value:
        raise ValidationError("Use a single line (no line breaks).", code="multiline")

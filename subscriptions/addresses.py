"""What this site accepts as an email address, and the one normalized form it stores."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

MAX_LENGTH = 254
INVALID_MESSAGE = (
    "That doesn’t look like an email address. Check it and try again, e.g. you@example.com."
)

_validate = EmailValidator(message=INVALID_MESSAGE)


def normalize_address(raw: str) -> str:
    """Return ``raw`` trimmed, with its domain lower-cased and IDNA-encoded.

    The local part keeps its case (some servers honour it); addresses are compared
    case-insensitively as a whole (see ``Subscriber.objects.for_address``). Raises
    ``ValidationError`` with a message meant for the visitor when the address is unusable:
    empty, longer than 254 characters, or refused by Django's ``EmailValidator`` (which also
    refuses spaces and newlines, so nothing can be smuggled into a mail header).
    """
    value = (raw or "").strip()
    if not value:
        raise ValidationError("Enter your email address.", code="required")
    if len(value) > MAX_LENGTH:
        raise ValidationError(
            f"An email address can be at most {MAX_LENGTH} characters long.", code="max_length"
        )
    local, at, domain = value.rpartition("@")
    if not at or not local:
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    try:
        domain = domain.lower().encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from error
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise ValidationError(
            f"An email address can be at most {MAX_LENGTH} characters long.", code="max_length"
        )
    _validate(address)
    return address

"""When a failed email is tried again: the one retry policy for every email the newsletter sends.

Pure rules, no queue and no mail: ``tasks`` (confirmation emails) and ``sending`` (issues)
both ask this module how long to wait, when to give up, and which errors are worth retrying.
"""

import smtplib
from datetime import timedelta

from django.conf import settings

try:  # Only when a provider is configured through django-anymail.
    from anymail.exceptions import AnymailRecipientsRefused
except ImportError:  # pragma: no cover - anymail is a locked dependency
    AnymailRecipientsRefused = None

PERMANENT_ERRORS = tuple(
    error for error in (smtplib.SMTPRecipientsRefused, AnymailRecipientsRefused) if error
)


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number ``attempt``: doubling, capped."""
    base = settings.NEWSLETTER_SEND_RETRY_DELAY
    return timedelta(
        seconds=min(base * 2 ** (attempt - 1), settings.NEWSLETTER_SEND_RETRY_MAX_DELAY)
    )


def gives_up_after(attempt: int) -> bool:
    """Whether attempt number ``attempt`` was the last one allowed."""
    return attempt >= settings.NEWSLETTER_SEND_MAX_ATTEMPTS


def is_permanent(error: BaseException) -> bool:
    """Whether trying again cannot help: the mail server or provider refused the address."""
    return isinstance(error, PERMANENT_ERRORS)

"""An email backend that fails like an unreachable SMTP server, then recovers.

A real backend class (configured through EMAIL_BACKEND), not a mock: the code under test
goes through Django's email API exactly as in production.
"""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyEmailBackend(LocmemBackend):
    """Refuses the next ``failures_left`` sends, then delivers to ``django.core.mail.outbox``."""

    failures_left = 0
    attempts = 0

    @classmethod
    def reset(cls, failures: int) -> None:
        cls.failures_left = failures
        cls.attempts = 0

    def send_messages(self, messages):
        cls = type(self)
        cls.attempts += 1
        if cls.failures_left > 0:
            cls.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusingEmailBackend(LocmemBackend):
    """A mail server that refuses the recipient, as it does for an address it will never take."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        recipients = {address: (550, b"5.1.1 No such user") for m in messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(recipients)

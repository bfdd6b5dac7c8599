"""A real SMTP server in the test process (aiosmtpd), keeping every message it is handed."""

import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

from tests.real_servers import free_port


class _Keeper:
    def __init__(self):
        self.envelopes = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


class SmtpSink:
    """``with SmtpSink() as sink:`` a server on 127.0.0.1:``sink.port``; ``sink.messages()``
    parses what it received (``email.message.EmailMessage`` objects, with their recipients)."""

    def __init__(self):
        self.port = free_port()
        self._keeper = _Keeper()
        self._controller = Controller(self._keeper, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()

    @property
    def count(self) -> int:
        with self._keeper.lock:
            return len(self._keeper.envelopes)

    def messages(self):
        with self._keeper.lock:
            envelopes = list(self._keeper.envelopes)
        return [
            (recipients, message_from_bytes(content, policy=policy.default))
            for _sender, recipients, content in envelopes
        ]

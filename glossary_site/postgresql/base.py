"""Django's PostgreSQL backend, with connections that give up on a server that stops answering.

The connect, TCP and statement timeouts in settings cover a server that refuses, a network that
drops packets and a query that runs too long. They do not cover a server that keeps its
connections open but no longer answers (a frozen process, a stuck proxy): the kernel
acknowledges every packet, so a request waits on its open connection until gunicorn kills the
worker. Here every wait for an answer on a connection has a deadline
(DATABASE_ANSWER_TIMEOUT, a little longer than the statement timeout, so the server gives up
first on a slow query); past it the connection is closed and the request fails with an
OperationalError, which glossary_site.database_outage turns into a 503.
"""

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import errors


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after DATABASE_ANSWER_TIMEOUT."""

    def wait(self, gen, *args, timeout=None, **kwargs):
        timeout = timeout or settings.DATABASE_ANSWER_TIMEOUT or None
        try:
            return super().wait(gen, *args, timeout=timeout, **kwargs)
        except errors._WaitTimeout:  # psycopg's own signal that the wait ran out.
            # Whatever was under way is in an unknown state: this connection is done.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database server did not answer within {timeout:g} s"
            ) from None


class _Psycopg:
    """The psycopg module as Django's backend uses it, but connecting with DeadlineConnection."""

    connect = staticmethod(DeadlineConnection.connect)

    def __getattr__(self, name):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Psycopg()

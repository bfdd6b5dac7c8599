"""The database refuses, hangs or drops packets: 503 with Retry-After, quickly, then recovery.

The first tests inject a database error into a request to check what each kind of client
gets. The others run the site in gunicorn against a scratch PostgreSQL database reached through
a proxy (tests/real_servers.py) that the test makes refuse, hang, or (with iptables) drop
packets, and check that the same process serves again once the database is back.
"""

import json
import os
import shutil
import subprocess
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from glossary_site import database_outage
from tests.real_servers import POSTGRES_PORT, Site, TcpProxy, database_url, postgres_answers


def fail_every_query():
    """Injected fault: every SQL statement fails as a lost connection does."""
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    )


# --- what each client gets (injected errors, any database) ---


@pytest.mark.django_db
def test_a_reader_gets_the_sites_503_page_with_retry_after(settings):
    settings.DATABASE_RETRY_AFTER = 7
    with fail_every_query():
        response = Client(raise_request_exception=False).get("/terms/")

    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "The glossary is briefly unavailable" in page
    assert 'class="site-header"' in page  # The site's own page, not a bare error.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/terms/", {}),
        ("/search/suggest/?q=tra", {}),
        ("/newsletter/", {"HTTP_ACCEPT": "application/json"}),  # The signup form's fetch().
    ],
)
def test_json_clients_get_json(path, headers):
    client = Client(raise_request_exception=False)
    with fail_every_query():
        if path == "/newsletter/":
            response = client.post(path, {"email": "a@example.com"}, **headers)
        else:
            response = client.get(path, **headers)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["status"] == "unavailable"
    assert answer["message"]  # The signup box shows this to the reader.
    assert response["Retry-After"]


@pytest.mark.parametrize(
    ("error", "status"),
    [(OperationalError("connection timeout expired"), 503), (ValueError("a bug"), 500)],
)
def test_errors_raised_outside_a_view_answer_503_for_an_outage_and_500_otherwise(rf, error, status):
    try:
        raise error
    except Exception:
        response = database_outage.server_error(rf.get("/terms/"))

    assert response.status_code == status
    assert ("Retry-After" in response) == (status == 503)


# --- a real server against a real database that refuses, hangs or drops packets ---


needs_postgres = pytest.mark.skipif(
    not postgres_answers(), reason="PostgreSQL is not running on 127.0.0.1:5432"
)


@pytest.fixture(scope="module")
def proxy():
    proxy = TcpProxy(POSTGRES_PORT)
    proxy.forward()
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def site(proxy, scratch_postgres):
    site = Site(
        DATABASE_URL=database_url(scratch_postgres, port=proxy.port),
        DATABASE_CONNECT_TIMEOUT="2",
        DATABASE_TCP_TIMEOUT="2",
        DATABASE_RETRY_AFTER="1",
        DATABASE_ANSWER_TIMEOUT="2",
    )
    assert site.serves_again()
    yield site
    site.stop()


@pytest.fixture
def outage(proxy, site):
    """Each test breaks the database its own way; afterwards it is back and the site serves."""
    yield proxy
    proxy.forward()
    assert site.serves_again()


def assert_unavailable(site):
    status, headers, body = site.get("/terms/")
    assert status == 503
    assert headers["Retry-After"] == "1"
    assert b"The glossary is briefly unavailable" in body

    status, headers, body = site.get("/api/terms/")
    assert status == 503
    assert json.loads(body)["status"] == "unavailable"

    status, headers, body = site.get("/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "down"


@needs_postgres
def test_a_refused_database_gives_503_then_the_site_recovers(site, outage):
    outage.refuse()

    assert_unavailable(site)


@needs_postgres
def test_a_frozen_database_gives_503_instead_of_holding_the_worker(site, outage):
    assert site.get("/terms/")[0] == 200  # The worker now holds an open connection.
    outage.hang()  # Open connections stay open but get no answer; new ones are never answered.

    assert_unavailable(site)


def iptables_usable() -> bool:
    if shutil.which("iptables") is None or os.geteuid() != 0:
        return False
    result = subprocess.run(["iptables", "-S", "INPUT"], capture_output=True, check=False)
    return result.returncode == 0


@needs_postgres
@pytest.mark.skipif(not iptables_usable(), reason="needs root and iptables to drop packets")
def test_dropped_packets_on_an_open_connection_give_503_then_the_site_recovers(site, outage):
    assert site.get("/terms/")[0] == 200  # The worker now holds an open connection.
    rule = ["INPUT", "-i", "lo", "-p", "tcp", "--dport", str(outage.port), "-j", "DROP"]
    subprocess.run(["iptables", "-I", *rule], check=True)
    try:
        assert_unavailable(site)
    finally:
        subprocess.run(["iptables", "-D", *rule], check=True)

"""Small helpers for tests that read pages through Django's test client."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_html(client, url: str, params=None) -> str:
    """The HTML of a page that must answer 200."""
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def queries_for(client, url: str, params=None) -> int:
    """How many SQL queries a page that must answer 200 makes."""
    with CaptureQueriesContext(connection) as captured:
        page_html(client, url, params)
    return len(captured)


def term_page(client, term) -> str:
    """A term's public page, which must answer 200."""
    return page_html(client, term.get_absolute_url())

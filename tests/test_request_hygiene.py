"""Control characters in an address are refused with 400 on every URL, never a 500.

PostgreSQL refuses NUL in any text it is given, so before the middleware a NUL in a tag slug
was a 500 there; the sweep walks every URL pattern of the project, so a new view is covered the
day it is added.
"""

from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize

from tests.factories import TermFactory, UserFactory

pytestmark = pytest.mark.django_db

# C0 controls (tab and line breaks included), DEL and C1 controls (U+0085 is NEL).
CONTROLS = ["\x00", "\x01", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9f"]
QUERY_KEYS = ["q", "page", "letter", "from", "to", "next", "source", "o", "_changelist_filters"]


def url_formats(patterns=None, prefix="^"):
    """Every URL pattern of the project as (format string, parameter names), by walking the
    resolver the way ``reverse()`` does."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from url_formats(entry.url_patterns, regex)
        else:
            yield from normalize(regex)


def address(fmt: str, params: list[str], value: str) -> str:
    return "/" + quote(fmt % dict.fromkeys(params, value), safe="/")


def hostile_requests():
    """Each pattern with a control character in every path parameter, and in the query."""
    for fmt, params in url_formats():
        for char in CONTROLS:
            if params:
                yield address(fmt, params, f"1{char}x"), ""
            key = QUERY_KEYS[CONTROLS.index(char)]
            yield address(fmt, params, "1"), f"{key}={quote(f'a{char}b')}"


def sweep(client, requests):
    """(method, url, status) of every answer that is not a 400."""
    client.raise_request_exception = False
    wrong = []
    for path, query in requests:
        url = f"{path}?{query}" if query else path
        for method in (client.get, client.post):
            status = method(url).status_code
            if status != 400:
                wrong.append((method.__name__, url, status))
    return wrong


@pytest.fixture
def some_content():
    # Real rows, so views get past their lookups and reach their own parsing.
    TermFactory(title="Transformer", slug="transformer", tags=["models"])


@pytest.mark.usefixtures("some_content")
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_control_characters_anywhere_in_any_address_get_400(client, who):
    if who == "staff":
        client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    requests = list(hostile_requests())
    assert len(requests) > 150  # the walk found the admin's patterns, not just a few

    assert sweep(client, requests) == []


@pytest.mark.usefixtures("some_content")
def test_nul_in_a_tag_address_gets_a_short_plain_answer(client):
    response = client.get("/tags/%00/")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert b"\x00" not in response.content
    assert len(response.content) < 200


@pytest.mark.usefixtures("some_content")
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/search/?q=caf%C3%A9+au+lait", 200),  # '+' is a space, accents are letters
        ("/search/?q=%E2%80%8F%D9%86%D9%85%D9%88%D8%B0%D8%AC", 200),  # RTL mark, Arabic
        ("/search/?q=%F0%9F%A4%96", 200),  # emoji
        ("/search/?q=%FF%FE", 200),  # not UTF-8: replaced, not a control character
        ("/tags/caf%C3%A9/", 404),
        ("/tags/models/", 200),
        ("/terms/transformer/", 200),
    ],
)
def test_ordinary_text_is_not_refused(client, url, status):
    assert client.get(url).status_code == status

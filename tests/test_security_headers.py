"""Every response carries the Content-Security-Policy and Permissions-Policy, and no page holds
markup that the policy would refuse (it would show unstyled or not run)."""

from html.parser import HTMLParser

import pytest

from subscriptions.models import Subscriber
from tests.factories import TermFactory, UserFactory
from tests.subscriptions.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
# Script elements that hold data, which browsers neither run nor check against the policy.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_headers(response):
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in response.headers
    permissions = response.headers["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions.split(", ")


class InlineCode(HTMLParser):
    """What a strict policy refuses: style attributes and elements, inline scripts, handlers."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.found.append(f"<{tag} style={attributes['style']!r}>")
        if tag == "style":
            self.found.append("<style>")
        is_data = attributes.get("type") in DATA_SCRIPT_TYPES
        if tag == "script" and not attributes.get("src") and not is_data:
            self.found.append("<script> without src")
        self.found += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        href = (attributes.get("href") or "").strip().lower()
        if href.startswith("javascript:"):
            self.found.append(f"<{tag} href={href!r}>")


def inline_code(response) -> list[str]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


@pytest.fixture
def term():
    table = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"
    related = TermFactory(title="Weights", tags=["models"])
    return TermFactory(
        title="Open weight",
        definition=f"Published [[Weights]].\n\n{table}",
        tags=["models"],
        aliases=["Open weights"],
        related=[related],
    )


def reader_urls(term) -> list[str]:
    return [
        "/",
        "/terms/",
        "/terms/?letter=O",
        term.get_absolute_url(),
        term.category.get_absolute_url(),
        "/tags/models/",
        "/search/?q=weight",
        "/newsletter/",
        "/newsletter/check-your-inbox/",
        "/terms/no-such-term/",
    ]


def test_reader_pages_have_the_strict_policy_and_nothing_inline(client, term):
    for url in reader_urls(term):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert_strict_headers(response)
        assert inline_code(response) == [], url


def test_the_term_page_keeps_its_json_ld_which_the_policy_does_not_touch(client, term):
    response = client.get(term.get_absolute_url())

    html = response.content.decode()
    assert '<script type="application/ld+json">' in html
    assert 'class="align-center"' in html
    assert "style=" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/search/suggest/?q=open",
        "/api/terms/",
        "/api/terms/open-weight/",
        "/robots.txt",
        "/sitemap.xml",
        "/feeds/terms/atom/",
        "/healthz",
    ],
)
def test_machine_responses_carry_the_headers_too(client, term, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_strict_headers(response)


def test_a_signup_answer_carries_the_headers(client, term):
    response = client.post(
        "/newsletter/",
        {"email": "reader@example.com", "source": "/"},
        HTTP_ACCEPT="application/json",
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 200
    assert Subscriber.objects.filter(email="reader@example.com").exists()
    assert_strict_headers(response)


def admin_urls(term, subscriber) -> list[str]:
    change = f"/admin/terms/term/{term.pk}"
    return [
        "/admin/",
        "/admin/terms/term/",
        "/admin/terms/term/add/",
        f"{change}/change/",
        f"{change}/history/",
        f"{change}/compare/?from=live&to=working",
        "/admin/terms/term/recover/",
        "/admin/terms/terminreview/",
        "/admin/terms/category/",
        f"/admin/terms/category/{term.category_id}/change/",
        "/admin/subscriptions/subscriber/",
        f"/admin/subscriptions/subscriber/{subscriber.pk}/change/",
        "/admin/subscriptions/subscriber/report/",
        "/admin/auth/group/add/",
        "/admin/auth/user/add/",
        f"/preview/terms/{term.pk}/",
    ]


def test_the_admin_runs_under_the_same_strict_policy(client, term):
    assert_strict_headers(client.get("/admin/login/"))
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    subscriber = SubscriberFactory()

    for url in admin_urls(term, subscriber):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_headers(response)
        assert inline_code(response) == [], url


def test_the_editor_preview_answers_with_the_headers_and_classes(client, term):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.post("/admin/markdownx/markdownify/", {"content": "| a |\n|--:|\n| 1 |\n"})

    assert response.status_code == 200
    assert_strict_headers(response)
    assert '<td class="align-right">1</td>' in response.content.decode()
    assert inline_code(response) == []

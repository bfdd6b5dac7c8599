"""The admin's branding, section names and accessible form markup, as served (axe-core checks
the same pages in the browser: tests/browser/test_admin_accessibility.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, TermFactory, UserFactory
from tests.hostile import read_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


class Elements(HTMLParser):
    """Every element as (tag, attributes dict, text up to its end tag for th)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.ids, self._open_th = [], set(), None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.found.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "th":
            self._open_th = [attributes, ""]

    def handle_data(self, data):
        if self._open_th is not None:
            self._open_th[1] += data

    def handle_endtag(self, tag):
        if tag == "th" and self._open_th is not None:
            self.found.append(("th-text", {"text": self._open_th[1].strip()}))
            self._open_th = None


def parse(response):
    parser = Elements()
    parser.feed(response.content.decode())
    return parser


def test_header_and_titles_come_from_site_name(admin_client, settings):
    settings.SITE_NAME = "Acme <Terms>"
    html = admin_client.get(reverse("admin:index")).content.decode()

    assert '<span class="admin-brand__name">Acme &lt;Terms&gt;</span>' in html
    assert re.search(r"<title>[^<]*\| Acme &lt;Terms&gt; editors</title>", html)
    assert "Django administration" not in html
    assert "css/admin.css" in html


def test_sections_are_named_for_people(admin_client):
    text, _ = read_html(admin_client.get(reverse("admin:index")).content.decode())

    for name in ("Glossary", "Newsletter", "Tags", "Users and roles"):
        assert name in text
    for machine_name in ("Taggit", "TAGGIT", "Authentication and Authorization", "Tasks Database"):
        assert machine_name not in text


@pytest.mark.parametrize("page", ["add", "change"])
def test_every_input_of_the_term_forms_inlines_is_named(admin_client, page):
    term = TermFactory(aliases=["LLM"], related=[TermFactory(title="Transformer")])
    url = (
        reverse("admin:terms_term_add")
        if page == "add"
        else reverse("admin:terms_term_change", args=[term.pk])
    )
    parsed = parse(admin_client.get(url))

    inline_inputs = [
        attributes
        for tag, attributes in parsed.found
        if tag in {"input", "select", "textarea"}
        and re.match(r"(aliases|related_links)-\d+-", attributes.get("name", ""))
        and attributes.get("type") != "hidden"
    ]
    assert inline_inputs
    for attributes in inline_inputs:
        if attributes.get("type") == "checkbox":
            assert attributes.get("aria-label", "").startswith(("Delete", "Remove"))
            continue
        for reference in attributes["aria-labelledby"].split():
            assert reference in parsed.ids, (attributes["name"], reference)
    headers = [attributes["text"] for tag, attributes in parsed.found if tag == "th-text"]
    assert "" not in headers
    if page == "change":
        labels = [a.get("aria-label") for _, a in parsed.found if a.get("aria-label")]
        assert "Delete the other name “LLM”" in labels
        assert "Remove “Transformer” from the related terms" in labels


def test_related_terms_are_ordered_by_handle_and_buttons_not_typed_positions(admin_client):
    term = TermFactory(related=[TermFactory(), TermFactory()])
    parsed = parse(admin_client.get(reverse("admin:terms_term_change", args=[term.pk])))

    positions = [
        a for t, a in parsed.found if t == "input" and a.get("name", "").endswith("-position")
    ]
    assert positions
    assert all(a["type"] == "hidden" for a in positions)
    buttons = [a.get("aria-label") for t, a in parsed.found if t == "button"]
    assert buttons.count("Move up") >= 2
    assert buttons.count("Move down") >= 2


def test_tags_field_offers_suggestions(admin_client):
    html = admin_client.get(reverse("admin:terms_term_add")).content.decode()
    assert f'data-tag-suggest-url="{reverse("admin:terms_term_tag_suggestions")}"' in html
    assert "js/admin-tags.js" in html


def test_live_preview_pane_is_on_the_term_forms_but_not_in_popups(admin_client):
    term = TermFactory()
    change = admin_client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()
    assert f'data-url="{reverse("admin:terms_term_live_preview", args=[term.pk])}"' in change
    add = admin_client.get(reverse("admin:terms_term_add")).content.decode()
    assert f'data-url="{reverse("admin:terms_term_live_preview_new")}"' in add
    popup = admin_client.get(reverse("admin:terms_term_add") + "?_popup=1").content.decode()
    assert "live-preview" not in popup


def test_category_positions_in_the_list_are_named(admin_client):
    CategoryFactory(name="Foundations")
    parsed = parse(admin_client.get(reverse("admin:terms_category_changelist")))

    boxes = [a for t, a in parsed.found if t == "input" and a.get("name", "").endswith("-position")]
    assert [a.get("aria-label") for a in boxes] == ["Position of Foundations"]

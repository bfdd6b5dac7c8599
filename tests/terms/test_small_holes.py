"""Small holes found by trying the site as an attacker would: a bad version id on the compare
page, a change form without its version, previews and editor endpoints open to any staff user,
"Linked from" listing drafts, and searches too long for a URL."""

import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from terms.models import Term
from tests.factories import TermFactory, UserFactory
from tests.pages import page_html
from tests.terms.conftest import admin_post_data, save_in_admin

pytestmark = pytest.mark.django_db


# --- The compare page with a version id that names no version of the term --------------------


@pytest.fixture
def versioned_term(client, editor):
    """A term with two saved versions, and a saved version of another term."""
    client.force_login(editor)
    term = TermFactory(title="Attention", summary="First.")
    save_in_admin(client, term, summary="Second.")
    save_in_admin(client, term, summary="Third.")
    other = TermFactory(title="Dropout")
    save_in_admin(client, other, summary="Another term's text.")
    return term, Version.objects.get_for_object(other).get()


@pytest.mark.parametrize("side", ["from", "to"])
@pytest.mark.parametrize(
    "value",
    ["abc", "-1", "0", "1.5", "99999999999999999999999999", "", "another term's", "deleted"],
)
def test_compare_with_an_unknown_version_goes_back_to_the_history_with_a_message(
    client, versioned_term, side, value
):
    term, others_version = versioned_term
    newest, oldest = Version.objects.get_for_object(term)
    if value == "another term's":
        value = str(others_version.pk)
    elif value == "deleted":
        value = str(oldest.pk)
        oldest.delete()
    params = {"from": str(newest.pk), "to": "working", side: value}

    response = client.get(reverse("admin:terms_term_compare", args=[term.pk]), params)

    history = reverse("admin:terms_term_history", args=[term.pk])
    assert response.status_code == 302
    assert response["Location"] == history
    page = client.get(history).content.decode()
    assert "This term has no such version to compare" in page


def test_compare_still_compares_saved_versions_the_working_copy_and_the_live_one(
    client, versioned_term
):
    term, _ = versioned_term
    newest, oldest = Version.objects.get_for_object(term)
    url = reverse("admin:terms_term_compare", args=[term.pk])

    for params in (
        {"from": oldest.pk, "to": newest.pk},
        {"from": "live", "to": "working"},
        {},  # the default: live against working
    ):
        assert client.get(url, params).status_code == 200


# --- A change form without the version it was loaded at ---------------------------------------


@pytest.mark.parametrize("version", [None, ""], ids=["missing", "empty"])
def test_a_change_without_its_version_is_refused_and_nothing_is_saved(client, editor, version):
    term = TermFactory(title="Attention", summary="As it was.")
    before = Term.objects.get(pk=term.pk)
    client.force_login(editor)
    data = admin_post_data(before, summary="Overwrites whatever was saved meanwhile.")
    if version is None:
        del data["expected_version"]
    else:
        data["expected_version"] = version

    response = client.post(reverse("admin:terms_term_change", args=[term.pk]), data)

    assert response.status_code == 200  # the form again, with the editor's text kept
    page = response.content.decode()
    assert "This form did not say which version of the term it was loaded from" in page
    assert "Overwrites whatever was saved meanwhile." in page
    after = Term.objects.get(pk=term.pk)
    assert after.summary == "As it was."
    assert after.version == before.version
    assert not Version.objects.get_for_object(term).exists()


def test_a_new_term_needs_no_version(client, editor):
    category = TermFactory().category
    client.force_login(editor)
    data = {
        "title": "Perplexity",
        "slug": "perplexity",
        "category": category.pk,
        "summary": "How surprised a model is by a text.",
        "definition": "A measure.",
        "why_it_matters": "",
        "in_practice": "",
        "tags": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("admin:terms_term_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Term.objects.filter(slug="perplexity").exists()


# --- Previews and the editor's endpoints need the glossary's permissions ----------------------


def png_file():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "pic.png"
    return buffer


def staff_with(*codenames, username):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def editor_endpoints(client, term):
    """The status of the draft preview, the Markdown preview and the image upload."""
    preview = client.get(reverse("terms:preview", args=[term.pk]))
    markdown = client.post("/admin/markdownx/markdownify/", {"content": "**Draft** text"})
    upload = client.post("/admin/markdownx/upload/", {"image": png_file()})
    return preview.status_code, markdown.status_code, upload.status_code


def test_staff_who_may_only_see_subscribers_get_no_preview_and_no_editor(client, settings):
    term = TermFactory(title="Secret plan", status=Term.Status.DRAFT)
    client.force_login(staff_with("view_subscriber", "change_subscriber", username="mailer"))

    assert editor_endpoints(client, term) == (404, 403, 403)
    assert not (settings.MEDIA_ROOT / "terms").exists()  # nothing was written


def test_staff_who_may_only_view_terms_see_previews_but_not_the_editor(client):
    term = TermFactory(title="Secret plan", status=Term.Status.DRAFT)
    client.force_login(staff_with("view_term", username="auditor"))

    assert editor_endpoints(client, term) == (200, 403, 403)


@pytest.mark.parametrize("role", ["writer", "editor"])
def test_writers_and_editors_use_previews_and_the_editor(client, request, role):
    term = TermFactory(title="Secret plan", status=Term.Status.DRAFT)
    client.force_login(request.getfixturevalue(role))

    assert editor_endpoints(client, term) == (200, 200, 200)
    assert "Secret plan" in page_html(client, reverse("terms:preview", args=[term.pk]))


# --- The admin's "Linked from" lists live terms, as the README says -------------------------


def linked_from(client, term) -> list[str]:
    page = page_html(client, reverse("admin:terms_term_change", args=[term.pk]))
    found = re.search(r"Linked from: (.*?)\.</p>", page, re.DOTALL)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


def test_linked_from_in_the_admin_lists_live_terms_only(client, editor):
    target = TermFactory(title="Tokenizer", slug="tokenizer")
    TermFactory(title="Vocabulary", definition="Made by a [[Tokenizer]].")
    TermFactory(title="Unfinished", definition="See [[Tokenizer]].", status=Term.Status.DRAFT)
    live_then_edited = TermFactory(title="Embedding", definition="Made by a [[Tokenizer]].")
    client.force_login(editor)
    # A live term whose new draft drops the link still links to it for readers.
    save_in_admin(client, live_then_edited, definition="No link any more.")
    # A live term whose draft adds a link does not, until that draft is published.
    staged = TermFactory(title="Byte pair encoding", definition="Merges pairs.")
    save_in_admin(client, staged, definition="Used by a [[Tokenizer]].")

    assert linked_from(client, target) == ["Embedding", "Vocabulary"]


# --- Searches too long for an address ----------------------------------------------------------


def search_boxes(html: str) -> list[str]:
    return re.findall(r'<input[^>]*\bname="q"[^>]*>', html)


def test_a_query_over_200_characters_is_shortened_with_a_message(client):
    TermFactory(title="Transformer", slug="transformer")
    long_query = "transformer " * 1000  # 12 kB

    html = page_html(client, reverse("terms:search"), {"q": long_query})

    assert "Your search was shortened to its first 200 characters." in html
    assert "Transformer" in html
    for box in search_boxes(html):
        value = re.search(r'value="([^"]*)"', box).group(1)
        assert len(value) == 200


def test_a_query_of_200_characters_is_not_shortened(client):
    html = page_html(client, reverse("terms:search"), {"q": "y" * 200})

    assert "shortened" not in html


def test_every_search_box_takes_at_most_200_characters(client):
    term = TermFactory(title="Transformer", slug="transformer")
    pages = [
        page_html(client, "/"),
        page_html(client, reverse("terms:search"), {"q": "transformer"}),
        page_html(client, term.get_absolute_url()),
        client.get("/terms/no-such-term/").content.decode(),
    ]

    boxes = [box for html in pages for box in search_boxes(html)]
    # One box a page: home, search and 404 have their own, other pages the header's.
    assert [len(search_boxes(html)) for html in pages] == [1, 1, 1, 1]
    assert all('maxlength="200"' in box for box in boxes), boxes

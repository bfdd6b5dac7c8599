"""The term form's live preview and tag suggestions (terms/live_preview.py, terms/admin/editing.py).

The preview answers the whole reader's page for what the form holds, unsaved; it never writes.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terms.models import SECTION_MAX_LENGTH, RelatedTerm, Term
from tests.factories import CategoryFactory, TermFactory, UserFactory
from tests.hostile import MARKUP, elements_in, is_script_url, read_html
from tests.terms.conftest import user_in

pytestmark = pytest.mark.django_db

NEW = reverse("admin:terms_term_live_preview_new")


def preview_url(term):
    return reverse("admin:terms_term_live_preview", args=[term.pk])


@pytest.fixture
def writer_client(writer):
    client = Client()
    client.force_login(writer)
    return client


def form(category, **overrides):
    """What the term form posts, as the preview's script sends it."""
    data = {
        "title": "Attention mechanism",
        "slug": "attention-mechanism",
        "category": category.pk,
        "summary": "How a model decides which words matter.",
        "definition": "Weights every word.",
        "why_it_matters": "Long contexts.",
        "in_practice": "Every model uses it.",
        "tags": "architecture, LLM",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Attention",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def with_related(data, *rows):
    """``rows``: (term id, position, deleted) in form order."""
    data = dict(data, **{"related_links-TOTAL_FORMS": str(len(rows))})
    for n, (term_id, position, deleted) in enumerate(rows):
        data[f"related_links-{n}-related"] = str(term_id)
        data[f"related_links-{n}-position"] = "" if position is None else str(position)
        if deleted:
            data[f"related_links-{n}-DELETE"] = "on"
    return data


def counts():
    from taggit.models import Tag

    from terms.models import Publication, WikiLink

    return (
        Term.objects.count(),
        RelatedTerm.objects.count(),
        WikiLink.objects.count(),
        Publication.objects.count(),
        Tag.objects.count(),
    )


def test_preview_is_the_readers_page_of_the_unsaved_form(writer_client):
    category = CategoryFactory(name="Foundations")
    response = writer_client.post(NEW, form(category))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    page = response.json()["page"]
    text, _ = read_html(page)
    assert "Attention mechanism" in text
    assert "Also known as Attention" in " ".join(text.split())
    assert "Weights every word." in text
    assert "Foundations" in text
    assert "architecture" in text
    assert "LLM" in text
    assert "Live preview" in text
    assert "noindex" in page


def test_broken_wiki_link_is_flagged_in_place_and_named_in_the_notes(writer_client):
    category = CategoryFactory()
    TermFactory(title="Transformer")
    data = form(category, definition="Built on the [[Transformer]] and [[Nonexistent Thing|this]].")

    result = writer_client.post(NEW, data).json()

    page = result["page"]
    assert '<mark class="preview-flag preview-flag--broken">this' in page
    assert 'class="wiki-link">Transformer</a>' in page
    assert "[[Nonexistent Thing]] names no term" in result["notes"]
    assert result["problems"] == 1


def test_link_to_a_term_that_is_not_live_is_flagged_as_such(writer_client):
    category = CategoryFactory()
    TermFactory(title="Draft idea", status=Term.Status.DRAFT)
    result = writer_client.post(NEW, form(category, definition="See [[Draft idea]].")).json()

    assert "preview-flag--unpublished" in result["page"]
    assert "shows as plain text until that term is published" in result["notes"]
    assert "Draft idea" in result["notes"]


def test_a_link_to_the_terms_own_new_name_is_not_called_broken(writer_client):
    category = CategoryFactory()
    data = form(category, definition="An [[Attention]] layer.")
    assert "names no term" not in writer_client.post(NEW, data).json()["notes"]


def test_related_terms_follow_the_dragged_order_and_skip_deleted_rows(writer_client):
    category = CategoryFactory()
    first, second, third = (TermFactory(title=name) for name in ("Alpha", "Beta", "Gamma"))
    hidden = TermFactory(title="Delta draft", status=Term.Status.DRAFT)
    data = with_related(
        form(category),
        (first.pk, 3, False),
        (second.pk, 1, False),
        (third.pk, 2, True),
        (hidden.pk, 4, False),
    )

    result = writer_client.post(NEW, data).json()

    text, _ = read_html(result["page"])
    assert text.index("Beta") < text.index("Alpha")
    assert "Gamma" not in text
    assert "“Delta draft” is not live" in result["notes"]


def test_preview_of_an_existing_term_lists_who_links_to_it(writer_client):
    target = TermFactory(title="Embedding")
    TermFactory(title="Vector search", definition="Uses an [[Embedding]].")
    response = writer_client.post(preview_url(target), form(target.category, title="Embedding"))

    assert "Vector search" in read_html(response.json()["page"])[0]


@pytest.mark.parametrize("payload", MARKUP)
def test_hostile_input_is_escaped_everywhere_in_the_preview(writer_client, payload):
    category = CategoryFactory()
    data = form(
        category,
        title=payload[:200],
        summary=payload,
        definition=f"{payload} and [[{payload[:50]}]]",
        tags=f'"{payload}"',
        **{"aliases-0-name": payload[:200]},
    )
    result = writer_client.post(NEW, data).json()

    for html in (result["page"], result["notes"]):
        for tag, attributes in elements_in(html):
            assert tag not in {"iframe", "svg", "style", "object", "embed"}
            # Not even the page's own scripts: the frame runs none.
            assert tag != "script"
            for name, value in attributes:
                assert not name.startswith("on"), (tag, name)
                if name in {"href", "src"}:
                    assert not is_script_url(value), (tag, value)


def test_preview_never_writes(writer_client, django_assert_max_num_queries):
    category = CategoryFactory()
    term = TermFactory(title="Tokenizer", tags=["nlp"])
    before = counts()
    data = form(category, title="Renamed", tags="brand new tag, nlp", definition="[[Nowhere]]")

    with CaptureQueriesContext(connection) as queries:
        assert writer_client.post(preview_url(term), data).status_code == 200

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert counts() == before
    assert Term.objects.get(pk=term.pk).title == "Tokenizer"


def test_preview_queries_do_not_grow_with_links_related_terms_and_tags(
    writer_client, django_assert_max_num_queries
):
    category = CategoryFactory()
    others = [TermFactory(title=f"Other {n}", tags=[f"t{n}"]) for n in range(12)]
    links = " ".join(f"[[Other {n}]] [[Missing {n}]]" for n in range(12))
    data = with_related(
        form(category, definition=links, tags=", ".join(f"t{n}" for n in range(12))),
        *[(other.pk, n, False) for n, other in enumerate(others)],
    )

    # Session and user, the permission check, then the preview itself (names, category, live
    # cards, titles, tags, related cards and backlinks, suggestions, the newsletter box's copy).
    with django_assert_max_num_queries(16):
        response = writer_client.post(NEW, data)
    assert response.status_code == 200


def test_a_section_over_the_limit_is_refused_with_a_clear_message(writer_client):
    category = CategoryFactory()
    data = form(category, in_practice="x" * (SECTION_MAX_LENGTH + 1))

    response = writer_client.post(NEW, data)

    assert response.status_code == 400
    error = response.json()["error"]
    assert "The preview is not updated" in error
    assert "In practice: it is 50,001 characters long; the limit is 50,000." in error


def test_an_unknown_category_is_refused(writer_client):
    data = form(CategoryFactory())
    data["category"] = "999999"
    response = writer_client.post(NEW, data)
    assert response.status_code == 400
    assert "Category" in response.json()["error"]


def test_garbage_in_the_inline_rows_is_ignored(writer_client):
    category = CategoryFactory()
    data = form(
        category,
        **{
            "related_links-TOTAL_FORMS": "99999999999999999999",
            "related_links-0-related": "１２",
            "related_links-1-related": "9" * 5000,
            "related_links-2-related": "-4",
            "aliases-TOTAL_FORMS": "nonsense",
        },
    )
    assert writer_client.post(NEW, data).status_code == 200


def test_only_those_who_write_terms_may_preview(client):
    category = CategoryFactory()
    url = NEW
    assert client.post(url, form(category)).status_code == 302  # To the login page.

    client.force_login(UserFactory(username="visitor", is_staff=False))
    assert client.post(url, form(category)).status_code == 302

    newsletter_only = UserFactory(username="newsletter-staff", is_staff=True)
    client.force_login(newsletter_only)
    assert client.post(url, form(category)).status_code == 403

    client.force_login(user_in("Editor", "edna"))
    assert client.post(url, form(category)).status_code == 200


def test_preview_of_a_missing_term_is_404(writer_client):
    url = reverse("admin:terms_term_live_preview", args=[987654])
    assert writer_client.post(url, form(CategoryFactory())).status_code == 404


def test_preview_needs_post_and_a_csrf_token(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    category = CategoryFactory()

    assert client.get(NEW).status_code == 405
    assert client.post(NEW, form(category)).status_code == 403

    client.get(reverse("admin:terms_term_add"))
    token = client.cookies["csrftoken"].value
    response = client.post(NEW, form(category, csrfmiddlewaretoken=token))
    assert response.status_code == 200


# Tag suggestions


def test_tag_suggestions_start_with_what_was_typed_then_contain_it(writer_client):
    TermFactory(tags=["language model", "llm"])
    TermFactory(tags=["large language model", "llm"])
    TermFactory(tags=["vision"])

    url = reverse("admin:terms_term_tag_suggestions")
    tags = writer_client.get(url, {"q": "l"}).json()["tags"]
    assert [tag["name"] for tag in tags[:3]] == ["llm", "language model", "large language model"]
    assert tags[0]["uses"] == 2

    names = [tag["name"] for tag in writer_client.get(url, {"q": "model"}).json()["tags"]]
    assert names == ["language model", "large language model"]


def test_tag_suggestions_escape_and_limit(writer_client):
    TermFactory(tags=["<script>alert(1)</script>"])
    for n in range(15):
        TermFactory(tags=[f"tag {n}"])
    url = reverse("admin:terms_term_tag_suggestions")

    response = writer_client.get(url, {"q": "<scr"})
    # JSON, never sniffed as HTML; the script shows names as text (textContent).
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["tags"][0]["name"] == "<script>alert(1)</script>"
    assert len(writer_client.get(url, {"q": "tag"}).json()["tags"]) == 10
    assert writer_client.get(url, {"q": "x" * 10_000}).status_code == 200


def test_tag_suggestions_are_for_writers_only(client):
    url = reverse("admin:terms_term_tag_suggestions")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(username="newsletter-staff", is_staff=True))
    assert client.get(url).status_code == 403


def test_tag_suggestions_cost_at_most_two_queries(writer_client, django_assert_max_num_queries):
    for n in range(20):
        TermFactory(tags=[f"topic {n}", "shared"])
    url = reverse("admin:terms_term_tag_suggestions")
    # Session, user, and the user's and groups' permissions; then the two look-ups.
    with django_assert_max_num_queries(4 + 2):
        writer_client.get(url, {"q": "topic"})

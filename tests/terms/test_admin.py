import io
import random

import pytest
from django.urls import reverse
from PIL import Image

from terms.models import Category, ReservedName, Term
from tests.factories import CategoryFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    return client


def term_form_data(category, **overrides):
    data = {
        "title": "Attention mechanism",
        "slug": "attention-mechanism",
        "category": category.pk,
        "summary": "How a model decides which words matter for each word.",
        "definition": "Used by the [[Transformer]]. <script>alert(1)</script>",
        "why_it_matters": "It made long contexts workable.",
        "in_practice": "Every modern language model uses it.",
        "tags": "architecture, LLM",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "Attention",
        "aliases-0-slug": "",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_changelist_add_and_change_pages_render(editor_client):
    term = TermFactory(tags=["x"])

    assert editor_client.get(reverse("admin:terms_term_changelist")).status_code == 200
    add = editor_client.get(reverse("admin:terms_term_add"))
    assert add.status_code == 200
    assert b"markdownx" in add.content
    change = editor_client.get(reverse("admin:terms_term_change", args=[term.pk]))
    assert change.status_code == 200
    assert b"View on site" in change.content
    assert editor_client.get(reverse("admin:terms_category_changelist")).status_code == 200


def test_changelist_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    for n in range(25):
        TermFactory(title=f"Row {n}", tags=["a", "b"])

    # 13: the 12 of the list, and the editor's time zone (terms.editor_time_zone).
    with django_assert_max_num_queries(13):
        response = editor_client.get(reverse("admin:terms_term_changelist"))
    assert response.content.count(b'class="field-title"') == 25


def test_changelist_search_finds_aliases(editor_client):
    TermFactory(title="Large language model", aliases=["LLM"])
    TermFactory(title="Unrelated")

    response = editor_client.get(reverse("admin:terms_term_changelist"), {"q": "llm"})

    assert b"Large language model" in response.content
    assert b"Unrelated" not in response.content


def test_adding_a_term_stores_html_names_and_tags(editor_client):
    category = CategoryFactory()
    TermFactory(title="Transformer", slug="transformer")

    response = editor_client.post(reverse("admin:terms_term_add"), term_form_data(category))

    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get(slug="attention-mechanism")
    transformer = Term.objects.get(slug="transformer")
    assert f'<a class="wiki-link" data-term="{transformer.pk}">Transformer</a>' in (
        term.definition_html
    )
    assert "<script>" not in term.definition_html
    assert sorted(tag.name for tag in term.tags.all()) == ["LLM", "architecture"]
    assert term.aliases.get().slug == "attention"
    assert set(term.reserved_names.values_list("value", flat=True)) == {
        "Attention mechanism",
        "attention-mechanism",
        "Attention",
        "attention",
    }


def test_a_name_taken_by_another_term_is_a_form_error(editor_client):
    category = CategoryFactory()
    TermFactory(title="Attention", slug="attention-2")

    response = editor_client.post(reverse("admin:terms_term_add"), term_form_data(category))

    assert response.status_code == 200
    assert "is already the title of “Attention”" in response.content.decode()
    assert not Term.objects.filter(slug="attention-mechanism").exists()


def test_a_title_taken_by_another_terms_alias_is_a_form_error(editor_client):
    category = CategoryFactory()
    TermFactory(title="Large language model", aliases=["LLM"])

    response = editor_client.post(
        reverse("admin:terms_term_add"), term_form_data(category, title="llm", slug="llm-x")
    )

    assert response.status_code == 200
    assert "is already the alias of “Large language model”" in response.content.decode()


def test_tag_longer_than_the_column_is_a_form_error(editor_client):
    category = CategoryFactory()

    response = editor_client.post(
        reverse("admin:terms_term_add"), term_form_data(category, tags="x" * 101)
    )

    assert response.status_code == 200
    assert "A tag can be at most 100 characters long" in response.content.decode()


def test_section_over_the_cap_is_a_form_error(editor_client):
    category = CategoryFactory()

    response = editor_client.post(
        reverse("admin:terms_term_add"), term_form_data(category, definition="x" * 50_001)
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 50000 characters" in response.content.decode()


def test_multi_line_summary_is_a_form_error(editor_client):
    category = CategoryFactory()

    response = editor_client.post(
        reverse("admin:terms_term_add"), term_form_data(category, summary="one\ntwo")
    )

    assert response.status_code == 200
    assert "Use a single line" in response.content.decode()


def test_related_terms_keep_the_editors_order_and_refuse_self(editor_client):
    first, second = TermFactory(title="First"), TermFactory(title="Second")
    term = TermFactory(title="Main", slug="main")
    url = reverse("admin:terms_term_change", args=[term.pk])
    data = term_form_data(
        term.category,
        title="Main",
        slug="main",
        expected_version=term.version,
        **{
            "aliases-TOTAL_FORMS": "0",
            "related_links-TOTAL_FORMS": "2",
            "related_links-0-related": second.pk,
            "related_links-0-position": "1",
            "related_links-1-related": first.pk,
            "related_links-1-position": "2",
        },
    )

    assert editor_client.post(url, data).status_code == 302
    assert list(term.related_links.values_list("related__title", flat=True)) == ["Second", "First"]

    data["expected_version"] = Term.objects.get(pk=term.pk).version
    data["related_links-INITIAL_FORMS"] = "0"
    data["related_links-TOTAL_FORMS"] = "1"
    data["related_links-0-related"] = term.pk
    response = editor_client.post(url, data)
    assert "A term cannot be related to itself." in response.content.decode()


def test_deleting_in_the_admin_unlinks_other_terms(editor_client):
    target = TermFactory(title="Weights", slug="weights")
    linking = TermFactory(definition="See [[Weights]].")

    response = editor_client.post(
        reverse("admin:terms_term_delete", args=[target.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert "<a" not in Term.objects.get(pk=linking.pk).definition_html
    assert not ReservedName.objects.filter(value="Weights").exists()


# The markdownx endpoints


def test_preview_renders_with_the_site_renderer_and_sanitizes(editor_client):
    TermFactory(title="Weights", slug="weights")

    response = editor_client.post(
        "/admin/markdownx/markdownify/",
        {"content": "**Hi** [[Weights]] <script>alert(1)</script> [x](javascript:alert(1))"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Hi</strong>" in html
    assert '<a href="/terms/weights/" class="wiki-link">Weights</a>' in html
    assert "<script>" not in html
    assert 'href="javascript' not in html


def test_preview_refuses_an_over_long_section_with_a_message(editor_client):
    response = editor_client.post("/admin/markdownx/markdownify/", {"content": "x" * 50_001})

    assert response.status_code == 400
    assert "the limit is 50,000" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_preview_and_upload_are_refused_to_non_staff(client, settings, who):
    if who == "reader":
        client.force_login(UserFactory(username="reader", is_staff=False))

    preview = client.post("/admin/markdownx/markdownify/", {"content": "hi"})
    upload = client.post("/admin/markdownx/upload/", {"image": png_file()})

    assert preview.status_code == 403
    assert upload.status_code == 403
    assert not (settings.MEDIA_ROOT / "terms").exists()  # nothing was written


def image_bytes(kind="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, kind)
    return buffer.getvalue()


def noisy_png():
    buffer = io.BytesIO()
    pixels = random.Random(0).randbytes(64 * 64 * 3)
    Image.frombytes("RGB", (64, 64), pixels).save(buffer, "PNG")
    return buffer.getvalue()


def png_file(name="pic.png", data=None):
    upload = io.BytesIO(data if data is not None else image_bytes())
    upload.name = name
    return upload


@pytest.mark.parametrize(("kind", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_upload_stores_images_under_the_detected_extension(
    editor_client, settings, kind, extension
):
    response = editor_client.post(
        "/admin/markdownx/upload/",
        {"image": png_file(name="holiday.gif", data=image_bytes(kind))},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith("![](/media/terms/images/")
    assert code.endswith(f".{extension})")
    stored = list((settings.MEDIA_ROOT / "terms" / "images").iterdir())
    assert [path.suffix for path in stored] == [f".{extension}"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not a PNG"),
        (image_bytes("GIF"), "Only PNG, JPEG and WebP"),
        (noisy_png()[:2000], "damaged"),
        (b"", "empty"),
        (b"GIF89a" + b"\x00" * 100, "not a PNG"),
    ],
)
def test_upload_refuses_what_is_not_a_safe_image(editor_client, settings, data, message):
    response = editor_client.post(
        "/admin/markdownx/upload/", {"image": png_file(name="innocent.png", data=data)}
    )

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not (settings.MEDIA_ROOT / "terms").exists()


def test_upload_refuses_too_many_pixels_before_decoding(editor_client, settings):
    settings.GLOSSARY_UPLOAD_MAX_PIXELS = 100

    response = editor_client.post(
        "/admin/markdownx/upload/", {"image": png_file(data=image_bytes(size=(20, 20)))}
    )

    assert response.status_code == 400
    assert "too large" in response.json()["error"]


def test_upload_refuses_a_file_over_the_size_limit(editor_client, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 100

    response = editor_client.post(
        "/admin/markdownx/upload/", {"image": png_file(data=image_bytes(size=(64, 64)))}
    )

    assert response.status_code == 400
    assert "too large" in response.json()["error"]


def test_editors_manage_categories_and_writers_only_see_them(client, editor, writer):
    client.force_login(editor)
    added = client.post(
        reverse("admin:terms_category_add"),
        {"name": "Robotics", "slug": "robotics", "description": "", "position": 5},
    )
    assert added.status_code == 302
    category = Category.objects.get(slug="robotics")

    client.force_login(writer)
    assert client.get(reverse("admin:terms_category_changelist")).status_code == 200
    refused = client.post(
        reverse("admin:terms_category_change", args=[category.pk]),
        {"name": "Renamed", "slug": "robotics", "description": "", "position": 5},
    )
    assert refused.status_code == 403
    assert Category.objects.get(pk=category.pk).name == "Robotics"

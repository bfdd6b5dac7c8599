"""Every save is kept: history, comparisons, restoring and recovering."""

import re

import pytest
from django.urls import reverse
from reversion.models import Version

from terms.models import Term
from tests.factories import TermFactory
from tests.terms.conftest import admin_post_data, save_in_admin

pytestmark = pytest.mark.django_db


def test_each_save_is_recorded_with_who_and_what(client, editor):
    term = TermFactory(summary="First summary.", tags=["one"])
    client.force_login(editor)
    save_in_admin(client, term, summary="Second summary.")
    save_in_admin(client, term, summary="Third summary.", tags="one, two")

    versions = Version.objects.get_for_object(term)
    assert versions.count() == 2
    assert {v.revision.user.username for v in versions} == {"eddie-editor"}
    page = client.get(reverse("admin:terms_term_history", args=[term.pk])).content.decode()
    assert page.count('name="from"') == 2
    assert "Restore this version" in page


def test_compare_shows_word_level_changes_including_tags(client, editor):
    term = TermFactory(summary="A tiny model.", tags=["one"])
    client.force_login(editor)
    # (A save must change something to be kept as a version.)
    save_in_admin(client, term, summary="A small model.")
    save_in_admin(client, term, summary="A large model.", tags="one, two")
    newer, older = Version.objects.get_for_object(term)

    page = client.get(
        reverse("admin:terms_term_compare", args=[term.pk]), {"from": older.pk, "to": newer.pk}
    ).content.decode()

    assert "<del>small</del>" in page
    assert "<ins>large</ins>" in page
    assert re.search(r"Tags.*changed", page, re.DOTALL)
    assert re.search(r'<td class="compare-text">one<ins>, two</ins></td>', page)


def test_compare_working_copy_with_live_in_one_click(client, writer):
    term = TermFactory(title="Weights", summary="Numbers a model learns.")
    client.force_login(writer)
    save_in_admin(client, term, summary="Numbers a network learns.")

    change_page = client.get(reverse("admin:terms_term_change", args=[term.pk])).content.decode()
    assert "?from=live&amp;to=working" in change_page
    page = client.get(
        reverse("admin:terms_term_compare", args=[term.pk]), {"from": "live", "to": "working"}
    ).content.decode()

    assert "<del>model</del>" in page
    assert "<ins>network</ins>" in page


def test_compare_escapes_what_editors_wrote(client, editor):
    term = TermFactory(summary="Plain.")
    client.force_login(editor)
    save_in_admin(client, term, definition="<script>alert(1)</script>")

    page = client.get(
        reverse("admin:terms_term_compare", args=[term.pk]), {"from": "live", "to": "working"}
    ).content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_restoring_a_version_fills_the_working_copy_and_needs_review(client, editor):
    term = TermFactory(title="Attention", slug="attention", summary="The very first summary.")
    client.force_login(editor)
    save_in_admin(client, term, summary="The original summary.")
    save_in_admin(client, term, summary="A rewrite nobody liked.")
    original = Version.objects.get_for_object(term).last()
    url = reverse("admin:terms_term_revision", args=[term.pk, original.pk])

    form = client.get(url)
    assert form.status_code == 200
    assert "The original summary." in form.content.decode()
    current = Term.objects.get(pk=term.pk)
    response = client.post(url, admin_post_data(current, summary="The original summary."))

    assert response.status_code == 302
    restored = Term.objects.get(pk=term.pk)
    assert restored.summary == "The original summary."
    assert restored.status == Term.Status.DRAFT
    assert restored.has_unpublished_changes


def test_writers_cannot_restore_versions(client, writer, editor):
    term = TermFactory()
    client.force_login(editor)
    save_in_admin(client, term, summary="Edited.")
    version = Version.objects.get_for_object(term).first()

    client.force_login(writer)
    url = reverse("admin:terms_term_revision", args=[term.pk, version.pk])
    response = client.get(url)
    posted = client.post(url, admin_post_data(Term.objects.get(pk=term.pk), summary="Old."))

    assert response.status_code == 403
    assert posted.status_code == 403  # a direct POST is refused too
    assert Term.objects.get(pk=term.pk).summary == "Edited."


def test_an_editor_recovers_a_deleted_term_as_a_draft(client, editor, writer):
    term = TermFactory(
        title="Distillation", slug="distillation", aliases=["Knowledge distillation"]
    )
    pk = term.pk
    client.force_login(editor)
    client.post(reverse("admin:terms_term_delete", args=[pk]), {"post": "yes"})
    assert not Term.objects.filter(pk=pk).exists()

    client.force_login(writer)
    assert client.get(reverse("admin:terms_term_recoverlist")).status_code == 403

    client.force_login(editor)
    listing = client.get(reverse("admin:terms_term_recoverlist")).content.decode()
    assert "Distillation" in listing
    deleted = Version.objects.get_deleted(Term).get(object_id=str(pk))
    url = reverse("admin:terms_term_recover", args=[deleted.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = admin_post_data(
        Term(
            pk=pk,
            **{
                name: deleted.field_dict[name]
                for name in (
                    "title",
                    "slug",
                    "summary",
                    "definition",
                    "why_it_matters",
                    "in_practice",
                )
            },
            category_id=deleted.field_dict["category_id"],
            version=1,
        )
    )
    data.update(
        {
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "1",
            "aliases-0-id": re.search(r'name="aliases-0-id" value="(\d+)"', form.content.decode())[
                1
            ],
            "aliases-0-term": pk,
            "aliases-0-name": "Knowledge distillation",
            "aliases-0-slug": "knowledge-distillation",
        }
    )
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    recovered = Term.objects.get(pk=pk)
    assert recovered.status == Term.Status.DRAFT
    assert list(recovered.aliases.values_list("name", flat=True)) == ["Knowledge distillation"]
    assert client.get("/terms/distillation/").status_code in (404, 410)

"""Moving between terms: backlinks, suggested related terms, hover-preview data."""

import re

import pytest

from terms.models import Term
from tests.factories import TermFactory, edit, publish, unpublish
from tests.pages import term_page

pytestmark = pytest.mark.django_db


def linked_from(html):
    if "Linked from" not in html:
        return ""
    return html[html.index("Linked from") :]


def test_linked_from_lists_live_terms_that_link_here(client):
    target = TermFactory(title="Weights", slug="weights")
    TermFactory(title="Open weight", definition="Publishes its [[Weights]].")
    TermFactory(title="Fine-tuning", in_practice="Adjusts the [[weights|numbers]].")
    TermFactory(title="Draft linker", definition="[[Weights]]", status=Term.Status.DRAFT)

    html = linked_from(term_page(client, target))

    assert ">Open weight</a>" in html
    assert ">Fine-tuning</a>" in html
    assert "Draft linker" not in html


def test_linked_from_titles_and_tag_names_are_text_not_markup(client):
    target = TermFactory(title="Weights", slug="weights", tags=['<b onmouseover="x">bold</b>'])
    TermFactory(
        title='<img src=x onerror="alert(1)"> & co', slug="img", definition="See [[Weights]]."
    )

    html = term_page(client, target)

    assert ">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co</a>" in linked_from(html)
    assert ">&lt;b onmouseover=&quot;x&quot;&gt;bold&lt;/b&gt;</a>" in html
    assert "<img src=x" not in html
    assert "<b onmouseover" not in html


def test_backlinks_follow_publishing_and_unpublishing(client):
    target = TermFactory(title="Weights", slug="weights")
    linker = TermFactory(title="Quantization", definition="Shrinks the weights.", tags=["x"])
    assert "Quantization" not in linked_from(term_page(client, target))

    publish(edit(linker, definition="Shrinks the [[Weights]]."))
    assert ">Quantization</a>" in linked_from(term_page(client, target))

    unpublish(linker)
    assert "Quantization" not in linked_from(term_page(client, target))


def test_backlink_follows_a_rename_of_the_linking_term(client):
    target = TermFactory(title="Weights", slug="weights")
    linker = TermFactory(title="Quantisation", definition="Shrinks the [[Weights]].")

    publish(edit(linker, title="Quantization", slug="quantization"))

    html = linked_from(term_page(client, target))
    assert '<a href="/terms/quantization/">Quantization</a>' in html


def test_suggested_terms_fill_up_to_four_after_the_curated_ones(client):
    curated = TermFactory(title="Curated one", tags=["other"])
    TermFactory(title="Shares three", tags=["a", "b", "c"])
    TermFactory(title="Shares two", tags=["a", "b"])
    TermFactory(title="Shares one", tags=["c"])
    TermFactory(title="Shares one too", tags=["a"])
    TermFactory(title="Shares none", tags=["z"])
    TermFactory(title="Draft shares all", tags=["a", "b", "c"], status=Term.Status.DRAFT)
    term = TermFactory(title="Main", tags=["a", "b", "c"], related=[curated])

    html = term_page(client, term)
    related = html[html.index("Related terms") :]

    titles = re.findall(r">((?:Curated|Shares)[^<]*)</a>", related)
    assert titles == ["Curated one", "Shares three", "Shares two", "Shares one"]
    assert related.count('data-suggested="true"') == 3
    assert "Shares none" not in related
    assert "Draft shares all" not in related


def test_no_suggestions_when_four_curated_terms(client):
    curated = [TermFactory(title=f"Curated {n}", tags=["a"]) for n in range(4)]
    TermFactory(title="Would be suggested", tags=["a"])
    term = TermFactory(tags=["a"], related=curated)

    html = term_page(client, term)

    assert "Would be suggested" not in html
    assert 'data-suggested="true"' not in html


def test_term_page_query_count_stays_constant_with_suggestions_and_backlinks(
    client, django_assert_max_num_queries
):
    target = TermFactory(title="Target", tags=["a", "b"])
    for n in range(15):
        TermFactory(title=f"Linker {n}", tags=["a"], definition="See [[Target]].")

    term_page(client, target)  # Fills the caches a flush emptied (newsletter copy, schedule).
    with django_assert_max_num_queries(3):
        html = term_page(client, target)

    assert html.count("Linker ") >= 15


def test_editor_sees_suggestions_in_the_admin_and_adopts_one(client, editor):
    suggestion = TermFactory(title="Shares a tag", tags=["a"])
    term = TermFactory(title="Main", tags=["a"])
    client.force_login(editor)
    url = f"/admin/terms/term/{term.pk}/change/"

    assert "Shares a tag" in client.get(url).content.decode()
    response = client.post(
        f"/admin/terms/term/{term.pk}/add-related/",
        {"related": suggestion.pk, "expected_version": Term.objects.get(pk=term.pk).version},
        follow=True,
    )

    assert "Added “Shares a tag” to the related terms." in response.content.decode()
    term.refresh_from_db()
    assert list(term.related_links.values_list("related__title", flat=True)) == ["Shares a tag"]
    assert term.has_unpublished_changes
    assert term.status == Term.Status.DRAFT
    # Readers still see the published version until the change is approved.
    assert 'data-suggested="true"' in term_page(client, term)


def test_adopting_with_a_stale_version_is_refused(client, editor):
    suggestion = TermFactory(title="Shares a tag", tags=["a"])
    term = TermFactory(title="Main", tags=["a"])
    client.force_login(editor)

    response = client.post(
        f"/admin/terms/term/{term.pk}/add-related/",
        {"related": suggestion.pk, "expected_version": term.version - 1},
        follow=True,
    )

    assert "after you opened it" in response.content.decode()
    assert not term.related_links.exists()

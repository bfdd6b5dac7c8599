"""Wiki links: stored with the target's id, shown as links only while the target is live."""

import pytest

from terms.editing import delete_term
from terms.models import Alias, Term
from tests.factories import TermFactory, edit, publish, unpublish
from tests.pages import term_page

pytestmark = pytest.mark.django_db


def test_saving_stores_sanitized_html_of_each_section():
    term = TermFactory(definition="**Bold** <script>x</script>", in_practice="- a\n- b")

    stored = Term.objects.get(pk=term.pk)
    assert stored.definition_html.startswith("<p><strong>Bold</strong>")
    assert "<script>" not in stored.definition_html
    assert "<li>a</li>" in stored.in_practice_html


def test_stored_html_records_the_target_not_its_address():
    target = TermFactory(title="Weights", slug="weights", status=Term.Status.DRAFT)
    linking = TermFactory(definition="Made of [[Weights]].")

    stored = Term.objects.get(pk=linking.pk).definition_html

    assert f'<a class="wiki-link" data-term="{target.pk}">Weights</a>' in stored


def test_link_appears_on_the_page_when_the_target_is_published(client):
    draft = TermFactory(title="Weights", slug="weights", status=Term.Status.DRAFT)
    linking = TermFactory(definition="Made of [[Weights]].")
    assert "Made of Weights." in term_page(client, linking)

    publish(draft)

    assert '<a href="/terms/weights/" class="wiki-link">Weights</a>' in term_page(client, linking)


def test_link_disappears_when_the_target_is_unpublished(client):
    target = TermFactory(title="Weights", slug="weights")
    linking = TermFactory(definition="Made of [[Weights]].")
    assert '<a href="/terms/weights/"' in term_page(client, linking)

    unpublish(target)

    html = term_page(client, linking)
    assert "/terms/weights/" not in html
    assert "Made of Weights." in html


def test_link_follows_the_target_to_its_new_address_after_a_rename(client):
    target = TermFactory(title="Embedding", slug="embedding")
    linking = TermFactory(definition="See [[embedding|vectors]] and [[Embedding]].")

    publish(edit(target, title="Embeddings", slug="embeddings"))

    html = term_page(client, linking)
    assert html.count('href="/terms/embeddings/" class="wiki-link"') == 2


def test_unresolved_link_in_a_draft_resolves_when_a_term_takes_that_name():
    target = TermFactory(title="Large language model", slug="large-language-model")
    linking = TermFactory(definition="An [[LLM]] writes.", status=Term.Status.DRAFT)
    assert "data-term" not in Term.objects.get(pk=linking.pk).definition_html

    Alias.objects.create(term=target, name="LLM", slug="llm")
    edit(target)

    stored = Term.objects.get(pk=linking.pk).definition_html
    assert f'<a class="wiki-link" data-term="{target.pk}">LLM</a>' in stored


def test_deleting_a_term_turns_links_to_it_into_plain_text(client):
    target = TermFactory(title="Weights", slug="weights")
    linking = TermFactory(definition="Made of [[Weights]].")

    delete_term(target)

    assert "Made of Weights." in term_page(client, linking)


def test_publishing_a_target_does_not_touch_the_linking_term():
    target = TermFactory(title="Weights", slug="weights", status=Term.Status.DRAFT)
    linking = TermFactory(definition="Made of [[Weights]].")
    before = Term.objects.get(pk=linking.pk)

    publish(target)

    after = Term.objects.get(pk=linking.pk)
    assert (after.updated_at, after.version) == (before.updated_at, before.version)

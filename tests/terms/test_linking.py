"""Stored HTML follows the terms it links to: publish, rename, unpublish, delete."""

import pytest

from terms.editing import after_term_saved, delete_term, state_of
from terms.models import Alias, Term
from tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def save(term, **changes):
    before = state_of(term)
    for name, value in changes.items():
        setattr(term, name, value)
    term.save()
    after_term_saved(term, before)


def html_of(term):
    return Term.objects.get(pk=term.pk).definition_html


def test_saving_stores_sanitized_html_of_each_section():
    term = TermFactory(definition="**Bold** <script>x</script>", in_practice="- a\n- b")

    stored = Term.objects.get(pk=term.pk)
    assert stored.definition_html.startswith("<p><strong>Bold</strong>")
    assert "<script>" not in stored.definition_html
    assert "<li>a</li>" in stored.in_practice_html


def test_link_appears_when_the_target_is_published():
    draft = TermFactory(title="Weights", slug="weights", status=Term.Status.DRAFT)
    linking = TermFactory(definition="Made of [[Weights]].")
    assert "<a" not in html_of(linking)

    save(draft, status=Term.Status.PUBLISHED)

    assert '<a href="/terms/weights/" class="wiki-link">Weights</a>' in html_of(linking)


def test_link_disappears_when_the_target_stops_being_live():
    target = TermFactory(title="Weights", slug="weights")
    linking = TermFactory(definition="Made of [[Weights]].")
    assert "<a href" in html_of(linking)

    save(target, status=Term.Status.DRAFT)

    assert "<a" not in html_of(linking)
    assert "Made of Weights." in html_of(linking)


def test_link_follows_a_rename_of_the_target():
    target = TermFactory(title="Embedding", slug="embedding")
    by_slug = TermFactory(definition="See [[embedding|vectors]].")
    by_title = TermFactory(definition="See [[Embedding]].")

    save(target, title="Embeddings", slug="embeddings")

    # The old slug still leads to the term, now at its new address.
    assert 'href="/terms/embeddings/"' in html_of(by_slug)
    assert 'href="/terms/embeddings/"' in html_of(by_title)


def test_link_by_an_old_title_is_dropped_when_nothing_leads_there_any_more():
    target = TermFactory(title="Neural net", slug="neural-network")
    linking = TermFactory(definition="See [[Neural net]].")

    save(target, title="Neural network")

    assert "<a" not in html_of(linking)


def test_link_appears_when_an_alias_is_added():
    target = TermFactory(title="Large language model", slug="large-language-model")
    linking = TermFactory(definition="An [[LLM]] writes.")
    assert "<a" not in html_of(linking)

    before = state_of(target)
    Alias.objects.create(term=target, name="LLM", slug="llm")
    after_term_saved(target, before)

    assert 'href="/terms/large-language-model/"' in html_of(linking)


def test_deleting_a_term_turns_links_to_it_into_plain_text():
    target = TermFactory(title="Weights", slug="weights")
    linking = TermFactory(definition="Made of [[Weights]].")

    delete_term(target)

    assert "<a" not in html_of(linking)


def test_refreshing_a_linking_term_does_not_change_its_updated_time():
    target = TermFactory(title="Weights", slug="weights", status=Term.Status.DRAFT)
    linking = TermFactory(definition="Made of [[Weights]].")
    updated = Term.objects.get(pk=linking.pk).updated_at

    save(target, status=Term.Status.PUBLISHED)

    assert Term.objects.get(pk=linking.pk).updated_at == updated

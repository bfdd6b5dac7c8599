import pytest
from django.db import DataError, IntegrityError, transaction
from taggit.models import Tag

from terms.models import Alias, RelatedTerm, ReservedName, Term
from tests.factories import CategoryFactory, TermFactory

pytestmark = pytest.mark.django_db


def refused(callable_):
    # PostgreSQL reports an over-long varchar as a DataError, SQLite's check as IntegrityError.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        callable_()


def test_titles_and_slugs_are_unique_whatever_the_case():
    term = TermFactory(title="Transformer", slug="transformer")

    refused(lambda: Term.objects.create(title="TRANSFORMER", slug="other", category=term.category))
    refused(lambda: Term.objects.create(title="Other", slug="transformer", category=term.category))


def test_slug_must_be_lowercase_and_not_empty():
    category = CategoryFactory()

    refused(lambda: Term.objects.create(title="A", slug="Upper", category=category))
    refused(lambda: Term.objects.create(title="B", slug="", category=category))


def test_summary_longer_than_240_characters_is_refused_by_the_database():
    category = CategoryFactory()

    refused(
        lambda: Term.objects.create(title="Long", slug="long", summary="x" * 241, category=category)
    )


def test_sections_longer_than_the_cap_are_refused_by_the_database():
    category = CategoryFactory()

    refused(
        lambda: Term.objects.create(
            title="Huge", slug="huge", summary="s", definition="x" * 50_001, category=category
        )
    )


def test_a_name_cannot_belong_to_two_terms_across_titles_and_aliases():
    TermFactory(title="Large language model", aliases=["LLM"])
    other = TermFactory(title="Other")

    # An alias equal to another term's title, or a title equal to another term's alias.
    refused(
        lambda: ReservedName.objects.create(
            term=other, namespace="name", source="alias", value="large LANGUAGE model"
        )
    )
    refused(
        lambda: ReservedName.objects.create(
            term=other, namespace="name", source="title", value="llm"
        )
    )
    refused(lambda: Alias.objects.create(term=other, name="llm", slug="llm-2"))


def test_a_slug_cannot_belong_to_two_terms_across_terms_aliases_and_former_slugs():
    TermFactory(title="Large language model", slug="large-language-model", aliases=["LLM"])
    other = TermFactory(title="Other")

    refused(
        lambda: ReservedName.objects.create(
            term=other, namespace="slug", source="alias_slug", value="Large-Language-Model"
        )
    )
    refused(
        lambda: ReservedName.objects.create(
            term=other, namespace="slug", source="slug", value="llm"
        )
    )


def test_a_term_cannot_be_related_to_itself():
    term = TermFactory()

    refused(lambda: RelatedTerm.objects.create(term=term, related=term))


def test_a_related_pair_is_stored_at_most_once():
    term, other = TermFactory(), TermFactory()
    RelatedTerm.objects.create(term=term, related=other, position=1)

    refused(lambda: RelatedTerm.objects.create(term=term, related=other, position=2))


def test_tags_are_case_insensitive():
    first = TermFactory(tags=["LLM"])
    second = TermFactory(tags=["llm"])

    assert list(first.tags.values_list("pk", flat=True)) == list(
        second.tags.values_list("pk", flat=True)
    )
    assert Tag.objects.count() == 1


def test_live_means_having_a_live_publication():
    live = TermFactory()
    TermFactory(status=Term.Status.DRAFT)

    assert list(Term.objects.live()) == [live]
    assert live.is_live

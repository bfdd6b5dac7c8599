"""Factories for glossary content. Terms go through the same save path as the admin."""

import factory
from django.contrib.auth import get_user_model

from terms.editing import after_term_saved, names_before_save
from terms.models import Alias, Category, RelatedTerm, Term
from terms.publishing import freeze, take_down


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Terms about one subject."


class TermFactory(factory.django.DjangoModelFactory):
    """A live (published) term by default; pass ``status=Term.Status.DRAFT`` for a draft.

    ``aliases=["LLM"]``, ``tags=["llm"]`` and ``related=[other, ...]`` are accepted.
    """

    class Meta:
        model = Term
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda term: term.title.lower().replace(" ", "-"))
    summary = factory.LazyAttribute(lambda term: f"A one-line summary of {term.title}.")
    definition = factory.LazyAttribute(lambda term: f"{term.title} is a thing.")
    why_it_matters = "It matters."
    in_practice = "People use it."
    category = factory.SubFactory(CategoryFactory)
    status = Term.Status.PUBLISHED

    @factory.post_generation
    def aliases(self, create, names, **kwargs):
        for name in names or ():
            Alias.objects.create(term=self, name=name, slug=name.lower().replace(" ", "-"))

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if names:
            self.tags.set(names)

    @factory.post_generation
    def related(self, create, terms, **kwargs):
        for position, other in enumerate(terms or (), start=1):
            RelatedTerm.objects.create(term=self, related=other, position=position)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            after_term_saved(instance, None)
            if instance.status == Term.Status.PUBLISHED:
                freeze(instance)


def edit(term: Term, **changes) -> Term:
    """Change the working copy and save it the way the admin does (names, HTML, links)."""
    names_before = names_before_save(term)
    for name, value in changes.items():
        setattr(term, name, value)
    term.save()
    after_term_saved(term, names_before)
    return term


def publish(term: Term, **kwargs) -> Term:
    """Publish the working copy as it is (what an editor's approval does)."""
    freeze(term, **kwargs)
    Term.objects.filter(pk=term.pk).update(status=Term.Status.PUBLISHED)
    term.refresh_from_db()
    return term


def unpublish(term: Term) -> Term:
    take_down(term)
    Term.objects.filter(pk=term.pk).update(status=Term.Status.ARCHIVED)
    term.refresh_from_db()
    return term

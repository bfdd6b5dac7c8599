import pytest
from django.core.management import call_command

from terms import demo_data
from terms.models import Category, RelatedTerm, Term, WikiLink

pytestmark = pytest.mark.django_db


def test_demo_content_loads_a_real_published_glossary():
    call_command("load_demo_content")

    assert Term.objects.live().count() >= 30
    assert Term.objects.exclude(status=Term.Status.PUBLISHED).count() == 0
    assert Term.objects.live().count() == Term.objects.count()
    open_weight = Term.objects.get(slug="open-weight")
    assert open_weight.category.name == "Business & Strategy"
    assert list(
        open_weight.related_links.order_by("position").values_list("related__slug", flat=True)
    ) == ["open-source-ai", "weights", "closed-source-ai", "foundation-model"]
    for slug in ("transformer", "embeddings", "large-language-model", "weights"):
        assert Term.objects.filter(slug=slug).exists()
    assert Term.objects.get(slug="large-language-model").aliases.filter(name="LLM").exists()
    # Every term's text is rendered, and every wiki link found its term.
    assert not Term.objects.filter(definition_html="").exists()
    assert WikiLink.objects.count() > 30
    assert not WikiLink.objects.filter(target=None).exists()


def test_demo_content_twice_changes_nothing(capsys):
    call_command("load_demo_content")
    snapshot = {term.pk: (term.updated_at, term.definition_html) for term in Term.objects.all()}
    counts = (Term.objects.count(), Category.objects.count(), RelatedTerm.objects.count())

    call_command("load_demo_content")

    assert "0 created, 0 updated" in capsys.readouterr().out
    assert {t.pk: (t.updated_at, t.definition_html) for t in Term.objects.all()} == snapshot
    assert (Term.objects.count(), Category.objects.count(), RelatedTerm.objects.count()) == counts


def test_demo_content_dry_run_keeps_nothing(capsys):
    call_command("load_demo_content", "--dry-run")

    assert "Dry run" in capsys.readouterr().out
    assert Term.objects.count() == 0


def test_demo_content_repairs_an_edited_term():
    call_command("load_demo_content")
    Term.objects.filter(slug="weights").update(summary="Vandalised.")

    call_command("load_demo_content")

    demo = next(term for term in demo_data.TERMS if term["slug"] == "weights")
    assert Term.objects.get(slug="weights").summary != "Vandalised."
    assert Term.objects.get(slug="weights").summary == demo["summary"]

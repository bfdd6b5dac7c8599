"""The dry run's outcomes and reasons, and applying it through the workflow: drafts, publishing
with the checks, history, names across rows, refusing a stale dry run, idempotence."""

import pytest
from reversion.models import Version

from terms.editing import after_term_saved
from terms.models import Alias, Category, Term
from terms.transfer import formats
from terms.transfer.applying import StaleDryRun, apply
from terms.transfer.planning import Outcome, upload_digest
from tests.factories import CategoryFactory, TermFactory
from tests.terms.conftest import save_in_admin
from tests.terms.transfer_files import csv_file, dry_run, import_file, json_file, term_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return CategoryFactory(name="Foundations", slug="foundations")


def rows_by_title(plan):
    return {row.title: row for row in plan.rows}


def test_the_dry_run_says_new_changed_unchanged_or_error_with_reasons(category, editor):
    TermFactory(title="Alpha", slug="alpha", category=category, summary="Old summary.")
    beta = TermFactory(title="Beta", slug="beta", category=category, tags=["testing"])
    data = json_file(
        [
            term_entry("Alpha", "foundations", slug="alpha", summary="New summary."),
            {
                "title": "Beta",
                "slug": "beta",
                "summary": beta.summary,
                "category": "foundations",
                "tags": ["testing"],
                "definition": beta.definition,
                "why_it_matters": beta.why_it_matters,
                "in_practice": beta.in_practice,
            },
            term_entry("Gamma", "foundations"),
            term_entry("", "foundations"),
        ]
    )
    plan = dry_run(data, user=editor)
    rows = rows_by_title(plan)
    assert rows["Alpha"].outcome == Outcome.CHANGED
    changed = {diff["label"]: diff for diff in rows["Alpha"].diff}
    assert "<del>Old</del>" in changed["Summary"]["before"]
    assert "<ins>New</ins>" in changed["Summary"]["after"]
    assert rows["Beta"].outcome == Outcome.UNCHANGED
    assert rows["Gamma"].outcome == Outcome.NEW
    assert rows[""].outcome == Outcome.ERROR
    assert rows[""].reasons == ["The title is missing."]
    assert rows[""].source == "term 4"
    assert plan.has_errors


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"summary": "x" * 241}, "The summary is 241 characters long; the limit is 240."),
        ({"category": "nowhere"}, "Unknown category “nowhere”"),
        ({"category": ""}, "The category is missing."),
        ({"related": ["Nothing like it"]}, "Related term “Nothing like it” matches no term"),
        ({"definition": "See [[Nobody]]."}, "The wiki link [[nobody]] in “Definition” matches"),
        ({"slug": "taken-alias"}, "“taken-alias” is already the alias slug of “Holder”."),
        ({"aliases": ["Holder"]}, "“Holder” is already the title of “Holder”."),
        ({"slug": "Not a slug!"}, "may hold only letters, digits, hyphens and underscores"),
        ({"tags": ["!!!"]}, "“!!!” cannot be a tag"),
        ({"related": ["New term"]}, "cannot be related to itself"),
    ],
)
def test_each_error_has_its_reason(category, entry, reason):
    holder = TermFactory(title="Holder", slug="holder", category=category)
    Alias.objects.create(term=holder, name="Taken alias", slug="taken-alias")
    after_term_saved(holder, None)
    plan = dry_run(json_file([term_entry("New term", "foundations", **entry)]))
    (row,) = plan.rows
    assert row.outcome == Outcome.ERROR
    assert any(reason in text for text in row.reasons), row.reasons


def test_names_colliding_within_the_file_are_errors(category):
    plan = dry_run(
        json_file(
            [
                term_entry("One", "foundations", aliases=["Shared"]),
                term_entry("Two", "foundations", aliases=["shared"]),
                term_entry("One", "foundations", slug="other"),
            ]
        )
    )
    first, second, third = plan.rows
    assert first.outcome == Outcome.NEW
    assert "Its alias “shared” is also used by term 1 of this file." in second.reasons
    assert "Its title “One” is also used by term 1 of this file." in third.reasons


@pytest.mark.parametrize("reverse", [False, True])
def test_related_terms_and_wiki_links_resolve_whatever_the_order(category, editor, reverse):
    entries = [
        term_entry(
            "Attention",
            "foundations",
            related=["Transformer"],
            definition="Part of [[Transformer]].",
        ),
        term_entry("Transformer", "foundations", related=["attention"], aliases=["TF"]),
    ]
    if reverse:
        entries.reverse()
    import_file(json_file(entries), user=editor)
    attention = Term.objects.get(slug="attention")
    transformer = Term.objects.get(slug="transformer")
    assert attention.related_ids() == [transformer.pk]
    assert transformer.related_ids() == [attention.pk]
    assert f'data-term="{transformer.pk}"' in attention.definition_html
    assert attention.wiki_links.get().target_id == transformer.pk


def test_a_term_elsewhere_linking_to_an_imported_name_is_rendered_again(category, editor):
    waiting = TermFactory(title="Waiting", category=category, definition="See [[Newcomer]].")
    assert "data-term" not in waiting.definition_html
    import_file(json_file([term_entry("Newcomer", "foundations")]), user=editor)
    waiting.refresh_from_db()
    newcomer = Term.objects.get(slug="newcomer")
    assert f'data-term="{newcomer.pk}"' in waiting.definition_html


def test_imported_terms_are_drafts_with_history_naming_the_import(category, editor, client):
    _, result = import_file(json_file([term_entry("Draft one", "foundations")]), user=editor)
    term = Term.objects.get(slug="draft-one")
    assert term.status == Term.Status.DRAFT
    assert term.author == editor
    assert result["created"] == [[term.pk, "Draft one"]]
    (version,) = Version.objects.get_for_object(term)
    assert version.revision.get_comment() == "Imported from “test.json” (import #0)."
    assert version.revision.user == editor
    # Drafts never reach readers.
    assert client.get(f"/terms/{term.slug}/").status_code == 404
    assert "Draft one" not in client.get("/api/terms/").content.decode()


def test_changing_a_live_term_stages_the_change(category, editor, client):
    live = TermFactory(title="Live", slug="live", category=category, summary="Readers see this.")
    import_file(
        json_file([term_entry("Live", "foundations", slug="live", summary="Staged change.")]),
        user=editor,
    )
    live.refresh_from_db()
    assert live.summary == "Staged change."
    assert live.status == Term.Status.DRAFT
    assert live.version == 2
    page = client.get("/terms/live/").content.decode()
    assert "Readers see this." in page
    assert "Staged change." not in page


def test_publish_mode_publishes_what_passes_the_checks_and_lists_the_rest(category, editor, client):
    _, result = import_file(
        json_file(
            [
                term_entry("Complete", "foundations"),
                term_entry("Half done", "foundations", in_practice=""),
            ]
        ),
        user=editor,
        mode="publish",
    )
    complete, half = Term.objects.get(slug="complete"), Term.objects.get(slug="half-done")
    assert result["published"] == [[complete.pk, "Complete"]]
    assert result["held_back"] == [
        {"id": half.pk, "title": "Half done", "reasons": ["The “In practice” section is empty."]}
    ]
    assert complete.status == Term.Status.PUBLISHED
    assert half.status == Term.Status.DRAFT
    assert client.get("/terms/complete/").status_code == 200
    assert client.get("/terms/half-done/").status_code == 404
    (transition,) = complete.transitions.all()
    assert (transition.action, transition.user) == ("publish", editor)
    assert transition.comment == (
        "Imported from “test.json” (import #0). Published: it passed the pre-publish checks."
    )


def test_reimporting_the_same_file_changes_nothing(category, editor):
    data = csv_file(
        [
            {**term_entry("Same", "foundations"), "related": ["Other"]},
            {**term_entry("Other", "foundations")},
        ]
    )
    import_file(data, "csv", user=editor, mode="publish")
    before = list(Term.objects.values_list("pk", "version", "updated_at", "status"))
    versions = Version.objects.count()
    again = dry_run(data, "csv", user=editor, mode="publish")
    assert [row.outcome for row in again.rows] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert not again.has_work
    assert list(Term.objects.values_list("pk", "version", "updated_at", "status")) == before
    assert Version.objects.count() == versions


def test_a_changed_term_may_relate_to_an_unchanged_one_in_the_same_file(category, editor):
    entries = [
        term_entry("Changes", "foundations", related=["Stays"]),
        term_entry("Stays", "foundations"),
    ]
    import_file(json_file(entries), user=editor)
    entries[0]["summary"] = "A new summary."
    planned, _ = import_file(json_file(entries), user=editor)
    assert [row.outcome for row in planned.rows] == [Outcome.CHANGED, Outcome.UNCHANGED]
    changes = Term.objects.get(slug="changes")
    assert changes.summary == "A new summary."
    assert changes.related_ids() == [Term.objects.get(slug="stays").pk]


def test_import_never_deletes(category, editor):
    kept = TermFactory(title="Kept", category=category)
    import_file(json_file([term_entry("Added", "foundations")]), user=editor)
    assert Term.objects.filter(pk=kept.pk).exists()


def _plan_then(data, editor, change):
    plan = dry_run(data, user=editor)
    change()
    return lambda: apply(
        formats.parse(data, "json"),
        user=editor,
        mode="drafts",
        data_digest=upload_digest(data),
        expected_digest=plan.digest,
        label="test",
    )


def test_a_term_saved_after_the_dry_run_makes_the_import_refuse(category, editor, client):
    target = TermFactory(title="Target", slug="target", category=category)
    data = json_file(
        [
            term_entry("Target", "foundations", slug="target", summary="From the file."),
            term_entry("Brand new", "foundations"),
        ]
    )
    client.force_login(editor)
    confirm = _plan_then(data, editor, lambda: save_in_admin(client, target, summary="Edited."))
    with pytest.raises(StaleDryRun, match="Run the dry run again"):
        confirm()
    target.refresh_from_db()
    assert target.summary == "Edited."
    assert not Term.objects.filter(slug="brand-new").exists()


def test_a_name_appearing_after_the_dry_run_makes_the_import_refuse(category, editor):
    data = json_file([term_entry("Needs link", "foundations", related=["Later"])])
    TermFactory(title="Later", category=category)
    confirm = _plan_then(data, editor, lambda: Term.objects.filter(title="Later").delete())
    with pytest.raises(StaleDryRun):
        confirm()
    assert not Term.objects.filter(slug="needs-link").exists()


def test_categories_come_with_json_and_only_editors_create_them(writer, editor):
    data = json_file(
        [term_entry("Fresh", "new-cat")],
        categories=[{"name": "New cat", "slug": "new-cat", "description": "D", "position": 3}],
    )
    refused = dry_run(data, user=writer)
    assert "Only editors can create categories" in refused.categories[0].reasons[0]
    assert "Unknown category “new-cat”" in refused.rows[0].reasons[0]
    import_file(data, user=editor)
    assert Category.objects.get(slug="new-cat").position == 3
    assert Term.objects.get(slug="fresh").category.slug == "new-cat"


def test_writers_may_not_change_terms_in_review(category, writer):
    TermFactory(title="Reviewing", slug="reviewing", category=category, status="in_review")
    plan = dry_run(
        json_file([term_entry("Reviewing", "foundations", slug="reviewing")]), user=writer
    )
    (row,) = plan.rows
    assert row.outcome == Outcome.ERROR
    assert "You may not change “Reviewing” while it is in review; an editor can." in row.reasons

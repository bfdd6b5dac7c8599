"""The migration to one editable offer keeps what editors wrote: a category's own line moves to
the category, copy they changed stays, and only the old default wording is replaced."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("subscriptions", "0003_subscriber_states_in_the_database")]
AFTER = [("subscriptions", "0004_offer_copy_welcome_email_and_category_pitch")]
# The glossary is left as it is (its later migrations are not this test's business); the
# category's pitch field comes with it.
TERMS = ("terms", "0018_category_newsletter_pitch")
OLD_HEADLINE = "Get one clear AI term in your inbox every week"


def migrate(targets):
    """Migrate the newsletter to ``targets``; the models as they are then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, TERMS]).apps


@pytest.fixture
def before():
    yield migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # Back to the latest, for later tests.


def test_category_lines_move_to_their_categories_and_the_old_default_copy_is_replaced(before):
    Category = before.get_model("terms", "Category")
    SignupCopy = before.get_model("subscriptions", "SignupCopy")
    CategorySignupLine = before.get_model("subscriptions", "CategorySignupLine")
    business = Category.objects.create(name="Business", slug="business")
    plain = Category.objects.create(name="Plain", slug="plain")
    # The starting copy as migration 0002 wrote it, its line changed by an editor.
    copy, _ = SignupCopy.objects.update_or_create(
        pk=1,
        defaults={
            "headline": OLD_HEADLINE,
            "line": "An editor's own line.",
            "button_label": "Subscribe",
        },
    )
    CategorySignupLine.objects.create(copy=copy, category=business, line="  For business.  ")

    after = migrate(AFTER)

    Category = after.get_model("terms", "Category")
    copy = after.get_model("subscriptions", "SignupCopy").objects.get(pk=1)
    assert Category.objects.get(pk=business.pk).newsletter_pitch == "For business."
    assert Category.objects.get(pk=plain.pk).newsletter_pitch == ""
    assert copy.headline == "Get {offer}"  # The old default wording is gone ...
    assert copy.line == "An editor's own line."  # ... what an editor wrote is kept.
    assert copy.name == "The AI Brief"
    assert copy.welcome_email_enabled is True


def test_the_migration_can_be_reversed_with_the_pitches_moved_back(before):
    Category = before.get_model("terms", "Category")
    business = Category.objects.create(name="Business", slug="business")
    after = migrate(AFTER)
    after.get_model("terms", "Category").objects.filter(pk=business.pk).update(
        newsletter_pitch="For business."
    )

    before = migrate(BEFORE)

    line = before.get_model("subscriptions", "CategorySignupLine").objects.get()
    assert (line.category_id, line.line) == (business.pk, "For business.")

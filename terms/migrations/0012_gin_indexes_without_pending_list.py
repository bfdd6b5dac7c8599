"""PostgreSQL: search's GIN indexes without a pending list ("fastupdate").

With fastupdate on, new entries wait in an unsorted pending list (up to 4 MB) until a vacuum
or a full list merges them, and every search reads the whole list meanwhile: after a bulk
import, one type-ahead query read 349 pending pages. Publishing is rare and reading is not,
so each publication now goes straight into the index, and what waits is merged now.

Not atomic: each statement commits on its own, so the brief exclusive lock ALTER INDEX takes
is not held while the pending lists are merged.
"""

from django.db import migrations

INDEXES = ["terms_pub_name_vector", "terms_pub_search_vector", "terms_searchword_trgm"]


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = off)")
        schema_editor.execute(
            "SELECT gin_clean_pending_list(to_regclass(%s)) WHERE to_regclass(%s) IS NOT NULL",
            [index, index],
        )


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("terms", "0011_derive_unpublished_changes")]

    operations = [migrations.RunPython(without_pending_list, with_pending_list)]

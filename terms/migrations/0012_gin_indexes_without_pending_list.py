"""PostgreSQL: search's GIN indexes without a pending list ("fastupdate").

With fastupdate on, new entries wait in an unsorted pending list (up to 4 MB) until a vacuum
or a full list merges them, and every search reads the whole list meanwhile: after a bulk
import, one type-ahead query read 349 pending pages. Publishing is rare and reading is not,
so each publication now goes straight into the index, and what waits is merged now.
"""

from django.db import migrations

INDEXES = ["terms_pub_name_vector", "terms_pub_search_vector", "terms_searchword_trgm"]


def fastupdate(enabled: bool):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(
                f"ALTER INDEX {index} SET (fastupdate = {'on' if enabled else 'off'})"
            )
            if not enabled:
                schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    return operation


class Migration(migrations.Migration):
    dependencies = [("terms", "0011_derive_unpublished_changes")]

    operations = [migrations.RunPython(fastupdate(False), fastupdate(True))]

"""PostgreSQL: a GIN index on the names vector, and trigram GiST indexes (nearest-spelling
lookups by distance) in place of the trigram GIN ones. Existing publications are indexed."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS terms_pub_name_vector ON terms_publication USING gin (name_vector)",
    "DROP INDEX IF EXISTS terms_pub_title_trgm",
    "DROP INDEX IF EXISTS terms_pubalias_name_trgm",
    "CREATE INDEX IF NOT EXISTS terms_pub_title_trgm_gist"
    " ON terms_publication USING gist (title gist_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS terms_pubalias_name_trgm_gist"
    " ON terms_publicationalias USING gist (name gist_trgm_ops)",
    "UPDATE terms_publication SET name_vector = "
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(("
    "  SELECT string_agg(name, ' ') FROM terms_publicationalias a"
    "  WHERE a.publication_id = terms_publication.id), '')), 'B')",
]
BACKWARD = [
    "DROP INDEX IF EXISTS terms_pub_name_vector",
    "DROP INDEX IF EXISTS terms_pub_title_trgm_gist",
    "DROP INDEX IF EXISTS terms_pubalias_name_trgm_gist",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("terms", "0007_name_vector")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]

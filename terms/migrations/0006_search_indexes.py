"""Search indexes, by database: on PostgreSQL pg_trgm with trigram GIN indexes and a GIN index
on the search vector; on SQLite an FTS5 table. Existing publications are indexed."""

from html import unescape

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.utils.html import strip_tags

POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS terms_pub_search_vector ON terms_publication USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS terms_pub_title_trgm ON terms_publication USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS terms_pubalias_name_trgm ON terms_publicationalias USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS terms_pub_title_prefix ON terms_publication (lower(title) text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS terms_pubalias_name_prefix ON terms_publicationalias (lower(name) text_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS terms_pub_search_vector",
    "DROP INDEX IF EXISTS terms_pub_title_trgm",
    "DROP INDEX IF EXISTS terms_pubalias_name_trgm",
    "DROP INDEX IF EXISTS terms_pub_title_prefix",
    "DROP INDEX IF EXISTS terms_pubalias_name_prefix",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS terms_search_fts USING fts5("
    "title, aliases, summary, body, tokenize='porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS terms_search_fts"]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


def backfill(apps, schema_editor):
    Publication = apps.get_model("terms", "Publication")
    PublicationLink = apps.get_model("terms", "PublicationLink")
    vendor = schema_editor.connection.vendor
    for publication in Publication.objects.all():
        aliases = sorted(publication.aliases.values_list("name", flat=True), key=str.lower)
        tagged = publication.tagged_items.select_related("tag").order_by("tag__name")
        body = " ".join(
            unescape(strip_tags(html))
            for html in (
                publication.definition_html,
                publication.why_it_matters_html,
                publication.in_practice_html,
            )
        )
        publication.alias_names = aliases
        publication.tag_list = [{"name": t.tag.name, "slug": t.tag.slug} for t in tagged]
        publication.body_text = body.strip()
        publication.save(update_fields=["alias_names", "tag_list", "body_text"])
        for target_id in publication.linked_term_ids:
            PublicationLink.objects.get_or_create(publication=publication, target_id=target_id)
        if vendor == "sqlite":
            schema_editor.execute(
                "INSERT INTO terms_search_fts (rowid, title, aliases, summary, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [publication.pk, publication.title, " ".join(aliases), publication.summary,
                 publication.body_text],
            )
    if vendor == "postgresql":
        schema_editor.execute(
            "UPDATE terms_publication SET search_vector = "
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(("
            "  SELECT string_agg(name, ' ') FROM terms_publicationalias a"
            "  WHERE a.publication_id = terms_publication.id), '')), 'B') || "
            "setweight(to_tsvector('english', coalesce(summary, '')), 'C') || "
            "setweight(to_tsvector('english', coalesce(body_text, '')), 'D')"
        )


class Migration(migrations.Migration):
    dependencies = [("terms", "0005_search")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

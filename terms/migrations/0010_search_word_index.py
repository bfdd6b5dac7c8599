"""Spelling correction: index the words of published titles and aliases (trigram GIN on
PostgreSQL), drop the per-title trigram indexes it replaces, and fill the table."""

import re

from django.db import migrations

WORD = re.compile(r"[^\W_]+", re.UNICODE)
FORWARD = [
    "CREATE INDEX IF NOT EXISTS terms_searchword_trgm"
    " ON terms_searchword USING gin (word gin_trgm_ops)",
    "DROP INDEX IF EXISTS terms_pub_title_trgm_gist",
    "DROP INDEX IF EXISTS terms_pubalias_name_trgm_gist",
]
BACKWARD = ["DROP INDEX IF EXISTS terms_searchword_trgm"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def fill(apps, schema_editor):
    Publication = apps.get_model("terms", "Publication")
    SearchWord = apps.get_model("terms", "SearchWord")
    words = set()
    for title, aliases in Publication.objects.values_list("title", "alias_names").iterator():
        for text in (title, *(aliases or [])):
            words.update(w for w in WORD.findall(text.lower()) if len(w) >= 3)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w[:100]) for w in words], ignore_conflicts=True, batch_size=2000
    )


class Migration(migrations.Migration):
    dependencies = [("terms", "0009_search_words")]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

"""Stored HTML: table alignment as classes instead of ``style`` attributes.

The renderer now writes ``<th class="align-left">`` where it wrote
``<th style="text-align:left">``, so reader pages can run under a Content-Security-Policy with
no inline styles. HTML already stored on working copies and frozen publications is rewritten
here, attribute for attribute, rather than rendered again from its Markdown: a publication is
a snapshot, and rendering it now would resolve its wiki links against today's names.

The sanitizer only ever let exactly these three ``style`` values through, on ``th`` and ``td``
with no other attribute, so this pattern matches every one of them and nothing else.
"""

import re

from django.db import migrations

SECTIONS = ["definition_html", "why_it_matters_html", "in_practice_html"]
STYLED_CELL = re.compile(r'<(th|td) style="text-align:(left|center|right)">')
CLASSED_CELL = re.compile(r'<(th|td) class="align-(left|center|right)">')


def _rewrite(model, pattern, replacement):
    for row in model.objects.only("pk", *SECTIONS).iterator(chunk_size=500):
        changed = {}
        for name in SECTIONS:
            html = getattr(row, name)
            new = pattern.sub(replacement, html)
            if new != html:
                changed[name] = new
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)


def styles_to_classes(apps, schema_editor):
    for name in ("Term", "Publication"):
        _rewrite(apps.get_model("terms", name), STYLED_CELL, r'<\1 class="align-\2">')


def classes_to_styles(apps, schema_editor):
    for name in ("Term", "Publication"):
        _rewrite(apps.get_model("terms", name), CLASSED_CELL, r'<\1 style="text-align:\2">')


class Migration(migrations.Migration):
    dependencies = [
        ("terms", "0012_gin_indexes_without_pending_list"),
    ]

    operations = [
        migrations.RunPython(styles_to_classes, classes_to_styles, elidable=True),
    ]

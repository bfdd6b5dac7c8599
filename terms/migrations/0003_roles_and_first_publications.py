"""Writer and Editor groups with their permissions, and publications for terms that were
published before the workflow existed."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = {
    "terms": [
        "add_term", "change_term", "view_term", "delete_term",
        "view_category",
        "add_alias", "change_alias", "delete_alias", "view_alias",
        "add_relatedterm", "change_relatedterm", "delete_relatedterm", "view_relatedterm",
        "view_terminreview",
    ],
    "taggit": ["add_tag", "view_tag"],
}
EDITOR_EXTRA = {
    "terms": ["publish_term", "add_category", "change_category", "delete_category"],
    "taggit": ["change_tag", "delete_tag"],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, spec):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codenames in spec.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, "Writer", WRITER)
    grant(apps, "Editor", WRITER)
    grant(apps, "Editor", EDITOR_EXTRA)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor"]).delete()


def publish_existing(apps, schema_editor):
    Term = apps.get_model("terms", "Term")
    Publication = apps.get_model("terms", "Publication")
    PublicationAlias = apps.get_model("terms", "PublicationAlias")
    TaggedPublication = apps.get_model("terms", "TaggedPublication")
    TaggedTerm = apps.get_model("terms", "TaggedTerm")
    RelatedTerm = apps.get_model("terms", "RelatedTerm")
    for term in Term.objects.filter(status="published"):
        publication = Publication.objects.create(
            term=term,
            title=term.title,
            slug=term.slug,
            summary=term.summary,
            category_id=term.category_id,
            definition=term.definition,
            why_it_matters=term.why_it_matters,
            in_practice=term.in_practice,
            definition_html=term.definition_html,
            why_it_matters_html=term.why_it_matters_html,
            in_practice_html=term.in_practice_html,
            related_term_ids=list(
                RelatedTerm.objects.filter(term=term)
                .order_by("position", "pk")
                .values_list("related_id", flat=True)
            ),
            go_live_at=term.published_at or term.updated_at,
        )
        for alias in term.aliases.all():
            PublicationAlias.objects.create(publication=publication, name=alias.name, slug=alias.slug)
        for tagged in TaggedTerm.objects.filter(content_object=term):
            TaggedPublication.objects.create(content_object=publication, tag_id=tagged.tag_id)


class Migration(migrations.Migration):
    dependencies = [
        ("terms", "0002_workflow_and_publications"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]

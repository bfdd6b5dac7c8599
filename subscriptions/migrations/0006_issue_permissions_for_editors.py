"""Editors compose and send newsletter issues; writers get none of it.

Sending is its own permission (``send_issue``), so an operator can let someone compose issues
without letting them write to the whole list.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
EDITOR_PERMISSIONS = [
    "view_issue",
    "add_issue",
    "change_issue",
    "delete_issue",
    "send_issue",
    "view_issueterm",
    "add_issueterm",
    "change_issueterm",
    "delete_issueterm",
    "view_delivery",
    "view_suppression",
]


def grant_editor_permissions(apps, schema_editor):
    # Permissions are normally created after migrate; make sure these exist now.
    app_config = apps.get_app_config("subscriptions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="subscriptions", codename__in=EDITOR_PERMISSIONS
    )
    assert permissions.count() == len(EDITOR_PERMISSIONS), "newsletter issue permissions missing"
    editors.permissions.add(*permissions)


def revoke_editor_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITOR_GROUP).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="subscriptions", codename__in=EDITOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("subscriptions", "0005_newsletter_issues_deliveries_and_suppressions"),
    ]

    operations = [migrations.RunPython(grant_editor_permissions, revoke_editor_permissions)]

"""The call to action's starting copy, and the newsletter permissions for the "Editor" group.

Writers get nothing: subscribers are personal data and only editors may see them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
EDITOR_PERMISSIONS = [
    "view_subscriber",
    "change_subscriber",
    "delete_subscriber",
    "export_subscriber",
    "view_signupcopy",
    "change_signupcopy",
    "view_categorysignupline",
    "add_categorysignupline",
    "change_categorysignupline",
    "delete_categorysignupline",
]
DEFAULT_COPY = {
    "headline": "Get one clear AI term in your inbox every week",
    "line": "A short, plain-English explainer each week. No hype, no spam; leave in one click.",
    "button_label": "Subscribe",
}


def create_default_copy(apps, schema_editor):
    SignupCopy = apps.get_model("subscriptions", "SignupCopy")
    SignupCopy.objects.get_or_create(pk=1, defaults=DEFAULT_COPY)


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
    assert permissions.count() == len(EDITOR_PERMISSIONS), "newsletter permissions missing"
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
        ("subscriptions", "0001_subscribers_and_call_to_action"),
    ]

    operations = [
        migrations.RunPython(create_default_copy, migrations.RunPython.noop),
        migrations.RunPython(grant_editor_permissions, revoke_editor_permissions),
    ]

"""The roles the migrations make (groups and their permissions), made again for transactional
tests: another transactional test may have emptied the database before them (pytest-django
runs those after all the others, and each ends with a flush)."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission

# Every data migration that makes a role or gives it permissions, in migration order
# (subscriptions 0002's newsletter permissions by hand below: some of its models are gone).
ROLE_MIGRATIONS = (
    ("terms.migrations.0003_roles_and_first_publications", "create_roles"),
    ("subscriptions.migrations.0006_issue_permissions_for_editors", "grant_editor_permissions"),
    ("terms.migrations.0020_term_imports", "grant_import_permissions"),
    ("terms.migrations.0023_search_log", "grant_wanted_terms_to_editors"),
)


def ensure_roles() -> None:
    if Group.objects.filter(name="Editor").exists():
        return
    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    newsletter = importlib.import_module(
        "subscriptions.migrations.0002_default_copy_and_editor_permissions"
    )
    Group.objects.get(name=newsletter.EDITOR_GROUP).permissions.add(
        *Permission.objects.filter(
            content_type__app_label="subscriptions", codename__in=newsletter.EDITOR_PERMISSIONS
        )
    )
